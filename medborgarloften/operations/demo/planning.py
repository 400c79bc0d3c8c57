"""Kalmar's adopted lägesbild and åtgärdsplan for the demo (``planering.json``),
written through the planning services: every commitment of the current demo promise
implements a measure of the plan. Idempotent: nothing is written when the plan is
there; ``planning_remove`` takes it away for a reset."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from medborgarloften.accounts.models import User
from medborgarloften.places.models import Area, Organisation
from medborgarloften.planning import services
from medborgarloften.planning.models import ActionPlan, SituationReport
from medborgarloften.promises.models import Promise
from medborgarloften.situation.models import CauseAnalysis
from medborgarloften.situation.services import cause_analysis_save

_FILE = Path(__file__).resolve().parent / "planering.json"


def _data() -> Any:
    with _FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def planning_remove(kommun: Organisation) -> None:
    """The demo's plan and lägesbild (by their titles), plans first."""
    data = _data()
    ActionPlan.objects.filter(kommun=kommun, title=data["plan"]["title"]).delete()
    reports = SituationReport.objects.filter(
        kommun=kommun, title=data["report"]["title"]
    ).order_by("-version")
    for report in reports:
        report.delete()


def planning_load(
    *,
    kommun: Organisation,
    lpo: Organisation,
    actor: User,
    promise_uid: str,
    today: dt.date,
) -> ActionPlan | None:
    """The adopted lägesbild and plan, once; None when already there (or when the
    plan's adoption would lie after ``today``)."""
    data = _data()
    plan_data = data["plan"]
    if ActionPlan.objects.filter(kommun=kommun, title=plan_data["title"]).exists():
        return None
    if _date(plan_data["decision"]["adopted_on"]) > today:
        return None
    promise = Promise.objects.get(uid=promise_uid)
    report = _report(data["report"], kommun, actor)
    sections = list(report.sections.order_by("position", "pk"))
    plan = services.plan_create(
        actor=actor,
        kommun=kommun,
        title=plan_data["title"],
        situation_report=report,
        period_start=_date(plan_data["period_start"]),
        period_end=_date(plan_data["period_end"]),
        parties=[lpo],
        follow_up=plan_data["follow_up"],
    )
    focus_areas = list(promise.focus_areas.order_by("position", "pk"))
    causes = []
    for item in plan_data["problems"]:
        problem = services.problem_add(
            actor=actor,
            plan=plan,
            title=item["title"],
            sections=[sections[i] for i in item["sections"]],
            figure_keys=_figure_keys(kommun, item.get("figures", [])),
        )
        focus_area = focus_areas[item["focus_area"]]
        analysis = CauseAnalysis.objects.filter(focus_area=focus_area).first()
        if analysis is None:
            analysis = cause_analysis_save(focus_area=focus_area, **item["analysis"])
        causes.append(
            [
                services.cause_add(
                    actor=actor, problem=problem, text=text, cause_analysis=analysis
                )
                for text in item["causes"]
            ]
        )
    commitments = list(promise.commitments.order_by("position", "pk"))
    parties = {"kommun": kommun, "polis": lpo}
    for item in plan_data["measures"]:
        measure = services.measure_add(
            actor=actor,
            plan=plan,
            title=item["title"],
            kind=item["kind"],
            causes=[causes[p][c] for p, c in item["causes"]],
            responsible=parties[item["by"]],
            responsible_role=item["role"],
            starts_on=promise.period_start,
            ends_on=promise.period_end,
            follow_up=plan_data["follow_up"],
        )
        goal = item["goal"]
        services.goal_add(
            actor=actor,
            measure=measure,
            text=goal["text"],
            indicator=goal["indicator"],
            baseline=goal["baseline"],
            target=goal["target"],
            due_on=_date(goal["due_on"]),
        )
        for index in item["commitments"]:
            services.commitment_link(
                actor=actor, measure=measure, commitment=commitments[index]
            )
    return services.plan_adopt(actor=actor, plan=plan, **_decision(plan_data))


def _figure_keys(kommun: Organisation, keys: list[str]) -> list[str]:
    """The demo names areas in figure keys ('area:Berga:Misshandel'); the lägesbild
    keys them by the area's id."""
    ids = dict(Area.objects.filter(kommun=kommun).values_list("name", "pk"))
    result = []
    for key in keys:
        group, _sep, rest = key.partition(":")
        if group in ("area", "areasurvey"):
            name, _sep, tail = rest.partition(":")
            key = f"{group}:{ids[name]}:{tail}"
        result.append(key)
    return result


def _report(data: Any, kommun: Organisation, actor: User) -> SituationReport:
    report = services.report_create(
        actor=actor,
        kommun=kommun,
        title=data["title"],
        year=data["year"],
        summary=data["summary"],
        crime_text=data["crime_text"],
        analysis=data["analysis"],
        revision_months=data["revision_months"],
    )
    for section in data["sections"]:
        services.section_add(actor=actor, report=report, **section)
    return services.report_adopt(actor=actor, report=report, **_decision(data))


def _decision(data: Any) -> dict[str, Any]:
    """The adopting decision the demo data gives a plan or a lägesbild."""
    decision = data["decision"]
    return {
        "adopted_on": _date(decision["adopted_on"]),
        "decision_body": decision["decision_body"],
        "diarienummer": decision["diarienummer"],
    }
