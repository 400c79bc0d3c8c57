"""Reads for imported documents, for the review screen and the admin."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from medborgarloften.accounts.permissions import editing_organisation_ids, is_superuser
from medborgarloften.extract.readers.quality import reading_warnings
from medborgarloften.lib.i18n import bilingual_half
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Promise

from .models import (
    ExtractionRun,
    ExtractionRunStatus,
    ImportJob,
    ImportJobStatus,
    SourceDocument,
)


def extraction_run_list(
    *,
    status: str | None = None,
    kommun: Organisation | None = None,
    with_promise: bool | None = None,
) -> QuerySet[ExtractionRun]:
    """Runs newest first with their document, kommun and draft in one query."""
    runs = ExtractionRun.objects.select_related(
        "document", "document__kommun", "promise"
    ).defer("record", "document__text", "document__meta")
    if status:
        runs = runs.filter(status=status)
    if kommun is not None:
        runs = runs.filter(document__kommun=kommun)
    if with_promise is not None:
        runs = runs.filter(promise__isnull=not with_promise)
    return runs.order_by("-created_at", "-id")


def extraction_run_get(*, pk: int) -> ExtractionRun:
    """One run with its document and draft; raises ExtractionRun.DoesNotExist."""
    return ExtractionRun.objects.select_related(
        "document", "document__kommun", "document__created_by", "promise", "created_by"
    ).get(pk=pk)


def source_document_list(
    *, kommun: Organisation | None = None
) -> QuerySet[SourceDocument]:
    """Documents newest first, without their (long) text."""
    documents = SourceDocument.objects.select_related("kommun").defer("text", "meta")
    if kommun is not None:
        documents = documents.filter(kommun=kommun)
    return documents


def source_document_get(*, pk: int) -> SourceDocument:
    """One document with its runs (newest first); raises SourceDocument.DoesNotExist."""
    from django.db.models import Prefetch

    return (
        SourceDocument.objects.select_related("kommun")
        .prefetch_related(
            Prefetch(
                "runs",
                queryset=ExtractionRun.objects.select_related("promise").order_by(
                    "-created_at", "-id"
                ),
            )
        )
        .get(pk=pk)
    )


def source_document_by_sha256(
    *, sha256: str, kommun: Organisation | None = None
) -> SourceDocument | None:
    """The document holding exactly these bytes, if it was imported (for ``kommun``
    when given: each kommun has its own documents)."""
    documents = SourceDocument.objects.filter(sha256=sha256.lower())
    if kommun is not None:
        documents = documents.filter(kommun=kommun)
    return documents.order_by("pk").first()


def kommuner_for_import(*, user: Any) -> QuerySet[Organisation]:
    """The kommuner ``user`` may import documents for: where they edit, and those
    their lokalpolisområde serves (superusers: all)."""

    kommuner = Organisation.objects.kommuner()
    if is_superuser(user):
        return kommuner.order_by("name")
    ids = editing_organisation_ids(user)
    if not ids:
        return kommuner.none()
    return (
        kommuner.filter(Q(pk__in=ids) | Q(served_by__in=ids))
        .distinct()
        .order_by("name")
    )


def extraction_runs_for_kommuner(
    *, kommuner: QuerySet[Organisation], limit: int = 20
) -> list[ExtractionRun]:
    """The latest runs over documents of these kommuner, for the import page."""
    return list(
        ExtractionRun.objects.filter(document__kommun__in=kommuner)
        .select_related("document", "document__kommun", "promise")
        .defer("record", "document__text", "document__meta")
        .order_by("-created_at", "-id")[:limit]
    )


def extraction_runs_visible_to(*, user: Any) -> QuerySet[ExtractionRun]:
    """Every import ``user`` may see, newest first, for the import page's list (to
    be paged): web and command line alike. A national admin sees all, those made
    without a kommun too; an editor those of the kommuner they import for, and the
    drafts made from any import that they may see."""
    from medborgarloften.promises.permissions import promises_visible_to

    runs = (
        ExtractionRun.objects.select_related("document", "document__kommun", "promise")
        .defer("record", "document__text", "document__meta")
        .order_by("-created_at", "-id")
    )
    if is_superuser(user):
        return runs
    return runs.filter(
        Q(document__kommun__in=kommuner_for_import(user=user))
        | Q(promise__in=promises_visible_to(user).values("pk"))
    )


def import_channel(run: ExtractionRun) -> str:
    """How the import was made: "webb" (the review, one upload or a batch) or
    "kommandorad" (``medborgarloften import``), from the run's source."""
    from .services.upload import REVIEW_SOURCE

    return "webb" if run.source.startswith(REVIEW_SOURCE) else "kommandorad"


def import_jobs_pending_for_kommuner(
    *, kommuner: QuerySet[Organisation], limit: int = 10
) -> list[ImportJob]:
    """Background imports of these kommuner not yet done (queued, running, or failed
    within the last week), newest first, for the import page."""
    from datetime import timedelta

    from django.utils import timezone

    week = timezone.now() - timedelta(days=7)
    return list(
        ImportJob.objects.filter(kommun__in=kommuner, created_at__gte=week)
        .exclude(status=ImportJobStatus.DONE)
        .select_related("kommun")
        .defer("data")
        .order_by("-created_at", "-pk")[:limit]
    )


def promise_import_warnings(*, promise: Any, **_kwargs: Any) -> list[str]:
    """What the reading of the documents a draft was made from asks a reviewer to
    check (a scan read by OCR, pages without text), as the review screen says it:
    a draft made from the command line, which has no review screen, carries it."""
    notes: list[str] = []
    documents = SourceDocument.objects.filter(runs__promise=promise).distinct()
    for document in documents.only("text", "meta", "kind"):
        meta = document.meta if isinstance(document.meta, dict) else {}
        for warning in reading_warnings(document.text or "", meta, document.kind):
            if bilingual_half(warning) not in notes:
                notes.append(bilingual_half(warning))
    return notes


def _record_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _same_title(title: str) -> str:
    return " ".join(title.split()).casefold()


def _named_kommun_ids(record: dict[str, Any], fallback: int | None) -> list[int]:
    """The kommuner the record names (the kommun picked at the upload only when it
    names none): a promise is the same by the kommun it is about, not by whoever
    happened to import it."""
    from medborgarloften.places.lookup import KommunIndex

    names = [n for n in record.get("municipalities") or [] if isinstance(n, str)]
    if names:
        index = KommunIndex(
            Organisation.objects.kommuner().only("pk", "name", "code", "official_name")
        )
        ids = [k.pk for k in map(index.find, names) if k is not None]
        if ids:
            return ids
    return [fallback] if fallback is not None else []


def promises_like_record(
    *, record: dict[str, Any], kommun_id: int | None = None
) -> list[Promise]:
    """Promises of the kommuner the record names (``kommun_id`` when it names
    none) with the title and period it read: the same promise imported before
    (as Word, as its PDF, as a scan), whichever way it was imported."""
    title = _same_title(str(record.get("title") or ""))
    kommun_ids = _named_kommun_ids(record, kommun_id)
    if not title or not kommun_ids:
        return []
    period = record.get("period") if isinstance(record.get("period"), dict) else {}
    candidates = Promise.objects.filter(parties__in=kommun_ids)
    for field, key in (("period_start", "start"), ("period_end", "end")):
        day = _record_date((period or {}).get(key))
        if day is not None:
            candidates = candidates.filter(**{field: day})
    found = candidates.distinct().only("pk", "title", "status").order_by("pk")
    return [p for p in found if _same_title(p.title) == title]


def promises_from_same_bytes(*, sha256: str) -> QuerySet[Promise]:
    """Promises made from a document with exactly these bytes, by any import (web
    or command line) for any kommun: the content hash is the document's identity."""
    return Promise.objects.filter(
        extraction_runs__document__sha256=sha256.lower(),
        extraction_runs__status=ExtractionRunStatus.OK,
    ).distinct()


def duplicate_promises(*, run: ExtractionRun, user: Any) -> list[Promise]:
    """What the review warns of ("Löftet kan redan finnas"), as far as ``user``
    may see it: promises made from the same bytes by any import, and promises of
    the kommun the document names with its title and period (one query)."""
    from django.db.models import Exists, OuterRef

    from medborgarloften.places.lookup import same_kommun
    from medborgarloften.promises.permissions import promises_visible_to

    record = run.record if isinstance(run.record, dict) else {}
    title = _same_title(str(record.get("title") or ""))
    kommun = run.document.kommun
    names = [n for n in record.get("municipalities") or [] if isinstance(n, str)]
    if kommun is not None and all(same_kommun(n, kommun.name) for n in names):
        kommun_ids = [kommun.pk]  # the kommun picked: no lookup needed
    else:
        kommun_ids = _named_kommun_ids(record, run.document.kommun_id)
    from_bytes = Exists(
        ExtractionRun.objects.filter(
            promise=OuterRef("pk"),
            document__sha256=run.document.sha256,
            status=ExtractionRunStatus.OK,
        )
    )
    like = Q(parties__in=kommun_ids) if title and kommun_ids else Q(pk__in=[])
    period = record.get("period") if isinstance(record.get("period"), dict) else {}
    for field, key in (("period_start", "start"), ("period_end", "end")):
        day = _record_date((period or {}).get(key))
        if day is not None:
            like &= Q(**{field: day})
    candidates = (
        Promise.objects.annotate(from_bytes=from_bytes)
        .filter(Q(from_bytes=True) | like)
        .exclude(pk=run.promise_id or 0)
    )
    visible = promises_visible_to(user, candidates).only(
        "pk", "title", "status", "reference_for"
    )
    return [
        p
        for p in visible.order_by("pk")
        if getattr(p, "from_bytes", False) or _same_title(p.title) == title
    ]


def open_reviews_of_same_bytes(*, run: ExtractionRun, user: Any) -> list[ExtractionRun]:
    """Other reviews of the same bytes still waiting for their draft (uploaded for
    another kommun, or by the command line), those ``user`` may open."""
    runs = (
        ExtractionRun.objects.ok()
        .filter(document__sha256=run.document.sha256, promise__isnull=True)
        .exclude(document_id=run.document_id)
        .select_related("document", "document__kommun")
        .defer("record", "document__text", "document__meta")
    )
    if not is_superuser(user):
        runs = runs.filter(document__kommun__in=kommuner_for_import(user=user))
    return list(runs.order_by("pk"))


def promises_like_run(*, run: ExtractionRun) -> list[Promise]:
    """Promises of the document's kommun with the title and period the run read:
    the same promise imported before (as Word, as its PDF, as a scan), so the
    reviewer is warned before a second draft is made."""
    record = run.record if isinstance(run.record, dict) else {}
    title = _same_title(str(record.get("title") or ""))
    kommun_id = run.document.kommun_id
    if not title or kommun_id is None:
        return []
    period = record.get("period") if isinstance(record.get("period"), dict) else {}
    candidates = Promise.objects.filter(parties=kommun_id)
    for field, key in (("period_start", "start"), ("period_end", "end")):
        day = _record_date((period or {}).get(key))
        if day is not None:
            candidates = candidates.filter(**{field: day})
    if run.promise_id is not None:
        candidates = candidates.exclude(pk=run.promise_id)
    found = candidates.distinct().only("pk", "title", "status").order_by("pk")
    return [p for p in found if _same_title(p.title) == title]


def earlier_draft(*, run: ExtractionRun) -> Promise | None:
    """The promise made from the same document by an earlier import, if any."""
    earlier = (
        ExtractionRun.objects.filter(document_id=run.document_id, promise__isnull=False)
        .exclude(pk=run.pk)
        .select_related("promise")
        .order_by("-pk")
        .first()
    )
    return earlier.promise if earlier is not None else None
