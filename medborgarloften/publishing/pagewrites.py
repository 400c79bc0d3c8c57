"""Noticing writes to the tables the public site reads, for the page cache
(``pagecache.py``): an execute wrapper on every database connection, and the model
signals of ``invalidation.py`` that scope most writes."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.signals import request_started
from django.db import connections
from django.db.backends.signals import connection_created

from .pagecache import NATIONAL, public_data_changed

#: Apps whose tables the public site and the API read; any write to them is a change.
PUBLIC_APPS = ("places", "promises", "followup", "planning", "coordination")
#: Tables of other apps the public output reads (the search index, national), and the
#: memberships: whether a kommun takes reports at all (cases.selectors.
#: receiving_kommun_ids) shows on its pages; a rare write, so every page (global).
PUBLIC_EXTRA_MODELS = ("publishing.SearchIndexedPromise",)
GLOBAL_EXTRA_MODELS = ("accounts.Membership",)

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"\[]?(\w+)',
    re.IGNORECASE,
)


def public_tables() -> dict[str, str | None]:
    """Every table (and many-to-many table) of the models the public output reads,
    each with the scope a write to it changes when no model signal names one: the
    search index is national, anything else global (None)."""
    models = [
        m for label in PUBLIC_APPS for m in apps.get_app_config(label).get_models()
    ]
    extra = [apps.get_model(name) for name in PUBLIC_EXTRA_MODELS]
    models += [apps.get_model(name) for name in GLOBAL_EXTRA_MODELS]
    tables: dict[str, str | None] = {}
    for model in models + extra:
        scope = NATIONAL if model in extra else None
        tables[model._meta.db_table.lower()] = scope
        for field in model._meta.local_many_to_many:
            tables[field.remote_field.through._meta.db_table.lower()] = scope
    return tables


_local = threading.local()


def scoped_write_begin() -> None:
    """A model signal (``invalidation.py``) has replaced the versions of what the
    write about to run changes: the statements until :func:`scoped_write_end` need
    not replace the global version."""
    _local.depth = getattr(_local, "depth", 0) + 1


def scoped_write_end() -> None:
    _local.depth = max(getattr(_local, "depth", 0) - 1, 0)


def _scoped_reset(**kwargs: Any) -> None:
    _local.depth = 0


def in_scoped_write() -> bool:
    return getattr(_local, "depth", 0) > 0


class _WriteWatcher:
    """A database execute wrapper: a write statement to a public table (an ORM save
    or delete, ``bulk_create``, ``QuerySet.update``, a migration) counts as a
    change. Catching the SQL catches the writes no model signal reports: those
    replace the global version (every page), unless the table has a scope of its
    own. An ORM save, delete or many-to-many change of a public model is announced
    by its signals with the scopes it changes, and its statements are left alone."""

    def __init__(self, alias: str, tables: dict[str, str | None]) -> None:
        self.alias = alias
        self.tables = tables

    def __call__(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Any,
        many: bool,
        context: Any,
    ) -> Any:
        try:
            result = execute(sql, params, many, context)
        except Exception:
            # The save or delete that announced its scopes may never send the
            # signal that ends it: the next writes replace the global version.
            _scoped_reset()
            raise
        match = _WRITE.match(sql[:200]) if isinstance(sql, str) else None
        if match:
            table = match.group(1).lower()
            if table in self.tables:
                scope = self.tables[table]
                if scope is not None:
                    public_data_changed(self.alias, {scope})
                elif not in_scoped_write():
                    public_data_changed(self.alias)
        return result


def _watch(connection: Any, tables: dict[str, str | None]) -> None:
    if not any(isinstance(w, _WriteWatcher) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(_WriteWatcher(connection.alias, tables))


def install() -> None:
    """Watch every database connection, now and when one is opened, and connect the
    model signals that scope writes (AppConfig.ready)."""
    # invalidation.py imports this module (the scoped-write markers).
    from . import invalidation

    tables = public_tables()

    def on_connect(sender: Any, connection: Any, **kwargs: Any) -> None:
        _watch(connection, tables)

    connection_created.connect(on_connect, weak=False, dispatch_uid="pagecache-watch")
    request_started.connect(_scoped_reset, dispatch_uid="pagecache-scoped-reset")
    for connection in connections.all(initialized_only=True):
        _watch(connection, tables)
    invalidation.connect(
        [m for label in PUBLIC_APPS for m in apps.get_app_config(label).get_models()]
    )
