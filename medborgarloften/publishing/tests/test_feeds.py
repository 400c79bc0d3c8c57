"""Atom feeds per kommun and per promise: activities and published reports of public
promises only."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from django.urls import reverse
from django.utils import timezone

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
    assert links[0].endswith(reverse("publishing:report", args=[report.uid]))
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


# --- Text, authors and ids (issue #13 M5, M6; RFC 4287 and RFC 4151) --------------


def _root(response) -> ET.Element:
    assert response.status_code == 200, response.content[:300]
    return ET.fromstring(response.content)  # noqa: S314 - our own feed


def _feeds(promise) -> list[str]:
    return [
        reverse("publishing:kommun_feed", args=["0880"]),
        reverse("publishing:promise_feed", args=[promise.uid]),
    ]


def test_it_sends_what_staff_typed_as_text_never_as_html(
    client,
    promise,  # noqa: F811
):
    _log(promise, 1, description='<b>Fet</b> & <img src=x onerror="alert(1)">')
    for url in _feeds(promise):
        summary = _root(client.get(url)).find(f"{ATOM}entry/{ATOM}summary")
        assert summary.get("type") == "text"
        assert summary.text.endswith('<b>Fet</b> & <img src=x onerror="alert(1)">')


def test_it_names_an_author_as_rfc_4287_requires(
    client,
    promise,  # noqa: F811
    lpo_kalmar,
):
    from medborgarloften.followup.models import Activity

    logged = _log(promise, 2)
    Activity.objects.filter(pk=logged[0].pk).update(organisation=lpo_kalmar)
    _publish_report(promise)
    kommun, promise_feed = (_root(client.get(url)) for url in _feeds(promise))
    assert kommun.findtext(f"{ATOM}author/{ATOM}name") == "Kalmar kommun"
    assert promise_feed.findtext(f"{ATOM}author/{ATOM}name") == (
        "Kalmar kommun, Lokalpolisområde Kalmar"
    )
    authors = {
        entry.findtext(f"{ATOM}title"): entry.findtext(f"{ATOM}author/{ATOM}name")
        for entry in kommun.findall(f"{ATOM}entry")
    }
    assert authors[f"{logged[0].date:%Y-%m-%d}: Trygghetsvandring 0 i Centrum"] == (
        "Lokalpolisområde Kalmar"
    )
    # Every entry has what RFC 4287 requires of it (the author comes from the feed).
    for root in (kommun, promise_feed):
        for name in ("id", "title", "updated"):
            assert root.findtext(f"{ATOM}{name}")
        for entry in root.findall(f"{ATOM}entry"):
            for name in ("id", "title", "updated"):
                assert entry.findtext(f"{ATOM}{name}"), name


def test_entry_ids_are_tag_uris_under_the_installations_own_domain(
    client,
    promise,  # noqa: F811
    settings,
):
    settings.PUBLIC_SITE_URL = "https://trygg.kalmar.se"
    activity = _log(promise, 1)[0]
    report = _publish_report(promise)
    ids = [
        e.findtext(f"{ATOM}id")
        for e in _root(client.get(_feeds(promise)[0])).findall(f"{ATOM}entry")
    ]
    day = timezone.localdate().isoformat()
    assert sorted(ids) == sorted(
        [
            f"tag:trygg.kalmar.se,{day}:aktivitet/{activity.pk}",
            f"tag:trygg.kalmar.se,{day}:rapport/{report.uid}",
        ]
    )
    # An installation that has not set its address yet uses the host it answers on.
    settings.PUBLIC_SITE_URL = "http://127.0.0.1:8000"
    ids = [
        e.findtext(f"{ATOM}id")
        for e in _root(client.get(_feeds(promise)[1])).findall(f"{ATOM}entry")
    ]
    assert all(i.startswith(f"tag:testserver,{day}:") for i in ids), ids


def test_a_vertical_tab_pasted_from_word_keeps_both_feeds_working(
    client,
    promise,  # noqa: F811
    kommun_editor,
):
    commitment = promise.commitments.order_by("position", "pk").first()
    client.force_login(kommun_editor)
    response = client.post(
        reverse("followup:activity_new", args=[commitment.pk]),
        {
            "date": "2026-03-01",
            "kind": "Trygghets\x0bvandring",
            "quantity": "1",
            "description": "Vi gick i Berga\x0bTolv deltog\x0c\x00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    for url in _feeds(promise):
        entry = _root(client.get(url)).find(f"{ATOM}entry")
        assert entry.findtext(f"{ATOM}title") == "2026-03-01: Trygghets vandring"
        assert entry.findtext(f"{ATOM}summary").endswith("Vi gick i Berga\nTolv deltog")


def test_text_stored_before_inputs_were_cleaned_cannot_break_the_feeds(
    client,
    promise,  # noqa: F811
):
    from django.db import connection

    activity = _log(promise, 1)[0]
    with connection.cursor() as cursor:  # as a row written before the cleaning fields
        cursor.execute(
            "UPDATE followup_activity SET description = %s, kind = %s WHERE id = %s",
            ["Rad ett\x0bRad två\x1b", "Vandring\x0b", activity.pk],
        )
    for url in _feeds(promise):
        summary = _root(client.get(url)).findtext(f"{ATOM}entry/{ATOM}summary")
        assert summary.endswith("Rad ett\nRad två")


def test_it_does_not_name_the_place_twice_when_the_activity_already_does(
    client,
    promise,  # noqa: F811
):
    _log(promise, 1, kind="Trygghetsundersökning i Centrum")
    _log(promise, 1, kind="Trygghetsvandring", day=dt.date(2026, 2, 1))
    _log(promise, 1, kind="Möte på Centrumgatan", day=dt.date(2026, 1, 1))
    entries = _entries(
        client.get(reverse("publishing:promise_feed", args=[promise.uid]))
    )
    titles = sorted(e.findtext(f"{ATOM}title") for e in entries)
    assert titles == [
        "2026-01-01: Möte på Centrumgatan i Centrum",
        "2026-02-01: Trygghetsvandring i Centrum",
        "2026-03-01: Trygghetsundersökning i Centrum",
    ]
    page = client.get(
        reverse("publishing:promise", args=[promise.uid])
    ).content.decode()
    assert "Trygghetsundersökning i Centrum</strong>, Centrum" not in page
    assert "Trygghetsvandring</strong>" in page


def test_an_entry_links_to_the_page_of_the_timeline_where_its_activity_stands(
    client,
    promise,  # noqa: F811
):
    # 45 activities: the promise page shows 20 a page, newest (by date) first; the
    # feed orders by when they were logged. An old one is on page 3, not page 1.
    logged = _log(promise, 45)
    entries = _entries(
        client.get(reverse("publishing:promise_feed", args=[promise.uid]))
    )
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert len(links) == 45
    for link in links:
        path, anchor = link.removeprefix("http://testserver").split("#")
        page = client.get(path)
        assert page.status_code == 200
        assert f'id="{anchor}"' in page.content.decode(), link
    oldest = logged[-1]
    assert any(link.endswith(f"?sida=3#aktivitet-{oldest.pk}") for link in links), links
    newest = logged[0]
    assert any(link.endswith(f"/#aktivitet-{newest.pk}") for link in links)


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _feed(response) -> ET.Element:
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 - our own feed


def test_the_feed_says_the_language_it_is_served_in_and_marks_swedish_text(
    client,
    promise,  # noqa: F811
):
    # The English feed said xml:lang="sv" (open-data review): its language is the
    # one it is served in; what staff wrote in Swedish says so itself.
    _log(promise, 1, kind="Trygghetsvandring", description="Tio deltog.")
    _publish_report(promise)
    url = reverse("publishing:promise_feed", args=[promise.uid])
    swedish = _feed(client.get(url))
    assert swedish.get(XML_LANG) == "sv"
    assert not [e for e in swedish.iter() if e is not swedish and e.get(XML_LANG)]

    client.cookies["django_language"] = "en"
    english = _feed(client.get(url))
    assert english.get(XML_LANG) == "en"
    assert english.find(f"{ATOM}title").get(XML_LANG) == "sv"  # the promise's title
    report, activity = english.findall(f"{ATOM}entry")
    assert report.find(f"{ATOM}summary").get(XML_LANG) == "sv"
    assert report.find(f"{ATOM}title").get(XML_LANG) is None  # a translated label
    assert activity.find(f"{ATOM}title").get(XML_LANG) == "sv"
    assert (
        activity.findtext(f"{ATOM}title") == "2026-03-01: Trygghetsvandring i Centrum"
    )
    # Its summary mixes translated labels with the Swedish text: the feed's language.
    assert activity.find(f"{ATOM}summary").get(XML_LANG) is None
    kommun = _feed(client.get(reverse("publishing:kommun_feed", args=["0880"])))
    assert kommun.get(XML_LANG) == "en"
    assert kommun.find(f"{ATOM}title").get(XML_LANG) is None
