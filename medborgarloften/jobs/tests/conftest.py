from __future__ import annotations

import pytest

from medborgarloften.jobs import registry

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Job files under the test's own directory, never ./var."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def database_tasks(settings, transactional_db):
    """Tasks kept in the database and run by the real worker command (transactional:
    the worker commits, as in production)."""
    settings.TASKS = DATABASE_BACKEND


@pytest.fixture
def kinds():
    """Register kinds for one test and remove them after."""
    added: list[str] = []

    def add(kind: registry.JobKind) -> registry.JobKind:
        registry.register(kind)
        added.append(kind.name)
        return kind

    yield add
    for name in added:
        registry._KINDS.pop(name, None)
