"""Load medborgarlöfte JSON records into promises (docs/format.md, "Loading").

A record is checked in three steps before anything is written: the JSON Schema (shape,
types, vocabularies), the semantic checks the schema cannot express (dates, targets,
focus-area references), and the resolution of names to stored organisations and areas.
Every problem is a :class:`RecordError` naming the field by its path in the record
(``commitments[2].target.quantity``); loaders of several records add the file and the
record index. Everything runs in one transaction, so a bad record stores nothing.
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
    same_kommun,
)
from medborgarloften.places.models import (
    POLICE_KINDS,
    Area,
    AreaKind,
    Organisation,
    OrganisationKind,
)
from medborgarloften.places.services import organisation_access_record
from medborgarloften.vocabulary import ordered_responsible

from ..exchange import (
    police_area_name,
    promise_to_record,
    record_schema,
)
from ..models import (
    Commitment,
    FocusArea,
    Promise,
    PromiseStatus,
    Revision,
    Signatory,
)
from .core import revision_record
from .parties import asked_summary, promise_parties_assign

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
        self, path: str, message: str, *, file: str = "", index: int | None = None
    ) -> None:
        self.path = path
        self.detail = message
        self.file = file
        self.index = index
        super().__init__({path or "record": [message]})

    def located(self, *, file: str, index: int) -> RecordError:
        return RecordError(self.path, self.detail, file=file, index=index)

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
    """Finds organisations by code or name; one per load, so lookups are cached."""

    def __init__(self, *, create_missing_police_area: bool, actor: Any = None) -> None:
        self.create_missing_police_area = create_missing_police_area
        self.actor = actor
        self._kommuner: list[Organisation] | None = None

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
        lpo = Organisation(
            kind=OrganisationKind.LOKALPOLISOMRADE,
            name=police_area_name(Organisation(name=name)),
            county=kommuner[0].county if kommuner else None,
            source="medborgarlöfte-JSON",
        )
        lpo.save()
        lpo.serves.add(*kommuner)
        # Serving a kommun opens its lägesbild: keep who made the new unit do so.
        organisation_access_record(
            organisation=lpo, granted=kommuner, actor=self.actor, source="import"
        )
        return lpo

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
        org.save()
        return org

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
        org = Organisation(
            kind=OrganisationKind.ANNAN, name=name.strip(), source="medborgarlöfte-JSON"
        )
        org.save()
        return org


class _Areas:
    """Areas of the promise's kommuner by name or alias; missing ones are created."""

    def __init__(self, kommuner: list[Organisation]) -> None:
        self.kommuner = kommuner
        self.index = AreaIndex(kommuner)

    def get(self, name: str, path: str) -> Area:
        found = self.index.find(name)
        if found is not None:
            return found
        if not self.kommuner:
            raise RecordError(path, "ett område kräver en kommun / needs a kommun")
        area = Area.objects.create(
            kommun=self.kommuner[0], name=name.strip(), kind=AreaKind.OMRADE
        )
        self.index.add(area)
        return area


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
    if start and end and end < start:
        raise RecordError(
            "period.end",
            f"perioden slutar ({end}) före den börjar ({start}) / end before start",
        )
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
    seen: set[str] = set()
    for i, fa in enumerate(focus):
        if fa["title"] in seen:
            raise RecordError(
                f"{focus_path}[{i}]",
                f"fokusområdet {fa['title']!r} finns två gånger / duplicate focus area",
            )
        seen.add(fa["title"])
    commitments = []
    for i, c in enumerate(record.get("commitments") or []):
        path = f"commitments[{i}]"
        if not c["text"].strip():
            raise RecordError(f"{path}.text", "får inte vara tom / must not be empty")
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


def _load(
    *,
    record: Any,
    actor: Any,
    source: str,
    resolver: _Resolver,
    status: str | None,
    reference_for: Organisation | None = None,
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

    uid = _is_uuid(record["id"])
    promise = None
    if uid is not None:
        promise = Promise.objects.select_for_update().filter(uid=uid).first()
    created = promise is None
    before = None if promise is None else promise_to_record(promise)
    if promise is None:
        promise = Promise(uid=uid or uuid.uuid4())
    default_status = record.get("status") if uid is not None else None
    promise.title = _title(record, kommuner, checked)
    promise.status = status or default_status or PromiseStatus.DRAFT
    promise.source_url = _text(record.get("source_url"))
    period = record.get("period") or {}
    promise.period_start = checked["start"]
    promise.period_end = checked["end"]
    promise.period_text = _text(period.get("text"))
    promise.situation_summary = _text(record.get("situation_summary"))
    follow_up = record.get("follow_up") or {}
    promise.follow_up_text = _text(follow_up.get("text"))
    promise.reports_per_period = follow_up.get("reports_per_period")
    promise.report_audience = _text(follow_up.get("audience"))
    promise.adopted_on = checked["adopted_on"]
    promise.published_at = checked["published_at"]
    promise.closed_on = checked["closed_on"]
    promise.evidence_sources = list(dict.fromkeys(record.get("evidence_sources") or []))
    # Themes and places of the promise itself are what the record lists beyond
    # those of its focus areas and commitments (the export adds them back).
    inner_themes = {t for fa in checked["focus"] for t in fa["themes"]} | {
        t for c in checked["commitments"] for t in c["themes"]
    }
    promise.themes = [
        t for t in dict.fromkeys(record.get("themes") or []) if t not in inner_themes
    ]
    if reference_for is not None:
        promise.reference_for = reference_for
    try:
        promise.full_clean(exclude=["uid"], validate_unique=False)
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        raise RecordError(_FIELD_PATHS.get(name, name), "; ".join(messages))
    promise.save()
    # The operator (no actor) speaks for every party; a signed-in editor importing
    # a document asks the kommuner and police units they do not edit for. A copy kept
    # for comparison names the other area's parties as its document does, asks
    # nobody, and gives them no rights (permissions._party_ids).
    asked = promise_parties_assign(
        promise=promise,
        parties=parties,
        actor=None if promise.reference_for_id is not None else actor,
    )

    areas = _Areas(kommuner)
    inner_places = {fold(p) for fa in checked["focus"] for p in fa["places"]}
    inner_places |= {fold(p) for c in checked["commitments"] for p in c["places"]}
    promise.areas.set(
        [
            areas.get(name, f"places[{i}]")
            for i, name in enumerate(record.get("places") or [])
            if fold(name) not in inner_places
        ]
    )

    old_focus = list(promise.focus_areas.order_by("position", "pk"))
    focus_by_title: dict[str, FocusArea] = {}
    for i, fa in enumerate(checked["focus"]):
        obj = _take(old_focus, "title", fa["title"]) or FocusArea(promise=promise)
        obj.title = fa["title"]
        obj.description = fa["description"]
        obj.themes = fa["themes"]
        obj.position = i
        obj.save()
        obj.areas.set(
            [
                areas.get(name, f"focus_area_details[{i}].places[{j}]")
                for j, name in enumerate(fa["places"])
            ]
        )
        focus_by_title[fa["title"]] = obj

    old_commitments = list(promise.commitments.order_by("position", "pk"))
    for i, c in enumerate(checked["commitments"]):
        obj = _take(old_commitments, "text", c["text"]) or Commitment(promise=promise)
        obj.text = c["text"]
        obj.responsible = c["responsible"]
        obj.themes = c["themes"]
        obj.focus_area = focus_by_title.get(c["focus_area"] or "")
        obj.target_quantity = c["target"]["quantity"]
        obj.target_unit = c["target"]["unit"]
        obj.target_per = c["target"]["per"]
        obj.target_deadline = c["target"]["deadline"]
        obj.position = i
        obj.save()
        obj.areas.set(
            [
                areas.get(name, f"commitments[{i}].places[{j}]")
                for j, name in enumerate(c["places"])
            ]
        )
        obj.other_parties.set(
            [resolver.other_party(name, parties) for name in c["other_parties"]]
        )
    for obj in old_commitments:
        if obj.activities.exists():
            raise RecordError(
                "commitments",
                f"åtagandet {obj.text[:60]!r} har rapporterade aktiviteter och kan inte "
                "tas bort genom inläsning / has activities and cannot be removed by a "
                "load",
            )
        obj.delete()
    for obj in old_focus:
        obj.delete()

    promise.signatories.all().delete()
    for i, s in enumerate(checked["signatories"]):
        key = fold(s["organisation"]) if s["organisation"] else None
        organisation = next(
            (p for p in parties if key in {fold(p.name), fold(str(p))}),
            None,
        )
        Signatory.objects.create(
            promise=promise,
            name=s["name"],
            title=s["title"],
            organisation=organisation,
            organisation_name=s["organisation"],
            signed_on=s["date"],
            position=i,
        )

    revision_record(
        promise=promise,
        actor=actor,
        action=Revision.Action.LOADED,
        before=before,
        summary=("Skapat" if created else "Ersatt")
        + " från medborgarlöfte-JSON"
        + (f"; {asked_summary(asked)}" if asked else ""),
        source=source,
    )
    return LoadResult(promise=promise, created=created, warnings=warnings)


def promise_load_record(
    *,
    record: dict[str, Any],
    actor: Any = None,
    source: str,
    create_missing_police_area: bool = False,
    status: str | None = None,
    reference_for: Organisation | None = None,
) -> Promise:
    """Create or replace one promise from a record, all or nothing; raise RecordError.

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
