"""Migration helpers: clean free text stored before inputs were cleaned.

Rows written before ``lib/fields.py`` may hold a vertical tab or a NUL, which break
the Atom feeds and the DOCX and XLSX exports. ``clean_stored_text`` rewrites exactly
those values with :func:`~medborgarloften.lib.text.clean_text`, in plain SQL so that
it runs on SQLite and PostgreSQL alike and never refuses a row: a value longer than
today's limit is kept as it is (an editor shortens it at the next save) rather than
cut.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .text import clean_text, has_unsafe_characters

BATCH = 2000


def clean_stored_text(
    fields: dict[str, list[str]],
) -> Callable[[Any, Any], None]:
    """A ``RunPython`` function cleaning ``{"app.Model": ["field", ...]}``."""

    def run(apps: Any, schema_editor: Any) -> None:
        connection = schema_editor.connection
        quote = connection.ops.quote_name
        for label, names in fields.items():
            model = apps.get_model(label)
            table = quote(model._meta.db_table)
            pk = quote(model._meta.pk.column)
            for name in names:
                field = model._meta.get_field(name)
                column = quote(field.column)
                multiline = field.get_internal_type() == "TextField"
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT {pk}, {column} FROM {table}"  # noqa: S608
                        f" WHERE {column} IS NOT NULL ORDER BY {pk}"
                    )
                    changed = []
                    while rows := cursor.fetchmany(BATCH):
                        for key, value in rows:
                            if isinstance(value, str) and has_unsafe_characters(
                                value, multiline=multiline
                            ):
                                changed.append(
                                    (clean_text(value, multiline=multiline), key)
                                )
                for start in range(0, len(changed), BATCH):
                    with connection.cursor() as cursor:
                        cursor.executemany(
                            f"UPDATE {table} SET {column} = %s"  # noqa: S608
                            f" WHERE {pk} = %s",
                            changed[start : start + BATCH],
                        )

    return run
