"""``medborgarloften worker``: run the background tasks (document imports from the web).

The database backend's worker (django-tasks-db's ``db_worker``) with this project's
defaults: every queue, no auto-reload unless asked (systemd restarts it on a new
release; deploy/medborgarloften-worker.service), and a refusal in Swedish and English
when the installation runs its tasks inside the request (TASKS_BACKEND=immediate), so
there is nothing for a worker to do. ``--batch`` runs what is queued and exits.

Beside the task loop a thread starts the periodic jobs when they are due (police
polling, the stuck-job sweep, pruning; jobs/periodic.py) — every worker on every
machine may tick, a database row makes each start once. ``--no-periodic`` leaves
that to other workers or to cron (``medborgarloften manage jobs --tick``).
"""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Command as DbWorker

from medborgarloften.jobs.periodic import periodic_loop, periodic_tick
from medborgarloften.lib.tasks import task_backends


class Command(DbWorker):
    help = "Kör bakgrundsjobben (dokumentimport från webben) / run the background tasks"

    def add_arguments(self, parser: CommandParser) -> None:  # type: ignore[override,unused-ignore]
        super().add_arguments(parser)
        # backend_name None: checked in handle, with a message of our own.
        parser.set_defaults(reload=False, queue_name="*", backend_name=None)
        parser.add_argument(
            "--no-periodic",
            action="store_true",
            help="Starta inte de periodiska jobben / do not start the periodic jobs",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        options["backend_name"] = options.get("backend_name") or "default"
        backend = task_backends[options["backend_name"]]
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                "Bakgrundsjobben körs i webbförfrågan (TASKS_BACKEND=immediate); "
                "ingen arbetsprocess behövs / tasks run inside the request "
                "(TASKS_BACKEND=immediate); no worker is needed"
            )
        seconds = settings.PERIODIC_TICK_SECONDS
        if options.pop("no_periodic", False) or seconds <= 0:
            super().handle(*args, **options)
            return
        if options.get("batch"):
            periodic_tick()
            super().handle(*args, **options)
            return
        stop = threading.Event()
        ticker = threading.Thread(
            target=periodic_loop,
            args=(stop,),
            kwargs={"seconds": seconds},
            name="periodic",
            daemon=True,
        )
        ticker.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
