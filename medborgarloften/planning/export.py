"""The lägesbild and the åtgärdsplan as documents for a KS/KF-ärende: a tagged PDF
(the HTML document through ``lib.pdf``) and a Word file, both from the same context,
opening with the ärende block (decision body, diarienummer, decision or proposal)."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from medborgarloften.lib.numbers import format_number
from medborgarloften.lib.pdf import html_to_pdf
from medborgarloften.lib.text import clean_text
from medborgarloften.lib.wordfile import add_data_table, new_document

from .charts import figure_charts
from .models import ActionPlan, SectionKind, SituationReport
from .progress import annotate_followup, followup_of
from .selectors import annotate_plan, figures_of


def _decision_lines(document: Any) -> list[tuple[str, str]]:
    if document.is_adopted:
        decision = _("Antagen %(on)s.") % {"on": document.adopted_on.isoformat()}
    else:
        decision = _("Förslag till beslut: %(body)s antar dokumentet.") % {
            "body": document.decision_body or _("kommunstyrelsen")
        }
    return [
        (_("Beslutande organ"), document.decision_body or "–"),
        (_("Diarienummer"), document.diarienummer or "–"),
        (_("Beslut"), decision),
    ]


def report_context(report: SituationReport) -> dict[str, Any]:
    figures = figures_of(report)
    sections = list(report.sections.order_by("position", "pk"))
    return {
        "document": report,
        "kommun": report.kommun,
        "decision": _decision_lines(report),
        "figures": figures,
        "charts": figure_charts(figures),
        "parts": [
            (label, [s for s in sections if s.kind == kind])
            for kind, label in SectionKind.choices
        ],
    }


def plan_context(plan: ActionPlan) -> dict[str, Any]:
    """``plan`` fetched with ``selectors.plan_queryset``; sets each measure's
    ``followup`` (``progress.annotate_followup``) and each problem's ``evidence``
    (``selectors.annotate_plan``), as the plan page shows them."""
    if not all(hasattr(m, "followup") for m in plan.measures.all()):
        annotate_followup(plan)
    if not all(hasattr(p, "evidence") for p in plan.problems.all()):
        annotate_plan(plan, figures_of(plan.situation_report))
    return {"document": plan, "kommun": plan.kommun, "decision": _decision_lines(plan)}


def report_pdf(report: SituationReport, *, base_url: str = "") -> bytes:
    html = render_to_string("planning/document_report.html", report_context(report))
    return html_to_pdf(html, base_url=base_url)


def plan_pdf(plan: ActionPlan, *, base_url: str = "") -> bytes:
    html = render_to_string("planning/document_plan.html", plan_context(plan))
    return html_to_pdf(html, base_url=base_url)


def _start(title: str, kommun: Any, decision: list[tuple[str, str]]) -> Any:
    document = new_document(title=title, authors=[str(kommun)])
    document.add_heading(clean_text(title), level=0)
    add_data_table(
        document, [_("Ärende"), clean_text(title)], [list(row) for row in decision]
    )
    return document


def _bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_docx(report: SituationReport) -> bytes:
    context = report_context(report)
    document = _start(str(report), report.kommun, context["decision"])
    if report.summary:
        document.add_heading(_("Sammanfattning"), level=1)
        document.add_paragraph(clean_text(report.summary))
    for index, (label, sections) in enumerate(context["parts"]):
        document.add_heading(str(label), level=1)
        if index == 0:
            if report.crime_text:
                document.add_paragraph(clean_text(report.crime_text))
            if context["figures"]:
                add_data_table(
                    document,
                    [_("Siffra"), _("Värde"), _("Enhet"), _("År")],
                    [
                        [
                            f["label"],
                            format_number(f["value"]),
                            f["unit"],
                            str(f["year"]),
                        ]
                        for f in context["figures"]
                    ],
                )
        for section in sections:
            document.add_heading(clean_text(section.heading), level=2)
            document.add_paragraph(clean_text(section.text))
            if section.source_list():
                document.add_paragraph(
                    _("Källor") + ": " + "; ".join(section.source_list())
                )
        if index == len(context["parts"]) - 1 and report.analysis:
            document.add_paragraph(clean_text(report.analysis))
    return _bytes(document)


def plan_docx(plan: ActionPlan) -> bytes:
    document = _start(plan.title, plan.kommun, plan_context(plan)["decision"])
    document.add_paragraph(
        _("Gäller %(start)s – %(end)s. Bygger på %(report)s.")
        % {
            "start": plan.period_start.isoformat(),
            "end": plan.period_end.isoformat(),
            "report": plan.situation_report,
        }
    )
    parties = ", ".join(str(p) for p in plan.parties.all())
    if parties:
        document.add_paragraph(_("Parter") + ": " + clean_text(parties))
    document.add_heading(_("Problem och troliga orsaker"), level=1)
    for problem in plan.problems.all():
        document.add_heading(clean_text(str(problem)), level=2)
        if problem.description:
            document.add_paragraph(clean_text(problem.description))
        evidence = "; ".join(getattr(problem, "evidence", []))
        document.add_paragraph(
            _("Underlag i lägesbilden") + ": " + clean_text(evidence)
        )
        for cause in problem.causes.all():
            document.add_paragraph(clean_text(cause.text), style="List Bullet")
    document.add_heading(_("Åtgärder"), level=1)
    for measure in plan.measures.all():
        document.add_heading(
            clean_text(f"{measure} ({measure.get_kind_display()})"), level=2
        )
        add_data_table(
            document,
            [
                _("Verkar på"),
                _("Ansvarig"),
                _("När"),
                _("Uppföljning"),
                _("Rapporterad status"),
                _("Enligt underlaget"),
                _("Tidplan"),
            ],
            [
                [
                    "; ".join(
                        f"{c.problem.number}: {c.text}" for c in measure.causes.all()
                    )
                    or _("ingen orsak"),
                    ", ".join(
                        x
                        for x in (
                            str(measure.responsible or ""),
                            measure.responsible_role,
                        )
                        if x
                    ),
                    f"{measure.starts_on or ''} – {measure.ends_on or ''}",
                    measure.follow_up,
                    followup_of(measure).reported_label,
                    followup_of(measure).evidenced_label,
                    followup_of(measure).schedule_label,
                ]
            ],
        )
        goals = list(measure.goals.all())
        if goals:
            add_data_table(
                document,
                [_("Mål"), _("Indikator"), _("Från"), _("Till"), _("Senast")],
                [
                    [g.text, g.indicator, g.baseline, g.target, g.due_on.isoformat()]
                    for g in goals
                ],
            )
        for link in measure.links.all():
            text = (
                f"{link.commitment.promise}: {link.commitment.text}"
                if link.commitment
                else str(link.agreement)
            )
            document.add_paragraph(clean_text(text), style="List Bullet")
    return _bytes(document)
