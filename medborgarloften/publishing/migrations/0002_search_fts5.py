"""The SQLite full-text index (FTS5) for public search; PostgreSQL needs none.

The table holds Swedish stems (``publishing.stemmer``) of public promises and their
commitments, one row each; ``publishing.search`` keeps it up to date.
"""

from django.db import migrations

FTS_TABLE = "publishing_search_fts"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        "stems, promise_id UNINDEXED, commitment_id UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 0')"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
