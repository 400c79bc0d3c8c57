"""A published Kalmar promise 2025–2026 with one weekly-target commitment far
behind, frozen at TODAY."""

from __future__ import annotations

import datetime as dt

import pytest

from medborgarloften.promises.models import Commitment, Promise

TODAY = dt.date(2025, 10, 1)


@pytest.fixture
def promise(kalmar, lpo_kalmar):
    promise = Promise.objects.create(
        title="Tryggare Kalmar",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2026, 1, 15),
        reports_per_period=2,
        status="published",
    )
    promise.parties.add(kalmar, lpo_kalmar)
    return promise


@pytest.fixture
def patrols(promise):
    return Commitment.objects.create(
        promise=promise,
        text="Polisen patrullerar i centrum minst 100 kvällar per år.",
        responsible=["polis"],
        target_quantity=100,
        target_unit="kvällar",
        target_per="år",
    )
