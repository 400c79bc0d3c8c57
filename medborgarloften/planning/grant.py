"""The attachments a Brå grant application asks for under förordning (2023:442):
the adopted lägesbild and the adopted åtgärdsplan with measurable goals, as one zip
of the two PDFs and a short cover sheet listing them with their decisions."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from medborgarloften.lib.pdf import html_to_pdf
from medborgarloften.places.models import Organisation

from . import export
from .checklist import is_measurable
from .models import ActionPlan, SituationReport
from .selectors import plan_queryset


@dataclass
class GrantSet:
    """The newest adopted plan built on an adopted lägesbild, and what is missing
    before the set can be sent (empty when it is complete)."""

    kommun: Organisation
    plan: ActionPlan | None
    report: SituationReport | None
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def grant_set(*, kommun: Organisation) -> GrantSet:
    """What the application can attach for ``kommun``, and what is missing."""
    plan = (
        plan_queryset()
        .filter(kommun=kommun, status="adopted", situation_report__status="adopted")
        .order_by("-period_start", "-pk")
        .first()
    )
    if plan is None:
        return GrantSet(
            kommun,
            None,
            None,
            [_("En antagen åtgärdsplan som bygger på en antagen lägesbild.")],
        )
    missing = []
    measures = list(plan.measures.all())
    if not measures:
        missing.append(_("Åtgärdsplanen har inga åtgärder."))
    without_goal = [
        m for m in measures if not any(is_measurable(g) for g in m.goals.current())
    ]
    if without_goal:
        missing.append(
            _("Mätbara mål för åtgärd %(numbers)s.")
            % {"numbers": ", ".join(str(m.number) for m in without_goal)}
        )
    return GrantSet(kommun, plan, plan.situation_report, missing)


def cover_pdf(grant: GrantSet, *, base_url: str = "") -> bytes:
    html = render_to_string(
        "planning/document_grant.html",
        {
            "document": _("Bilagor till ansökan om statsbidrag, %(kommun)s")
            % {"kommun": grant.kommun.name},
            "kommun": grant.kommun,
            "plan": grant.plan,
            "report": grant.report,
        },
    )
    return html_to_pdf(html, base_url=base_url)


def grant_zip(grant: GrantSet, *, base_url: str = "") -> bytes:
    """The zip of a complete set: cover sheet, lägesbild and åtgärdsplan as PDF."""
    if not grant.complete or grant.plan is None or grant.report is None:
        raise ValueError("incomplete grant set")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("0-foljebrev.pdf", cover_pdf(grant, base_url=base_url))
        archive.writestr(
            f"1-lagesbild-v{grant.report.version}.pdf",
            export.report_pdf(grant.report, base_url=base_url),
        )
        archive.writestr(
            "2-atgardsplan.pdf", export.plan_pdf(grant.plan, base_url=base_url)
        )
    return buffer.getvalue()
