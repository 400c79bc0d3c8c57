"""Fixtures for the promises tests: a Kalmar promise built through the services."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def areas_kalmar(kalmar):
    from medborgarloften.places.models import Area

    return [
        Area.objects.create(kommun=kalmar, name="Berga"),
        Area.objects.create(kommun=kalmar, name="Norrliden"),
    ]


@pytest.fixture
def area_nybro(nybro):
    from medborgarloften.places.models import Area

    return Area.objects.create(kommun=nybro, name="Centrum")


@pytest.fixture
def kalmar_promise(kalmar, lpo_kalmar, superuser, areas_kalmar):
    """A draft promise of Kalmar and LPO Kalmar: one focus area, two commitments,
    one signatory."""
    from medborgarloften.promises.services import (
        CommitmentRow,
        FocusAreaRow,
        PromiseFields,
        SignatoryRow,
        promise_create,
    )

    return promise_create(
        actor=superuser,
        fields=PromiseFields(
            title="Medborgarlöfte Kalmar 2025",
            parties=[kalmar, lpo_kalmar],
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            situation_summary="Otrygghet kring Berga centrum kvällstid.",
            evidence_sources=["trygghetsmatning", "medborgardialog"],
            themes=["trygghet_offentlig_miljo"],
            follow_up_text="Löftet följs upp varje kvartal.",
            reports_per_period=4,
            report_audience="Brottsförebyggande rådet",
        ),
        focus_areas=[
            FocusAreaRow(
                title="Trygg utemiljö i Berga",
                description="Kvällar och helger.",
                themes=["trygghet_offentlig_miljo"],
                areas=[areas_kalmar[0]],
            )
        ],
        commitments=[
            CommitmentRow(
                text="Polisen genomför fotpatrullering i Berga.",
                focus_area=0,
                responsible=["polis"],
                areas=[areas_kalmar[0]],
                target_quantity=40,
                target_unit="kvällar",
                target_per="år",
            ),
            CommitmentRow(
                text="Kommunen ser över belysningen längs gångstråken.",
                responsible=["kommun"],
            ),
        ],
        signatories=[
            SignatoryRow(
                name="Anna Andersson",
                title="Kommunstyrelsens ordförande",
                organisation=kalmar,
                signed_on=date(2025, 1, 15),
            )
        ],
    )


@pytest.fixture
def nybro_promise(nybro, lpo_nybro, superuser):
    from medborgarloften.promises.services import (
        CommitmentRow,
        PromiseFields,
        promise_create,
    )

    return promise_create(
        actor=superuser,
        fields=PromiseFields(title="Medborgarlöfte Nybro", parties=[nybro, lpo_nybro]),
        commitments=[CommitmentRow(text="Kommunen ordnar trygghetsvandringar.")],
    )
