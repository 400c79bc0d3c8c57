"""A promise to follow up: Kalmar and its LPO, 2025–2026, two stadsdelar, and three
commitments — per area, per year with a number, and one without a target."""

from __future__ import annotations

import datetime as dt

import pytest

from medborgarloften.places.models import Area
from medborgarloften.promises.models import Commitment, Promise

TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def berga(kalmar):
    return Area.objects.get_or_create(kommun=kalmar, name="Berga")[0]


@pytest.fixture
def funkabo(kalmar):
    return Area.objects.get_or_create(
        kommun=kalmar, name="Funkabo", defaults={"aliases": ["Funkabo centrum"]}
    )[0]


@pytest.fixture
def promise(kalmar, lpo_kalmar, berga, funkabo):
    promise = Promise.objects.create(
        title="Tryggare Kalmar 2025–2026",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2026, 12, 31),
        reports_per_period=2,
        status="published",
    )
    promise.parties.add(kalmar, lpo_kalmar)
    promise.areas.add(berga, funkabo)
    return promise


@pytest.fixture
def walks(promise, berga, funkabo):
    commitment = Commitment.objects.create(
        promise=promise,
        text="Trygghetsvandringar i respektive stadsdel.",
        responsible=["kommun"],
        target_unit="trygghetsvandring",
        target_per="område",
        position=0,
    )
    commitment.areas.add(berga, funkabo)
    return commitment


@pytest.fixture
def patrols(promise):
    return Commitment.objects.create(
        promise=promise,
        text="Polisen patrullerar i centrum minst 100 kvällar per år.",
        responsible=["polis"],
        target_quantity=100,
        target_unit="kvällar",
        target_per="år",
        position=1,
    )


@pytest.fixture
def dialogue(promise):
    return Commitment.objects.create(
        promise=promise,
        text="Kommun och polis för en dialog med föreningslivet.",
        responsible=["kommun", "polis"],
        position=2,
    )


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    """Every follow-up test runs on TODAY: statuses depend on the date."""
    from django.utils import timezone

    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY
