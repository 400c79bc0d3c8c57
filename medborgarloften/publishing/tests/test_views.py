"""Public pages: only published and closed promises, no login, bounded queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from medborgarloften.places.models import Area, Organisation, OrganisationKind
from medborgarloften.promises.models import Promise
from medborgarloften.promises.services import (
    CommitmentRow,
    FocusAreaRow,
    PromiseFields,
    SignatoryRow,
    promise_create,
    promise_set_status,
)
from medborgarloften.publishing.selectors import (
    kommun_entries,
    kommun_public_promises,
    kommuner_with_public_promises,
)


def _promise(
    actor, parties, *, title="Medborgarlöfte", status="published", commitments=2, **kw
) -> Promise:
    kommun = next(p for p in parties if p.kind == OrganisationKind.KOMMUN)
    area, _ = Area.objects.get_or_create(kommun=kommun, name="Centrum")
    other, _ = Organisation.objects.get_or_create(
        kind=OrganisationKind.BOSTADSBOLAG, name="Kalmarhem"
    )
    promise = promise_create(
        actor=actor,
        fields=PromiseFields(title=title, parties=parties, **kw),
        focus_areas=[
            FocusAreaRow(title=f"Fokus {i}", areas=[area]) for i in range(1, 4)
        ],
        commitments=[
            CommitmentRow(
                text=f"Åtagande nummer {i}.",
                focus_area=i % 3 if i % 4 else None,
                responsible=["polis", "kommun", "annan"],
                other_parties=[other],
                areas=[area],
                target_quantity=i,
                target_unit="kvällar",
                target_per="år",
            )
            for i in range(1, commitments + 1)
        ],
        signatories=[SignatoryRow(name=f"Person {i}") for i in range(3)],
    )
    path = {
        "draft": [],
        "adopted": ["adopted"],
        "published": ["adopted", "published"],
        "closed": ["adopted", "published", "closed"],
    }[status]
    for step in path:
        promise = promise_set_status(actor=actor, promise=promise, status=step)
    return promise


@pytest.fixture
def published(superuser, kalmar, lpo_kalmar):
    return _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Tryggare Kalmar",
        period_start=date(2025, 1, 1),
        period_end=date(2099, 12, 31),
        situation_summary="Otrygghet vid busstationen.",
        evidence_sources=["trygghetsmatning"],
        follow_up_text="Uppföljning varje halvår.",
        reports_per_period=2,
        report_audience="kommunfullmäktige",
    )


def test_it_shows_a_published_promise_to_anonymous_visitors(client, published):
    response = client.get(reverse("publishing:promise", args=[published.uid]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Tryggare Kalmar" in html
    assert "Kalmar kommun" in html and "Lokalpolisområde Kalmar" in html
    assert "Otrygghet vid busstationen." in html
    assert "Trygghetsmätning" in html
    assert "Åtagande nummer 1." in html and "Åtagande nummer 2." in html
    # The named organisation stands for "Annan part", not beside it.
    assert "Polisen, Kommunen, Kalmarhem" in html
    assert "Annan part" not in html
    assert "minst 2 kvällar per år" in html
    assert "Löftet redovisas 2 gånger under perioden för kommunfullmäktige." in html
    assert "Person 2" in html
    assert 'lang="sv"' in html


def test_it_groups_commitments_under_their_focus_areas(client, superuser, kalmar):
    promise = _promise(superuser, [kalmar], commitments=4)
    html = client.get(reverse("publishing:promise", args=[promise.uid])).content
    html = html.decode()
    # Commitment 1 → Fokus 2, 2 → Fokus 3, 3 → Fokus 1, 4 → no focus area (last).
    order = [
        html.index(text)
        for text in (
            "Fokus 1",
            "Åtagande nummer 3.",
            "Fokus 2",
            "Åtagande nummer 1.",
            "Fokus 3",
            "Åtagande nummer 2.",
            "Övriga åtaganden",
            "Åtagande nummer 4.",
        )
    ]
    assert order == sorted(order)


def test_focus_areas_named_once_at_the_top_are_no_empty_sections(
    client, superuser, kalmar
):
    # an imported document lists its focus areas once and its commitments by party
    promise = promise_create(
        actor=superuser,
        fields=PromiseFields(title="Medborgarlöfte Ekby", parties=[kalmar]),
        focus_areas=[FocusAreaRow(title="Trygg stadskärna")],
        commitments=[
            CommitmentRow(text="Patrullera i centrum.", responsible=["polis"])
        ],
        signatories=[],
    )
    promise = promise_set_status(actor=superuser, promise=promise, status="adopted")
    promise = promise_set_status(actor=superuser, promise=promise, status="published")
    html = client.get(reverse("publishing:promise", args=[promise.uid])).content
    html = html.decode()
    assert "Trygg stadskärna" in html and "Patrullera i centrum." in html
    assert "Inga åtaganden under det här fokusområdet" not in html
    assert "Övriga åtaganden" not in html and ">Åtaganden</h3>" in html


@pytest.mark.parametrize("status", ["draft", "adopted"])
def test_it_hides_promises_that_are_not_public(client, superuser, kalmar, status):
    promise = _promise(superuser, [kalmar], title="Ej publicerat", status=status)
    response = client.get(reverse("publishing:promise", args=[promise.uid]))
    assert response.status_code == 404
    entry = next(e for e in kommun_entries() if e.kommun.code == "0880")
    assert (entry.promise_count, entry.current_count) == (0, 0)
    home = client.get(reverse("publishing:home")).content.decode()
    assert "Ej publicerat" not in home and "gällande löfte</span>" not in home
    kommun = client.get(reverse("publishing:kommun", args=["0880"])).content.decode()
    assert "Ej publicerat" not in kommun


def test_it_shows_closed_promises_as_past(client, superuser, kalmar, published):
    closed = _promise(superuser, [kalmar], title="Gammalt löfte", status="closed")
    assert (
        client.get(reverse("publishing:promise", args=[closed.uid])).status_code == 200
    )
    listing = kommun_public_promises(code="0880")
    assert listing.current == [published]
    assert listing.past == [closed]
    html = client.get(reverse("publishing:kommun", args=["0880"])).content.decode()
    assert html.index("Gällande löften") < html.index("Tryggare Kalmar")
    assert html.index("Tidigare löften") < html.index("Gammalt löfte")


def test_it_counts_a_published_promise_whose_period_ended_as_past(superuser, kalmar):
    ended = _promise(
        superuser,
        [kalmar],
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )
    listing = kommun_public_promises(code="0880", today=date(2025, 1, 1))
    assert listing.past == [ended]


def test_it_shows_a_promise_whose_period_starts_later_as_coming(
    client, superuser, kalmar, published, monkeypatch
):
    coming = _promise(
        superuser,
        [kalmar],
        title="Lugnare 2027",
        period_start=date(2027, 1, 1),
        period_end=date(2029, 12, 31),
    )
    today = date(2026, 12, 7)
    listing = kommun_public_promises(code="0880", today=today)
    assert listing.current == [published]
    assert listing.coming == [coming]
    assert listing.past == []
    entry = next(e for e in kommun_entries(today=today) if e.kommun.code == "0880")
    assert (entry.promise_count, entry.current_count) == (2, 1)

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: today)
    html = client.get(reverse("publishing:kommun", args=["0880"])).content.decode()
    current = html[html.index("Gällande löften") : html.index("Kommande löften")]
    assert "Tryggare Kalmar" in current and "Lugnare 2027" not in current
    item = html[html.index("Lugnare 2027") :]
    item = item[: item.index("</li>")]
    assert "Kommande" in item
    assert "Börjar gälla 1 januari 2027 och gäller till 31 december 2029" in item
    # Its start reached, it is current.
    listing = kommun_public_promises(code="0880", today=date(2027, 1, 1))
    assert listing.current == [coming, published] and listing.coming == []


def test_it_answers_404_for_an_unknown_kommun(client, db):
    assert client.get(reverse("publishing:kommun", args=["9999"])).status_code == 404


def test_it_lists_kommuner_with_public_promises_and_searches_them(
    client, superuser, kalmar, nybro, county_kalmar, published
):
    _promise(superuser, [nybro], status="draft")
    are = Organisation.objects.create(
        kind=OrganisationKind.KOMMUN, code="2321", name="Åre", county=county_kalmar
    )
    _promise(superuser, [are], title="Tryggt i Åre")
    assert [e.kommun.code for e in kommuner_with_public_promises()] == [
        "0880",
        "2321",
    ]
    html = client.get(reverse("publishing:home"), {"q": "åRE"}).content.decode()
    matches = html[html.index('id="matches-heading"') : html.index('id="map-heading"')]
    assert reverse("publishing:kommun", args=["2321"]) in matches
    assert reverse("publishing:kommun", args=["0880"]) not in matches
    # Typed without å, "are" still finds Åre once no name holds "are" as written
    # (new-user tester: "goteborg" and "Malmo" found nothing); Kalmar stays out.
    html = client.get(reverse("publishing:home"), {"q": "are"}).content.decode()
    matches = html[html.index('id="matches-heading"') : html.index('id="map-heading"')]
    assert reverse("publishing:kommun", args=["2321"]) in matches
    assert reverse("publishing:kommun", args=["0880"]) not in matches
    # A kommun without a public promise is found, but not marked as having one.
    html = client.get(reverse("publishing:home"), {"q": "Nybro"}).content.decode()
    matches = html[html.index('id="matches-heading"') : html.index('id="map-heading"')]
    assert reverse("publishing:kommun", args=["0881"]) in matches
    assert "gällande löfte" not in matches


def test_it_keeps_the_listings_within_a_query_budget(
    client, superuser, kalmar, nybro, django_assert_max_num_queries
):
    for i in range(5):
        _promise(superuser, [kalmar], title=f"Löfte {i}", commitments=1)
        _promise(superuser, [nybro], title=f"Nybro {i}", commitments=1)
    with django_assert_max_num_queries(2):
        client.get(reverse("publishing:home"))
    # kommun, promises, their parties, the areas they name
    with django_assert_max_num_queries(4):
        client.get(reverse("publishing:kommun", args=["0880"]))


def test_it_lists_the_published_follow_up_reports_on_the_promise_page(
    client, superuser, kalmar, lpo_kalmar
):
    import datetime as dt

    from medborgarloften.followup.models import Report

    promise = _promise(superuser, [kalmar, lpo_kalmar], commitments=1)
    Report.objects.create(
        promise=promise,
        title="Uppföljning våren",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 6, 30),
        status="published",
    )
    Report.objects.create(
        promise=promise,
        title="Ej klar rapport",
        period_start=dt.date(2025, 7, 1),
        period_end=dt.date(2025, 12, 31),
        status="draft",
    )
    html = client.get(
        reverse("publishing:promise", args=[promise.uid])
    ).content.decode()
    assert "Uppföljning våren" in html
    assert "Ej klar rapport" not in html


def test_every_page_links_to_the_open_data(client, db):
    html = client.get(reverse("publishing:home")).content.decode()
    assert f'href="{reverse("api:docs")}"' in html and "Öppna data" in html
    response = client.get("/oppna-data/")
    assert response.status_code == 302 and response.url == reverse("api:docs")
    assert client.get(response.url).status_code == 200


@pytest.mark.django_db
def test_the_promise_page_says_what_each_status_means(client, published):
    # "Efter plan" and "Försenat" were both red with nothing to tell them apart
    # (new-user session).
    from medborgarloften.followup.progress import STATUS_LABELS
    from medborgarloften.publishing.selectors import public_promise

    html = client.get(reverse("publishing:promise", args=[published.uid])).text
    shown = public_promise(uid=published.uid).statuses
    assert "Så läser du statusen" in html
    # Each status on the page is explained, and only those.
    for status, label in STATUS_LABELS.items():
        if status in ("not_measurable", "unrecorded"):
            continue
        assert (f"<dt>{label}</dt>" in html) == (status in shown), status
