"""The lägesbild on a phone and on a desktop: the EST category tiles never split a
word, the weekly list becomes one card per report on a phone (nothing cut off), and
the period field is a real text field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from medborgarloften.places.models import Area
from medborgarloften.situation.services import observation_create

SIZES = [(360, 740), (390, 844), (1366, 900)]


def _log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def sized_page(browser, request):
    width, height = request.param
    context = browser.new_context(
        locale="sv-SE", viewport={"width": width, "height": height}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


#: Lines a label's text is drawn on, per word: a word drawn on two lines was split.
SPLIT_WORDS = """(() => Array.from(document.querySelectorAll('.tiles label')).flatMap(label => {
  const text = label.firstChild, out = [];
  let at = 0;
  for (const word of text.textContent.split(/\\s+/)) {
    const start = text.textContent.indexOf(word, at); at = start + word.length;
    const range = document.createRange();
    range.setStart(text, start); range.setEnd(text, start + word.length);
    const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
    if (tops.size > 1) out.push(word);
  }
  return out;
}))()"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sized_page", SIZES, indirect=True)
def test_the_category_tiles_never_split_a_word(
    live_server, sized_page, kalmar, kommun_reporter
):
    page = sized_page
    _log_in(page, live_server, kommun_reporter)
    page.goto(f"{live_server.url}/personal/lagesbild/0880/rapportera/")
    page.locator(".tiles label").first.wait_for()
    assert page.evaluate(SPLIT_WORDS) == []
    assert (
        page.evaluate("document.documentElement.scrollWidth")
        <= page.viewport_size["width"]
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sized_page", [(390, 844)], indirect=True)
def test_the_weekly_list_is_one_card_per_report_on_a_phone(
    live_server, sized_page, kalmar, kommun_viewer
):
    page = sized_page
    area = Area.objects.create(kommun=kalmar, name="Testgärdet")
    when = timezone.now() - dt.timedelta(hours=2)
    observation_create(
        kommun=kalmar,
        category="nedskrapning",
        observed_at=when,
        area=area,
        text="Skräp längs hela gångvägen mellan skolan och busshållplatsen.",
    )
    _log_in(page, live_server, kommun_viewer)
    week = timezone.localtime(when).isocalendar()
    page.goto(
        f"{live_server.url}/personal/lagesbild/0880/vecka/"
        f"?period={week.year}-W{week.week:02d}"
    )
    cell = page.locator("td", has_text="Skräp längs hela gångvägen")
    cell.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    wrap = page.locator(".table-wrap").first
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth")
    box = cell.bounding_box()
    assert box["width"] > 300  # the description has the whole width
    assert "Beskrivning" in cell.evaluate(
        "e => getComputedStyle(e, '::before').content"
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sized_page", [(390, 844), (1366, 900)], indirect=True)
def test_the_period_field_is_a_text_field_with_recent_periods(
    live_server, sized_page, kalmar, kommun_viewer
):
    page = sized_page
    _log_in(page, live_server, kommun_viewer)
    page.goto(f"{live_server.url}/personal/lagesbild/0880/karta/?period=2024")
    field = page.get_by_label("Period, till exempel", exact=False)
    assert field.input_value() == "2024"
    assert field.bounding_box()["width"] >= 150
    assert field.bounding_box()["height"] >= 36
    year = timezone.localdate().year
    options = page.locator("#id_period_choices option").evaluate_all(
        "os => os.map(o => o.value)"
    )
    assert str(year) in options and str(year + 1) not in options
