"""The lägesbild analysis for a kommun and period: areas against the kommun and the
previous period, groups, themes over time, key figures, and ranked priorities.

Every aggregate is a plain GROUP BY on indexed columns (``month`` is stored, not
computed in SQL), so the same queries run on SQLite and PostgreSQL. Small groups are
suppressed here, once, for every page and export: a figure based on fewer than
``MIN_GROUP`` respondents or reports is never shown.

Split by topic: ``figures`` (the small-group rule), ``areas`` (areas and groups),
``trends`` (themes over time, statistics, key figures), ``priorities``.
"""

from .area_crime import (
    AreaCrime,
    AreaCrimeRow,
    YearSeries,
    area_crime,
    crime_rate,
    crime_source,
    crime_trends,
    survey_trends,
)
from .areas import (
    AreaComparison,
    AreaRow,
    GroupRow,
    area_comparison,
    group_breakdown,
)
from .figures import (
    MIN_GROUP,
    Figure,
    change_significant,
    count_figure,
    share_figure,
    suppress_complements,
)
from .kommun_survey import KommunShare, kommun_shares
from .priorities import Priority, national_counts, priorities, priority_by_key
from .trends import (
    ThemeSeries,
    crime_rates,
    key_figure_comparison,
    month_labels,
    similar_kommun_names,
    theme_counts_by_month,
    theme_series,
)

__all__ = [
    "AreaCrime",
    "AreaCrimeRow",
    "YearSeries",
    "area_crime",
    "crime_rate",
    "crime_source",
    "crime_trends",
    "survey_trends",
    "MIN_GROUP",
    "AreaComparison",
    "AreaRow",
    "Figure",
    "GroupRow",
    "Priority",
    "ThemeSeries",
    "area_comparison",
    "change_significant",
    "count_figure",
    "crime_rates",
    "group_breakdown",
    "KommunShare",
    "kommun_shares",
    "key_figure_comparison",
    "month_labels",
    "national_counts",
    "priorities",
    "priority_by_key",
    "share_figure",
    "similar_kommun_names",
    "suppress_complements",
    "theme_counts_by_month",
    "theme_series",
]
