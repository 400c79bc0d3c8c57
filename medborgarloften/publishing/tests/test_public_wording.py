"""What a new visitor reads on the public pages: the kommun search without å/ä/ö,
the start page's title, English pages without Swedish left in them, an ended
promise, the empty feed."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from medborgarloften.places.models import Organisation, OrganisationKind

from ..selectors import kommun_finder
from .test_views import _promise

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_cities(county_kalmar):
    for code, name in (("1480", "Göteborg"), ("1280", "Malmö"), ("0180", "Stockholm")):
        Organisation.objects.create(
            kind=OrganisationKind.KOMMUN, code=code, name=name, county=county_kalmar
        )


@pytest.mark.parametrize(
    ("query", "code"),
    [("goteborg", "1480"), ("Malmo", "1280"), ("GÖTEBORG", "1480"), ("malmö", "1280")],
)
def test_the_kommun_search_finds_names_typed_without_a_a_o(big_cities, query, code):
    assert [e.kommun.code for e in kommun_finder(query=query).matches] == [code]


def test_a_name_as_written_comes_before_the_names_without_diacritics(big_cities):
    # "malm" is in Malmö as written: the exact match; "sto" only in Stockholm
    assert [e.kommun.code for e in kommun_finder(query="malm").matches] == ["1280"]
    assert [e.kommun.code for e in kommun_finder(query="Sto").matches] == ["0180"]


def test_the_start_page_search_shows_goteborg_for_goteborg(client, big_cities):
    html = client.get(reverse("publishing:home"), {"q": "goteborg"}).content.decode()
    assert "Ingen kommun matchar sökningen" not in html
    assert reverse("publishing:kommun", args=["1480"]) in html


def test_the_start_page_title_names_the_site_once(client, db):
    html = client.get(reverse("publishing:home")).content.decode()
    assert "<title>Medborgarlöften</title>" in html
    other = client.get(reverse("publishing:accessibility")).content.decode()
    assert "– Medborgarlöften</title>" in other  # the other pages keep the suffix


def test_an_empty_kommun_feed_dates_itself_the_same_on_every_fetch(client, kalmar):
    from django.core.cache import caches

    url = reverse("publishing:kommun_feed", args=[kalmar.code])
    first = client.get(url).content.decode()
    for alias in ("pages", "pages_version", "fragments"):
        caches[alias].clear()  # a fetch that builds the feed anew, a moment later
    time.sleep(1.1)  # the feed's time is written to the second
    later = client.get(url).content.decode()
    updated = re.findall(r"<updated>([^<]+)</updated>", first)
    assert updated and updated == re.findall(r"<updated>([^<]+)</updated>", later)
    assert "<entry>" not in first


def test_an_ended_promise_invites_no_input_and_speaks_of_missing_reports_in_the_past(
    client, superuser, kalmar, lpo_kalmar, kommun_editor
):
    ended = _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Tryggt förr",
        status="closed",
        period_start=dt.date(2020, 1, 1),
        period_end=dt.date(2022, 12, 31),
        reports_per_period=2,
    )
    html = client.get(reverse("publishing:promise", args=[ended.uid])).content.decode()
    assert "Tyck till om löftet" not in html
    assert "är inte publicerad än" not in html
    assert "publicerades inte" in html
    assert "Nästa uppföljningsrapport" not in html
    widget = client.get(reverse("publishing:embed", args=[ended.uid])).content.decode()
    assert "är inte publicerad än" not in widget and "publicerades inte" in widget


def test_a_running_promise_still_invites_input(client, superuser, kalmar, lpo_kalmar):
    running = _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Tryggt nu",
        period_start=dt.date(2020, 1, 1),
        period_end=timezone.localdate() + dt.timedelta(days=400),
        reports_per_period=2,
    )
    html = client.get(
        reverse("publishing:promise", args=[running.uid])
    ).content.decode()
    assert "Tyck till om löftet" in html
    assert "är inte publicerad än" in html


def test_a_term_is_named_in_the_pages_language(monkeypatch):
    """'VT 2025' showed on the English promise page: a term's label goes through a
    msgid of its own, so English reads 'spring 2025' (the English catalogue's
    translation stands in here as a lookup: the catalogue is built at merge)."""
    from medborgarloften.followup.templatetags import followup as tags

    english = {"VT %(year)s": "spring %(year)s", "HT %(year)s": "autumn %(year)s"}
    assert tags.period_label("VT 2025") == "VT 2025"  # Swedish as it was
    monkeypatch.setattr(tags, "gettext", lambda text: english.get(text, text))
    assert tags.period_label("VT 2025") == "spring 2025"
    assert tags.period_label("HT 2025 · Centrum") == "autumn 2025 · Centrum"
    assert tags.period_label("2026-v05") == "2026-v05"
    assert tags.period_label("2025") == "2025"
