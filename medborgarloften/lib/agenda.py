"""The registry of meeting-agenda providers, below every app: coordination builds
a meeting's agenda from it (``coordination.agenda``), and any app — planning, below
coordination in the layers — registers its provider in ``AppConfig.ready()``
without importing coordination.

A provider is a function ``(kommun, on, today) -> list[AgendaEntry]``: ``on`` is the
meeting's date, ``today`` the day the agenda is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AgendaEntry:
    source: str
    title: str
    detail: str = ""
    due: dt.date | None = None


#: ``kommun`` is a ``places.Organisation`` (not imported: lib sits below places).
AgendaProvider = Callable[[Any, dt.date, dt.date], list[AgendaEntry]]

_PROVIDERS: list[AgendaProvider] = []


def agenda_provider_register(provider: AgendaProvider) -> AgendaProvider:
    """Add a provider (usable as a decorator); registering one twice adds it once."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def agenda_providers() -> list[AgendaProvider]:
    return list(_PROVIDERS)
