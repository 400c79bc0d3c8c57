"""Writes of the lägesbild: create, edit a draft, sections, adopt, revise."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation

from ..figures import current_figures
from ..models import DocumentStatus, SectionKind, SituationReport, SituationSection
from ..permissions import check_adopt, check_edit
from .decisions import check_decision_date, decision_errors

REPORT_FIELDS = (
    "title",
    "year",
    "summary",
    "crime_text",
    "analysis",
    "revision_months",
)


def _check_draft(report: SituationReport) -> None:
    if report.is_adopted:
        raise ValidationError(
            _(
                "En antagen lägesbild ändras aldrig. Gör en ny version för att "
                "revidera den."
            )
        )


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Ange ett år mellan 2000 och 2100.")})


def _check_cadence(months: int) -> None:
    if not 1 <= months <= 60:
        raise ValidationError({"revision_months": _("Ange mellan 1 och 60 månader.")})


def report_create(
    *,
    actor: Any,
    kommun: Organisation,
    title: str,
    year: int,
    summary: str = "",
    crime_text: str = "",
    analysis: str = "",
    revision_months: int = 12,
) -> SituationReport:
    """A new lägesbild (version 1, a draft) for a kommun the actor edits for."""
    check_edit(actor, kommun)
    _check_year(year)
    _check_cadence(revision_months)
    if not title.strip():
        raise ValidationError({"title": _("Ge lägesbilden en titel.")})
    if SituationReport.objects.filter(kommun=kommun, title=title, version=1).exists():
        raise ValidationError(
            {"title": _("Det finns redan en lägesbild med den titeln.")}
        )
    with transaction.atomic():
        return SituationReport.objects.create(
            kommun=kommun,
            title=title,
            year=year,
            summary=summary,
            crime_text=crime_text,
            analysis=analysis,
            revision_months=revision_months,
            created_by=actor,
        )


def report_update(
    *, actor: Any, report: SituationReport, **changes: Any
) -> SituationReport:
    """Change a draft's text; an adopted version is refused."""
    check_edit(actor, report.kommun)
    _check_draft(report)
    unknown = set(changes) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    if "year" in changes:
        _check_year(changes["year"])
    if "revision_months" in changes:
        _check_cadence(changes["revision_months"])
    with transaction.atomic():
        for name, value in changes.items():
            setattr(report, name, value)
        report.save()
    return report


def section_add(
    *,
    actor: Any,
    report: SituationReport,
    kind: str,
    heading: str,
    text: str,
    sources: str = "",
) -> SituationSection:
    """A section at the end of a draft lägesbild."""
    check_edit(actor, report.kommun)
    _check_draft(report)
    errors: dict[str, str] = {}
    if kind not in SectionKind.values:
        errors["kind"] = _("Välj en del av lägesbilden.")
    if not heading.strip():
        errors["heading"] = _("Ge avsnittet en rubrik.")
    if not text.strip():
        errors["text"] = _("Skriv avsnittets text.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        last = report.sections.aggregate(last=Max("position"))["last"]
        return SituationSection.objects.create(
            report=report,
            kind=kind,
            heading=heading,
            text=text,
            sources=sources,
            position=(last or 0) + 1,
        )


def section_delete(*, actor: Any, section: SituationSection) -> None:
    """Remove a section of a draft."""
    check_edit(actor, section.report.kommun)
    _check_draft(section.report)
    with transaction.atomic():
        section.delete()


def report_adopt(
    *,
    actor: Any,
    report: SituationReport,
    adopted_on: dt.date,
    decision_body: str,
    diarienummer: str,
) -> SituationReport:
    """Adopt a draft: the decision is recorded and today's figures are stored with
    the version, which is never changed again. Only the kommun's own editors and
    admins adopt (``check_adopt``)."""
    check_adopt(actor, report.kommun)
    check_edit(actor, report.kommun)
    _check_draft(report)
    errors = decision_errors(decision_body, diarienummer)
    if not report.analysis.strip():
        errors["__all__"] = _(
            "Lägesbilden saknar analys. Lagen kräver en analys av brottsligheten."
        )
    if errors:
        raise ValidationError(errors)
    check_decision_date(report, adopted_on)
    with transaction.atomic():
        report.figures = current_figures(kommun=report.kommun, year=report.year)
        report.status = DocumentStatus.ADOPTED
        report.adopted_on = adopted_on
        report.decision_body = decision_body
        report.diarienummer = diarienummer
        report.save()
    return report


def report_revise(*, actor: Any, report: SituationReport) -> SituationReport:
    """A new draft version of an adopted lägesbild, with its text and sections; the
    adopted version stays as it was."""
    check_edit(actor, report.kommun)
    if not report.is_adopted:
        raise ValidationError(_("Bara en antagen lägesbild kan revideras."))
    if SituationReport.objects.filter(previous=report).exists():
        raise ValidationError(_("Den här versionen har redan en ny version."))
    with transaction.atomic():
        revision = SituationReport.objects.create(
            kommun=report.kommun,
            title=report.title,
            year=report.year,
            summary=report.summary,
            crime_text=report.crime_text,
            analysis=report.analysis,
            revision_months=report.revision_months,
            version=report.version + 1,
            previous=report,
            created_by=actor,
        )
        SituationSection.objects.bulk_create(
            SituationSection(
                report=revision,
                kind=s.kind,
                heading=s.heading,
                text=s.text,
                sources=s.sources,
                position=s.position,
            )
            for s in report.sections.all()
        )
    return revision
