"""The public answering pages and the staff survey pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from medborgarloften.situation.models import (
    Survey,
    SurveyAnswer,
    SurveyResponse,
    SurveyResult,
)

from .survey_helpers import answer, form_token, open_survey

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 14; Spion-Telefon 9000)"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _url(survey, suffix=""):
    return f"/enkat/{survey.token}/{suffix}"


def _post(client, survey, *, ip=IP, **data):
    """Post an answer as a browser does: with the token of a page shown a minute ago."""
    data.setdefault("form_token", form_token(survey))
    return client.post(_url(survey), data, REMOTE_ADDR=ip, HTTP_USER_AGENT=AGENT)


@pytest.mark.django_db
def test_it_shows_the_survey_to_anyone_without_an_account(client, kalmar, areas):
    survey = open_survey(kalmar, areas=[areas["Norrliden"]])
    page = client.get(_url(survey)).content.decode()
    assert "Hur trygg känner du dig om du går ut ensam sent en kväll" in page
    assert "Om dig (frivilligt)" in page and "Norrliden" in page
    assert 'name="website"' in page  # the honeypot


@pytest.mark.django_db
def test_it_hides_a_draft(client, kalmar):
    survey = open_survey(kalmar)
    Survey.objects.filter(pk=survey.pk).update(published_at=None)
    assert client.get(_url(survey)).status_code == 404


@pytest.mark.django_db
def test_it_saves_the_answer_before_thanking(client, kalmar, areas):
    survey = open_survey(kalmar, areas=[areas["Norrliden"]])
    response = _post(
        client,
        survey,
        **{f"q{answer(survey)}": "ganska_otrygg"},
        area=areas["Norrliden"].pk,
        gender="kvinnor",
        age_group="25-44",
    )
    assert response.status_code == 302 and response["Location"].endswith("/tack/")
    stored = SurveyResponse.objects.get()
    assert (stored.area, stored.gender, stored.age_group) == (
        areas["Norrliden"],
        "kvinnor",
        "25-44",
    )
    assert SurveyAnswer.objects.get().value == "ganska_otrygg"
    assert "Tack för ditt svar" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_it_stores_no_ip_address_user_agent_or_time_of_day(client, kalmar):
    survey = open_survey(kalmar)
    _post(client, survey, **{f"q{answer(survey)}": "mycket_trygg"})
    names = {f.name for f in SurveyResponse._meta.get_fields()} | {
        f.name for f in SurveyAnswer._meta.get_fields()
    }
    assert not names & {
        "ip",
        "ip_address",
        "user_agent",
        "user",
        "session",
        "created_at",
    }
    for model in (SurveyResponse, SurveyAnswer):
        dump = repr(list(model.objects.values_list()))  # every stored column
        assert IP not in dump and "Spion-Telefon" not in dump
    # Nor in the session, which only says that this browser has answered.
    from django.contrib.sessions.models import Session

    for session in Session.objects.all():
        decoded = repr(session.get_decoded())
        assert IP not in decoded and "Spion" not in decoded


@pytest.mark.django_db
def test_it_takes_one_answer_per_browser_session(client, kalmar):
    survey = open_survey(kalmar)
    _post(client, survey, **{f"q{answer(survey)}": "mycket_trygg"})
    again = _post(client, survey, **{f"q{answer(survey)}": "mycket_otrygg"})
    assert again.status_code == 200
    assert "Du har redan svarat" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


@pytest.mark.django_db
def test_it_drops_a_filled_honeypot_silently(client, kalmar):
    survey = open_survey(kalmar)
    response = _post(
        client, survey, **{f"q{answer(survey)}": "mycket_trygg"}, website="spam"
    )
    assert response.status_code == 302
    assert SurveyResponse.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_answers_after_closing_with_a_message(client, kalmar):
    survey = open_survey(kalmar)
    Survey.objects.filter(pk=survey.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    response = _post(client, survey, **{f"q{answer(survey)}": "mycket_trygg"})
    assert response.status_code == 410
    assert "Enkäten stängde" in response.content.decode()
    assert SurveyResponse.objects.count() == 0


@pytest.mark.django_db
def test_it_asks_for_at_least_one_answer(client, kalmar):
    survey = open_survey(kalmar)
    response = _post(client, survey, gender="man")
    assert response.status_code == 400
    assert "svara på minst en fråga" in response.content.decode()


@pytest.mark.django_db
def test_it_lets_an_editor_build_publish_and_export(client, kommun_editor, areas):
    client.force_login(kommun_editor)
    closes = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    response = client.post(
        "/personal/lagesbild/0880/enkater/ny/",
        {
            "kind": "enkat",
            "title": "Trygghet i Kalmar",
            "year": 2026,
            "closes_on": closes,
            "bank_keys": ["otrygg_kvall", "tillit"],
            "own_questions": "Går du ofta i stadsparken?\nJa\nNej\n",
            "areas": [areas["Norrliden"].pk],
        },
    )
    assert response.status_code == 302, response.content.decode()
    survey = Survey.objects.get()
    assert survey.questions.count() == 3
    detail = response["Location"]
    client.post(f"{detail}publicera/")
    survey.refresh_from_db()
    assert survey.published_at is not None
    page = client.get(detail).content.decode()
    assert f"/enkat/{survey.token}/" in page
    qr = client.get(f"{detail}qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    client.logout()
    for _ in range(5):
        client.cookies.clear()
        _post(client, survey, **{f"q{answer(survey)}": "mycket_otrygg"})
    client.force_login(kommun_editor)
    page = client.get(detail).content.decode()
    assert "data-response-count>5<" in page
    client.post(f"{detail}till-lagesbild/")
    assert (
        SurveyResult.objects.get(
            area=None, indicator="otrygg_kvall", gender="alla", age_group="alla"
        ).share
        == 100.0
    )


@pytest.mark.django_db
def test_it_lets_viewers_read_but_not_build(
    client, kommun_viewer, other_kommun_editor, kalmar
):
    survey = open_survey(kalmar)
    client.force_login(kommun_viewer)
    assert (
        client.get(f"/personal/lagesbild/0880/enkater/{survey.pk}/").status_code == 200
    )
    assert client.get("/personal/lagesbild/0880/enkater/ny/").status_code == 403
    assert (
        client.post(
            f"/personal/lagesbild/0880/enkater/{survey.pk}/till-lagesbild/"
        ).status_code
        == 403
    )
    client.force_login(other_kommun_editor)
    assert (
        client.get(f"/personal/lagesbild/0880/enkater/{survey.pk}/").status_code == 403
    )


@pytest.mark.django_db
def test_it_answers_the_public_page_within_a_query_budget(
    client, kalmar, areas, django_assert_max_num_queries
):
    survey = open_survey(kalmar, areas=list(areas.values()))
    walk = open_survey(kalmar, kind="vandring", keys=[], areas=list(areas.values()))
    for current in (survey, walk):
        with django_assert_max_num_queries(4):
            assert client.get(_url(current)).status_code == 200


@pytest.mark.django_db
def test_the_results_page_hides_a_count_that_would_give_a_small_area_away(
    client, kommun_viewer, kalmar, areas
):
    from medborgarloften.situation.surveys.services import survey_response_submit

    survey = open_survey(kalmar, areas=[areas["Norrliden"], areas["Oxhagen"]])
    for area, n in ((areas["Norrliden"], 6), (areas["Oxhagen"], 2)):
        for _ in range(n):
            survey_response_submit(
                survey=survey, answers={answer(survey): "mycket_trygg"}, area=area
            )
    client.force_login(kommun_viewer)
    page = client.get(f"/personal/lagesbild/0880/enkater/{survey.pk}/").content.decode()
    assert "data-response-count>8<" in page
    rows = re.findall(r"<tr><td>(Norrliden|Oxhagen)</td><td>(.*?)</td></tr>", page)
    assert rows[:2] == [
        (
            "Norrliden",
            '<span title="Dold så att en grupp med färre än 5 inte kan '
            'räknas fram">dold</span>',
        ),
        ("Oxhagen", "färre än 5"),
    ]
    assert "<td>6</td>" not in page


@pytest.mark.django_db
def test_an_optional_field_says_so_once(client, kalmar, areas):
    walk = open_survey(kalmar, kind="vandring", keys=[], areas=list(areas.values()))
    page = client.get(_url(walk)).content.decode()
    label = re.search(r'<label for="id_comment">(.*?)</label>', page, re.S)
    assert label, "no label for the comment"
    text = re.sub(r"<[^>]+>", "", label[1])
    assert text.count("valfritt") + text.count("frivilligt") == 1, text


@pytest.mark.django_db
def test_bank_questions_are_translated_and_own_questions_kept(kalmar, areas):
    from unittest import mock

    from medborgarloften.situation.surveys import bank
    from medborgarloften.situation.surveys.bank import AGE_GROUPS, GENDERS
    from medborgarloften.situation.surveys.forms import SurveyAnswerForm

    survey = open_survey(kalmar, areas=[areas["Norrliden"]])
    own = survey.questions.create(
        text="Hur trygg känner du dig i parken?",
        options=[["s1", "Mycket trygg"]],
        position=99,
    )
    with mock.patch.object(bank, "gettext", lambda text: f"EN:{text}"):
        form = SurveyAnswerForm(survey=survey)
    from_bank = form.fields[f"q{answer(survey)}"]
    assert str(from_bank.label).startswith("EN:Hur trygg")
    assert all(str(label).startswith("EN:") for _v, label in from_bank.choices)
    assert form.fields[f"q{own.pk}"].label == "Hur trygg känner du dig i parken?"
    assert form.fields[f"q{own.pk}"].choices == [("s1", "Mycket trygg")]
    # The background answers are translatable strings, not fixed Swedish.
    assert all(
        hasattr(label, "_proxy____args") or not isinstance(label, str)
        for _v, label in [*GENDERS, *AGE_GROUPS]
    )
