"""The kinds of background job, registered by the apps that do the work.

``jobs`` sits low in the layers (above places), so it may not import the apps that
make PDFs, poll the police or send mail. Each of those registers its kind from its
``AppConfig.ready()``; the runner (``services.job_run``) looks the kind up by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    from .models import Job


class Retry(Exception):
    """A transient failure (a server that did not answer): try again later, with
    this message shown meanwhile and kept if no attempt is left."""


class Fail(Exception):
    """A failure another attempt will not mend; the message is shown to the user."""


@dataclass(frozen=True)
class Output:
    """What a finished job leaves: a message, and perhaps a file to download."""

    message: str = ""
    data: bytes | None = None
    filename: str = ""
    content_type: str = ""


class Progress:
    """How a handler reports its progress; each call also proves it is alive."""

    def __init__(self, update: Callable[..., None]) -> None:
        self._update = update

    def __call__(
        self, *, done: int | None = None, total: int | None = None, step: str = ""
    ) -> None:
        fields: dict[str, Any] = {}
        if done is not None:
            fields["done"] = done
        if total is not None:
            fields["total"] = total
        if step:
            fields["step"] = step[:200]
        self._update(**fields)


Handler = Callable[["Job", Progress], Output]


@dataclass(frozen=True)
class JobKind:
    name: str
    run: Handler
    max_attempts: int = 3
    #: Waits before the second, third … attempt (seconds); the last repeats.
    retry_delays: tuple[int, ...] = (30, 120, 600)
    #: A running job silent for longer than this is stuck (services.jobs_sweep).
    timeout: timedelta = timedelta(minutes=15)
    #: What a finished job made, one line each, for its status page (a bulk
    #: import: each document with a link to its review, or why it failed).
    results: Callable[[Job], list[Result]] | None = None


@dataclass(frozen=True)
class Result:
    """One thing a job made or could not make: its name, where to see it, a note."""

    text: str
    url: str = ""
    note: str = ""
    failed: bool = False


@dataclass(frozen=True)
class Periodic:
    name: str
    every: Callable[[], timedelta | None]
    enqueue: Callable[[], Any]


_KINDS: dict[str, JobKind] = {}
_PERIODIC: dict[str, Periodic] = {}


def register(kind: JobKind) -> JobKind:
    _KINDS[kind.name] = kind
    return kind


def kind(name: str) -> JobKind:
    """The registered kind; KeyError when no app registered it."""
    return _KINDS[name]


def kinds() -> dict[str, JobKind]:
    return dict(_KINDS)


def every_minutes(setting: str) -> Callable[[], timedelta | None]:
    """The ``every`` of a :class:`Periodic` whose interval is the setting named
    ``setting``, in minutes; 0 or less switches the job off. Read at each asking, so
    a changed setting counts."""

    def every() -> timedelta | None:
        minutes: int = getattr(settings, setting)
        return timedelta(minutes=minutes) if minutes > 0 else None

    return every


def register_periodic(periodic: Periodic) -> Periodic:
    """A job started every ``every()`` (None: switched off by its setting)."""
    _PERIODIC[periodic.name] = periodic
    return periodic


def periodics() -> dict[str, Periodic]:
    return dict(_PERIODIC)
