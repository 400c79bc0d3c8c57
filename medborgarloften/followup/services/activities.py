"""Activities, one at a time: create, update (optimistic locking), delete.

Every function validates first, names the field in a Swedish message and saves inside
one transaction. An update or delete carries the ``version`` the form was read at; when
somebody saved in between, the change is refused with who and when — never a lost
update.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NotRequired, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.lib.access import recorded_actor
from medborgarloften.lib.errors import FieldErrors
from medborgarloften.lib.screening import needs_screening
from medborgarloften.places.models import Area, Organisation

from ..models import Activity
from .statuses import activity_statuses_refresh

__all__ = [
    "MAX_COST",
    "MAX_HOURS",
    "MAX_PARTICIPANTS",
    "MAX_QUANTITY",
    "StaleActivity",
    "activity_build",
    "activity_create",
    "activity_delete",
    "activity_update",
]

#: Upper bounds: one activity is one evening, one walk, one campaign. More than a
#: thousand of anything in one row is a typing slip (an extra zero, a year in the
#: wrong column); log it as several activities instead.
MAX_QUANTITY = 1000
MAX_PARTICIPANTS = 100_000
MAX_HOURS = Decimal("10000")
MAX_COST = Decimal("100000000")

#: Fields an update may change.
EDITABLE = (
    "date",
    "end_date",
    "area",
    "kind",
    "quantity",
    "participants",
    "organisation",
    "description",
    "links",
    "hours",
    "cost",
)


class StaleActivity(ValidationError):
    """The activity changed (or was deleted) after the form was read."""


def outside_period(promise: Any, day: dt.date | None, label: str) -> str:
    """What is wrong with ``day`` for something done or reported in ``promise``:
    outside the promise period is refused (activities and partners' status reports
    alike); "" when it is inside or not given."""
    start, end = promise.period_start, promise.period_end
    if day is None or not ((start and day < start) or (end and day > end)):
        return ""
    return _(
        "%(label)s: %(date)s ligger utanför löftets period %(start)s – %(end)s."
    ) % {
        "label": label,
        "date": day.isoformat(),
        "start": start.isoformat() if start else "…",
        "end": end.isoformat() if end else "…",
    }


def _activity_errors(
    *,
    commitment: Any,
    date: dt.date | None,
    end_date: dt.date | None,
    kind: str,
    quantity: Any,
    area: Area | None,
    organisation: Organisation | None,
    links: list[str],
    participants: Any = None,
    hours: Any = None,
    cost: Any = None,
    today: dt.date | None = None,
) -> dict[str, list[str]]:
    errors = FieldErrors()
    today = today or timezone.localdate()
    promise = commitment.promise
    add = errors.add

    if not kind:
        add("kind", _("Typ: skriv vad som gjordes, t.ex. trygghetsvandring."))
    if date is None:
        add("date", _("Datum: ange när det gjordes (ÅÅÅÅ-MM-DD)."))
    else:
        if end_date is not None and end_date < date:
            add("end_date", _("Till och med: slutdatumet ligger före startdatumet."))
        if date > today:
            add(
                "date",
                _(
                    "Datum: %(date)s ligger i framtiden. Logga det som har gjorts, "
                    "inte det som planeras."
                )
                % {"date": date.isoformat()},
            )
        for key, day, label in (
            ("date", date, _("Datum")),
            ("end_date", end_date, _("Till och med")),
        ):
            problem = outside_period(promise, day, label)
            if problem:
                add(key, problem)
    if not isinstance(quantity, int) or isinstance(quantity, bool):
        add("quantity", _("Antal: ska vara ett heltal."))
    elif quantity < 1:
        add("quantity", _("Antal: ska vara minst 1."))
    elif quantity > MAX_QUANTITY:
        add(
            "quantity",
            _(
                "Antal: %(n)s är orimligt många för en aktivitet (högst %(max)s). "
                "Dela upp den i flera."
            )
            % {"n": quantity, "max": MAX_QUANTITY},
        )
    for key, value, bound, label in (
        ("participants", participants, MAX_PARTICIPANTS, _("Deltagare")),
        ("hours", hours, MAX_HOURS, _("Timmar")),
        ("cost", cost, MAX_COST, _("Kostnad")),
    ):
        if value is None:
            continue
        if value < 0:
            add(key, _("%(label)s: kan inte vara negativt.") % {"label": label})
        elif value > bound:
            add(
                key,
                _("%(label)s: %(value)s är orimligt mycket (högst %(max)s).")
                % {"label": label, "value": value, "max": bound},
            )
    parties = list(promise.parties.all())
    if area is not None and area.kommun_id not in {p.pk for p in parties}:
        add(
            "area",
            _("Område: %(area)s ligger inte i någon av löftets kommuner.")
            % {"area": area},
        )
    if organisation is not None:
        allowed = {p.pk for p in parties} | {
            o.pk for o in commitment.other_parties.all()
        }
        if organisation.pk not in allowed:
            add(
                "organisation",
                _("Utförd av: %(org)s är ingen part i löftet.") % {"org": organisation},
            )
    for link in links:
        if not link.startswith(("https://", "http://")):
            add(
                "links",
                _("Länkar: %(link)s är ingen webbadress (http:// eller https://).")
                % {"link": link},
            )
    return errors


def _clean_links(links: Iterable[str]) -> list[str]:
    return [link.strip() for link in links if link and link.strip()]


def activity_build(
    *,
    commitment: Any,
    date: dt.date | None,
    kind: str,
    actor: Any = None,
    end_date: dt.date | None = None,
    area: Area | None = None,
    quantity: Any = 1,
    participants: int | None = None,
    organisation: Organisation | None = None,
    description: str = "",
    links: Iterable[str] = (),
    hours: Decimal | None = None,
    cost: Decimal | None = None,
    source: str = "webb",
    today: dt.date | None = None,
) -> Activity:
    """An unsaved, validated activity; raises ValidationError naming each field.

    Shared by ``activity_create`` and the bulk import, which checks every row before
    it saves any."""
    kind = " ".join((kind or "").split())
    link_list = _clean_links(links)
    errors = _activity_errors(
        commitment=commitment,
        date=date,
        end_date=end_date,
        kind=kind,
        quantity=quantity,
        area=area,
        organisation=organisation,
        links=link_list,
        participants=participants,
        hours=hours,
        cost=cost,
        today=today,
    )
    for name, found in _personal_number_errors(
        kind=kind, description=description
    ).items():
        errors.setdefault(name, []).extend(found)
    if errors or date is None:
        raise ValidationError(errors)
    activity = Activity(
        commitment=commitment,
        date=date,
        end_date=end_date,
        area=area,
        kind=kind,
        quantity=quantity,
        participants=participants,
        organisation=organisation,
        description=(description or "").strip(),
        links=link_list,
        hours=hours,
        cost=cost,
        created_by=recorded_actor(actor),
        source=source[:100],
    )
    # The related objects are given, not looked up, and the constraints were checked
    # above (the database enforces them too): clean only the plain fields.
    activity.full_clean(
        exclude=["commitment", "area", "organisation", "created_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    return activity


def _personal_number_errors(*, kind: str, description: str) -> dict[str, list[str]]:
    """An activity is published as written (the promise's public page, the API), so
    its texts may hold no personnummer or phone number."""
    message = _(
        "Texten ser ut att innehålla ett personnummer eller ett telefonnummer. Ta bort "
        "det – aktiviteten visas öppet på löftets sida."
    )
    return {
        name: [message]
        for name, text in (("kind", kind), ("description", description or ""))
        if needs_screening(text)
    }


class ActivityFields(TypedDict):
    """``activity_build``'s arguments, as ``activity_create`` takes them too."""

    commitment: Any
    date: dt.date
    kind: str
    actor: NotRequired[Any]
    end_date: NotRequired[dt.date | None]
    area: NotRequired[Area | None]
    quantity: NotRequired[int]
    participants: NotRequired[int | None]
    organisation: NotRequired[Organisation | None]
    description: NotRequired[str]
    links: NotRequired[Iterable[str]]
    hours: NotRequired[Decimal | None]
    cost: NotRequired[Decimal | None]
    source: NotRequired[str]
    today: NotRequired[dt.date | None]


@transaction.atomic
def activity_create(
    *, submission: uuid.UUID | None = None, **fields: Unpack[ActivityFields]
) -> Activity:
    """Record what was done against a commitment (the arguments are
    ``activity_build``'s): inside the promise period, not in the future, in one of
    the promise's kommuner, with a sane quantity.

    ``submission`` is the key of the form or request: when an activity with that key
    exists (the same form sent twice), it is returned with ``already_saved`` set and
    nothing new is written."""
    commitment = fields["commitment"]
    if submission is not None:
        existing = _submitted(submission, commitment)
        if existing is not None:
            return existing
    activity = activity_build(**fields)
    activity.submission = submission
    try:
        with transaction.atomic():
            activity.save()
    except IntegrityError:
        # The same form arrived twice at once; the other copy was saved first.
        existing = _submitted(submission, commitment) if submission else None
        if existing is None:
            raise
        return existing
    activity_statuses_refresh(
        activity=activity,
        verb=_("loggad"),
        actor=fields.get("actor"),
        today=fields.get("today"),
    )
    return activity


def _submitted(submission: uuid.UUID, commitment: Any) -> Activity | None:
    existing = Activity.objects.filter(submission=submission).first()
    if existing is None:
        return None
    if existing.commitment_id != commitment.pk:
        raise ValidationError(
            {
                "submission": [
                    _("Formuläret hör till ett annat åtagande; ladda om sidan.")
                ]
            }
        )
    existing.already_saved = True
    return existing


def _stale(activity: Activity) -> StaleActivity:
    current = (
        Activity.objects.filter(pk=activity.pk)
        .values("version", "updated_at", "created_by__username")
        .first()
    )
    if current is None:
        return StaleActivity(
            _("Aktiviteten har tagits bort av någon annan medan du ändrade den.")
        )
    return StaleActivity(
        _(
            "Någon annan sparade aktiviteten %(when)s medan du ändrade den. Dina "
            "ändringar är inte sparade: läs in den nya versionen och gör om dem."
        )
        % {"when": timezone.localtime(current["updated_at"]).strftime("%Y-%m-%d %H:%M")}
    )


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    version: int,
    actor: Any = None,
    today: dt.date | None = None,
    **changes: Any,
) -> Activity:
    """Change an activity only if nobody saved it since ``version`` was read; the
    second of two concurrent saves is refused (StaleActivity), never merged."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"activity_update: unknown fields {sorted(unknown)}")
    values = {name: getattr(activity, name) for name in EDITABLE} | changes
    values["kind"] = " ".join((values["kind"] or "").split())
    values["links"] = _clean_links(values["links"])
    values["description"] = (values["description"] or "").strip()
    errors = _activity_errors(
        commitment=activity.commitment,
        today=today,
        **{k: v for k, v in values.items() if k != "description"},
    )
    screened = _personal_number_errors(
        kind=values["kind"], description=values["description"]
    )
    for name, found in screened.items():
        errors.setdefault(name, []).extend(found)
    if errors:
        raise ValidationError(errors)
    updated = Activity.objects.filter(pk=activity.pk, version=version).update(
        **values,
        version=F("version") + 1,
        updated_at=timezone.now(),
        updated_by=recorded_actor(actor),
    )
    if not updated:
        raise _stale(activity)
    activity.refresh_from_db()
    activity_statuses_refresh(
        activity=activity, verb=_("ändrad"), actor=actor, today=today
    )
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, version: int, actor: Any = None) -> None:
    """Delete an activity only if nobody changed it since ``version`` was read."""
    deleted, _counts = Activity.objects.filter(pk=activity.pk, version=version).delete()
    if not deleted:
        raise _stale(activity)
    activity_statuses_refresh(activity=activity, verb=_("borttagen"), actor=actor)
