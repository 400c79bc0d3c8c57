"""Load medborgarlöfte JSON records into promises (docs/format.md, "Loading").

A record is checked in three steps: the JSON Schema (shape, types, vocabularies), the
checks of the record's own form the schema cannot express (dates, targets, focus-area
references), and the resolution of names to stored organisations and areas. The
result is a ``PromiseDraft`` (rows matched to the stored ones by title or text, so
follow-up stays attached; organisations and places not found named for the writer to
create), which the one writer (``services.writer.promise_write``) checks against the
rules every promise obeys and saves. Every problem is a :class:`RecordError` naming the
field by its path in the record (``commitments[2].target.quantity``); loaders of
several records add the file and the record index. Everything runs in one
transaction, so a bad record stores nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError as SchemaError

from medborgarloften.lib.text import clean_text
from medborgarloften.places.lookup import (
    AreaIndex,
    KommunIndex,
    fold,
    police_area_find,
    police_area_key,
    same_kommun,
)
from medborgarloften.places.models import (
    POLICE_KINDS,
    Organisation,
    OrganisationKind,
)
from medborgarloften.places.permissions import can_edit_areas
from medborgarloften.vocabulary import ordered_responsible

from ..draft import (
    AreaRef,
    CommitmentDraft,
    FocusAreaDraft,
    Lifecycle,
    OrganisationRef,
    PromiseDraft,
    SignatoryDraft,
    TargetDraft,
    parse_row_path,
)
from ..exchange import (
    police_area_name,
    record_schema,
)
from ..models import Promise, PromiseStatus, Revision
from .writer import promise_write

__all__ = [
    "LoadResult",
    "LoadSummary",
    "RecordError",
    "RecordInput",
    "promise_load_record",
    "promises_load",
    "record_validate",
]


class RecordError(ValidationError):
    """A record that cannot be loaded: where (file, record index, field) and why."""

    def __init__(
        self,
        path: str,
        message: str,
        *,
        file: str = "",
        index: int | None = None,
        code: str | None = None,
    ) -> None:
        self.path = path
        self.detail = message
        self.file = file
        self.index = index
        super().__init__({path or "record": [ValidationError(message, code=code)]})
        #: The writer's code for the problem, when it has one (``NOT_OWN_PARTY``).
        self.code = code

    def located(self, *, file: str, index: int) -> RecordError:
        return RecordError(
            self.path, self.detail, file=file, index=index, code=self.code
        )

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.index is not None:
            where.append(f"post/record {self.index}")
        if self.path:
            where.append(self.path)
        return f"{', '.join(where)}: {self.detail}" if where else self.detail


@dataclass
class LoadResult:
    """What loading one record did."""

    promise: Promise
    created: bool
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RecordInput:
    """One record to load, with where it came from (for messages and the Revision)."""

    record: Any
    source: str
    file: str = ""
    index: int = 0


@dataclass
class LoadSummary:
    """What a load did, record by record; ``dry_run`` means it was rolled back."""

    results: list[LoadResult] = field(default_factory=list)
    dry_run: bool = False

    @property
    def created(self) -> int:
        return sum(1 for r in self.results if r.created)

    @property
    def updated(self) -> int:
        return sum(1 for r in self.results if not r.created)


# --- step 1: the JSON Schema ------------------------------------------------------


def _record_validator() -> Draft202012Validator:
    schema = record_schema()
    record = {"$ref": "#/$defs/record", "$defs": schema["$defs"]}
    return Draft202012Validator(record, format_checker=FormatChecker())


def _path(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _schema_message(error: SchemaError) -> str:
    kind = error.validator
    value = error.instance
    if kind == "enum":
        allowed = ", ".join(
            "null" if v is None else str(v) for v in error.validator_value
        )
        return f"okänt värde {value!r} / unknown value; tillåtna / allowed: {allowed}"
    if kind == "type":
        expected = error.validator_value
        expected = " eller ".join(expected) if isinstance(expected, list) else expected
        return f"fel typ: väntade {expected}, fick {value!r} / wrong type"
    if kind == "required":
        return f"saknas / is missing: {error.message}"
    if kind == "minimum" and error.validator_value == 1:
        return (
            f"ska vara ett positivt heltal, fick {value!r} / must be a positive integer"
        )
    if kind == "pattern" and error.validator_value == r"^\d{4}$":
        return (
            f"en kommunkod har fyra siffror, fick {value!r} / a kommunkod has 4 digits"
        )
    if kind in {"pattern", "format"} and "date" in str(error.schema.get("format", "")):
        return f"ogiltigt datum {value!r}, skriv ÅÅÅÅ-MM-DD / invalid date"
    if kind == "minLength":
        return "får inte vara tom / must not be empty"
    if kind == "maxLength":
        return (
            f"för lång text, högst {error.validator_value} tecken / "
            f"longer than {error.validator_value} characters"
        )
    return error.message


def record_validate(record: Any) -> None:
    """Check one record against the JSON Schema; raise RecordError at the first problem."""
    errors = sorted(
        _record_validator().iter_errors(record),
        key=lambda e: (list(map(str, e.absolute_path)), e.validator),
    )
    if errors:
        error = errors[0]
        path = list(error.absolute_path)
        if error.validator == "required" and isinstance(error.validator_value, list):
            missing = [k for k in error.validator_value if k not in error.instance]
            path += missing[:1]
        raise RecordError(_path(path), _schema_message(error))


def _resolve_ref(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = record_schema()["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _unknown_keys(value: Any, schema: dict[str, Any], path: str = "") -> list[str]:
    """Keys the format does not define, as paths with list indexes dropped."""
    schema = _resolve_ref(schema)
    found: list[str] = []
    if isinstance(value, dict) and "properties" in schema:
        for key, item in value.items():
            sub = f"{path}.{key}" if path else key
            if key not in schema["properties"]:
                found.append(sub)
            else:
                found += _unknown_keys(item, schema["properties"][key], sub)
    elif isinstance(value, list) and "items" in schema:
        for item in value:
            found += _unknown_keys(item, schema["items"], f"{path}[]")
    return list(dict.fromkeys(found))


# --- step 2: semantic checks --------------------------------------------------------


def _date(value: str | None, path: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RecordError(path, f"ogiltigt datum {value!r} / invalid date")


def _datetime(value: str | None, path: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise RecordError(path, f"ogiltig tidpunkt {value!r} / invalid date-time")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed.astimezone(dt.UTC)


def _text(value: str | None) -> str:
    return clean_text(value or "").strip()


# --- step 3: names to organisations and areas ---------------------------------------


class _Resolver:
    """Finds organisations by code or name; one per load, so lookups are cached.
    One it does not find is returned unsaved, for the writer to create."""

    def __init__(self, *, create_missing_police_area: bool, actor: Any = None) -> None:
        self.create_missing_police_area = create_missing_police_area
        self.actor = actor
        self._kommuner: list[Organisation] | None = None
        self._new: dict[tuple[str, str], Organisation] = {}

    def kommuner(self) -> list[Organisation]:
        if self._kommuner is None:
            self._kommuner = list(Organisation.objects.kommuner().order_by("code"))
        return self._kommuner

    def kommun_by_code(self, code: str, path: str) -> Organisation:
        for org in self.kommuner():
            if org.code == code:
                return org
        raise RecordError(path, f"okänd kommunkod {code} / unknown kommunkod {code}")

    def kommun_by_name(self, name: str, path: str) -> Organisation:
        found = KommunIndex(self.kommuner()).find(name)
        if found is not None:
            return found
        raise RecordError(path, f"okänd kommun {name!r} / unknown kommun {name!r}")

    def police_area(
        self, name: str, path: str, kommuner: list[Organisation]
    ) -> Organisation:
        found = police_area_find(name)
        if found:
            return found
        if not self.create_missing_police_area:
            raise RecordError(
                path,
                f"okänt lokalpolisområde {name!r} / unknown police area; skapa det med "
                "--create-missing-police-area / create it with that flag",
            )
        # A new unit, unsaved: the writer creates it after its checks, serving the
        # promise's kommuner, and keeps who made it do so.
        return self._new.setdefault(
            ("lpo", police_area_key(name)),
            Organisation(
                kind=OrganisationKind.LOKALPOLISOMRADE,
                name=police_area_name(Organisation(name=name)),
                source="medborgarlöfte-JSON",
            ),
        )

    def party(self, item: dict[str, Any], path: str) -> Organisation:
        kind = item["kind"]
        name = item["name"].strip()
        code = _text(item.get("code"))
        qs = Organisation.objects.filter(kind=kind)
        if code:
            by_code = qs.filter(code=code).first()
            if by_code is not None:
                return by_code
        key = fold(name)
        for org in qs.order_by("pk"):
            if fold(org.name) == key:
                return org
        org = Organisation(
            kind=kind, name=name, code=code, source="medborgarlöfte-JSON"
        )
        try:
            org.full_clean(validate_unique=True, validate_constraints=True)
        except ValidationError as exc:
            raise RecordError(path, "; ".join(exc.messages))
        return org  # unsaved: the writer creates it after its checks

    def other_party(self, name: str, parties: list[Organisation]) -> Organisation:
        key = fold(name)
        for org in parties:
            if fold(org.name) == key:
                return org
        for org in (
            Organisation.objects.exclude(kind__in=POLICE_KINDS)
            .exclude(kind=OrganisationKind.KOMMUN)
            .order_by("kind", "pk")
        ):
            if fold(org.name) == key:
                return org
        # Unsaved: the writer creates it after its checks.
        return Organisation(
            kind=OrganisationKind.ANNAN, name=name.strip(), source="medborgarlöfte-JSON"
        )


class _Areas:
    """Areas of the promise's kommuner by name or alias; missing ones are created
    when the loader may add areas to the first kommun, else left out."""

    def __init__(self, kommuner: list[Organisation], *, create: bool = True) -> None:
        self.kommuner = kommuner
        self.index = AreaIndex(kommuner)
        self.create = create

    def ref(self, name: str) -> AreaRef | None:
        """The stored area by that name or alias, or a new one the writer creates
        in the first kommun (None: not stored, and not ours to create)."""
        found = self.index.find(name)
        if found is not None:
            return AreaRef(id=found.pk)
        return AreaRef(name=name.strip()) if self.create else None

    def refs(self, names: Any) -> list[AreaRef]:
        return [ref for ref in (self.ref(name) for name in names) if ref is not None]


# --- the load itself ---------------------------------------------------------------


_CANONICAL_UUID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE
)


def _is_uuid(value: str) -> uuid.UUID | None:
    """Only the canonical 8-4-4-4-12 form counts: ``uuid.UUID`` also accepts file
    names such as ``000_1ce16330b22eff07…``, which must create a new draft instead."""
    if not isinstance(value, str) or not _CANONICAL_UUID.fullmatch(value.strip()):
        return None
    return uuid.UUID(value.strip())


def _resolve_kommuner(
    record: dict[str, Any], resolver: _Resolver
) -> list[Organisation]:
    codes = record.get("municipality_codes") or []
    names = record.get("municipalities") or []
    if codes:
        kommuner = [
            resolver.kommun_by_code(code, f"municipality_codes[{i}]")
            for i, code in enumerate(codes)
        ]
        if names:
            if len(names) != len(codes):
                raise RecordError(
                    "municipalities",
                    "lika många namn som kommunkoder krävs / "
                    "needs as many names as municipality_codes",
                )
            for i, (name, org) in enumerate(zip(names, kommuner, strict=True)):
                if not same_kommun(name, org.name):
                    raise RecordError(
                        f"municipalities[{i}]",
                        f"{name!r} stämmer inte med kommunkod {org.code} ({org.name}) / "
                        "does not match the kommunkod",
                    )
    else:
        kommuner = [
            resolver.kommun_by_name(name, f"municipalities[{i}]")
            for i, name in enumerate(names)
        ]
    if not kommuner:
        raise RecordError(
            "municipalities", "minst en kommun krävs / at least one kommun is required"
        )
    unique: list[Organisation] = []
    for org in kommuner:
        if org not in unique:
            unique.append(org)
    return unique


def _check_target(c: dict[str, Any], path: str, warnings: list[str]) -> dict[str, Any]:
    """The target fields to store; raise when measurable and target disagree."""
    target = c.get("target")
    measurable = c.get("measurable")
    if measurable is True and target is None:
        raise RecordError(
            f"{path}.target",
            "measurable är true men target saknas / measurable needs a target",
        )
    if measurable is False and target is not None:
        raise RecordError(
            f"{path}.measurable",
            "measurable är false men target är angivet / a target means measurable",
        )
    if target is None:
        return {"quantity": None, "unit": "", "per": "", "deadline": None}
    stored = {
        "quantity": target.get("quantity"),
        "unit": _text(target.get("unit")),
        "per": target.get("per") or "",
        "deadline": _date(target.get("deadline"), f"{path}.target.deadline"),
    }
    if stored["quantity"] is not None:
        stored["quantity"] = int(stored["quantity"])
    if stored["quantity"] is None and not stored["per"] and not stored["deadline"]:
        warnings.append(
            f"{path}.target: varken antal, per eller datum – läst som ej mätbart / "
            "no quantity, per or deadline: loaded as not measurable"
        )
    return stored


def _check_record(record: dict[str, Any], warnings: list[str]) -> dict[str, Any]:
    """Semantic checks the schema cannot express; returns parsed values."""
    period = record.get("period") or {}
    start = _date(period.get("start"), "period.start")
    end = _date(period.get("end"), "period.end")
    details = record.get("focus_area_details")
    titles = record.get("focus_areas")
    if details is not None:
        detail_titles = [d["title"] for d in details]
        if titles is not None and [t.strip() for t in titles] != [
            t.strip() for t in detail_titles
        ]:
            raise RecordError(
                "focus_areas",
                "ska vara titlarna i focus_area_details, i samma ordning / "
                "must list the titles of focus_area_details in order",
            )
        focus = [
            {
                "title": d["title"].strip(),
                "description": _text(d.get("description")),
                "themes": list(d.get("themes") or []),
                "places": list(d.get("places") or []),
            }
            for d in details
        ]
        focus_path = "focus_area_details"
    else:
        focus = [
            {"title": t.strip(), "description": "", "themes": [], "places": []}
            for t in titles or []
        ]
        focus_path = "focus_areas"
    # A period that ends before it starts, a focus area twice, a commitment without
    # text: the writer's rules (services.writer), reported at their record paths.
    seen = {fa["title"] for fa in focus}
    commitments = []
    for i, c in enumerate(record.get("commitments") or []):
        path = f"commitments[{i}]"
        fa_title = _text(c.get("focus_area")) or None
        if fa_title is not None and fa_title not in seen:
            raise RecordError(
                f"{path}.focus_area",
                f"okänt fokusområde {fa_title!r} / not one of focus_areas",
            )
        commitments.append(
            {
                "text": c["text"].strip(),
                "responsible": ordered_responsible(c.get("responsible") or []),
                "target": _check_target(c, path, warnings),
                "places": list(c.get("places") or []),
                "themes": list(c.get("themes") or []),
                "focus_area": fa_title,
                "other_parties": list(c.get("other_parties") or []),
            }
        )
    signatories = [
        {
            "name": s["name"].strip(),
            "title": _text(s.get("title")),
            "organisation": _text(s.get("organisation")),
            "date": _date(s.get("date"), f"signatories[{i}].date"),
        }
        for i, s in enumerate(record.get("signatories") or [])
    ]
    return {
        "start": start,
        "end": end,
        "focus": focus,
        "focus_path": focus_path,
        "commitments": commitments,
        "signatories": signatories,
        "adopted_on": _date(record.get("adopted_on"), "adopted_on"),
        "published_at": _datetime(record.get("published_at"), "published_at"),
        "closed_on": _date(record.get("closed_on"), "closed_on"),
    }


#: Model field → where it sits in the record, for messages from model validation.
_FIELD_PATHS = {
    "period_start": "period.start",
    "period_end": "period.end",
    "period_text": "period.text",
    "follow_up_text": "follow_up.text",
    "reports_per_period": "follow_up.reports_per_period",
    "report_audience": "follow_up.audience",
    "__all__": "",
}


def _title(
    record: dict[str, Any], kommuner: list[Organisation], checked: dict[str, Any]
) -> str:
    """The record's title, or 'Medborgarlöfte Kalmar 2024–2025' from kommuner and period."""
    title = _text(record.get("title"))
    if title:
        return title
    names = " och ".join(k.name for k in kommuner)
    years = sorted({d.year for d in (checked["start"], checked["end"]) if d})
    period = "–".join(str(y) for y in years)
    return f"Medborgarlöfte {names} {period}".strip()[:300]


def _take(existing: list[Any], key: str, value: str) -> Any | None:
    """Reuse the first stored object with the same title/text, so links survive."""
    for i, obj in enumerate(existing):
        if getattr(obj, key) == value:
            return existing.pop(i)
    return None


def _record_path(path: str, checked: dict[str, Any]) -> str:
    """Where a writer's error (a draft path) sits in the record."""
    parts = path.split(".")
    row = parse_row_path(path)
    if row is not None:
        rows, index, name = row
        if rows == "focus_areas":
            if checked["focus_path"] == "focus_areas":
                return f"focus_areas[{index}]"
            return f"focus_area_details[{index}].{_ROW_FIELD_PATHS.get(name, name)}"
        return f"{rows}[{index}].{_ROW_FIELD_PATHS.get(name, name)}"
    if parts[0] == "parties":
        return "municipalities"
    return _FIELD_PATHS.get(parts[0], parts[0])


def _unlabelled(message: str) -> str:
    """The writer's message without the form label it starts with ("Titel: …"):
    a record path names the field instead."""
    label, sep, rest = message.partition(": ")
    if sep and rest and label[:1].isupper() and len(label) <= 30:
        return rest
    return message


#: Row field → where it sits in a record's row.
_ROW_FIELD_PATHS = {
    "target_quantity": "target.quantity",
    "target_unit": "target.unit",
    "target_per": "target.per",
    "target_deadline": "target.deadline",
    "areas": "places",
    "signed_on": "date",
}


def _load(
    *,
    record: Any,
    actor: Any,
    source: str,
    resolver: _Resolver,
    status: str | None,
    reference_for: Organisation | None = None,
    as_operator: bool = False,
) -> LoadResult:
    record_validate(record)
    warnings: list[str] = []
    unknown = _unknown_keys(record, record_schema()["$defs"]["record"])
    if unknown:
        warnings.append(
            "okända nycklar ignoreras / unknown keys ignored: "
            + ", ".join(sorted(unknown))
        )
    checked = _check_record(record, warnings)
    uid = _is_uuid(record["id"])
    promise = None
    if uid is not None:
        promise = Promise.objects.select_for_update().filter(uid=uid).first()
    draft = _draft(
        record=record,
        checked=checked,
        resolver=resolver,
        promise=promise,
        status=status or (record.get("status") if uid is not None else None),
        uid=uid,
        reference_for=reference_for,
        area_actor=None if as_operator else actor,
    )
    created = promise is None
    try:
        promise = promise_write(
            actor=actor,
            draft=draft,
            promise=promise,
            source=source,
            action=Revision.Action.LOADED,
            summary=("Skapat" if created else "Ersatt") + " från medborgarlöfte-JSON",
            as_operator=as_operator,
        )
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        path, errors = next(iter(exc.error_dict.items()))
        raise RecordError(
            _record_path(path, checked),
            "; ".join(_unlabelled(m) for e in errors for m in e.messages),
            code=errors[0].code,
        ) from exc
    return LoadResult(promise=promise, created=created, warnings=warnings)


def _draft(
    *,
    record: dict[str, Any],
    checked: dict[str, Any],
    resolver: _Resolver,
    promise: Promise | None,
    status: str | None,
    uid: uuid.UUID | None,
    reference_for: Organisation | None,
    area_actor: Any = None,
) -> PromiseDraft:
    """The record as a draft for the writer: names resolved to stored organisations
    and areas (or to new areas by name), rows matched to the stored ones by title or
    text, so follow-up registered against them stays attached."""
    kommuner = _resolve_kommuner(record, resolver)
    parties: list[Organisation] = list(kommuner)
    lpos: list[Organisation] = []
    for i, item in enumerate(record.get("parties") or []):
        path = f"parties[{i}]"
        if item["kind"] == OrganisationKind.KOMMUN:
            code = _text(item.get("code"))
            if not any(
                k.code == code or same_kommun(k.name, item["name"]) for k in kommuner
            ):
                raise RecordError(
                    path,
                    f"kommunen {item['name']!r} saknas i municipality_codes / "
                    "kommun not listed in municipality_codes",
                )
            continue
        if item["kind"] == OrganisationKind.LOKALPOLISOMRADE:
            org = resolver.police_area(item["name"], f"{path}.name", kommuner)
            lpos.append(org)
        else:
            org = resolver.party(item, path)
        if org not in parties:
            parties.append(org)
    police_area = _text(record.get("police_area"))
    if police_area:
        lpo = resolver.police_area(police_area, "police_area", kommuner)
        if lpos and lpo not in lpos:
            raise RecordError(
                "police_area",
                f"{police_area!r} finns inte bland parties / not among the parties",
            )
        if lpo not in parties:
            parties.append(lpo)

    # A place the first kommun lacks becomes its area only where the actor may add
    # areas there: a copy of another kommun's promise kept for comparison writes
    # nothing into that kommun (its places the kommun lacks are left out).
    areas = _Areas(
        kommuner,
        create=reference_for is None
        or area_actor is None
        or not kommuner
        or can_edit_areas(area_actor, kommuner[0]),
    )
    inner_places = {fold(p) for fa in checked["focus"] for p in fa["places"]}
    inner_places |= {fold(p) for c in checked["commitments"] for p in c["places"]}
    # Themes and places of the promise itself are what the record lists beyond
    # those of its focus areas and commitments (the export adds them back).
    inner_themes = {t for fa in checked["focus"] for t in fa["themes"]} | {
        t for c in checked["commitments"] for t in c["themes"]
    }
    old_focus = list(promise.focus_areas.order_by("position", "pk")) if promise else []
    old_commitments = (
        list(promise.commitments.order_by("position", "pk")) if promise else []
    )
    focus_index = {fa["title"]: i for i, fa in enumerate(checked["focus"])}
    period = record.get("period") or {}
    follow_up = record.get("follow_up") or {}

    def signatory_org(name: str) -> OrganisationRef | None:
        key = fold(name) if name else None
        for p in parties:
            if key in {fold(p.name), fold(str(p))}:
                return OrganisationRef.of(p)
        return None

    def taken_id(existing: list[Any], key: str, value: str) -> int | None:
        obj = _take(existing, key, value)
        return obj.pk if obj is not None else None

    return PromiseDraft(
        title=_title(record, kommuner, checked),
        parties=[OrganisationRef.of(p) for p in parties],
        period_start=checked["start"],
        period_end=checked["end"],
        period_text=_text(period.get("text")),
        situation_summary=_text(record.get("situation_summary")),
        evidence_sources=list(dict.fromkeys(record.get("evidence_sources") or [])),
        themes=[
            t
            for t in dict.fromkeys(record.get("themes") or [])
            if t not in inner_themes
        ],
        places=areas.refs(
            name
            for name in record.get("places") or []
            if fold(name) not in inner_places
        ),
        follow_up_text=_text(follow_up.get("text")),
        reports_per_period=follow_up.get("reports_per_period"),
        report_audience=_text(follow_up.get("audience")),
        source_url=_text(record.get("source_url")),
        focus_areas=[
            FocusAreaDraft(
                id=taken_id(old_focus, "title", fa["title"]),
                title=fa["title"],
                description=fa["description"],
                themes=fa["themes"],
                areas=areas.refs(fa["places"]),
            )
            for fa in checked["focus"]
        ],
        commitments=[
            CommitmentDraft(
                id=taken_id(old_commitments, "text", c["text"]),
                text=c["text"],
                focus_area=focus_index.get(c["focus_area"] or ""),
                responsible=c["responsible"],
                themes=c["themes"],
                areas=areas.refs(c["places"]),
                other_parties=[
                    OrganisationRef.of(resolver.other_party(name, parties))
                    for name in c["other_parties"]
                ],
                target=TargetDraft(**c["target"]),
            )
            for c in checked["commitments"]
        ],
        signatories=[
            SignatoryDraft(
                name=s["name"],
                title=s["title"],
                organisation=signatory_org(s["organisation"]),
                organisation_name=s["organisation"],
                signed_on=s["date"],
            )
            for s in checked["signatories"]
        ],
        lifecycle=Lifecycle(
            status=status or PromiseStatus.DRAFT,
            adopted_on=checked["adopted_on"],
            published_at=checked["published_at"],
            closed_on=checked["closed_on"],
        ),
        uid=uid or uuid.uuid4(),
        reference_for=reference_for.pk if reference_for is not None else None,
    )


def promise_load_record(
    *,
    record: dict[str, Any],
    actor: Any = None,
    source: str,
    create_missing_police_area: bool = False,
    status: str | None = None,
    reference_for: Organisation | None = None,
    as_operator: bool = False,
) -> Promise:
    """Create or replace one promise from a record, all or nothing; raise RecordError.

    ``actor`` must be allowed to write the promise (``promise_write``), unless
    ``as_operator``: a command run on the server, naming ``actor`` for the history.

    With ``reference_for`` the promise is kept by that organisation for comparison
    (another area's promise): its parties stay as the record says, and it stays a
    draft.
    """
    with transaction.atomic():
        promise = _load(
            record=record,
            actor=actor,
            source=source,
            resolver=_Resolver(
                create_missing_police_area=create_missing_police_area, actor=actor
            ),
            status=PromiseStatus.DRAFT if reference_for is not None else status,
            reference_for=reference_for,
            as_operator=as_operator,
        ).promise
        return promise


def promises_load(
    *,
    records: Sequence[RecordInput | dict[str, Any]],
    actor: Any = None,
    source: str = "fil",
    create_missing_police_area: bool = False,
    status: str | None = None,
    dry_run: bool = False,
) -> LoadSummary:
    """Load many records in one transaction: all are stored, or (on any error) none.

    Plain dicts are loaded with ``source`` and their index; ``RecordInput`` carries the
    file each came from, for messages and the Revision.
    """
    summary = LoadSummary(dry_run=dry_run)
    inputs = [
        r
        if isinstance(r, RecordInput)
        else RecordInput(record=r, source=source, index=i)
        for i, r in enumerate(records)
    ]
    resolver = _Resolver(
        create_missing_police_area=create_missing_police_area, actor=actor
    )
    seen: dict[str, RecordInput] = {}
    with transaction.atomic():
        for item in inputs:
            try:
                if isinstance(item.record, dict) and _is_uuid(item.record.get("id")):
                    key = str(_is_uuid(item.record["id"]))
                    if key in seen:
                        first = seen[key]
                        raise RecordError(
                            "id",
                            f"samma id som {first.file} post {first.index} / "
                            "the same id appears twice",
                        )
                    seen[key] = item
                result = _load(
                    record=item.record,
                    actor=actor,
                    source=item.source,
                    resolver=resolver,
                    status=status,
                )
            except RecordError as exc:
                raise exc.located(file=item.file, index=item.index)
            except ValidationError as exc:
                raise RecordError(
                    "", "; ".join(exc.messages), file=item.file, index=item.index
                )
            summary.results.append(result)
        if dry_run:
            transaction.set_rollback(True)
    return summary
