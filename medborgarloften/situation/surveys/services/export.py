"""A closed survey's shares exported into the lägesbild's survey results.

A web survey is often small; the lägesbild's figures often come from a formal survey
of hundreds. So the transfer never overwrites another source's figure unasked:
:func:`export_plan` lists every figure it would replace (old share and n → new share
and n); the transfer replaces them only when confirmed, and never with a share on
fewer than ``MIN_GROUP`` respondents or on less than half the respondents of the
figure it replaces (those keep the other source's figure). Afterwards the whole
kommun's figures are recomputed from the areas where they no longer match
(``services.survey_totals``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.lib.access import recorded_actor
from medborgarloften.places.models import Area

from ...models import (
    ALL_AGES,
    Gender,
    ImportBatch,
    Survey,
    SurveyResult,
)
from ...selectors.analysis import MIN_GROUP
from ...services.imports import ImportSummary
from ...services.survey_totals import survey_totals_refresh
from ...services.undo import remember
from ..selectors import Cell, indicator_cells

__all__ = ["Replacement", "export_plan", "survey_export"]


@dataclass(frozen=True)
class Replacement:
    """A figure from another source that the transfer would replace."""

    area: Area | None
    indicator: str
    gender: str
    age_group: str
    old_share: float
    old_respondents: int | None
    new_share: float
    new_respondents: int

    @property
    def weak(self) -> bool:
        """Too few respondents to replace the other source's figure: below the
        small-number threshold, or under half of the figure it would replace."""
        if self.new_respondents < MIN_GROUP:
            return True
        return bool(self.old_respondents) and (
            self.new_respondents * 2 < (self.old_respondents or 0)
        )

    @property
    def new_suppressed(self) -> bool:
        """Too few respondents for the share to be shown (one answer would be
        readable from it), as everywhere figures are shown."""
        return self.new_respondents < MIN_GROUP

    @property
    def indicator_label(self) -> str:
        from ...models import SurveyIndicator

        return str(dict(SurveyIndicator.choices).get(self.indicator, self.indicator))

    @property
    def group_label(self) -> str:
        genders = dict(Gender.choices)
        parts = []
        if self.gender != Gender.ALLA:
            parts.append(str(genders.get(self.gender, self.gender)))
        if self.age_group != ALL_AGES:
            parts.append(self.age_group)
        return ", ".join(parts) or _("alla")


def _key(survey: Survey, cell: Cell) -> dict[str, Any]:
    return {
        "kommun": survey.kommun,
        "area": cell.area,
        "indicator": cell.indicator,
        "year": survey.year,
        "gender": cell.gender or Gender.ALLA,
        "age_group": cell.age_group or ALL_AGES,
    }


def _slot(
    area: Any, indicator: str, gender: str, age_group: str, **_: Any
) -> tuple[int | None, str, str, str]:
    """Where a figure stands in the year's results: one figure a slot, whatever
    its source (``_slot(**_key(…))`` for a cell of the survey)."""
    return (getattr(area, "pk", None), indicator, gender, age_group)


def _others(survey: Survey) -> dict[tuple, SurveyResult]:
    """The year's figures from other sources (derived kommun rows, without a batch,
    are recomputed anyway and do not count)."""
    rows = SurveyResult.objects.filter(
        kommun=survey.kommun, year=survey.year, batch__isnull=False
    )
    if survey.exported_batch_id:
        rows = rows.exclude(batch_id=survey.exported_batch_id)
    return {
        _slot(r.area, r.indicator, r.gender, r.age_group): r
        for r in rows.select_related("area")
    }


def export_plan(survey: Survey) -> list[Replacement]:
    """Every figure of another source the transfer would replace, old against new."""
    others = _others(survey)
    result = []
    for cell in indicator_cells(survey):
        key = _key(survey, cell)
        old = others.get(_slot(**key))
        if old is not None:
            result.append(
                Replacement(
                    area=cell.area,
                    indicator=key["indicator"],
                    gender=key["gender"],
                    age_group=key["age_group"],
                    old_share=old.share,
                    old_respondents=old.respondents,
                    new_share=cell.share,
                    new_respondents=cell.respondents,
                )
            )
    return result


@transaction.atomic
def survey_export(
    *, survey: Survey, actor: Any = None, replace: bool = False
) -> ImportSummary:
    """Write the survey's indicator shares into the lägesbild's survey results (by
    area, gender and age group, with the number answering); running it again
    replaces its own rows and never adds. Figures of another source are replaced
    only with ``replace`` (the user saw :func:`export_plan`), and never by a weak
    one (:attr:`Replacement.weak`); without ``replace`` a transfer that would
    replace any is refused."""
    plan = {
        _slot(r.area, r.indicator, r.gender, r.age_group): r
        for r in export_plan(survey)
    }
    if any(not r.weak for r in plan.values()) and not replace:
        raise ValidationError(
            _(
                "Överföringen skulle ersätta värden från en annan källa; "
                "bekräfta först vilka."
            )
        )
    summary = ImportSummary()
    batch = survey.exported_batch or ImportBatch.objects.create(
        kind=ImportBatch.Kind.SURVEY,
        filename=f"enkat-{survey.pk}",
        source=_("Digital enkät: %(t)s") % {"t": survey.title},
        imported_by=recorded_actor(actor),
    )
    remember(batch, SurveyResult.objects.filter(kommun=survey.kommun, year=survey.year))
    kept: set[int] = set()
    replaced = kept_other = too_few = 0
    for cell in indicator_cells(survey):
        if cell.respondents < MIN_GROUP:
            # A group this small is never shown, and a year made of such groups
            # would become the lägesbild's newest year.
            too_few += 1
            continue
        key = _key(survey, cell)
        other = plan.get(_slot(**key))
        if other is not None and other.weak:
            kept_other += 1
            continue
        replaced += other is not None
        row, created = SurveyResult.objects.update_or_create(
            **key,
            defaults={
                "share": cell.share,
                "respondents": cell.respondents,
                "batch": batch,
            },
        )
        kept.add(row.pk)
        summary.rows += 1
        if created:
            summary.created += 1
        else:
            summary.updated += 1
    SurveyResult.objects.filter(batch=batch).exclude(pk__in=kept).delete()
    if replaced:
        summary.warnings.append(
            ngettext(
                "%(n)d värde för %(year)d fanns redan från en annan källa och är "
                "nu ersatt av enkätens.",
                "%(n)d värden för %(year)d fanns redan från en annan källa och är "
                "nu ersatta av enkätens.",
                replaced,
            )
            % {"n": replaced, "year": survey.year}
        )
    if kept_other:
        summary.warnings.append(
            ngettext(
                "%(n)d värde från en annan källa behölls: enkäten har för få svar "
                "för att ersätta det.",
                "%(n)d värden från en annan källa behölls: enkäten har för få svar "
                "för att ersätta dem.",
                kept_other,
            )
            % {"n": kept_other}
        )
    if too_few:
        summary.warnings.append(
            ngettext(
                "%(n)d grupp har färre än %(min)d svarande och fördes inte över.",
                "%(n)d grupper har färre än %(min)d svarande och fördes inte över.",
                too_few,
            )
            % {"n": too_few, "min": MIN_GROUP}
        )
    survey_totals_refresh(kommun=survey.kommun, years={survey.year})
    batch.rows, batch.created, batch.updated = (
        summary.rows,
        summary.created,
        summary.updated,
    )
    batch.save()
    if survey.exported_batch_id != batch.pk:
        survey.exported_batch = batch
        survey.save(update_fields=["exported_batch"])
    summary.batch_id = batch.pk
    return summary
