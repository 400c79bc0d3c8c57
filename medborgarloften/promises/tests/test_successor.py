"""The next promise from this one: a draft for the following period with the same
parties, focus areas and commitments, its years and deadlines moved on; the lägesbild,
signatories and activities are not carried over."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from medborgarloften.promises.models import Promise, PromiseStatus
from medborgarloften.promises.services import (
    CommitmentRow,
    FocusAreaRow,
    PromiseFields,
    SignatoryRow,
    next_period,
    promise_create,
    promise_successor_create,
)


def test_the_next_period_has_the_same_length():
    assert next_period(dt.date(2025, 1, 1), dt.date(2026, 12, 31)) == (
        dt.date(2027, 1, 1),
        dt.date(2028, 12, 31),
        2,
    )
    assert next_period(dt.date(2025, 7, 1), dt.date(2026, 6, 30)) == (
        dt.date(2026, 7, 1),
        dt.date(2027, 6, 30),
        1,
    )


@pytest.fixture
def ended(superuser, kalmar, lpo_kalmar, db):
    from medborgarloften.places.models import Area

    centrum = Area.objects.create(kommun=kalmar, name="Centrum")
    promise = promise_create(
        actor=superuser,
        fields=PromiseFields(
            title="Tryggare Kalmar 2025–2026",
            parties=[kalmar, lpo_kalmar],
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2026, 12, 31),
            situation_summary="Otryggt i centrum på kvällarna.",
            evidence_sources=("brottsstatistik",),
            reports_per_period=2,
            follow_up_text="Vi redovisar två gånger per år.",
        ),
        focus_areas=[FocusAreaRow(title="Trygg stadskärna", areas=[centrum])],
        commitments=[
            CommitmentRow(
                text="Polisen ska genomföra minst 40 fotpatruller per år i centrum.",
                focus_area=0,
                responsible=("polis",),
                areas=[centrum],
                target_quantity=40,
                target_unit="fotpatruller",
                target_per="år",
            ),
            CommitmentRow(
                text="Kommunen ska byta belysningen i Stadsparken senast 30 juni 2026.",
                focus_area=0,
                responsible=("kommun",),
                target_deadline=dt.date(2026, 6, 30),
            ),
        ],
        signatories=[SignatoryRow(name="Anna Andersson", title="Kommundirektör")],
    )
    Promise.objects.filter(pk=promise.pk).update(status=PromiseStatus.PUBLISHED)
    promise.refresh_from_db()
    return promise


def test_it_starts_the_next_promise_from_an_ended_one(client, kommun_editor, ended):
    client.force_login(kommun_editor)
    detail = client.get(reverse("promises:detail", args=[ended.pk])).content.decode()
    url = reverse("promises:successor", args=[ended.pk])
    assert f'action="{url}"' in detail
    response = client.post(url)
    following = Promise.objects.exclude(pk=ended.pk).get()
    assert response["Location"] == reverse("promises:edit", args=[following.pk])
    assert following.status == PromiseStatus.DRAFT
    assert following.title == "Tryggare Kalmar 2027–2028"
    assert (following.period_start, following.period_end) == (
        dt.date(2027, 1, 1),
        dt.date(2028, 12, 31),
    )
    # The kommun's editor names the same parties; the police are asked to accept.
    assert [p.name for p in following.parties.all()] == ["Kalmar"]
    assert [r.organisation.name for r in following.party_requests.all()] == [
        "Lokalpolisområde Kalmar"
    ]
    assert following.situation_summary == "" and following.evidence_sources == []
    assert following.reports_per_period == 2
    assert not following.signatories.exists()
    (focus,) = following.focus_areas.all()
    assert focus.title == "Trygg stadskärna"
    assert [a.name for a in focus.areas.all()] == ["Centrum"]
    patrols, lights = following.commitments.order_by("position")
    assert patrols.focus_area == focus
    assert (patrols.target_quantity, patrols.target_per) == (40, "år")
    assert [a.name for a in patrols.areas.all()] == ["Centrum"]
    assert lights.responsible == ["kommun"]
    assert lights.target_deadline == dt.date(2028, 6, 30)
    assert following.revisions.count() == 1
    page = client.get(response["Location"], follow=True).content.decode()
    assert "Ett utkast för nästa period är skapat" in page


def test_a_draft_has_no_successor_and_viewers_start_none(
    client, kommun_viewer, kommun_editor, ended
):
    client.force_login(kommun_viewer)
    detail = client.get(reverse("promises:detail", args=[ended.pk])).content.decode()
    assert reverse("promises:successor", args=[ended.pk]) not in detail
    with pytest.raises(PermissionDenied):
        promise_successor_create(actor=kommun_viewer, promise=ended)
    Promise.objects.filter(pk=ended.pk).update(status=PromiseStatus.DRAFT)
    ended.refresh_from_db()
    with pytest.raises(ValidationError):
        promise_successor_create(actor=kommun_editor, promise=ended)
    assert Promise.objects.count() == 1


def test_a_promise_not_yet_begun_offers_no_next_promise(client, superuser, ended):
    """ "Starta nästa löfte" on a promise whose period has not begun was offered
    (new-user session): it is for a promise ending or ended."""
    from django.utils import timezone

    client.force_login(superuser)
    url = reverse("promises:detail", args=[ended.pk])
    assert "Starta nästa löfte" in client.get(url).content.decode()
    start = timezone.localdate() + dt.timedelta(days=10)
    Promise.objects.filter(pk=ended.pk).update(
        period_start=start, period_end=start + dt.timedelta(days=365)
    )
    assert "Starta nästa löfte" not in client.get(url).content.decode()
