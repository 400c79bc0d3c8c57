"""The demo's police events: the real events the police published for Kalmar kommun
(``polishandelser_kalmar.json``, raw records of the open API collected by
``dnouri/polisen-se-events-history``, 2023-03…2026-08; see /work/shared/data/README.md).

Nothing is invented: the archive ends where the collection ended, and the lägesbild
says up to which day events exist (``selectors.events_until``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone

from medborgarloften.situation.services import events_store, read_event_file

EVENTS_FILE = Path(__file__).resolve().parent / "polishandelser_kalmar.json"


def police_events_load(*, today: dt.date) -> int:
    """Archive the demo's police events published up to ``today``; returns how many
    were new (deduplicated by id, so running the demo again adds nothing)."""
    records = [
        (where, record)
        for where, record in read_event_file(EVENTS_FILE)
        if str(record.get("datetime", ""))[:10] <= today.isoformat()
    ]
    return events_store(records=records, fetched_at=timezone.now()).created
