"""``medborgarloften manage loadkolada``: key figures from Kolada for kommuner, their
similar kommuner (nearest in population), their regions and the riket, so a kommun
can be compared with similar kommuner, its län and the country."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.lib.commands import summary_line
from medborgarloften.lib.http import FetchError
from medborgarloften.places.lookup import KommunIndex
from medborgarloften.places.models import Organisation
from medborgarloften.situation.services import (
    KOLADA_KPIS,
    ImportRefused,
    kolada_fetch,
    kolada_read_file,
    kolada_store,
    similar_kommuner,
)
from medborgarloften.situation.services.kolada import DEFAULT_BASE_URL, RIKET


class Command(BaseCommand):
    help = (
        "Hämta nyckeltal från Kolada (standard: brotts- och trygghetsnyckeltalen) för "
        "kommuner, deras regioner och riket. Källa: Kolada. / Load Kolada key figures."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kpi", nargs="+", default=list(KOLADA_KPIS))
        parser.add_argument(
            "--kommun",
            nargs="+",
            default=[],
            help="Kommuner, kod eller namn (standard: alla).",
        )
        parser.add_argument("--year", nargs="+", type=int, required=False)
        parser.add_argument("--base-url", default=DEFAULT_BASE_URL)
        parser.add_argument(
            "--file", default="", help="Läs ett sparat Kolada-svar i stället."
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["file"]:
            try:
                values = kolada_read_file(options["file"])
            except (OSError, ValueError) as exc:
                raise CommandError(f"Filen kunde inte läsas / could not read: {exc}")
        else:
            if not options["year"]:
                raise CommandError("--year: ange minst ett år / give a year.")
            kommuner = list(Organisation.objects.kommuner().select_related("county"))
            if options["kommun"]:
                index = KommunIndex(kommuner)
                named = [(text, index.find(text)) for text in options["kommun"]]
                unknown = [text for text, kommun in named if kommun is None]
                if unknown:
                    raise CommandError(
                        f"--kommun: okänd kommun / unknown kommun: {', '.join(unknown)}"
                    )
                kommuner = [kommun for _text, kommun in named if kommun is not None]
            ids = sorted({k.code for k in kommuner})
            # Their "liknande kommuner" too, so the comparison has values to show.
            ids = sorted({*ids, *(code for k in ids for code in similar_kommuner(k))})
            regions = sorted({f"00{k.county.code}" for k in kommuner if k.county})
            try:
                values = kolada_fetch(
                    kpis=options["kpi"],
                    municipalities=[*ids, *regions, RIKET],
                    years=options["year"],
                    base_url=options["base_url"],
                )
            except (FetchError, ValueError) as exc:
                raise CommandError(f"Hämtningen misslyckades / fetch failed: {exc}")
        try:
            summary = kolada_store(values=values, dry_run=options["dry_run"])
        except ImportRefused as exc:
            raise CommandError("\n".join(exc.messages))
        self.stdout.write(
            summary_line(summary, dry_run=options["dry_run"], after=" Källa: Kolada.")
        )
