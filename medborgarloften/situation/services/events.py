"""Police events: parse the open API's records, place them at kommun level, archive
them deduplicated by id, and keep to the API's rules when polling.

The API returns only the latest ~500 events, so a scheduled poll archives them; the
API gives the centre point of a kommun or län, never the incident site, so an event
is placed in a kommun or only in a county. Events can be updated after publication
(same id, new text): the latest version wins.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.lib.http import get_json
from medborgarloften.places.lookup import KommunIndex, county_find
from medborgarloften.places.models import County, Organisation

from ..models import ApiCall, PoliceEvent
from ..periods import local_month

__all__ = [
    "EventPlacer",
    "EventsSummary",
    "ParsedEvent",
    "RateLimited",
    "RateLimiter",
    "events_fetch",
    "events_store",
    "parse_event",
    "read_event_file",
]

POLICE_API = "polisen-events"
#: The API's rules: at least 10 s between calls and at most 60 calls an hour.
MIN_INTERVAL = dt.timedelta(seconds=10)
MAX_PER_HOUR = 60
_FIELDS = ("id", "datetime", "name", "type", "location")
_UPDATABLE = ("published_at", "name", "summary", "url", "type", "location_name")


@dataclass(frozen=True)
class ParsedEvent:
    event_id: int
    published_at: dt.datetime
    name: str
    summary: str
    url: str
    type: str
    location_name: str
    latitude: float | None
    longitude: float | None

    @property
    def title_place(self) -> str:
        """The place at the end of the title: '22 augusti 09.59, Brand, Borgholm'."""
        return self.name.rsplit(",", 1)[-1].strip() if "," in self.name else ""

    @property
    def is_summary(self) -> bool:
        """'Sammanfattning natt' and kin gather many incidents: never counted."""
        return self.type.casefold().startswith("sammanfattning")


def _parse_datetime(text: str) -> dt.datetime:
    # "2026-06-30 7:32:17 +02:00": the hour is not zero-padded.
    return dt.datetime.strptime(" ".join(text.split()), "%Y-%m-%d %H:%M:%S %z")


def parse_event(record: Any) -> ParsedEvent:
    """One raw API record → ParsedEvent; ValueError naming the bad field."""
    if not isinstance(record, dict):
        raise ValueError(_("händelsen är inget JSON-objekt"))
    if "_error" in record:
        raise ValueError(_("ogiltig JSON: %(error)s") % {"error": record["_error"]})
    missing = [name for name in _FIELDS if name not in record]
    if missing:
        raise ValueError(_("fält saknas: %(fields)s") % {"fields": ", ".join(missing)})
    try:
        event_id = int(record["id"])
    except (TypeError, ValueError):
        raise ValueError(_("id är inget heltal: %(v)r") % {"v": record["id"]})
    try:
        published_at = _parse_datetime(str(record["datetime"]))
    except ValueError:
        raise ValueError(
            _("datetime går inte att läsa: %(v)r") % {"v": record["datetime"]}
        )
    location = record["location"] or {}
    latitude = longitude = None
    gps = str(location.get("gps") or "")
    if "," in gps:
        try:
            latitude, longitude = (float(part) for part in gps.split(",", 1))
        except ValueError:
            raise ValueError(_("location.gps går inte att läsa: %(v)r") % {"v": gps})
    return ParsedEvent(
        event_id=event_id,
        published_at=published_at,
        name=str(record["name"]).strip()[:500],
        summary=str(record.get("summary") or "").strip(),
        url=str(record.get("url") or "")[:500],
        type=str(record["type"]).strip()[:100],
        location_name=str(location.get("name") or "").strip()[:100],
        latitude=latitude,
        longitude=longitude,
    )


class EventPlacer:
    """Places an event in a kommun by its location name, matched case-insensitively
    (the API writes 'Upplands väsby'). A county-level name ('Kalmar län') gives the
    county and, when the title ends with a kommun of that county, that kommun —
    the API has given county names for almost every event since January 2026."""

    def __init__(self) -> None:
        self.kommuner = KommunIndex()
        self.counties = list(County.objects.all())

    def place(self, event: ParsedEvent) -> tuple[Organisation | None, County | None]:
        kommun = self.kommuner.find(event.location_name)
        if kommun is not None:
            return kommun, kommun.county
        county = county_find(event.location_name, self.counties)
        if county is None:
            return None, None
        candidate = self.kommuner.find(event.title_place)
        if candidate is not None and candidate.county_id == county.pk:
            return candidate, county
        return None, county


@dataclass
class EventsSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    placed_in_kommun: int = 0
    county_only: int = 0
    unplaced: int = 0
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return _(
            "Händelser: %(created)s, %(updated)s, %(unchanged)s; %(kommun)d i en "
            "kommun, %(county)d bara i ett län, %(none)d utan plats."
        ) % {
            "created": ngettext("%d ny", "%d nya", self.created) % self.created,
            "updated": ngettext("%d uppdaterad", "%d uppdaterade", self.updated)
            % self.updated,
            "unchanged": ngettext("%d oförändrad", "%d oförändrade", self.unchanged)
            % self.unchanged,
            "kommun": self.placed_in_kommun,
            "county": self.county_only,
            "none": self.unplaced,
        }


def _parse_all(
    records: Iterable[tuple[str, Any]],
) -> tuple[dict[int, ParsedEvent], list[str]]:
    parsed: dict[int, ParsedEvent] = {}
    errors: list[str] = []
    for where, record in records:
        try:
            event = parse_event(record)
        except ValueError as exc:
            errors.append(f"{where}: {exc}")
            continue
        known = parsed.get(event.event_id)
        # The same id twice in one batch: the later publication time wins.
        if known is None or event.published_at >= known.published_at:
            parsed[event.event_id] = event
    return parsed, errors


def _chunks(items: list[ParsedEvent], size: int) -> Iterator[list[ParsedEvent]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def events_store(
    *,
    records: Iterable[tuple[str, Any]],
    fetched_at: dt.datetime | None = None,
    dry_run: bool = False,
    chunk_size: int = 2000,
) -> EventsSummary:
    """Archive raw API records, one row per event id (the latest version kept); all
    records valid or nothing saved. ``records`` yields (where, record) pairs so that
    errors can name the line or position."""
    fetched_at = fetched_at or timezone.now()
    parsed, errors = _parse_all(records)
    summary = EventsSummary(errors=errors)
    if errors:
        raise ValidationError(errors)
    placer = EventPlacer()
    events = sorted(parsed.values(), key=lambda e: e.event_id)
    for chunk in _chunks(events, chunk_size):
        existing = {
            row.event_id: row
            for row in PoliceEvent.objects.filter(
                event_id__in=[e.event_id for e in chunk]
            )
        }
        new_rows, changed_rows = [], []
        for event in chunk:
            kommun, county = placer.place(event)
            if kommun is not None:
                summary.placed_in_kommun += 1
            elif county is not None:
                summary.county_only += 1
            else:
                summary.unplaced += 1
            values = {
                "published_at": event.published_at,
                "month": local_month(event.published_at),
                "name": event.name,
                "summary": event.summary,
                "url": event.url,
                "type": event.type,
                "location_name": event.location_name,
                "latitude": event.latitude,
                "longitude": event.longitude,
                "kommun": kommun,
                "county": county,
                "is_summary": event.is_summary,
            }
            row = existing.get(event.event_id)
            if row is None:
                new_rows.append(
                    PoliceEvent(
                        event_id=event.event_id, fetched_at=fetched_at, **values
                    )
                )
                summary.created += 1
            elif event.published_at < row.published_at or all(
                getattr(row, key) == values[key] for key in _UPDATABLE
            ):
                summary.unchanged += 1  # the same, or an older copy of a newer one
            else:
                for key, value in values.items():
                    setattr(row, key, value)
                row.fetched_at = fetched_at
                changed_rows.append(row)
                summary.updated += 1
        if not dry_run:
            PoliceEvent.objects.bulk_create(new_rows, batch_size=1000)
            if changed_rows:
                PoliceEvent.objects.bulk_update(
                    changed_rows,
                    [
                        *_UPDATABLE,
                        "month",
                        "latitude",
                        "longitude",
                        "kommun",
                        "county",
                        "is_summary",
                        "fetched_at",
                    ],
                    batch_size=1000,
                )
    if dry_run:
        transaction.set_rollback(True)
    return summary


def read_event_file(path: Path) -> Iterator[tuple[str, Any]]:
    """Records from an archive: a JSON array (one API response) or JSON Lines,
    optionally gzip-compressed (``events_sweden_….jsonl.gz``)."""
    opener: Callable[..., Any] = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        first = handle.read(1)
        while first and first.isspace():
            first = handle.read(1)
        if first == "[":
            data = json.loads(first + handle.read())
            for index, record in enumerate(data, 1):
                yield f"{path.name} #{index}", record
            return
        number = 0
        line = first + handle.readline()
        while line:
            number += 1
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    record = None
                    yield f"{path.name}:{number}", {"_error": str(exc)}
                else:
                    yield f"{path.name}:{number}", record
            line = handle.readline()


# --- polling within the API's rules -----------------------------------------------


class RateLimited(Exception):
    """A call now would break the API's rules; ``wait`` says how long to wait."""

    def __init__(self, wait: dt.timedelta) -> None:
        super().__init__(wait)
        self.wait = wait


class RateLimiter:
    """At least ``min_interval`` between calls and at most ``max_per_hour`` calls in
    any hour, persisted in the database so that separate runs (cron) share it.
    ``clock`` is injectable so the rule is tested without waiting."""

    def __init__(
        self,
        *,
        api: str = POLICE_API,
        min_interval: dt.timedelta = MIN_INTERVAL,
        max_per_hour: int = MAX_PER_HOUR,
        clock: Callable[[], dt.datetime] = timezone.now,
    ) -> None:
        self.api = api
        self.min_interval = min_interval
        self.max_per_hour = max_per_hour
        self.clock = clock

    def wait_needed(self) -> dt.timedelta:
        """How long to wait before the next call is allowed (zero: call now)."""
        now = self.clock()
        hour_ago = now - dt.timedelta(hours=1)
        recent = list(
            ApiCall.objects.filter(api=self.api, called_at__gt=hour_ago)
            .order_by("-called_at")
            .values_list("called_at", flat=True)[: self.max_per_hour]
        )
        waits = [dt.timedelta(0)]
        if recent:
            waits.append(recent[0] + self.min_interval - now)
        if len(recent) >= self.max_per_hour:
            waits.append(recent[-1] + dt.timedelta(hours=1) - now)
        return max(waits)

    @transaction.atomic
    def acquire(self) -> None:
        """Record a call now, or raise RateLimited with the wait."""
        wait = self.wait_needed()
        if wait > dt.timedelta(0):
            raise RateLimited(wait)
        now = self.clock()
        ApiCall.objects.create(api=self.api, called_at=now)
        ApiCall.objects.filter(
            api=self.api, called_at__lt=now - dt.timedelta(days=1)
        ).delete()


def events_fetch(
    *,
    base_url: str,
    user_agent: str,
    limiter: RateLimiter,
    params: dict[str, str] | None = None,
    timeout: float = 30.0,
) -> list[Any]:
    """One GET of /api/events within the rules: raises RateLimited before calling when
    too soon, sends the identifying User-Agent, returns the decoded JSON array.
    Raises FetchError (``lib.http``) when the request fails or breaks a limit."""
    if not user_agent.strip() or not user_agent.isascii():
        raise ValueError(
            _("User-Agent: ange en identifierande User-Agent med bara ASCII-tecken.")
        )
    limiter.acquire()
    data = get_json(
        base_url.rstrip("/") + "/api/events",
        params=params,
        user_agent=user_agent,
        timeout=timeout,
    )
    if not isinstance(data, list):
        raise ValueError(_("Svaret är ingen JSON-lista med händelser."))
    return data
