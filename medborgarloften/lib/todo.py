"""The registry of the staff's to-do ("Att göra") and of the daily reminder e-mail's
extra lines, below every app: the reminders
page (followup) lists what each registered provider returns for the user, and an
app above followup in the layers — cases — registers its provider in
``AppConfig.ready()`` without followup importing it.

A provider is a function ``(user) -> list[TodoEntry]``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TodoEntry:
    #: What kind of work it is ("Att granska"), said first.
    label: str
    text: str
    link: str


TodoProvider = Callable[[Any], list[TodoEntry]]

_PROVIDERS: list[TodoProvider] = []


def todo_provider_register(provider: TodoProvider) -> TodoProvider:
    """Add a provider (usable as a decorator); registering one twice adds it once."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def todo_for(user: Any) -> list[TodoEntry]:
    """Every provider's entries for the user, in the order they registered."""
    return [entry for provider in _PROVIDERS for entry in provider(user)]


#: A source of lines for the daily reminder e-mail (``manage reminders``):
#: ``(today) -> [(organisation, line), …]``, registered like a to-do provider by an
#: app above followup (coordination's assigned actions).
MailSource = Callable[[Any], list[tuple[Any, str]]]

_MAIL_SOURCES: list[MailSource] = []


def mail_source_register(source: MailSource) -> MailSource:
    """Add a mail source; registering one twice adds it once."""
    if source not in _MAIL_SOURCES:
        _MAIL_SOURCES.append(source)
    return source


def mail_lines(today: Any) -> list[tuple[Any, str]]:
    """Every source's ``(organisation, line)`` pairs for ``today``."""
    return [pair for source in _MAIL_SOURCES for pair in source(today)]
