"""Periodic jobs (police-event polling, the stuck-job sweep, pruning, news mail).

The worker calls :func:`periodic_tick` every ``PERIODIC_TICK_SECONDS`` (a thread
beside its task loop, ``medborgarloften worker``); cron may call ``medborgarloften
manage jobs --tick`` instead. Each periodic job has a :class:`~.models.Schedule` row
whose next time is claimed with one conditional UPDATE, so workers on several
machines start each one once.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from django.db import DatabaseError, close_old_connections, connections
from django.utils import timezone

from . import registry
from .models import Schedule

logger = logging.getLogger(__name__)


def periodic_claim(*, name: str, now: datetime) -> bool:
    """Whether this caller won the periodic job's turn (and moved it on)."""
    periodic = registry.periodics()[name]
    every = periodic.every()
    if every is None:
        return False
    Schedule.objects.get_or_create(name=name, defaults={"next_run_at": now})
    return bool(
        Schedule.objects.filter(name=name, next_run_at__lte=now).update(
            next_run_at=now + every
        )
    )


def periodic_tick(*, now: datetime | None = None) -> list[str]:
    """Start every periodic job that is due; returns their names."""
    now = now or timezone.now()
    started = []
    for name, periodic in sorted(registry.periodics().items()):
        if periodic_claim(name=name, now=now):
            try:
                periodic.enqueue()
            except Exception:  # one broken job must not stop the others
                logger.exception("periodic job %s could not start", name)
                continue
            started.append(name)
    return started


def periodic_loop(stop: threading.Event, *, seconds: float) -> None:
    """Tick until ``stop`` is set (the worker's thread)."""
    while not stop.is_set():
        try:
            close_old_connections()
            periodic_tick()
        except DatabaseError:
            logger.exception("periodic tick failed; trying again")
        finally:
            connections.close_all()
        stop.wait(seconds)
