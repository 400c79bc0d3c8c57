"""Answers limited by what a respondent cannot shed, nobody locked out by others'
posts, and suspected stuffing reported to the survey's owner (issue #13 M4)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from medborgarloften.situation.models import SurveyAlert, SurveyResponse
from medborgarloften.situation.surveys import limits
from medborgarloften.situation.surveys.services import survey_create, survey_publish

from .survey_helpers import answer, form_token, open_survey

IP = "203.0.113.77"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def survey(kalmar):
    return open_survey(kalmar)


def _answer(client, survey, *, ip=IP, token=None, drop_cookies=True, **data):
    """One answer as a script that drops its cookies would send it."""
    if drop_cookies:
        client.cookies.clear()
    data.setdefault(f"q{answer(survey)}", "mycket_otrygg")
    data["form_token"] = form_token(survey) if token is None else token
    return client.post(f"/enkat/{survey.token}/", data, REMOTE_ADDR=ip)


def _token_in(response) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode())[1]


@pytest.mark.django_db
def test_dropping_cookies_does_not_get_past_the_address_allowance(
    client, survey, settings
):
    settings.SURVEY_ANSWERS_PER_ADDRESS = 3
    for _ in range(3):
        assert _answer(client, survey).status_code == 302
    refused = _answer(client, survey)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "Många svar har kommit från samma nätverk" in refused.content.decode()
    assert SurveyResponse.objects.count() == 3
    # A respondent elsewhere is not held back.
    assert _answer(client, survey, ip="198.51.100.20").status_code == 302
    assert SurveyResponse.objects.count() == 4


@pytest.mark.django_db
def test_one_ipv6_64_is_one_address_and_one_48_one_network(client, survey, settings):
    settings.SURVEY_ANSWERS_PER_ADDRESS = 2
    settings.SURVEY_ANSWERS_PER_NETWORK = 3
    home = ["2001:db8:1:1::10", "2001:db8:1:1:ffff::99"]  # one /64: one home
    for ip in home:
        assert _answer(client, survey, ip=ip).status_code == 302
    assert _answer(client, survey, ip="2001:db8:1:1::77").status_code == 429
    # Another /64 of the same /48 has its own address allowance, but the network's
    # is shared: a third answer from the /48 is its last.
    assert _answer(client, survey, ip="2001:db8:1:2::1").status_code == 302
    assert _answer(client, survey, ip="2001:db8:1:3::1").status_code == 429
    assert _answer(client, survey, ip="2001:db8:2::1").status_code == 302
    assert SurveyResponse.objects.count() == 4


@pytest.mark.django_db
def test_empty_posts_from_many_addresses_lock_nobody_out(client, survey):
    # The attack that once locked real respondents out for ten minutes.
    for i in range(301):
        empty = client.post(
            f"/enkat/{survey.token}/",
            {"form_token": form_token(survey)},
            REMOTE_ADDR=f"192.0.2.{i % 16}",
        )
        assert empty.status_code == 400
    assert _answer(client, survey, ip="198.51.100.7").status_code == 302
    # Nor are the addresses that sent them: invalid posts cost no allowance.
    assert _answer(client, survey, ip="192.0.2.3").status_code == 302
    assert SurveyResponse.objects.count() == 2


@pytest.mark.django_db
def test_a_burst_shrinks_the_allowances_but_each_phone_still_answers(
    client, survey, settings
):
    settings.SURVEY_ANSWERS_PER_ADDRESS = 10
    settings.SURVEY_LOAD_ANSWERS = 5
    for i in range(6):  # six networks: the survey is now under load
        assert _answer(client, survey, ip=f"198.51.{i}.1").status_code == 302
    assert limits.under_load(survey)
    assert SurveyAlert.objects.get(reason="load").count == 1
    # One address may now store two an hour (a fifth of ten), and has one already.
    assert _answer(client, survey, ip="198.51.0.1").status_code == 302
    assert _answer(client, survey, ip="198.51.0.1").status_code == 429
    # Someone answering for the first time is never refused.
    assert _answer(client, survey, ip="203.0.113.200").status_code == 302
    assert SurveyResponse.objects.count() == 8


@pytest.mark.django_db
def test_it_refuses_an_answer_without_a_valid_token(client, survey, kalmar):
    forged = _answer(client, survey, token="eyJzIjoxfQ:forged")
    missing = _answer(client, survey, token="")
    other_survey = _answer(client, survey, token=form_token(open_survey(kalmar)))
    for response in (forged, missing, other_survey):
        assert response.status_code == 400
        assert "Formuläret gick inte att läsa" in response.content.decode()
    assert not SurveyResponse.objects.exists()
    # The page comes back with a fresh token, so a person can simply send again.
    monkey_age = form_token(survey, age=0)
    assert _token_in(missing) != monkey_age


@pytest.mark.django_db
def test_an_answer_sent_at_once_is_refused_until_a_person_could_have_read_it(
    client, survey, monkeypatch
):
    page = client.get(f"/enkat/{survey.token}/", REMOTE_ADDR=IP)
    token = _token_in(page)
    fast = _answer(client, survey, token=token, drop_cookies=False)
    assert fast.status_code == 400
    assert "Svaret kom väldigt snabbt" in fast.content.decode()
    assert not SurveyResponse.objects.exists()
    # The page keeps its token: the time already spent counts when sent again.
    assert _token_in(fast) == token
    later = limits.now() + limits.min_fill_seconds()
    monkeypatch.setattr(limits, "now", lambda: later)
    assert _answer(client, survey, token=token, drop_cookies=False).status_code == 302
    assert SurveyResponse.objects.count() == 1


@pytest.mark.django_db
def test_an_expired_page_asks_to_send_again_without_storing(
    client, survey, monkeypatch
):
    token = form_token(survey)
    later = limits.now() + limits.TOKEN_MAX_AGE + 1
    monkeypatch.setattr(limits, "now", lambda: later)
    response = _answer(client, survey, token=token)
    assert response.status_code == 400
    assert "Sidan var öppen länge" in response.content.decode()
    assert not SurveyResponse.objects.exists()


@pytest.mark.django_db
def test_one_page_view_stores_one_answer_however_often_it_is_sent(client, survey):
    token = form_token(survey)
    for _ in range(5):  # a double click, or a script replaying one page
        assert _answer(client, survey, token=token).status_code == 302
    assert SurveyResponse.objects.count() == 1


@pytest.mark.django_db
def test_a_refused_answer_keeps_its_token_for_the_correction(client, survey):
    token = form_token(survey)
    client.cookies.clear()
    wrong = client.post(
        f"/enkat/{survey.token}/", {"form_token": token, "gender": "man"}
    )
    assert (
        wrong.status_code == 400 and "svara på minst en fråga" in wrong.content.decode()
    )
    assert _token_in(wrong) == token
    assert _answer(client, survey, token=token, drop_cookies=False).status_code == 302
    assert SurveyResponse.objects.count() == 1


@pytest.mark.django_db
def test_a_filled_honeypot_counts_against_the_address_and_is_reported(
    client, survey, settings
):
    settings.SURVEY_ANSWERS_PER_ADDRESS = 2
    for _ in range(2):
        assert _answer(client, survey, website="http://spam").status_code == 302
    assert not SurveyResponse.objects.exists()
    assert _answer(client, survey).status_code == 429
    assert {a.reason: a.count for a in SurveyAlert.objects.all()} == {
        "honeypot": 2,
        "address": 1,
    }


@pytest.mark.django_db
def test_suspected_stuffing_is_shown_and_mailed_to_the_surveys_owner(
    client,
    kommun_editor,
    kalmar,
    settings,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    import datetime as dt

    from django.utils import timezone

    kommun_editor.email = "samordnare@kalmar.se"
    kommun_editor.save()
    survey = survey_publish(
        survey=survey_create(
            kommun=kalmar,
            title="Trygghet i Kalmar",
            year=timezone.localdate().year,
            closes_on=timezone.localdate() + dt.timedelta(days=30),
            bank_keys=["otrygg_kvall"],
            actor=kommun_editor,
        )
    )
    settings.SURVEY_ANSWERS_PER_ADDRESS = 1
    settings.SURVEY_ALERT_MAIL_AFTER = 3
    with django_capture_on_commit_callbacks(execute=True):
        assert _answer(client, survey).status_code == 302
        for _ in range(4):
            assert _answer(client, survey).status_code == 429
        assert _answer(client, survey, token="").status_code == 400
    assert len(mailoutbox) == 1  # once a day, however many follow
    mail = mailoutbox[0]
    assert mail.to == ["samordnare@kalmar.se"]
    assert "Trygghet i Kalmar" in mail.subject
    assert re.search(
        r"- Spärrade: för många svar från samma adress eller nät: \d", mail.body
    )
    assert f"/personal/lagesbild/0880/enkater/{survey.pk}/" in mail.body
    assert IP not in mail.body
    client.force_login(kommun_editor)
    page = client.get(f"/personal/lagesbild/0880/enkater/{survey.pk}/").content.decode()
    assert "Misstänkta massvar" in page
    assert "för många svar från samma adress eller nät</td><td>4<" in page
    assert "formulär utan giltig nyckel eller skickat två gånger</td><td>1<" in page
    # Counts only: no address, no time of day.
    assert IP not in repr(list(SurveyAlert.objects.values_list()))


@pytest.mark.django_db
def test_a_survey_without_suspicion_shows_no_alert(client, kommun_viewer, survey):
    assert _answer(client, survey).status_code == 302
    client.force_login(kommun_viewer)
    page = client.get(f"/personal/lagesbild/0880/enkater/{survey.pk}/").content.decode()
    assert "data-survey-alerts" not in page


@pytest.mark.django_db
def test_without_anyone_to_tell_the_mail_waits_for_an_address(
    client,
    survey,
    kommun_editor,
    settings,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    settings.SURVEY_ALERT_MAIL_AFTER = 1
    kommun_editor.email = ""
    kommun_editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert _answer(client, survey, token="").status_code == 400
    assert mailoutbox == []
    kommun_editor.email = "redaktor@kalmar.se"  # no creator: the kommun's editors
    kommun_editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert _answer(client, survey, token="").status_code == 400
    assert [m.to for m in mailoutbox] == [["redaktor@kalmar.se"]]
