"""Bulk entry of activities from a CSV or XLSX table: all rows or none.

``activities_import_check`` resolves and validates every row without saving (the
preview); ``activities_import`` runs the same check and saves all rows in one
transaction, or raises ``ImportRefused`` with the row-by-row errors and saves nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from medborgarloften.places.lookup import AreaIndex, fold, organisation_matches
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Commitment, Promise

from ..models import Activity
from ..tables import COLUMNS, Table, cell_date, read_table
from .activities import activity_build
from .statuses import promise_statuses_refresh

__all__ = [
    "COLUMN_HELP",
    "ImportCheck",
    "ImportRefused",
    "ImportRow",
    "activities_import",
    "activities_import_check",
]


@dataclass
class ImportRow:
    line: int
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    activity: Activity | None = None
    commitment_number: int | None = None


@dataclass
class ImportCheck:
    """The preview: every row with its errors, and file-level problems."""

    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors and not self.error_rows

    @property
    def error_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]


class ImportRefused(ValidationError):
    """Nothing was saved; ``check`` holds the row-by-row reasons."""

    def __init__(self, check: ImportCheck) -> None:
        self.check = check
        messages = list(check.errors) + [
            f"Rad {row.line}: {error}"
            for row in check.error_rows
            for error in row.errors
        ]
        super().__init__(messages or [_("Filen har inga aktiviteter.")])


def _fold(text: str) -> str:
    """Commitment texts compared as typed: case and runs of spaces ignored (names of
    places and parties go through ``places.lookup.fold``)."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


class _Resolver:
    """Names in the table → commitments, areas and organisations of one promise."""

    def __init__(self, promise: Promise) -> None:
        promise = Promise.objects.prefetch_related("parties").get(pk=promise.pk)
        self.commitments = list(
            promise.commitments.order_by("position", "pk").prefetch_related(
                "other_parties"
            )
        )
        for commitment in self.commitments:
            commitment.promise = promise  # validation reads the period from it
        parties = list(promise.parties.all())
        self.areas = AreaIndex([p for p in parties if p.is_kommun])
        self.organisations: dict[str, Organisation] = {}
        others = {o for c in self.commitments for o in c.other_parties.all()}
        self.candidates = [*parties, *others]
        for org in self.candidates:
            for name in (org.name, str(org)):
                self.organisations.setdefault(fold(name), org)
        kommuner = [p for p in parties if p.is_kommun]
        police = [p for p in parties if p.is_police]
        if len(kommuner) == 1:
            self.organisations.setdefault("kommun", kommuner[0])
            self.organisations.setdefault("kommunen", kommuner[0])
        if len(police) == 1:
            self.organisations.setdefault("polis", police[0])
            self.organisations.setdefault("polisen", police[0])

    def organisation(self, name: str) -> Organisation | None:
        """A party by its name, 'kommunen'/'polisen' when there is one of each, or
        any reading ``places.lookup`` has ('LPO Kalmar', 'Kalmars kommun')."""
        found = self.organisations.get(fold(name))
        if found is None:
            matches = organisation_matches(name, self.candidates)
            found = matches[0] if len(matches) == 1 else None
        return found

    def commitment(self, value: Any) -> tuple[Commitment | None, int | None, str]:
        text = str(value).strip() if value is not None else ""
        if not text:
            return None, None, _("Åtagande: ange åtagandets nummer (1, 2, …).")
        number_text = text[:-2] if text.endswith(".0") else text
        if number_text.isdecimal():
            number = int(number_text)
            if 1 <= number <= len(self.commitments):
                return self.commitments[number - 1], number, ""
            return (
                None,
                None,
                _("Åtagande: löftet har inget åtagande nummer %(n)s (1–%(max)s).")
                % {"n": number, "max": len(self.commitments)},
            )
        folded = _fold(text)
        for index, commitment in enumerate(self.commitments, start=1):
            if _fold(commitment.text) == folded:
                return commitment, index, ""
        return (
            None,
            None,
            _("Åtagande: %(text)s finns inte i löftet; ange åtagandets nummer.")
            % {"text": text[:60]},
        )


def _int(value: Any, label: str, errors: list[str]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    errors.append(
        _("%(label)s: %(value)s är inget heltal.") % {"label": label, "value": value}
    )
    return None


def _decimal(value: Any, label: str, errors: list[str]) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = re.sub(r"(?i)\s*(kr|kronor|h|tim)\.?$", "", str(value).strip())
    text = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        errors.append(
            _("%(label)s: %(value)s är inget tal.") % {"label": label, "value": value}
        )
        return None


def _date(value: Any, label: str, errors: list[str]) -> dt.date | None:
    try:
        return cell_date(value)
    except (ValueError, TypeError):
        errors.append(
            _("%(label)s: %(value)s är inget datum (skriv ÅÅÅÅ-MM-DD).")
            % {"label": label, "value": value}
        )
        return None


def _check_row(
    resolver: _Resolver, line: int, values: dict[str, Any], today: dt.date | None
) -> ImportRow:
    row = ImportRow(line=line, values=values)
    errors = row.errors
    commitment, number, problem = resolver.commitment(values.get("commitment"))
    row.commitment_number = number
    if problem:
        errors.append(problem)
    date = _date(values.get("date"), _("Datum"), errors)
    if date is None and not errors:
        errors.append(_("Datum: ange när det gjordes (ÅÅÅÅ-MM-DD)."))
    end_date = _date(values.get("end_date"), _("Till och med"), errors)
    area = None
    area_name = values.get("area")
    if area_name not in (None, ""):
        area = resolver.areas.find(str(area_name))
        if area is None:
            errors.append(
                _("Område: %(name)s finns inte i löftets kommuner.")
                % {"name": area_name}
            )
    organisation = None
    org_name = values.get("organisation")
    if org_name not in (None, ""):
        organisation = resolver.organisation(str(org_name))
        if organisation is None:
            errors.append(
                _("Utförd av: %(name)s är ingen part i löftet.") % {"name": org_name}
            )
    quantity = _int(values.get("quantity"), _("Antal"), errors)
    participants = _int(values.get("participants"), _("Deltagare"), errors)
    hours = _decimal(values.get("hours"), _("Timmar"), errors)
    cost = _decimal(values.get("cost"), _("Kostnad"), errors)
    links = re.split(r"[\s,]+", str(values.get("links") or ""))
    if commitment is None or errors:
        return row
    try:
        row.activity = activity_build(
            commitment=commitment,
            date=date,
            end_date=end_date,
            kind=str(values.get("kind") or ""),
            area=area,
            quantity=1 if quantity is None else quantity,
            participants=participants,
            organisation=organisation,
            description=str(values.get("description") or ""),
            links=links,
            hours=hours,
            cost=cost,
            source="import",
            today=today,
        )
    except ValidationError as exc:
        for messages in exc.message_dict.values():
            errors.extend(messages)
    return row


def activities_import_check(
    *, promise: Promise, data: bytes, filename: str = "", today: dt.date | None = None
) -> ImportCheck:
    """Read and validate every row against the promise; saves nothing."""
    table: Table = read_table(data, filename)
    check = ImportCheck(
        errors=list(table.errors), ignored_columns=table.ignored_columns
    )
    if table.errors:
        return check
    resolver = _Resolver(promise)
    check.rows = [
        _check_row(resolver, line, values, today) for line, values in table.rows
    ]
    return check


@transaction.atomic
def activities_import(
    *,
    promise: Promise,
    data: bytes,
    filename: str = "",
    actor: Any = None,
    today: dt.date | None = None,
    submission: uuid.UUID | None = None,
) -> list[Activity]:
    """Save every row of the table as an activity, or none of them (ImportRefused).

    ``submission`` is the key of the confirming form: each row is saved under a key
    derived from it, so the same confirmation sent twice saves the rows once (the
    second time the saved activities come back with ``already_saved`` set)."""
    check = activities_import_check(
        promise=promise, data=data, filename=filename, today=today
    )
    if not check.ok:
        raise ImportRefused(check)
    keys: list[uuid.UUID | None] = (
        [uuid.uuid5(submission, str(n)) for n in range(len(check.rows))]
        if submission is not None
        else [None] * len(check.rows)
    )
    if submission is not None:
        saved = _saved_before(keys)
        if saved:
            return saved
    activities = []
    for row, key in zip(check.rows, keys, strict=True):
        assert row.activity is not None
        if actor is not None and actor.is_authenticated:
            row.activity.created_by = actor
        row.activity.submission = key
        activities.append(row.activity)
    try:
        with transaction.atomic():
            created = Activity.objects.bulk_create(activities)
            if created:
                promise_statuses_refresh(
                    promise=created[0].commitment.promise,
                    source=_("aktiviteter inlästa från fil"),
                    actor=actor,
                )
            return created
    except IntegrityError:
        # The same confirmation arrived twice at once; the other copy was saved.
        saved = _saved_before(keys) if submission is not None else []
        if not saved:
            raise
        return saved


def _saved_before(keys: list[uuid.UUID | None]) -> list[Activity]:
    saved = list(Activity.objects.filter(submission__in=keys).order_by("pk"))
    for activity in saved:
        activity.already_saved = True
    return saved


# The documented column names, for the upload page.
COLUMN_HELP = [(names[0], key) for key, names in COLUMNS.items()]
