"""Reads of the public site from a read replica (DATABASE_REPLICA_URL).

:class:`ReplicaMiddleware` marks a request as a *public read* when it is a GET or
HEAD, outside the staff, account and admin URLs, from a visitor without a session
cookie (no one signed in, nothing just written by them). For such a request
:class:`ReplicaRouter` sends every read to the ``replica`` alias; everything else —
writes, staff pages, sign-in, the worker, commands — reads and writes the primary
(``default``). A public page may therefore lag the primary by the replication delay
(usually well under a second), never a staff page.

The replica is a copy the database server keeps (PostgreSQL streaming replication);
``migrate`` runs against the primary only.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
#: URL prefixes that always read the primary.
PRIMARY_PREFIXES = ("/personal/", "/konto/", "/django-admin/", "/sprak/")

_public_read: ContextVar[bool] = ContextVar("public_read", default=False)


def is_public_read(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(PRIMARY_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class ReplicaMiddleware:
    """Reads of a public request from the replica (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _public_read.set(is_public_read(request))
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)


class ReplicaRouter:
    """``replica`` for the reads of a public request, ``default`` for the rest."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return REPLICA if _public_read.get() else "default"

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # One database, two copies: objects from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        # The replica gets its schema from the primary, by replication.
        return db != REPLICA or bool(getattr(settings, "REPLICA_MIGRATE", False))
