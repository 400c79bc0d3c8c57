"""Reads of the lägesbild. Aggregation runs in SQL that SQLite and PostgreSQL share."""

from .observations import Summary, observation_summary, observations_in_period

__all__ = ["Summary", "observation_summary", "observations_in_period"]
