"""A resident answers a trygghetsundersökning on a phone, and the coordinator sees the
count rise; axe-core finds no serious or critical violations on the answering pages."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from medborgarloften.places.models import Area
from medborgarloften.situation.models import SurveyResponse, WalkPoint
from medborgarloften.situation.surveys.services import survey_response_submit
from medborgarloften.situation.tests.survey_helpers import answer, open_survey
from tests.browser.test_public_pages import _serious_violations

PASSWORD = "test-losenord-123"


def _square(lon: float, lat: float, size: float = 0.01) -> dict:
    ring = [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


class Clock:
    """The answer limits' clock (situation/surveys/limits.py), in the live server's
    thread too: it moves ``step`` seconds each time it is read, so a page is always
    old enough when its answer arrives, or stands still until ``advance``."""

    def __init__(self, step: float) -> None:
        self.time, self.step = 1_800_000_000.0, step

    def __call__(self) -> float:
        self.time += self.step
        return self.time

    def advance(self, seconds: float) -> None:
        self.time += seconds


@pytest.fixture
def person_speed(monkeypatch):
    from medborgarloften.situation.surveys import limits

    clock = Clock(step=limits.min_fill_seconds())
    monkeypatch.setattr(limits, "now", clock)
    return clock


@pytest.mark.django_db(transaction=True)
def test_it_answers_on_a_phone_and_the_staff_count_rises(
    live_server, phone_page, page, kalmar, kommun_editor, person_speed
):
    norrliden = Area.objects.create(
        kommun=kalmar, name="Norrliden", geometry=_square(16.33, 56.68)
    )
    survey = open_survey(kalmar, areas=[norrliden])
    for _ in range(5):
        survey_response_submit(survey=survey, answers={answer(survey): "mycket_trygg"})

    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kommun_editor")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r"/personal/$"))
    results = f"{live_server.url}/personal/lagesbild/0880/enkater/{survey.pk}/"
    page.goto(results)
    assert page.locator("[data-response-count]").inner_text() == "5"

    phone_page.goto(f"{live_server.url}/enkat/{survey.token}/")
    assert _serious_violations(phone_page) == []
    phone_page.get_by_role("group", name=re.compile("sent en kväll")).get_by_label(
        "Ganska otrygg"
    ).check()
    phone_page.get_by_label("Var bor du?").select_option(label="Norrliden")
    phone_page.get_by_label("Hur gammal är du?").select_option(label="25–44 år")
    phone_page.get_by_role("button", name="Skicka svar").click()
    phone_page.get_by_role("heading", name="Tack för ditt svar").wait_for()
    assert SurveyResponse.objects.count() == 6  # saved before the thank-you page
    assert _serious_violations(phone_page) == []

    # The same browser cannot answer twice.
    phone_page.goto(f"{live_server.url}/enkat/{survey.token}/")
    phone_page.get_by_text("Du har redan svarat").wait_for()

    page.goto(results)
    assert page.locator("[data-response-count]").inner_text() == "6"


@pytest.mark.django_db(transaction=True)
def test_it_marks_an_unsafe_place_by_tapping_the_map(
    live_server, browser, kalmar, person_speed
):
    oxhagen = Area.objects.create(
        kommun=kalmar, name="Oxhagen", geometry=_square(16.34, 56.68)
    )
    walk = open_survey(kalmar, kind="vandring", keys=[], areas=[oxhagen])
    context = browser.new_context(
        locale="sv-SE",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    try:
        phone = context.new_page()
        phone.set_default_timeout(15_000)
        phone.goto(f"{live_server.url}/enkat/{walk.token}/")
        assert _serious_violations(phone) == []
        canvas = phone.locator("#vandring-karta [data-map-canvas]")
        canvas.wait_for()
        box = canvas.bounding_box()
        phone.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        phone.get_by_text("Platsen är markerad: Oxhagen.", exact=False).wait_for()
        phone.get_by_label("Dålig belysning").check()
        phone.get_by_label("Berätta mer").fill("Mörk gångtunnel.")
        phone.get_by_role("button", name="Skicka").click()
        phone.get_by_role("heading", name="Tack för ditt svar").wait_for()
    finally:
        context.close()
    point = WalkPoint.objects.get()
    assert point.area == oxhagen
    assert abs(point.latitude - 56.685) < 0.002
    assert abs(point.longitude - 16.345) < 0.002


@pytest.mark.django_db(transaction=True)
def test_it_has_no_serious_violations_with_errors_or_when_closed(
    live_server, phone_page, kalmar
):
    import datetime as dt

    from django.utils import timezone

    from medborgarloften.situation.models import Survey

    survey = open_survey(kalmar)
    walk = open_survey(kalmar, kind="vandring", keys=[])
    found = {}
    for current in (survey, walk):
        phone_page.goto(f"{live_server.url}/enkat/{current.token}/")
        phone_page.get_by_role("button", name=re.compile("^Skicka")).click()
        phone_page.get_by_role("heading", name="Något behöver rättas").wait_for()
        found[f"{current.kind} errors"] = _serious_violations(phone_page)
    Survey.objects.filter(pk=survey.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    phone_page.goto(f"{live_server.url}/enkat/{survey.token}/")
    phone_page.get_by_text("Enkäten stängde").wait_for()
    found["closed"] = _serious_violations(phone_page)
    assert found == {"enkat errors": [], "vandring errors": [], "closed": []}


@pytest.mark.django_db(transaction=True)
def test_an_answer_sent_at_once_is_kept_on_the_page_and_goes_through_when_sent_again(
    live_server, phone_page, kalmar, monkeypatch
):
    from medborgarloften.situation.surveys import limits

    clock = Clock(step=0)  # a script's speed: no time passes between page and post
    monkeypatch.setattr(limits, "now", clock)
    survey = open_survey(kalmar)
    phone_page.goto(f"{live_server.url}/enkat/{survey.token}/")
    group = phone_page.get_by_role("group", name=re.compile("sent en kväll"))
    group.get_by_label("Ganska otrygg").check()
    phone_page.get_by_role("button", name="Skicka svar").click()
    phone_page.get_by_text("Svaret kom väldigt snabbt").wait_for()
    assert SurveyResponse.objects.count() == 0
    assert group.get_by_label("Ganska otrygg").is_checked()  # nothing to fill again
    assert _serious_violations(phone_page) == []
    clock.advance(limits.min_fill_seconds())  # the person reads the message
    phone_page.get_by_role("button", name="Skicka svar").click()
    phone_page.get_by_role("heading", name="Tack för ditt svar").wait_for()
    assert SurveyResponse.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_free_text_answer_becomes_a_case_from_the_results_page(
    live_server, phone_page, page, kalmar, kommun_editor, person_speed
):
    from medborgarloften.cases.models import Case
    from medborgarloften.situation.tests.survey_helpers import published_survey

    norrliden = Area.objects.create(
        kommun=kalmar, name="Norrliden", geometry=_square(16.33, 56.68)
    )
    survey = published_survey(
        kalmar, areas=[norrliden], text_questions=["Vad skulle göra dig tryggare?"]
    )

    phone_page.goto(f"{live_server.url}/enkat/{survey.token}/")
    phone_page.get_by_label("Vad skulle göra dig tryggare?").fill(
        "Lampan vid lekplatsen är trasig. Ring 070-765 43 21."
    )
    phone_page.get_by_label("Var bor du?").select_option(label="Norrliden")
    phone_page.get_by_role("button", name="Skicka svar").click()
    phone_page.get_by_role("heading", name="Tack för ditt svar").wait_for()
    assert _serious_violations(phone_page) == []

    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kommun_editor")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r"/personal/$"))
    page.goto(f"{live_server.url}/personal/lagesbild/0880/enkater/{survey.pk}/")
    answer_item = page.locator(".survey-text-answer")
    assert "Lampan vid lekplatsen är trasig." in answer_item.inner_text()
    answer_item.get_by_label("Tema").select_option("skadegorelse")
    answer_item.get_by_role("button", name="Gör till ärende").click()
    page.get_by_role("heading", name=re.compile("^Ärende")).wait_for()
    case = Case.objects.get()
    assert (case.source, case.theme, case.area) == ("survey", "skadegorelse", norrliden)
    assert "Enkät" in page.locator("main").inner_text()
    assert case.public_text == ""  # nothing public before moderation
