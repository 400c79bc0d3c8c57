"""Public pages beyond the basics: the kommun finder (län, map), progress, the
activity timeline, the next report, the area page, caching, 404s and budgets."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from medborgarloften.followup.progress import report_due_dates
from medborgarloften.followup.services.activities import activity_create
from medborgarloften.followup.services.reports import report_create, report_set_status
from medborgarloften.places.models import Area, County, Organisation, OrganisationKind
from medborgarloften.publishing import maps
from medborgarloften.publishing.selectors import ACTIVITIES_PER_PAGE, kommun_finder

from .test_views import _promise


@pytest.fixture
def promise(superuser, kalmar, lpo_kalmar):
    return _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Tryggare Kalmar",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2027, 12, 31),
        reports_per_period=2,
        commitments=2,
    )


def _log(promise, n=1, *, number=0, area=True, day=dt.date(2026, 3, 1), **kw):
    commitment = promise.commitments.order_by("position", "pk")[number]
    centrum = Area.objects.get(name="Centrum") if area else None
    return [
        activity_create(
            commitment=commitment,
            date=day - dt.timedelta(days=i),
            kind=kw.get("kind", f"Trygghetsvandring {i}"),
            area=centrum,
            description=kw.get("description", ""),
        )
        for i in range(n)
    ]


def _publish_report(promise, title="Uppföljning 2025"):
    report = report_create(
        promise=promise,
        title=title,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
    )
    report = report_set_status(report=report, status="approved")
    return report_set_status(report=report, status="published")


# --- Start page ---------------------------------------------------------------


def test_it_lists_every_county_with_its_kommuner_and_marks_current_promises(
    client, promise, nybro
):
    County.objects.create(code="25", name="Norrbottens län")
    finder = kommun_finder()
    names = [g.county.name for g in finder.counties]
    assert names == ["Kalmar län", "Norrbottens län"]
    kalmar_lan = finder.counties[0]
    assert [(e.kommun.code, e.has_current) for e in kalmar_lan.kommuner] == [
        ("0880", True),
        ("0881", False),
    ]
    assert finder.current_count == 1
    html = client.get(reverse("publishing:home")).content.decode()
    assert "Norrbottens län" in html and "Inga kommuner registrerade i länet." in html
    kalmar_link = f'<a href="{reverse("publishing:kommun", args=["0880"])}">'
    after = html[html.index('id="lan-heading"') :]
    assert after.index(kalmar_link) < after.index('class="tag-current"')


def test_it_puts_a_kommun_without_county_under_its_own_heading(client, db):
    Organisation.objects.create(kind=OrganisationKind.KOMMUN, code="0999", name="Ö")
    finder = kommun_finder()
    assert finder.counties[-1].county is None
    assert "Utan län" in client.get(reverse("publishing:home")).content.decode()


def test_it_draws_every_kommun_on_the_map_as_a_named_link(client, promise):
    outline = maps.sweden_outline()
    assert len(outline.shapes) == 290
    html = client.get(reverse("publishing:home")).content.decode()
    assert html.count("<path ") == 290
    kalmar = reverse("publishing:kommun", args=["0880"])
    assert (
        f'<a href="{kalmar}" aria-label="Kalmar, har ett gällande '
        'medborgarlöfte"><path' in html
    )
    assert 'aria-label="Nybro, inget gällande medborgarlöfte"' in html
    assert html.count('class="has-current"') == 1
    # No JavaScript needed: the map is plain links. The only scripts are deferred
    # enhancements (scrollable tables, the keyboard focus ring drawn over the map).
    assert re.findall(r"<script[^>]*>", html) == [
        '<script src="/static/medborgarloften/js/site.js" defer>',
        '<script src="/static/medborgarloften/js/map-focus.js" defer>',
    ]
    assert len(html.encode()) < 200_000  # light enough for a phone


def test_it_keeps_the_start_page_within_a_query_budget(
    client, superuser, kalmar, nybro, django_assert_max_num_queries
):
    for i in range(4):
        _promise(superuser, [kalmar], title=f"Löfte {i}", commitments=1)
        _promise(superuser, [nybro], title=f"Nybro {i}", commitments=1)
    with django_assert_max_num_queries(2):  # kommuner with counts, län
        response = client.get(reverse("publishing:home"), {"q": "kal"})
    assert response.status_code == 200


# --- Promise page ------------------------------------------------------------------


def test_it_shows_each_commitments_progress_and_status(client, promise):
    _log(promise, 1, number=1)  # commitment 2: target 2 per year
    html = client.get(reverse("publishing:promise", args=[promise.uid])).content
    html = html.decode()
    # "minst 2 kvällar per år" over three period years: 6; one done.
    assert 'max="6" value="1" aria-label="Utfört: 1 av 6">' in html
    assert "1 av 6" in html
    assert 'max="3" value="0" aria-label="Utfört: 0 av 3">' in html
    # The bar is coloured as its status says (red when behind, grey not begun).
    assert re.search(r"<progress class=\"pbar-[a-z_]+\" max=\"6\"", html), re.findall(
        r"<progress[^>]*>", html
    )
    assert 'class="pstatus pstatus-' in html


def test_it_shows_the_activity_timeline_newest_first_and_paginated(client, promise):
    _log(promise, ACTIVITIES_PER_PAGE + 3)
    url = reverse("publishing:promise", args=[promise.uid])
    html = client.get(url).content.decode()
    assert html.index("Trygghetsvandring 0<") < html.index("Trygghetsvandring 1<")
    assert "Trygghetsvandring 22<" not in html
    assert "Sida 1 av 2" in html and 'href="?sida=2#timeline-heading"' in html
    html = client.get(url, {"sida": "2"}).content.decode()
    assert "Trygghetsvandring 22<" in html and "Trygghetsvandring 0<" not in html
    # Nonsense page numbers show a page, not an error.
    assert client.get(url, {"sida": "x"}).status_code == 200
    assert client.get(url, {"sida": "999"}).status_code == 200


def _page_on(client, promise, day, monkeypatch):
    """The promise page as it reads on ``day`` (no page cached from another day)."""
    from django.core.cache import caches

    for alias in ("pages", "pages_version", "fragments"):
        caches[alias].clear()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: day)
    url = reverse("publishing:promise", args=[promise.uid])
    return client.get(url).content.decode()


def test_it_says_when_the_next_report_is_due(client, promise, monkeypatch):
    # Two reports over 2025–2027: the first falls due in the middle, on 2 July 2026.
    assert report_due_dates(promise.period_start, promise.period_end, 2)[0] == (
        dt.date(2026, 7, 2)
    )
    html = _page_on(client, promise, dt.date(2026, 3, 1), monkeypatch)
    assert "Nästa uppföljningsrapport ska vara klar senast 2 juli 2026." in html
    # Once the date has passed without a report, the page says so, and names the
    # one after it as next, never a day already past.
    html = _page_on(client, promise, dt.date(2026, 12, 7), monkeypatch)
    assert "Nästa uppföljningsrapport ska vara klar senast 2 juli 2026" not in html
    assert (
        "Uppföljningsrapporten som skulle vara klar senast 2 juli 2026 är inte "
        "publicerad än." in html
    )
    assert "Nästa uppföljningsrapport ska vara klar senast 31 december 2027." in html
    _publish_report(promise)
    html = _page_on(client, promise, dt.date(2026, 12, 7), monkeypatch)
    assert "Nästa uppföljningsrapport ska vara klar senast 31 december 2027." in html
    assert "Uppföljning 2025" in html


def test_the_promise_page_speaks_to_residents(client, promise):
    html = client.get(reverse("publishing:promise", args=[promise.uid])).content
    html = html.decode()
    # A way to have one's say near the top, not only at the end of a long page.
    link = html.index('href="#voice-heading"')
    assert link < html.index('id="timeline-heading"')
    # "Inte mätbart" is the staff's word; residents read what it means.
    from django.template.loader import render_to_string

    row = {
        "status": "not_measurable",
        "status_label": "Inte mätbart",
        "unrecorded": False,
        "progress": {"measurable": False, "done": 0},
    }
    part = render_to_string("publishing/_commitment_progress.html", {"row": row})
    assert "Inte mätbart" not in part
    assert "Inget mål med antal eller datum" in part


def test_it_links_feed_widget_and_areas_from_the_promise_page(client, promise):
    html = client.get(reverse("publishing:promise", args=[promise.uid])).content
    html = html.decode()
    feed = reverse("publishing:promise_feed", args=[promise.uid])
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in html
    embed = "http://testserver" + reverse("publishing:embed", args=[promise.uid])
    assert f"&lt;iframe src=&quot;{embed}&quot;" in html or (
        f'&lt;iframe src="{embed}"' in html
    )
    centrum = Area.objects.get(name="Centrum")
    assert reverse("publishing:area", args=["0880", centrum.pk]) in html


def test_it_keeps_the_promise_page_within_a_query_budget_with_activities(
    client, superuser, kalmar, lpo_kalmar, django_assert_max_num_queries
):
    small = _promise(
        superuser, [kalmar, lpo_kalmar], commitments=1, period_start=dt.date(2025, 1, 1)
    )
    large = _promise(
        superuser,
        [kalmar, lpo_kalmar],
        commitments=12,
        period_start=dt.date(2025, 1, 1),
    )
    _log(small, 1)
    for number in range(12):
        _log(large, 3, number=number)
    _publish_report(large)
    # promise, its areas, parties, focus areas (+ areas), commitments (+ areas,
    # other parties), signatories; progress: the commitments' assessments and
    # activities (which also count the timeline); reports; the timeline's page.
    # The same for 1 or 12 commitments.
    for promise in (small, large):
        with django_assert_max_num_queries(13):
            response = client.get(reverse("publishing:promise", args=[promise.uid]))
        assert response.status_code == 200


# --- Kommun and area pages ---------------------------------------------------------


def test_it_links_the_areas_of_a_kommuns_promises(client, promise):
    Area.objects.create(kommun=promise.parties.get(code="0880"), name="Oxhagen")
    html = client.get(reverse("publishing:kommun", args=["0880"])).content.decode()
    centrum = Area.objects.get(name="Centrum")
    assert reverse("publishing:area", args=["0880", centrum.pk]) in html
    assert "Oxhagen" not in html  # no public promise names it
    feed = reverse("publishing:kommun_feed", args=["0880"])
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in html


def test_it_shows_what_is_promised_and_done_in_an_area(
    client, superuser, promise, kalmar
):
    _log(promise, 2, kind="Vandring i Centrum")
    draft = _promise(superuser, [kalmar], title="Utkastet", status="draft")
    centrum = Area.objects.get(name="Centrum")
    url = reverse("publishing:area", args=["0880", centrum.pk])
    html = client.get(url).content.decode()
    assert "<h1>Vad som lovas och görs i Centrum</h1>" in html
    assert "Tryggare Kalmar" in html and "Åtagande nummer 1." in html
    assert html.count("Vandring i Centrum") == 2
    assert draft.title not in html


def test_a_published_promise_not_yet_begun_is_said_to_be_coming_everywhere(
    client, superuser, kalmar, lpo_kalmar
):
    """The kommun's list said "Kommande" while the promise's own page said
    "Publicerat" as if it were in force, and the area page listed it with the
    current ones (new-user session)."""
    start = timezone.localdate() + dt.timedelta(days=30)
    coming = _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Nästa löfte",
        period_start=start,
        period_end=start + dt.timedelta(days=700),
    )
    assert coming.is_coming
    page = client.get(reverse("publishing:promise", args=[coming.uid]))
    status = re.search(r"<dt>Status</dt><dd>(.*?)</dd>", page.content.decode()).group(1)
    assert "Kommande" in status and "Publicerat" not in status
    assert f"börjar gälla {start.day} " in status
    centrum = Area.objects.get(name="Centrum")
    area = client.get(reverse("publishing:area", args=["0880", centrum.pk]))
    html = area.content.decode()
    item = re.search(r"<li><a [^>]*>Nästa löfte</a>.*?</li>", html, re.S)
    assert "Kommande" in item.group(0)
    # Begun, it is what it is.
    coming.period_start = timezone.localdate()
    assert not coming.is_coming


def test_it_finds_an_area_by_its_name_with_swedish_letters(client, promise, kalmar):
    Area.objects.create(kommun=kalmar, name="Södra Oxhagen")
    url = reverse("publishing:area_by_name", args=["0880", "södra-oxhagen"])
    assert url == "/kommun/0880/omrade/s%C3%B6dra-oxhagen/"
    html = client.get(url).content.decode()
    assert "<h1>Vad som lovas och görs i Södra Oxhagen</h1>" in html
    assert client.get(url.replace("%C3%B6", "o")).status_code == 404
    url = reverse("publishing:area_by_name", args=["0880", "Centrum"])
    assert "Tryggare Kalmar" in client.get(url).content.decode()


def test_it_keeps_the_kommun_and_area_pages_within_a_query_budget(
    client, superuser, promise, kalmar, django_assert_max_num_queries
):
    for i in range(3):
        other = _promise(superuser, [kalmar], title=f"Löfte {i}", commitments=3)
        _log(other, 3, number=i)
    centrum = Area.objects.get(name="Centrum")
    with django_assert_max_num_queries(4):  # kommun, promises, parties, areas
        client.get(reverse("publishing:kommun", args=["0880"]))
    with django_assert_max_num_queries(5):  # area, commitments, promises, timeline
        client.get(reverse("publishing:area", args=["0880", centrum.pk]))


@pytest.mark.parametrize(
    "url",
    [
        "/kommun/9999/",
        "/kommun/abc/",
        "/kommun/9999/flode/",
        "/kommun/0880/omrade/999999/",
        "/kommun/0880/omrade/finns-inte/",
        "/lofte/00000000-0000-0000-0000-000000000000/",
        "/lofte/00000000-0000-0000-0000-000000000000/flode/",
        "/embed/lofte/00000000-0000-0000-0000-000000000000/",
        "/lofte/inte-ett-id/",
    ],
)
def test_it_answers_unknown_addresses_with_a_swedish_404(client, kalmar, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_it_answers_an_area_of_another_kommun_with_404(client, promise, nybro):
    centrum = Area.objects.get(name="Centrum")
    url = reverse("publishing:area", args=["0881", centrum.pk])
    assert client.get(url).status_code == 404


def test_it_lets_caches_keep_anonymous_pages_but_not_signed_in_ones(
    client, promise, kommun_viewer
):
    url = reverse("publishing:promise", args=[promise.uid])
    assert client.get(url)["Cache-Control"] == "public, max-age=60"
    client.force_login(kommun_viewer)
    assert "private" in client.get(url)["Cache-Control"]


def test_it_offers_e_mail_news_from_the_kommun_and_promise_pages(client, db):
    """Feedback to citizens: both pages link to the subscription form for the kommun,
    and the link opens a form for that kommun."""
    from django.urls import reverse

    from medborgarloften.places.models import Organisation, OrganisationKind
    from medborgarloften.promises.models import Promise, PromiseStatus

    kommun = Organisation.objects.create(
        kind=OrganisationKind.KOMMUN, name="Vimmerby", code="0884"
    )
    promise = Promise.objects.create(
        title="Trygg i Vimmerby", status=PromiseStatus.PUBLISHED
    )
    promise.parties.add(kommun)
    link = f"{reverse('publishing:subscribe')}?kommun=0884"
    for url in (
        reverse("publishing:kommun", args=["0884"]),
        reverse("publishing:promise", args=[promise.uid]),
    ):
        assert link in client.get(url).content.decode()
    form = client.get(link).content.decode()
    assert "Vimmerby" in form


@pytest.mark.parametrize("query", ["kalm", "Kalmar kommun", "Kalmars", "880", "0880"])
def test_it_finds_a_kommun_however_the_visitor_writes_it(promise, nybro, query):
    assert [e.kommun.code for e in kommun_finder(query=query).matches] == ["0880"]


def test_the_kommun_and_promise_pages_lead_to_tyck_till_and_outcomes(
    client,
    promise,
    kalmar,
    kommun_editor,  # someone handles Kalmar's reports (cases.selectors)
):
    report = reverse("cases:report", args=[kalmar.code])
    outcomes = reverse("cases:public", args=[kalmar.code])
    html = client.get(reverse("publishing:kommun", args=[kalmar.code])).content
    html = html.decode()
    assert f'href="{report}"' in html and "Tyck till eller anmäl" in html
    assert f'href="{outcomes}"' in html and "Du sa – vi gjorde" in html
    html = client.get(reverse("publishing:promise", args=[promise.uid])).content
    html = html.decode()
    assert f'href="{report}"' in html and f'href="{outcomes}"' in html
    # The police area among the promise's parties has no "Tyck till" of its own.
    assert html.count('href="/tyck-till/') == 1
    for url in (report, outcomes):
        assert client.get(url).status_code == 200
