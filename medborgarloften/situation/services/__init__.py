"""Writes to the lägesbild — the only place that changes situation data.

One module per kind of evidence; import from here.
"""

from .baselines import baseline_freeze, cause_analysis_save, focus_area_themes
from .dialogues import dialogue_create, dialogue_delete, dialogue_update
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
from .imports import (
    ImportRefused,
    ImportSummary,
    crime_import,
    population,
    survey_import,
)
from .kolada import (
    KOLADA_KPIS,
    KoladaValue,
    kolada_fetch,
    kolada_parse,
    kolada_read_file,
    kolada_store,
    similar_kommuner,
)
from .observations import (
    area_at,
    observation_create,
    observation_delete,
    observation_update,
)
from .undo import batch_undo, latest_batch

__all__ = [
    "KOLADA_KPIS",
    "ImportRefused",
    "ImportSummary",
    "KoladaValue",
    "crime_import",
    "batch_undo",
    "latest_batch",
    "dialogue_create",
    "dialogue_delete",
    "dialogue_update",
    "focus_area_themes",
    "kolada_fetch",
    "kolada_parse",
    "kolada_read_file",
    "kolada_store",
    "population",
    "similar_kommuner",
    "survey_import",
    "EventPlacer",
    "EventsSummary",
    "RateLimited",
    "RateLimiter",
    "area_at",
    "baseline_freeze",
    "cause_analysis_save",
    "events_fetch",
    "events_store",
    "observation_create",
    "observation_delete",
    "observation_update",
    "parse_event",
    "read_event_file",
]
