"""Reads of the lägesbild. Aggregation runs in SQL that SQLite and PostgreSQL share."""

from .analysis import (
    MIN_GROUP,
    Figure,
    Priority,
    area_comparison,
    count_figure,
    crime_rates,
    group_breakdown,
    key_figure_comparison,
    month_labels,
    national_counts,
    priorities,
    priority_by_key,
    share_figure,
    similar_kommun_names,
    theme_counts_by_month,
    theme_series,
)
from .maps import area_map, area_map_component, indicator_choices
from .observations import (
    Summary,
    events_in_period,
    observation_summary,
    observations_in_period,
)

__all__ = [
    "MIN_GROUP",
    "Figure",
    "Priority",
    "Summary",
    "area_comparison",
    "area_map",
    "area_map_component",
    "count_figure",
    "crime_rates",
    "events_in_period",
    "group_breakdown",
    "indicator_choices",
    "key_figure_comparison",
    "month_labels",
    "national_counts",
    "observation_summary",
    "observations_in_period",
    "priorities",
    "priority_by_key",
    "share_figure",
    "similar_kommun_names",
    "theme_counts_by_month",
    "theme_series",
]
