"""Last-Modified is the last change of the data shown, never the time a page was
built (open-data review: it said "now", so it moved every five minutes and no
client could revalidate with If-Modified-Since)."""

from __future__ import annotations

import datetime as dt
import time
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from medborgarloften.cases.models import Case, CaseSource
from medborgarloften.cases.services import case_create, case_moderate
from medborgarloften.publishing import pagestore

from .test_pages import _log
from .test_pages import promise as promise  # noqa: F401 - the fixture

ATOM = "{http://www.w3.org/2005/Atom}"


def _rebuilt_later(client, url, monkeypatch, **headers):
    """The page built again an hour later, its data unchanged."""
    caches["pages"].clear()
    later = time.time() + 3600
    monkeypatch.setattr(pagestore, "clock", lambda: later)
    monkeypatch.setattr(time, "time", lambda: later)
    try:
        return client.get(url, **headers)
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize(
    "url",
    [
        lambda p: reverse("publishing:promise", args=[p.uid]),
        lambda p: reverse("publishing:kommun", args=["0880"]),
        lambda p: "/api/v1/promises",
        lambda p: "/api/v1/activities.csv",
    ],
)
def test_a_rebuilt_page_keeps_the_last_change_of_its_data(
    client,
    promise,  # noqa: F811
    monkeypatch,
    url,
):
    url = url(promise)
    first = client.get(url)
    assert first.status_code == 200
    changed = parse_http_date(first["Last-Modified"])
    assert changed <= time.time()
    again = _rebuilt_later(client, url, monkeypatch)
    assert again["Last-Modified"] == first["Last-Modified"]
    since = _rebuilt_later(
        client, url, monkeypatch, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert since.status_code == 304
    # A change to what the page shows moves it on.
    time.sleep(1.1)
    _log(promise, 1, kind="Ny aktivitet")
    after = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert after.status_code == 200
    assert parse_http_date(after["Last-Modified"]) > changed


def test_a_feed_is_as_new_as_its_newest_entry(
    client,
    promise,  # noqa: F811
    monkeypatch,
):
    _log(promise, 2)
    url = reverse("publishing:promise_feed", args=[promise.uid])
    response = _rebuilt_later(client, url, monkeypatch)
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
    updated = dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
    assert response["Last-Modified"] == http_date(updated.timestamp())


def test_the_catalogue_and_the_cases_say_their_data_s_last_change(
    client,
    kalmar,
    kommun_editor,
    promise,  # noqa: F811
):
    case = case_create(kommun=kalmar, source=CaseSource.FORM, theme="trafik", text="x")
    case_moderate(actor=kommun_editor, case=case, publish=True)
    Case.objects.update(updated_at=dt.datetime(2026, 5, 4, 3, 2, 1, tzinfo=dt.UTC))
    for url in ("/api/v1/cases", "/api/v1/cases.csv"):
        response = client.get(url)
        assert response["Last-Modified"] == "Mon, 04 May 2026 03:02:01 GMT"
        since = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert since.status_code == 304
    catalogue = client.get("/api/v1/dcat.jsonld")
    modified = dt.datetime.fromisoformat(catalogue.json()["dcterms:modified"]["@value"])
    assert catalogue["Last-Modified"] == http_date(modified.timestamp())
    since = client.get(
        "/api/v1/dcat.ttl", HTTP_IF_MODIFIED_SINCE=catalogue["Last-Modified"]
    )
    assert since.status_code == 304


def test_a_page_built_on_a_new_day_is_no_older_than_that_day(
    client,
    promise,  # noqa: F811
    monkeypatch,
):
    """A page says what is current today (a report due, a promise ended): the next
    day it is another page though its data did not change, so a client that asks
    with yesterday's If-Modified-Since gets the new page, not a 304."""
    url = reverse("publishing:promise", args=[promise.uid])
    first = client.get(url)
    changed = parse_http_date(first["Last-Modified"])
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    later = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert later.status_code == 200
    midnight = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))
    assert parse_http_date(later["Last-Modified"]) == int(midnight.timestamp())
    assert parse_http_date(later["Last-Modified"]) > changed
    # Asked again that day with its own date, it is unchanged.
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=later["Last-Modified"])
    assert again.status_code == 304
