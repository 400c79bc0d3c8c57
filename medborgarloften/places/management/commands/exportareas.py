"""``medborgarloften exportareas --kommun KOD``: the kommun's areas as GeoJSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.places.selectors import areas_geojson, kommun_by_code


class Command(BaseCommand):
    help = (
        "Skriv en kommuns områden med gräns som GeoJSON (RFC 7946, WGS 84) till "
        "standard out / print a kommun's areas as GeoJSON (WGS 84)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kommun", required=True, help="Kommunkod, t.ex. 0880 / kommun code"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kommun = kommun_by_code(options["kommun"])
        if kommun is None:
            raise CommandError(
                f"Okänd kommunkod {options['kommun']} / unknown kommun code"
            )
        collection = areas_geojson(kommun=kommun)
        self.stdout.write(json.dumps(collection, ensure_ascii=False, indent=1))
