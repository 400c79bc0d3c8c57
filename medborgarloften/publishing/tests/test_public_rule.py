"""One "what may anonymous visitors see" rule (``promises.models.public_q``) for
promises and everything reached through them: commitments, activities, reports, the
counts on kommuner, and the instance's ``is_public``."""

from __future__ import annotations

import pytest
from django.db.models import Count

from medborgarloften.followup.models import Activity, Report
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Commitment, Promise, public_q
from medborgarloften.publishing.api.selectors import (
    activities_queryset,
    commitments_queryset,
    kommuner_queryset,
)
from medborgarloften.publishing.selectors import kommun_entries, public_activities

from .apidata import TODAY, build


@pytest.fixture
def data(superuser, kalmar, lpo_kalmar, nybro):
    return build(actor=superuser, kalmar=kalmar, lpo_kalmar=lpo_kalmar, nybro=nybro)


def _kommun_counts() -> dict[str, int]:
    kommuner = Organisation.objects.kommuner().annotate(
        n=Count("promises", filter=public_q("promises__"), distinct=True)
    )
    return {k.name: k.n for k in kommuner}


def test_it_shows_published_and_closed_promises_and_what_hangs_on_them(data):
    public = {data.published.pk, data.closed.pk}
    assert set(Promise.objects.public().values_list("pk", flat=True)) == public
    assert {c.promise_id for c in Commitment.objects.public()} == public
    assert {a.commitment.promise_id for a in Activity.objects.public()} <= public
    assert data.draft_activity not in Activity.objects.public()
    assert list(Report.objects.published()) == [data.report]
    assert data.published.is_public and not data.draft.is_public


def test_it_hides_a_copy_kept_for_comparison_everywhere(data, nybro):
    # A reference copy is loaded as a draft; were it ever published, it stays the
    # keeping kommun's private copy on every public path.
    Promise.objects.filter(pk=data.published.pk).update(reference_for=nybro)
    copy = Promise.objects.get(pk=data.published.pk)
    assert copy.status == "published" and not copy.is_public
    assert copy not in Promise.objects.public()
    assert not Commitment.objects.public().filter(promise=copy).exists()
    assert not Activity.objects.public().filter(commitment__promise=copy).exists()
    assert not Report.objects.published().filter(promise=copy).exists()
    assert _kommun_counts()["Kalmar"] == 0
    entries = {e.kommun.name: e for e in kommun_entries(today=TODAY)}
    assert entries["Kalmar"].promise_count == 0
    assert not public_activities(promises=Promise.objects.all()).filter(
        commitment__promise=copy
    )
    assert copy.pk not in {c.promise_id for c in commitments_queryset()}
    assert copy.pk not in {a.commitment.promise_id for a in activities_queryset()}
    api_counts = {k.name: k.public_promise_count for k in kommuner_queryset()}
    assert api_counts["Kalmar"] == 0
