"""Baselines and cause analyses for a promise's focus areas.

``baseline_freeze`` is what the promise adoption calls: it copies the indicators
behind each focus area — its themes in its areas (or the whole kommun) — as they
stood in the twelve months before adoption, so that the effect can be followed up at
the end of the period against numbers that no later import can change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    BaselineValue,
    CauseAnalysis,
)
from ..selectors.baselines import focus_area_themes, indicators_by_focus_area

__all__ = ["baseline_freeze", "cause_analysis_save", "focus_area_themes"]

TEXT_MAX = 2000


@transaction.atomic
def baseline_freeze(
    *, promise: Any, on: dt.date | None = None, refreeze: bool = False
) -> list[BaselineValue]:
    """Freeze each focus area's indicators as they stood in the year before ``on``
    (the adoption date; today by default). Frozen once: a second call returns the
    same values unless ``refreeze`` — later imports never move a baseline."""
    existing = list(promise.baseline_values.all())
    if existing and not refreeze:
        return existing
    kommuner = [p for p in promise.parties.all() if p.is_kommun]
    if not kommuner:
        raise ValidationError(
            {
                "parties": _(
                    "Parter: löftet har ingen kommun att hämta utgångsläget från."
                )
            }
        )
    # The year before the promise: its adoption, else the start of its period; only
    # a promise with neither is measured up to today.
    on = on or promise.adopted_on or promise.period_start or timezone.localdate()
    promise.baseline_values.all().delete()
    now = timezone.now()
    rows: list[BaselineValue] = []
    for focus_area, item in indicators_by_focus_area(
        focus_areas=promise.focus_areas.prefetch_related("areas"),
        kommuner=kommuner,
        on=on,
    ):
        rows.append(
            BaselineValue(promise=promise, focus_area=focus_area, frozen_at=now, **item)
        )
    BaselineValue.objects.bulk_create(rows)
    return list(promise.baseline_values.all())


@transaction.atomic
def cause_analysis_save(
    *, focus_area: Any, problem: str, causes: str, measures: str
) -> CauseAnalysis:
    """Keep one short cause analysis per focus area (problem → probable causes →
    measures), each part present and short."""
    errors: dict[str, list[str]] = {}
    for name, label, value in (
        ("problem", _("Problem"), problem),
        ("causes", _("Troliga orsaker"), causes),
        ("measures", _("Åtgärder"), measures),
    ):
        if not value.strip():
            errors[name] = [_("%(field)s: fyll i.") % {"field": label}]
        elif len(value) > TEXT_MAX:
            errors[name] = [
                _("%(field)s: högst %(n)d tecken.") % {"field": label, "n": TEXT_MAX}
            ]
    if errors:
        raise ValidationError(errors)
    analysis, _created = CauseAnalysis.objects.update_or_create(
        focus_area=focus_area,
        defaults={
            "problem": problem.strip(),
            "causes": causes.strip(),
            "measures": measures.strip(),
        },
    )
    return analysis
