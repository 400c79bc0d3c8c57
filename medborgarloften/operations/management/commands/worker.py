"""``medborgarloften worker``: run the background tasks (document imports from the web).

The database backend's worker (django-tasks-db's ``db_worker``) with this project's
defaults: every queue, no auto-reload unless asked (systemd restarts it on a new
release; deploy/medborgarloften-worker.service), and a refusal in Swedish and English
when the installation runs its tasks inside the request (TASKS_BACKEND=immediate), so
there is nothing for a worker to do. ``--batch`` runs what is queued and exits.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Command as DbWorker

from medborgarloften.lib.tasks import task_backends


class Command(DbWorker):
    help = "Kör bakgrundsjobben (dokumentimport från webben) / run the background tasks"

    def add_arguments(self, parser: CommandParser) -> None:  # type: ignore[override,unused-ignore]
        super().add_arguments(parser)
        # backend_name None: checked in handle, with a message of our own.
        parser.set_defaults(reload=False, queue_name="*", backend_name=None)

    def handle(self, *args: Any, **options: Any) -> None:
        options["backend_name"] = options.get("backend_name") or "default"
        backend = task_backends[options["backend_name"]]
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                "Bakgrundsjobben körs i webbförfrågan (TASKS_BACKEND=immediate); "
                "ingen arbetsprocess behövs / tasks run inside the request "
                "(TASKS_BACKEND=immediate); no worker is needed"
            )
        super().handle(*args, **options)
