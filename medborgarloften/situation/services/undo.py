"""Undo of the latest survey or crime import (or survey transfer) of a kommun.

Every write of an import first remembers the rows it changes or removes as they were
(:func:`remember`, kept on the batch); the undo removes the batch's rows, puts the
remembered ones back with their ids and recomputes the whole kommun's survey
figures. Only a kommun's latest batch can be undone: a later import may have
replaced the same rows again.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation

from ..models import CrimeStatistic, ImportBatch, SurveyResult
from ..permissions import can_edit_situation
from .survey_totals import survey_totals_refresh

__all__ = ["batch_undo", "latest_batch", "remember"]

_MODELS: dict[str, type[models.Model]] = {
    "survey": SurveyResult,
    "crime": CrimeStatistic,
}


def remember(batch: ImportBatch, rows: Any) -> None:
    """Keep ``rows`` (SurveyResult or CrimeStatistic) on ``batch`` as they are now,
    unless the batch already remembered them or wrote them itself."""
    known = {(r["model"], r["values"]["id"]) for r in batch.replaced}
    for row in rows:
        model = "survey" if isinstance(row, SurveyResult) else "crime"
        if row.batch_id == batch.pk or (model, row.pk) in known:
            continue
        values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
        batch.replaced.append({"model": model, "values": values})
        known.add((model, row.pk))


def latest_batch(kommun: Organisation) -> ImportBatch | None:
    """The kommun's most recent batch that still has rows."""
    ids = set(
        SurveyResult.objects.filter(kommun=kommun, batch__isnull=False).values_list(
            "batch_id", flat=True
        )
    ) | set(
        CrimeStatistic.objects.filter(kommun=kommun, batch__isnull=False).values_list(
            "batch_id", flat=True
        )
    )
    return (
        ImportBatch.objects.filter(pk__in=ids).order_by("-imported_at", "-pk").first()
    )


@transaction.atomic
def batch_undo(*, kommun: Organisation, batch: ImportBatch, actor: Any) -> int:
    """Undo ``batch``, the kommun's latest; returns the number of rows put back."""
    if not can_edit_situation(actor, kommun):
        raise PermissionDenied(
            _("Bara redaktörer och administratörer för %(kommun)s kan ändra här.")
            % {"kommun": kommun}
        )
    latest = latest_batch(kommun)
    if latest is None or latest.pk != batch.pk:
        raise ValidationError(
            _("Bara den senaste importen kan ångras; en senare har ändrat värdena.")
        )
    years = set(SurveyResult.objects.filter(batch=batch).values_list("year", flat=True))
    SurveyResult.objects.filter(batch=batch).delete()
    CrimeStatistic.objects.filter(batch=batch).delete()
    for entry in batch.replaced:
        model = _MODELS[entry["model"]]
        values = dict(entry["values"])
        if entry["model"] == "survey":
            years.add(values["year"])
        pk = values.pop("id")
        if (
            values.get("batch_id") is not None
            and not ImportBatch.objects.filter(pk=values["batch_id"]).exists()
        ):
            values["batch_id"] = None
        model.objects.update_or_create(pk=pk, defaults=values)  # type: ignore[attr-defined]
    restored = len(batch.replaced)
    batch.delete()
    survey_totals_refresh(kommun=kommun, years=years)
    return restored
