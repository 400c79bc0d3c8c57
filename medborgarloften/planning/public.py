"""What the public sees of lägesbilder and åtgärdsplaner: adopted versions only, as
plain records. The API's JSON, its CSV and any public page are built from these."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from .models import ActionPlan, SituationReport, SituationSection
from .progress import annotate_followup, followup_of
from .selectors import plan_queryset, revision_due_on


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _decision(obj: Any) -> dict[str, Any]:
    return {
        "adopted_on": _iso(obj.adopted_on),
        "decision_body": obj.decision_body,
        "diarienummer": obj.diarienummer,
    }


def public_reports(*, kommun: str | None = None) -> QuerySet[SituationReport]:
    """Adopted lägesbilder, optionally of one kommun (kommunkod)."""
    queryset = (
        SituationReport.objects.adopted()
        .select_related("kommun")
        .prefetch_related(
            Prefetch("sections", queryset=SituationSection.objects.order_by("position"))
        )
    )
    if kommun is not None:
        queryset = queryset.filter(kommun__code=kommun)
    return queryset


def public_plans(*, kommun: str | None = None) -> QuerySet[ActionPlan]:
    """Adopted åtgärdsplaner whose lägesbild is adopted, optionally of one kommun."""
    queryset = plan_queryset().filter(
        status="adopted", situation_report__status="adopted"
    )
    if kommun is not None:
        queryset = queryset.filter(kommun__code=kommun)
    return queryset


def report_record(report: SituationReport) -> dict[str, Any]:
    due = revision_due_on(report)
    return {
        "id": report.pk,
        "kommun_code": report.kommun.code,
        "kommun_name": report.kommun.name,
        "title": report.title,
        "version": report.version,
        "year": report.year,
        "summary": report.summary,
        "crime": report.crime_text,
        "analysis": report.analysis,
        **_decision(report),
        "revision_months": report.revision_months,
        "next_revision_on": _iso(due),
        "sections": [
            {
                "id": s.pk,
                "kind": s.kind,
                "heading": s.heading,
                "text": s.text,
                "sources": s.source_list(),
            }
            for s in report.sections.all()
        ],
        "figures": [
            {
                "key": f["key"],
                "group": f["group"],
                "label": f["label"],
                "value": f["value"],
                "unit": f["unit"],
                "year": f["year"],
                "area": f.get("area", ""),
                "source": f.get("source", ""),
            }
            for f in report.figures
        ],
    }


def plan_record(plan: ActionPlan) -> dict[str, Any]:
    """A plan fetched with ``plan_queryset``, whole, with each measure's
    follow-up rolled up from its public commitments."""
    annotate_followup(plan, public_only=True)
    measures_by_cause: dict[int, list[int]] = {}
    for measure in plan.measures.all():
        for cause in measure.causes.all():
            measures_by_cause.setdefault(cause.pk, []).append(measure.number)
    return {
        "id": plan.pk,
        "kommun_code": plan.kommun.code,
        "kommun_name": plan.kommun.name,
        "title": plan.title,
        "period_start": _iso(plan.period_start),
        "period_end": _iso(plan.period_end),
        **_decision(plan),
        "situation_report": plan.situation_report_id,
        "parties": [p.name for p in plan.parties.all()],
        "follow_up": plan.follow_up,
        "problems": [
            {
                "number": p.number,
                "title": p.title,
                "description": p.description,
                "sections": [s.pk for s in p.sections.all()],
                "figures": list(p.figure_keys),
                "causes": [
                    {
                        "id": c.pk,
                        "text": c.text,
                        "cause_analysis": c.cause_analysis_id,
                        "measures": measures_by_cause.get(c.pk, []),
                    }
                    for c in p.causes.all()
                ],
            }
            for p in plan.problems.all()
        ],
        "measures": [
            {
                "number": m.number,
                "title": m.title,
                "description": m.description,
                "kind": m.kind,
                "causes": [c.pk for c in m.causes.all()],
                "problems": sorted({c.problem.number for c in m.causes.all()}),
                "responsible": m.responsible.name if m.responsible else None,
                "responsible_role": m.responsible_role,
                "starts_on": _iso(m.starts_on),
                "ends_on": _iso(m.ends_on),
                "follow_up": m.follow_up,
                "followup": followup_of(m).record(),
                "goals": [
                    {
                        "id": g.pk,
                        "version": g.version,
                        "replaces": g.replaces_id,
                        "text": g.text,
                        "indicator": g.indicator,
                        "baseline": g.baseline,
                        "target": g.target,
                        "due_on": _iso(g.due_on),
                    }
                    for g in m.goals.all()
                ],
                "commitments": [
                    {
                        "id": link.commitment_id,
                        "promise": str(link.commitment.promise.uid),
                        "text": link.commitment.text,
                    }
                    for link in m.links.all()
                    if link.commitment is not None and link.commitment.promise.is_public
                ],
                "agreements": [
                    link.agreement.title
                    for link in m.links.all()
                    if link.agreement is not None
                ],
            }
            for m in plan.measures.all()
        ],
    }


_CSV_DOCUMENT = ("id", "kommun_code", "kommun_name", "title")
_CSV_DECISION = ("adopted_on", "decision_body", "diarienummer")


def _csv_columns(record: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: record[key] for key in keys}


def plan_csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """The flat CSV row of a plan record (nested parts counted)."""
    return _csv_columns(
        record,
        *_CSV_DOCUMENT,
        "period_start",
        "period_end",
        *_CSV_DECISION,
        "situation_report",
    ) | {
        "problems": len(record["problems"]),
        "measures": len(record["measures"]),
        "linked_commitments": sum(len(m["commitments"]) for m in record["measures"]),
    }


def report_csv_row(record: dict[str, Any]) -> dict[str, Any]:
    return _csv_columns(
        record, *_CSV_DOCUMENT, "version", "year", *_CSV_DECISION, "next_revision_on"
    ) | {"sections": len(record["sections"]), "figures": len(record["figures"])}
