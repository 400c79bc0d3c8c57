"""``medborgarloften manage jobs``: the periodic jobs from cron, or one of them now.

``--tick`` starts what is due (as the worker's thread does), ``--run NAME`` starts
one now whatever its schedule (``sweep``, ``prune``, ``police_poll``, ``notify``,
``import_sweep``), ``--list`` shows them with their next time.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.jobs import registry
from medborgarloften.jobs.models import Schedule
from medborgarloften.jobs.periodic import periodic_tick


class Command(BaseCommand):
    help = "Periodiska bakgrundsjobb / periodic background jobs"

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument(
            "--tick", action="store_true", help="Starta det som är dags / start due"
        )
        group.add_argument(
            "--run", metavar="NAME", help="Starta ett nu / start one now"
        )
        group.add_argument("--list", action="store_true", help="Lista dem / list them")

    def handle(self, *args: Any, **options: Any) -> None:
        periodics = registry.periodics()
        if options["list"]:
            next_at = dict(Schedule.objects.values_list("name", "next_run_at"))
            for name, periodic in sorted(periodics.items()):
                every = periodic.every()
                when = next_at.get(name)
                self.stdout.write(
                    f"{name}\t{every or 'av / off'}\t{when.isoformat() if when else '-'}"
                )
            return
        if options["run"]:
            name = options["run"]
            if name not in periodics:
                raise CommandError(
                    f"Okänt jobb / unknown job {name!r}; "
                    f"finns / known: {', '.join(sorted(periodics))}"
                )
            result = periodics[name].enqueue()
            self.stdout.write(f"{name}: {result}")
            return
        started = periodic_tick()
        self.stdout.write(
            "Startade / started: " + (", ".join(started) or "inget / nothing")
        )
