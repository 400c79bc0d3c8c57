"""Rebuild the public search index (SQLite FTS5; PostgreSQL needs none)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils.translation import ngettext

from medborgarloften.publishing.services import search_index_rebuild


class Command(BaseCommand):
    help = "Bygg om sökindexet för publika löften / rebuild the public search index"

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "sqlite":
            self.stdout.write(
                "PostgreSQL söker direkt i tabellerna; inget index att bygga. / "
                "PostgreSQL searches the tables directly; nothing to rebuild."
            )
            return
        count = search_index_rebuild()
        self.stdout.write(
            ngettext(
                "Indexerade %(n)d publikt löfte",
                "Indexerade %(n)d publika löften",
                count,
            )
            % {"n": count}
            + f" / indexed {count}."
        )
