"""Inhabitants behind a crime rate: SCB's table for a kommun, and what a stored row
says about its own population."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["known_population", "population"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@cache
def _population_table() -> dict[str, dict[int, int]]:
    result: dict[str, dict[int, int]] = {}
    with (DATA_DIR / "befolkning.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            result.setdefault(row["kommunkod"], {})[int(row["year"])] = int(
                row["population"]
            )
    return result


def population(*, kommun_code: str, year: int) -> int | None:
    """Inhabitants of the kommun in ``year``, or the nearest earlier year we have
    (nearest later when the year is before our data)."""
    years = _population_table().get(kommun_code, {})
    if not years:
        return None
    earlier = [y for y in years if y <= year]
    return years[max(earlier)] if earlier else years[min(years)]


def known_population(rows: Any) -> int | None:
    """The population an existing row was stored with (or that its count and rate
    imply), so that a file with counts only keeps the row's rate."""
    row = rows.first()
    if row is None:
        return None
    if row.population:
        return int(row.population)
    if row.count and row.rate_per_100k:
        return round(row.count * 100_000 / row.rate_per_100k)
    return None
