"""GIN indexes for the PostgreSQL public search; SQLite uses its FTS5 table instead.

The expressions are exactly those ``publishing.search`` filters on (Django's
``SearchVector(..., config="swedish")``), so PostgreSQL can use them for ``@@``.
They sit on the promises app's tables because search is the publishing app's
concern; nothing in ``promises`` depends on them.
"""

from django.db import migrations

INDEXES = {
    "publishing_promise_search_sv": (
        "promises_promise",
        "to_tsvector('swedish'::regconfig, COALESCE(title, '') || ' ' || "
        "COALESCE(situation_summary, ''))",
    ),
    "publishing_commitment_search_sv": (
        "promises_commitment",
        "to_tsvector('swedish'::regconfig, COALESCE(text, ''))",
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, expression) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0002_search_fts5"),
        ("promises", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
