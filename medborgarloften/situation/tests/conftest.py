"""Fixtures of the lägesbild tests: Kalmar's areas as small squares on the map."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone


def square(lon: float, lat: float, size: float = 0.01) -> dict:
    """A GeoJSON square with its south-west corner at (lon, lat)."""
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [lon, lat],
                [lon + size, lat],
                [lon + size, lat + size],
                [lon, lat + size],
                [lon, lat],
            ]
        ],
    }


def at(*args: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


@pytest.fixture
def areas(kalmar):
    """Three areas in Kalmar town: two with geometry (side by side), one without."""
    from medborgarloften.places.models import Area

    return {
        "Norrliden": Area.objects.create(
            kommun=kalmar, name="Norrliden", geometry=square(16.33, 56.68)
        ),
        "Oxhagen": Area.objects.create(
            kommun=kalmar, name="Oxhagen", geometry=square(16.34, 56.68)
        ),
        "Centrum": Area.objects.create(kommun=kalmar, name="Centrum"),
    }


@pytest.fixture
def fresh_cache():
    """An empty default cache (form tokens, answer allowances) before and after."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def berga(kalmar):
    """Berga, a stadsdel of Kalmar with a boundary (survey_helpers.berga_area)."""
    from .survey_helpers import berga_area

    return berga_area(kalmar)
