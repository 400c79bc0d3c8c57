"""Writes of the publishing app: the SQLite search index, and subscriptions
(``subscriptions.py``). Nothing here changes a promise."""

from __future__ import annotations

from django.db import connection, transaction

from medborgarloften.promises.models import Commitment, Promise

from .models import SearchIndexedPromise
from .stemmer import stem_text

FTS_TABLE = "publishing_search_fts"


def _uses_fts() -> bool:
    # PostgreSQL searches the promise tables directly (search.py); nothing to keep.
    return connection.vendor == "sqlite"


def _index(cursor: object, promise_ids: list[int]) -> None:
    """Replace the FTS rows of these promises by their current public text."""
    for start in range(0, len(promise_ids), 500):
        chunk = promise_ids[start : start + 500]
        marks = ",".join("%s" for _ in chunk)
        cursor.execute(
            f"DELETE FROM {FTS_TABLE} WHERE promise_id IN ({marks})",  # noqa: S608
            chunk,
        )
        promises = Promise.objects.public().filter(pk__in=chunk)
        rows: list[tuple[str, int, int | None]] = []
        for pk, title, summary in promises.values_list(
            "pk", "title", "situation_summary"
        ):
            rows.append((stem_text(f"{title}\n{summary}"), pk, None))
        for pk, promise_id, text in Commitment.objects.filter(
            promise__in=promises
        ).values_list("pk", "promise_id", "text"):
            rows.append((stem_text(text), promise_id, pk))
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (stems, promise_id, commitment_id) "  # noqa: S608
            "VALUES (%s, %s, %s)",
            rows,
        )


def search_index_sync() -> int:
    """The SQLite index holds exactly the public promises as they are now (changed,
    published, unpublished or deleted since the last call); returns how many
    promises were (re)indexed or dropped. A no-op on PostgreSQL."""
    if not _uses_fts():
        return 0
    public = dict(Promise.objects.public().values_list("pk", "updated_at"))
    indexed = dict(SearchIndexedPromise.objects.values_list("promise_id", "updated_at"))
    stale = [pk for pk, stamp in indexed.items() if public.get(pk) != stamp]
    fresh = [pk for pk, stamp in public.items() if indexed.get(pk) != stamp]
    if not stale and not fresh:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        SearchIndexedPromise.objects.filter(promise_id__in=stale).delete()
        _index(cursor, sorted(set(stale) | set(fresh)))
        SearchIndexedPromise.objects.bulk_create(
            [SearchIndexedPromise(promise_id=pk, updated_at=public[pk]) for pk in fresh]
        )
    return len(set(stale) | set(fresh))


def search_index_promise(*, promise: Promise) -> None:
    """The hook for services that publish or change a promise: its search rows are
    current at once (otherwise the next search catches up)."""
    if not _uses_fts():
        return
    promise.refresh_from_db(fields=["status", "updated_at"])
    with transaction.atomic(), connection.cursor() as cursor:
        SearchIndexedPromise.objects.filter(promise_id=promise.pk).delete()
        _index(cursor, [promise.pk])
        if promise.is_public:
            SearchIndexedPromise.objects.create(
                promise_id=promise.pk, updated_at=promise.updated_at
            )


def search_index_rebuild() -> int:
    """The SQLite index rebuilt from nothing; returns the number of public
    promises indexed. A no-op on PostgreSQL."""
    if not _uses_fts():
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
        SearchIndexedPromise.objects.all().delete()
    return search_index_sync()
