"""Writes to the lägesbild — the only place that changes situation data.

One module per kind of evidence; import from here.
"""

from .events import (
    EventPlacer,
    EventsSummary,
    RateLimited,
    RateLimiter,
    events_fetch,
    events_store,
    parse_event,
    read_event_file,
)
from .observations import area_at, observation_create

__all__ = [
    "EventPlacer",
    "EventsSummary",
    "RateLimited",
    "RateLimiter",
    "area_at",
    "events_fetch",
    "events_store",
    "observation_create",
    "parse_event",
    "read_event_file",
]
