"""``medborgarloften importareas --kommun KOD FILE``: a kommun's area boundaries from
GeoJSON, GeoPackage, a zipped Shapefile or a WFS address. With ``--overlay deso``
(``regso``, ``utsatt``) the file becomes an overlay layer instead: SCB's DeSO/RegSO
areas or Polisen's utsatta områden, drawn over the maps, not the kommun's areas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.places.boundaries import BoundaryError
from medborgarloften.places.models import AreaKind, OverlayLayer
from medborgarloften.places.selectors import (
    boundary_file_read,
    boundary_matches,
    boundary_wfs_read,
    kommun_by_code,
)
from medborgarloften.places.services import area_boundaries_import, overlay_import

MAX_FILE_BYTES = 100 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Läs in en kommuns områdesgränser från GeoJSON, GeoPackage, zippad Shapefile "
        "eller en WFS-adress (SWEREF 99 TM, SWEREF 99-zonerna eller WGS 84). Områden "
        "matchas på namn och andra namn; allt eller inget. / Import a kommun's area "
        "boundaries; all or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="Fil eller WFS-adress / file or WFS URL")
        parser.add_argument(
            "--kommun", required=True, help="Kommunkod, t.ex. 0880 / kommun code"
        )
        parser.add_argument(
            "--crs",
            default="",
            help="Koordinatsystem om filen inte anger det, t.ex. EPSG:3006 / "
            "coordinate system when the file does not say",
        )
        parser.add_argument(
            "--name-field",
            default="",
            help="Fältet med områdenas namn / the field holding the areas' names",
        )
        parser.add_argument(
            "--kind",
            default=AreaKind.OMRADE,
            choices=AreaKind.values,
            help="Typ för nya områden / kind of new areas",
        )
        parser.add_argument(
            "--overlay",
            default="",
            choices=OverlayLayer.values,
            help="Läs in som överlagring (DeSO, RegSO, Polisens utsatta områden) i "
            "stället för kommunens områden; ersätter lagret / import as an overlay "
            "layer instead of the kommun's areas; replaces the layer",
        )
        parser.add_argument(
            "--only-existing",
            action="store_true",
            help="Skapa inga nya områden / create no new areas",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Visa vad som skulle ändras utan att spara / show, save nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kommun = kommun_by_code(options["kommun"])
        if kommun is None:
            raise CommandError(
                f"Okänd kommunkod {options['kommun']} (kör loadref först?) / unknown "
                "kommun code"
            )
        source: str = options["source"]
        try:
            if source.startswith(("http://", "https://")):
                boundaries = boundary_wfs_read(
                    kommun=kommun,
                    url=source,
                    crs=options["crs"],
                    name_field=options["name_field"],
                    allow_private=settings.IMPORT_ALLOW_PRIVATE_URLS,
                )
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(
                        f"Filen finns inte / the file does not exist ({source})"
                    )
                if path.stat().st_size > MAX_FILE_BYTES:
                    raise CommandError("Filen är för stor / the file is too large")
                boundaries = boundary_file_read(
                    kommun=kommun,
                    data=path.read_bytes(),
                    filename=path.name,
                    crs=options["crs"],
                    name_field=options["name_field"],
                )
            if options["overlay"]:
                self.stdout.write(
                    str(
                        overlay_import(
                            kommun=kommun,
                            layer=options["overlay"],
                            boundaries=boundaries,
                            dry_run=options["dry_run"],
                        )
                    )
                )
                return
            create = not options["only_existing"]
            for match in boundary_matches(
                kommun=kommun, boundaries=boundaries, create_missing=create
            ):
                if match.action != "fel":
                    self.stdout.write(f"{match.feature.name}: {match.action_label}")
            summary = area_boundaries_import(
                kommun=kommun,
                boundaries=boundaries,
                create_missing=create,
                kind=options["kind"],
                dry_run=options["dry_run"],
            )
        except BoundaryError as exc:
            raise CommandError(str(exc))
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages))
        self.stdout.write(str(summary))
