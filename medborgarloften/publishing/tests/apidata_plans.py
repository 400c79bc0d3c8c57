"""An adopted lägesbild and åtgärdsplan in Kalmar for the API tests, built through
the planning services, with a draft plan beside it that must never show; the first
commitment of ``promise`` implements the plan's measure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from medborgarloften.planning import services
from medborgarloften.planning.models import ActionPlan, SituationReport


@dataclass
class PlanData:
    report: SituationReport
    draft_report: SituationReport
    plan: ActionPlan
    draft_plan: ActionPlan


def build_plans(*, actor: Any, kalmar: Any, promise: Any) -> PlanData:
    report = services.report_create(
        actor=actor,
        kommun=kalmar,
        title="Lägesbild Kalmar",
        year=2024,
        analysis="Skadegörelsen samlas i centrum.",
    )
    section = services.section_add(
        actor=actor,
        report=report,
        kind="other",
        heading="Socialtjänsten",
        text="Fler orosanmälningar.",
        sources="Socialnämnden 2024\nCAN 2024",
    )
    services.report_adopt(
        actor=actor,
        report=report,
        adopted_on=date(2025, 1, 15),
        decision_body="Kommunstyrelsen",
        diarienummer="KS 2025/1",
    )
    draft_report = services.report_create(
        actor=actor, kommun=kalmar, title="Utkast till lägesbild", year=2025
    )
    plan = services.plan_create(
        actor=actor,
        kommun=kalmar,
        title="Åtgärdsplan Kalmar 2025–2026",
        situation_report=report,
        period_start=date(2025, 1, 1),
        period_end=date(2026, 12, 31),
    )
    problem = services.problem_add(
        actor=actor, plan=plan, title="Otrygghet i centrum", sections=[section]
    )
    cause = services.cause_add(actor=actor, problem=problem, text="Få vuxna ute.")
    measure = services.measure_add(
        actor=actor,
        plan=plan,
        title="Trygghetsvandringar",
        kind="situational",
        causes=[cause],
        responsible=kalmar,
        starts_on=date(2025, 2, 1),
    )
    services.goal_add(
        actor=actor,
        measure=measure,
        text="Fler känner sig trygga i centrum",
        indicator="Andel trygga",
        baseline="62 % (2024)",
        target="70 %",
        due_on=date(2026, 12, 31),
    )
    services.commitment_link(
        actor=actor, measure=measure, commitment=promise.commitments.first()
    )
    services.plan_adopt(
        actor=actor,
        plan=plan,
        adopted_on=date(2025, 2, 10),
        decision_body="Kommunfullmäktige",
        diarienummer="KS 2025/7",
    )
    draft_plan = services.plan_create(
        actor=actor,
        kommun=kalmar,
        title="Utkast till plan",
        situation_report=report,
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
    )
    return PlanData(report, draft_report, plan, draft_plan)
