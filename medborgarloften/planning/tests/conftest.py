"""Fixtures of the planning tests: Kalmar with crime figures, a published promise
with an orsaksanalys and two commitments, and a lägesbild built through the
services."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from medborgarloften.planning import services


@pytest.fixture
def world(kalmar, lpo_kalmar, kommun_editor):
    from medborgarloften.places.models import Area
    from medborgarloften.promises.models import Commitment, FocusArea, Promise
    from medborgarloften.situation.models import CauseAnalysis, CrimeStatistic

    area = Area.objects.create(kommun=kalmar, name="Berga")
    for year, rate in ((2024, 900.0), (2025, 1080.0)):
        CrimeStatistic.objects.create(
            kommun=kalmar,
            category="Misshandel",
            year=year,
            count=int(rate * 0.7),
            rate_per_100k=rate,
        )
    CrimeStatistic.objects.create(
        kommun=kalmar, area=area, category="Skadegörelse", year=2025, count=40
    )
    promise = Promise.objects.create(
        title="Tryggare Berga 2026–2027",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2027, 12, 31),
        status="published",
    )
    promise.parties.add(kalmar, lpo_kalmar)
    focus = FocusArea.objects.create(promise=promise, title="Berga centrum")
    analysis = CauseAnalysis.objects.create(
        focus_area=focus,
        problem="Skadegörelse kring centrum kvällstid.",
        causes="Mörka gångstråk och få vuxna ute kvällstid.",
        measures="Belysning och vuxennärvaro.",
    )
    walks = Commitment.objects.create(promise=promise, text="Trygghetsvandringar")
    light = Commitment.objects.create(promise=promise, text="Ny belysning i Berga")
    report = services.report_create(
        actor=kommun_editor,
        kommun=kalmar,
        title="Lägesbild Kalmar 2025",
        year=2025,
        analysis="Våldet ökar; skadegörelsen samlas i Berga.",
    )
    section = services.section_add(
        actor=kommun_editor,
        report=report,
        kind="other",
        heading="Skolan",
        text="Frånvaron ökar på Bergaskolan.",
        sources="Skolverket 2025",
    )
    return SimpleNamespace(
        kommun=kalmar,
        lpo=lpo_kalmar,
        editor=kommun_editor,
        area=area,
        promise=promise,
        analysis=analysis,
        walks=walks,
        light=light,
        report=report,
        section=section,
    )


def adopt_report(world):
    return services.report_adopt(
        actor=world.editor,
        report=world.report,
        adopted_on=dt.date(2026, 1, 20),
        decision_body="Kommunstyrelsen",
        diarienummer="KS 2026/12",
    )


def build_plan(world, *, adopt=True):
    """A plan with one problem, cause, measure, goal; the light commitment linked."""
    report = adopt_report(world) if not world.report.is_adopted else world.report
    plan = services.plan_create(
        actor=world.editor,
        kommun=world.kommun,
        title="Åtgärdsplan 2026–2027",
        situation_report=report,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2027, 12, 31),
        parties=[world.lpo],
    )
    problem = services.problem_add(
        actor=world.editor,
        plan=plan,
        title="Skadegörelse i Berga",
        sections=[world.section],
        figure_keys=["crime:Misshandel"],
    )
    cause = services.cause_add(
        actor=world.editor, problem=problem, text="", cause_analysis=world.analysis
    )
    measure = services.measure_add(
        actor=world.editor,
        plan=plan,
        title="Belysning",
        kind="situational",
        causes=[cause],
        responsible=world.kommun,
        responsible_role="Gatuchef",
    )
    goal = services.goal_add(
        actor=world.editor,
        measure=measure,
        text="Färre anmälda skadegörelsebrott",
        indicator="Anmälda skadegörelsebrott i Berga",
        baseline="40 (2025)",
        target="30",
        due_on=dt.date(2027, 12, 31),
    )
    services.commitment_link(
        actor=world.editor, measure=measure, commitment=world.light
    )
    if adopt:
        plan = services.plan_adopt(
            actor=world.editor,
            plan=plan,
            adopted_on=dt.date(2026, 2, 1),
            decision_body="Kommunfullmäktige",
            diarienummer="KS 2026/30",
        )
    return SimpleNamespace(
        plan=plan, problem=problem, cause=cause, measure=measure, goal=goal
    )
