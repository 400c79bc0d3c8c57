"""Writes to the lägesbild — the only place that changes situation data.

One module per kind of evidence; import from here.
"""

from .observations import area_at, observation_create

__all__ = ["area_at", "observation_create"]
