"""Uploading a file or a URL from the web: fetch, read, extract and store for review."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from medborgarloften.extract.budget import Budget
from medborgarloften.extract.errors import ExtractError, TransientError
from medborgarloften.extract.readers import USER_AGENT
from medborgarloften.extract.readers.url import fetch
from medborgarloften.extract.record import EXTRACTOR_VERSION
from medborgarloften.places.models import Organisation

from ..models import ExtractionRun, SourceDocument
from . import reading
from .importing import ImportOutcome, extracted_record
from .reading import error_line
from .storage import (
    DocumentNotStored,
    _same_kommun,
    document_store,
    extraction_run_create,
)

#: How long the staff UI waits for a URL before it gives up: per read, and in all
#: (redirects included). With reading and extracting (IMPORT_TIME_LIMIT each) the
#: request stays within the proxy's timeout (deploy/nginx.conf: 120 s).
URL_TIMEOUT_SECONDS = 20.0


URL_TOTAL_SECONDS = 45.0


REVIEW_SOURCE = "granskning"


def _fetch_url(url: str, *, timeout: float, max_bytes: int) -> Any:
    """Fetch for the web form: internal addresses only when the installation allows
    it (IMPORT_ALLOW_PRIVATE_URLS), so the form cannot probe the server's network."""
    from django.conf import settings

    return fetch(
        url,
        timeout=timeout,
        total_timeout=URL_TOTAL_SECONDS,
        max_bytes=max_bytes,
        user_agent=USER_AGENT,
        public_only=not settings.IMPORT_ALLOW_PRIVATE_URLS,
    )


def _waiting_run(document: SourceDocument) -> ExtractionRun | None:
    """The newest review of ``document`` by this extractor that made no draft."""
    return (
        document.runs.ok()
        .filter(promise__isnull=True, extractor_version=EXTRACTOR_VERSION)
        .order_by("-pk")
        .first()
    )


def document_upload(
    *,
    kommun: Organisation,
    data: bytes | None = None,
    filename: str = "",
    content_type: str | None = None,
    url: str = "",
    actor: Any = None,
    source: str = REVIEW_SOURCE,
    read_budget: Callable[[bytes, str, str | None], Budget] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> ImportOutcome:
    """Read, extract and keep one file or URL for review (no promise), all or nothing.

    Never raises for a bad input: the outcome carries a one-line reason and nothing is
    stored, neither a row nor a file. The record is extracted from the text that is
    stored, so its spans fit the text the review screen shows; the same bytes again
    reuse the stored document and get a fresh run. ``read_budget`` gives the reading
    its budget from the bytes (the background worker scales OCR time with the pages);
    ``on_stage`` hears "fetching", "reading" and "saving" as the work gets there.
    """
    outcome = ImportOutcome(label=url or filename)
    source_url = ""
    stage = on_stage or (lambda name: None)
    try:
        if url:
            stage("fetching")
            download = _fetch_url(
                url, timeout=URL_TIMEOUT_SECONDS, max_bytes=reading.MAX_DOCUMENT_BYTES
            )
            data = download.data
            filename = download.filename or ""
            content_type = download.content_type
            source_url = download.url
        data = reading.document_bytes(data)
        if not url:
            reading.refuse_unsupported_file(data, filename)
        stage("reading")
        read = reading._read_bytes(
            data,
            filename=filename,
            content_type=content_type,
            budget=read_budget(data, filename, content_type) if read_budget else None,
        )
        text = reading.readable_text(read)
    except ExtractError as exc:
        outcome.error = error_line(exc)
        outcome.transient = isinstance(exc, TransientError)
        return outcome
    except Exception as exc:  # a reader bug is still a refusal, not a crash
        outcome.error = f"Kunde inte läsa / could not read: {error_line(exc)}"
        return outcome

    sha = hashlib.sha256(data).hexdigest()
    existing = (
        SourceDocument.objects.filter(sha256=sha, **_same_kommun(kommun))
        .only("text")
        .first()
    )
    if existing is not None:
        waiting = _waiting_run(existing)
        if waiting is not None:
            # The same file again while its review is still open: that review,
            # not a second row "Inte skapat" in the list of imports.
            outcome.document, outcome.run = existing, waiting
            outcome.reused_document = True
            return outcome
    if existing is not None and existing.text:
        text = existing.text
    stage("saving")
    record, error = extracted_record(
        text, label=filename or source_url, sha=sha, source_url=source_url
    )
    if record is None:
        outcome.error = error
        return outcome

    meta = getattr(read, "meta", None)
    try:
        with transaction.atomic():
            document, created = document_store(
                data=data,
                text=text,
                original_name=filename,
                source_url=source_url,
                content_type=content_type
                or str((meta or {}).get("content_type") or ""),
                kind=str(getattr(read, "kind", "") or ""),
                kommun=kommun,
                meta=meta if isinstance(meta, dict) else {},
                actor=actor,
            )
            run = extraction_run_create(
                document=document,
                record=record,
                extractor_version=str(record.get("extractor_version") or ""),
                source=source,
                actor=actor,
            )
    except (ExtractError, ValidationError) as exc:
        outcome.error = error_line(exc)
        outcome.not_stored = outcome.transient = isinstance(exc, DocumentNotStored)
        return outcome
    outcome.document = document
    outcome.reused_document = not created
    outcome.run = run
    return outcome
