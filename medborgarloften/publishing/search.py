"""Public search across published promises and their commitments, in Swedish.

One selector, ``search_public``, with two engines behind it (STYLE rule 10):
PostgreSQL's full-text search with the ``swedish`` configuration, and on SQLite an
FTS5 table of Snowball stems (``publishing.stemmer``, the same algorithm PostgreSQL
uses) kept current by ``services.search_index_sync`` — run here before each search,
so a promise published or changed since the last search is indexed on read.
Bad input never raises: the result carries a message instead.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import django
from django.db import connection
from django.db.models import Count, F, OuterRef, Subquery, TextField, Window
from django.db.models import Value as V
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation, OrganisationKind
from medborgarloften.promises.models import Commitment, FocusArea, Promise
from medborgarloften.promises.selectors import focus_area_texts
from medborgarloften.publishing.services import search_index_sync

from .stemmer import stem, words

MAX_QUERY_CHARS = 200
MAX_TERMS = 10
MAX_LIMIT = 100
MAX_OFFSET = 10_000
FTS_TABLE = "publishing_search_fts"
SNIPPET_WORDS = 30
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    promise: Promise
    commitment: Commitment | None
    snippet: SafeString
    #: The promise's kommuner as (kommunkod, name), by name.
    kommuner: tuple[tuple[str, str], ...] = ()


@dataclass
class SearchResults:
    query: str
    kommun: Organisation | None = None
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    limit: int = 20
    offset: int = 0
    #: Why nothing was searched (empty, too long, unknown kommun); '' when searched.
    message: str = ""

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.hits) < self.total

    @property
    def next_offset(self) -> int:
        return self.offset + self.limit

    @property
    def previous_offset(self) -> int | None:
        return max(self.offset - self.limit, 0) if self.offset > 0 else None


def query_terms(query: str) -> list[str]:
    """The words of a query, deduplicated, at most ``MAX_TERMS``; FTS syntax
    characters ("*:() and the like) are not words and fall away."""
    seen: list[str] = []
    for word in words(query):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def search_public(
    query: str,
    *,
    kommun: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """Public promises and commitments matching every word of ``query`` (Swedish
    stems), best first; ``kommun`` is a kommunkod. Never raises on bad input."""
    query = (query or "").strip()
    limit = min(max(int(limit), 1), MAX_LIMIT)
    # Past MAX_OFFSET there is nothing to page to; an integer past 64 bits would
    # reach the SQL (a 500 for anyone: issue #13).
    offset = min(max(int(offset), 0), MAX_OFFSET)
    results = SearchResults(query=query[:MAX_QUERY_CHARS], limit=limit, offset=offset)
    if kommun:
        # A kommunkod is digits; anything else (NUL, which PostgreSQL refuses) is
        # no kommun, without asking the database.
        known = kommun.isascii() and kommun.isdigit()
        results.kommun = (
            Organisation.objects.kommuner().filter(code=kommun).first()
            if known
            else None
        )
        if results.kommun is None:
            results.message = _("Det finns ingen kommun med kommunkoden %(code)s.") % {
                "code": "".join(c for c in kommun[:10] if c.isprintable())
            }
            return results
    if len(query) > MAX_QUERY_CHARS:
        results.message = _("Sökningen är för lång: skriv högst %(max)s tecken.") % {
            "max": MAX_QUERY_CHARS
        }
        return results
    terms = query_terms(query)
    if not terms:
        results.message = _("Skriv ett eller flera ord att söka efter.")
        return results
    kommun_id = results.kommun.pk if results.kommun else None
    if connection.vendor == "postgresql":
        ranked, total = _postgres(terms, kommun_id, limit, offset)
    else:
        ranked, total = _sqlite(terms, kommun_id, limit, offset)
    results.total = total
    results.hits = _hits(ranked, {stem(t) for t in terms})
    return results


def _postgres(
    terms: list[str], kommun_id: int | None, limit: int, offset: int
) -> tuple[list[tuple[int, int | None]], int]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    search = SearchQuery(" ".join(terms), config="swedish", search_type="plain")
    promises = Promise.objects.public()
    if kommun_id is not None:
        promises = promises.filter(parties=kommun_id)
    focus = (
        FocusArea.objects.filter(promise=OuterRef("pk"))
        .values("promise")
        .annotate(
            text=_joined(
                Concat("title", V(" "), "description", output_field=TextField())
            )
        )
        .values("text")
    )
    promise_hits = (
        promises.annotate(focus_text=Subquery(focus))
        .annotate(
            document=SearchVector(
                "title", "situation_summary", "focus_text", config="swedish"
            )
        )
        .filter(document=search)
        .annotate(rank=SearchRank(F("document"), search))
    )
    commitment_hits = (
        Commitment.objects.filter(promise__in=promises.values("pk"))
        .annotate(document=SearchVector("text", config="swedish"))
        .filter(document=search)
        .annotate(rank=SearchRank(F("document"), search))
    )
    window = offset + limit
    # The count rides along as a window function (one query per kind, not two):
    # every row carries the number of matches; none when nothing matches.
    total_count = Window(Count("pk"))
    promise_rows = list(
        promise_hits.annotate(total=total_count)
        .order_by("-rank", "pk")
        .values_list("rank", "pk", "total")[:window]
    )
    commitment_rows = list(
        commitment_hits.annotate(total=total_count)
        .order_by("-rank", "pk")
        .values_list("rank", "promise_id", "pk", "total")[:window]
    )
    rows = [(rank, pk, None) for rank, pk, _total in promise_rows] + [
        (rank, promise_id, pk) for rank, promise_id, pk, _total in commitment_rows
    ]
    rows.sort(key=lambda row: (-row[0], row[1], row[2] or 0))
    total = (promise_rows[0][-1] if promise_rows else 0) + (
        commitment_rows[0][-1] if commitment_rows else 0
    )
    return [(p, c) for _rank, p, c in rows[offset:window]], total


def _joined(expression: Any) -> Any:
    """STRING_AGG(expression, ' '): Django 6 has it in ``django.db.models`` (and
    takes the delimiter as an expression), 5.2 only in ``contrib.postgres`` (a
    string delimiter). Imported here: which one depends on the Django installed."""
    if django.VERSION >= (6, 0):
        from django.db.models import StringAgg

        return StringAgg(expression, V(" "))
    from django.contrib.postgres.aggregates import StringAgg as PostgresStringAgg

    return PostgresStringAgg(expression, " ")


# Table names and placeholders only are formatted into the SQL below; values are
# always parameters.
def _sqlite(
    terms: list[str], kommun_id: int | None, limit: int, offset: int
) -> tuple[list[tuple[int, int | None]], int]:

    search_index_sync()
    match = " AND ".join(f'"{stem(term)}"' for term in terms)
    where = (
        f"{FTS_TABLE} MATCH %s AND promise_id IN "  # noqa: S608
        "(SELECT promise_id FROM publishing_searchindexedpromise)"
    )
    params: list[Any] = [match]
    if kommun_id is not None:
        parties = Promise.parties.through._meta.db_table
        where += (
            f" AND promise_id IN (SELECT promise_id FROM {parties}"  # noqa: S608
            " WHERE organisation_id = %s)"
        )
        params.append(kommun_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {FTS_TABLE} WHERE {where}",  # noqa: S608
            params,
        )
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT promise_id, commitment_id FROM {FTS_TABLE} WHERE {where} "  # noqa: S608
            "ORDER BY rank, promise_id, commitment_id LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        rows = [(int(p), int(c) if c is not None else None) for p, c in cursor]
    return rows, total


def _hits(ranked: list[tuple[int, int | None]], stems: set[str]) -> list[SearchHit]:
    """Load the ranked rows' promises, their kommuner, focus areas and the
    commitments in four queries and build their snippets."""
    if not ranked:
        return []
    # Only what a hit shows: its title, period, summary (the snippet) and kommuner
    # (plain values: no party instances).
    promise_ids = {p for p, _c in ranked}
    promises = (
        Promise.objects.public()
        .only(
            "pk",
            "uid",
            "title",
            "period_start",
            "period_end",
            "period_text",
            "situation_summary",
        )
        .in_bulk(promise_ids)
    )
    kommuner: dict[int, list[tuple[str, str]]] = {}
    for promise_id, code, name in (
        Promise.parties.through.objects.filter(
            promise_id__in=promise_ids, organisation__kind=OrganisationKind.KOMMUN
        )
        .order_by("organisation__name", "organisation_id")
        .values_list("promise_id", "organisation__code", "organisation__name")
    ):
        kommuner.setdefault(promise_id, []).append((code, name))
    focus = focus_area_texts(sorted({p for p, c in ranked if c is None}))
    commitment_ids = {c for _p, c in ranked if c is not None}
    commitments = (
        Commitment.objects.only("pk", "promise_id", "text").in_bulk(commitment_ids)
        if commitment_ids
        else {}
    )
    hits = []
    for promise_id, commitment_id in ranked:
        promise = promises.get(promise_id)
        if promise is None:
            continue
        if commitment_id is None:
            # the summary, else the focus area, else the title that matched
            candidates = [promise.situation_summary, *focus.get(promise_id, [])]
            text = next((t for t in candidates if _matches(t, stems)), promise.title)
            hits.append(
                SearchHit(
                    promise,
                    None,
                    highlight(text, stems),
                    tuple(kommuner.get(promise_id, ())),
                )
            )
        elif commitment_id in commitments:
            commitment = commitments[commitment_id]
            hits.append(
                SearchHit(
                    promise,
                    commitment,
                    highlight(commitment.text, stems),
                    tuple(kommuner.get(promise_id, ())),
                )
            )
    return hits


def _matches(text: str, stems: set[str]) -> bool:
    return any(stem(w) in stems for w in words(text))


def highlight(text: str, stems: set[str], *, size: int = SNIPPET_WORDS) -> SafeString:
    """An escaped excerpt of ``text`` around the first matching word, every word
    whose stem is searched for wrapped in ``<mark>``."""
    text = unicodedata.normalize("NFC", text or "")
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return mark_safe(escape(text[:200]))
    first = next((i for i, t in enumerate(tokens) if stem(t.group()) in stems), 0)
    start_index = max(first - size // 3, 0)
    end_index = min(start_index + size, len(tokens)) - 1
    start = tokens[start_index].start() if start_index > 0 else 0
    end = tokens[end_index].end() if end_index < len(tokens) - 1 else len(text)
    parts = ["… " if start > 0 else ""]
    position = start
    for token in tokens[start_index : end_index + 1]:
        parts.append(escape(text[position : token.start()]))
        if stem(token.group()) in stems:
            parts.append(f"<mark>{escape(token.group())}</mark>")
        else:
            parts.append(escape(token.group()))
        position = token.end()
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308 — every piece escaped above
