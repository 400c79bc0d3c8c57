"""Atom feeds per kommun and per promise: activities and published reports of public
promises only."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from django.urls import reverse

from .test_pages import _log, _publish_report
from .test_pages import promise as promise  # noqa: F401 - the fixture
from .test_views import _promise

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    # Our own feed, not untrusted input.
    root = ET.fromstring(response.content)  # noqa: S314
    return root.findall(f"{ATOM}entry")


def test_it_lists_new_activities_and_published_reports_of_a_promise(
    client,
    promise,  # noqa: F811
):
    _log(promise, 2, kind="Trygghetsvandring", description="Tio deltog.")
    report = _publish_report(promise)
    entries = _entries(
        client.get(reverse("publishing:promise_feed", args=[promise.uid]))
    )
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[0] == "Uppföljningsrapport: Uppföljning 2025"
    assert sorted(titles[1:]) == [
        "2026-02-28: Trygghetsvandring i Centrum",
        "2026-03-01: Trygghetsvandring i Centrum",
    ]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links[0].endswith(reverse("followup:public_report", args=[report.uid]))
    assert "#aktivitet-" in links[1]
    assert "Tio deltog." in entries[1].findtext(f"{ATOM}summary")


def test_it_leaves_drafts_and_unpublished_reports_out_of_the_kommun_feed(
    client,
    superuser,
    kalmar,
    promise,  # noqa: F811
):
    from medborgarloften.followup.services.reports import report_create

    draft = _promise(
        superuser,
        [kalmar],
        title="Utkast",
        status="adopted",
        period_start=dt.date(2025, 1, 1),
    )
    _log(draft, 1, kind="Hemlig aktivitet")
    _log(promise, 1, kind="Öppen aktivitet")
    report_create(
        promise=promise,
        title="Ej publicerad",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 6, 30),
    )
    response = client.get(reverse("publishing:kommun_feed", args=["0880"]))
    text = response.content.decode()
    assert [e.findtext(f"{ATOM}title") for e in _entries(response)] == [
        "2026-03-01: Öppen aktivitet i Centrum"
    ]
    assert "Hemlig" not in text and "Ej publicerad" not in text
    assert "Medborgarlöften i Kalmar kommun" in text


def test_it_refuses_the_feed_of_a_promise_that_is_not_public(client, superuser, kalmar):
    draft = _promise(superuser, [kalmar], status="adopted")
    url = reverse("publishing:promise_feed", args=[draft.uid])
    assert client.get(url).status_code == 404


def test_it_reads_a_feed_in_a_fixed_number_of_queries(
    client,
    superuser,
    kalmar,
    promise,
    django_assert_max_num_queries,  # noqa: F811
):
    _log(promise, 10)
    _log(promise, 10, number=1, day=dt.date(2026, 2, 1))
    _publish_report(promise)
    with django_assert_max_num_queries(3):  # kommun, activities, reports
        client.get(reverse("publishing:kommun_feed", args=["0880"]))
