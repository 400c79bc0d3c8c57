"""Writes to yearly activity plans and the kommun's recurring events.

Every function validates first, names the field in a Swedish message and saves
inside one transaction: a planned activity outside the promise's period, or a plan
copied into a year the promise does not cover, is refused and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.models import Commitment, Promise

from ..models import Activity, PlannedActivity, RecurringEvent, When
from ..plans import shift_year, window

__all__ = [
    "PlanCopy",
    "plan_copy",
    "plan_years",
    "planned_activity_create",
    "planned_activity_delete",
    "planned_activity_tick",
    "recurring_event_create",
]

MAX_PLANNED = 1000


def plan_years(promise: Promise) -> list[int]:
    """The calendar years the promise's period touches; empty without a period."""
    if not (promise.period_start and promise.period_end):
        return []
    return list(range(promise.period_start.year, promise.period_end.year + 1))


def _period_text(promise: Promise) -> str:
    # str(date) is its ISO form.
    return f"{promise.period_start} – {promise.period_end}"


def _planned_errors(
    *,
    commitment: Commitment,
    year: int,
    kind: str,
    when: str,
    starts_on: dt.date | None,
    quantity: Any,
    area: Area | None,
    organisation: Organisation | None,
) -> dict[str, list[str]]:
    promise = commitment.promise
    errors: dict[str, list[str]] = {}
    if not kind.strip():
        errors["kind"] = ["Vad: skriv vad som ska göras, t.ex. trygghetsvandring."]
    if when not in When.values:
        errors["when"] = ["Tidsangivelse: datum, vecka eller månad."]
    if not isinstance(quantity, int) or not 1 <= quantity <= MAX_PLANNED:
        errors["quantity"] = [f"Antal: ett heltal från 1 till {MAX_PLANNED}."]
    if not (promise.period_start and promise.period_end):
        errors["starts_on"] = [
            "Löftet saknar period; ange löftets period innan en plan läggs upp."
        ]
    elif year not in plan_years(promise):
        errors["year"] = [
            f"Planår: {year} ligger utanför löftets period ({_period_text(promise)})."
        ]
    if starts_on is None:
        errors.setdefault("starts_on", ["När: ange datum, vecka eller månad."])
    elif (
        "starts_on" not in errors
        and when in When.values
        and promise.period_start
        and promise.period_end
    ):
        start, end = window(when, starts_on)
        if end < promise.period_start or start > promise.period_end:
            errors["starts_on"] = [
                f"När: {start.isoformat()} ligger utanför löftets period "
                f"({_period_text(promise)})."
            ]
        elif start.year != year and end.year != year:
            errors["starts_on"] = [
                f"När: {start.isoformat()} ligger inte i planåret {year}."
            ]
    party_ids = {p.pk for p in promise.parties.all()}
    if area is not None and area.kommun_id not in party_ids:
        errors["area"] = ["Område: området ligger inte i någon av löftets kommuner."]
    if organisation is not None and organisation.pk not in party_ids:
        other = {o.pk for o in commitment.other_parties.all()}
        if organisation.pk not in other:
            errors["organisation"] = [
                "Ansvarig organisation: ska vara en part i löftet."
            ]
    return errors


def planned_activity_create(
    *,
    commitment: Commitment,
    year: int,
    kind: str,
    when: str,
    starts_on: dt.date | None,
    quantity: int = 1,
    area: Area | None = None,
    organisation: Organisation | None = None,
    responsible: str = "",
    description: str = "",
    user: Any = None,
) -> PlannedActivity:
    """A planned line inside the promise's period and its plan year, or nothing."""
    errors = _planned_errors(
        commitment=commitment,
        year=year,
        kind=kind,
        when=when,
        starts_on=starts_on,
        quantity=quantity,
        area=area,
        organisation=organisation,
    )
    if errors or starts_on is None:
        raise ValidationError(errors)
    with transaction.atomic():
        return PlannedActivity.objects.create(
            commitment=commitment,
            year=year,
            kind=kind.strip(),
            when=when,
            starts_on=window(when, starts_on)[0],
            quantity=quantity,
            area=area,
            organisation=organisation,
            responsible=responsible.strip(),
            description=description.strip(),
            created_by=user if getattr(user, "pk", None) else None,
        )


def planned_activity_delete(*, planned: PlannedActivity) -> None:
    """Removes one planned line; the done activities it linked stay."""
    with transaction.atomic():
        planned.delete()


def planned_activity_tick(
    *, activity: Activity, planned: Iterable[PlannedActivity]
) -> list[PlannedActivity]:
    """Links a done activity to the planned lines it carries out (replacing its
    earlier links); every line must belong to the same promise."""
    chosen = list(planned)
    promise_id = activity.commitment.promise_id
    foreign = [p for p in chosen if p.commitment.promise_id != promise_id]
    if foreign:
        raise ValidationError(
            {"planned": ["Planerade aktiviteter: en av dem hör till ett annat löfte."]}
        )
    with transaction.atomic():
        activity.planned_activities.set(chosen)
    return chosen


@dataclass
class PlanCopy:
    created: list[PlannedActivity] = field(default_factory=list)
    left_out: list[PlannedActivity] = field(default_factory=list)


def plan_copy(
    *, promise: Promise, from_year: int, to_year: int, user: Any = None
) -> PlanCopy:
    """Last year's plan as the start of the next: every line moved to the same day,
    week or month of ``to_year``. Refused when the promise does not cover
    ``to_year``, when ``from_year`` has no plan or ``to_year`` already has one;
    lines that would fall outside the period are left out and listed."""
    years = plan_years(promise)
    if to_year not in years:
        covered = f"{years[0]}–{years[-1]}" if years else "ingen period angiven"
        raise ValidationError(
            {
                "to_year": [
                    f"Till år: löftet gäller inte {to_year} ({covered}); "
                    "planen kopierades inte."
                ]
            }
        )
    if from_year == to_year:
        raise ValidationError({"to_year": ["Till år: välj ett annat år än från år."]})
    source = list(
        PlannedActivity.objects.filter(commitment__promise=promise, year=from_year)
        .select_related("commitment")
        .order_by("starts_on", "pk")
    )
    if not source:
        raise ValidationError(
            {"from_year": [f"Från år: det finns ingen plan för {from_year}."]}
        )
    if PlannedActivity.objects.filter(
        commitment__promise=promise, year=to_year
    ).exists():
        raise ValidationError(
            {
                "to_year": [
                    f"Till år: {to_year} har redan en plan; ta bort den först "
                    "eller lägg till rader för hand."
                ]
            }
        )
    result = PlanCopy()
    with transaction.atomic():
        for line in source:
            starts_on = shift_year(line.when, line.starts_on, to_year - from_year)
            start, end = window(line.when, starts_on)
            if (promise.period_start and end < promise.period_start) or (
                promise.period_end and start > promise.period_end
            ):
                result.left_out.append(line)
                continue
            result.created.append(
                PlannedActivity.objects.create(
                    commitment=line.commitment,
                    year=to_year,
                    kind=line.kind,
                    description=line.description,
                    area_id=line.area_id,
                    when=line.when,
                    starts_on=starts_on,
                    organisation_id=line.organisation_id,
                    responsible=line.responsible,
                    quantity=line.quantity,
                    created_by=user if getattr(user, "pk", None) else None,
                )
            )
        if not result.created:
            raise ValidationError(
                {
                    "to_year": [
                        f"Till år: ingen rad i planen för {from_year} hamnar inom "
                        "löftets period; planen kopierades inte."
                    ]
                }
            )
    return result


def recurring_event_create(
    *,
    organisation: Organisation,
    title: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None = None,
    yearly: bool = True,
) -> RecurringEvent:
    """A kommun's own recurring date (skolstart, valborg…) for the årshjul."""
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = ["Händelse: skriv vad det är, t.ex. skolstart."]
    if starts_on is None:
        errors["starts_on"] = ["Från: ange ett datum."]
    elif ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = ["Till och med: kan inte ligga före från-datumet."]
    elif ends_on is not None and (ends_on - starts_on).days > 366:
        errors["ends_on"] = ["Till och med: en händelse kan vara högst ett år."]
    if errors or starts_on is None:
        raise ValidationError(errors)
    with transaction.atomic():
        return RecurringEvent.objects.create(
            organisation=organisation,
            title=title.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            yearly=yearly,
        )
