"""``medborgarloften manage rebuildcounts``: recount the lägesbild's rollups
(observations and police events per kommun and month) from their tables."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import ngettext

from medborgarloften.situation import counts


class Command(BaseCommand):
    help = (
        "Räkna om lägesbildens summeringstabeller från grunden (--check: jämför bara). "
        "/ Recount the lägesbild rollups (--check: only compare)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Jämför med en omräkning, ändra inget; fel ger exit 1. / Compare only.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            found = counts.differences()
            wrong = sum(len(rows) for rows in found.values())
            for table, rows in found.items():
                for row in rows[:20]:
                    self.stdout.write(
                        f"{table}: {row[:-2]} lagrat {row[-2]}, räknat {row[-1]}"
                    )
            if wrong:
                raise CommandError(
                    ngettext("%(n)d avvikelse", "%(n)d avvikelser", wrong)
                    % {"n": wrong}
                    + f"; kör rebuildcounts / {wrong} "
                    + ("difference." if wrong == 1 else "differences.")
                )
            self.stdout.write("Summeringarna stämmer. / The rollups match a recount.")
            return
        counts.install_triggers()
        result = counts.rebuild()
        self.stdout.write(
            "Omräknat / recounted: "
            + ", ".join(
                f"{table} " + ngettext("%(n)d rad", "%(n)d rader", n) % {"n": n}
                for table, n in result.items()
            )
        )
