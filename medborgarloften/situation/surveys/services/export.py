"""A closed survey's shares exported into the lägesbild's survey results."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.lib.access import recorded_actor

from ...models import (
    ALL_AGES,
    Gender,
    ImportBatch,
    Survey,
    SurveyResult,
)
from ...services.imports import ImportSummary
from ..selectors import indicator_cells


@transaction.atomic
def survey_export(*, survey: Survey, actor: Any = None) -> ImportSummary:
    """Write the survey's indicator shares into the lägesbild's survey results (by
    area, gender and age group, with the number answering); running it again
    replaces its own rows and never adds."""

    summary = ImportSummary()
    batch = survey.exported_batch or ImportBatch.objects.create(
        kind=ImportBatch.Kind.SURVEY,
        filename=f"enkat-{survey.pk}",
        source=_("Digital enkät: %(t)s") % {"t": survey.title},
        imported_by=recorded_actor(actor),
    )
    kept: set[int] = set()
    replaced_import = 0
    for cell in indicator_cells(survey):
        key: dict[str, Any] = {
            "kommun": survey.kommun,
            "area": cell.area,
            "indicator": cell.indicator,
            "year": survey.year,
            "gender": cell.gender or Gender.ALLA,
            "age_group": cell.age_group or ALL_AGES,
        }
        replaced_import += (
            SurveyResult.objects.filter(**key).exclude(batch=batch).count()
        )
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
    if replaced_import:
        summary.warnings.append(
            ngettext(
                "%(n)d värde för %(year)d fanns redan från en annan källa och är "
                "nu ersatt av enkätens.",
                "%(n)d värden för %(year)d fanns redan från en annan källa och är "
                "nu ersatta av enkätens.",
                replaced_import,
            )
            % {"n": replaced_import, "year": survey.year}
        )
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
