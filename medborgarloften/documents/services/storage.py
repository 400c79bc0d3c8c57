"""Storing an uploaded file once (by sha256) and recording an extraction run."""

from __future__ import annotations

import errno
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from medborgarloften.extract.errors import ExtractError
from medborgarloften.lib.access import recorded_actor
from medborgarloften.places.models import Organisation

from ..models import DocumentKind, ExtractionRun, ExtractionRunStatus, SourceDocument
from . import reading
from .reading import _json_safe, _kind, language_guess


class DocumentNotStored(ExtractError):
    """The bytes could not be written (disk full, no permission): nothing was kept,
    and the same upload may simply be tried again later."""


def _holds(name: str, sha: str) -> bool:
    """Whether the stored file ``name`` holds exactly the bytes with this sha256."""
    digest = hashlib.sha256()
    try:
        with default_storage.open(name, "rb") as stored:
            for chunk in iter(lambda: stored.read(1024 * 1024), b""):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest() == sha


def _store_file(name: str, data: bytes, sha: str) -> str:
    """Write the bytes under their content-addressed name; return the name used.

    A file already there is reused only when it holds these very bytes (a copy torn
    by a crash under an older storage is replaced). The storage writes a temporary
    file and links it into place, so a full disk leaves nothing behind; the error
    becomes ``DocumentNotStored`` with a message a person can act on.
    """
    try:
        if default_storage.exists(name):
            if _holds(name, sha):
                return name
            default_storage.delete(name)
        return default_storage.save(name, ContentFile(data))
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DocumentNotStored(
                "Filen kunde inte sparas: servern har slut på diskutrymme. Inget "
                "sparades; försök igen senare eller kontakta den som sköter servern"
                " / the file could not be stored: the server's disk is full"
            ) from exc
        raise DocumentNotStored(
            f"Filen kunde inte sparas ({exc.strerror or exc}). Inget sparades"
            f" / the file could not be stored"
        ) from exc


def _same_kommun(kommun: Organisation | None) -> dict[str, Any]:
    return {"kommun": kommun} if kommun is not None else {"kommun__isnull": True}


@transaction.atomic
def document_store(
    *,
    data: bytes,
    text: str,
    original_name: str = "",
    source_url: str = "",
    content_type: str = "",
    kind: str = DocumentKind.TEXT,
    kommun: Organisation | None = None,
    meta: dict[str, Any] | None = None,
    actor: Any = None,
    write_file: bool = True,
) -> tuple[SourceDocument, bool]:
    """Keep the bytes once per kommun and sha256; return ``(document, created)``.

    The same bytes imported again *for the same kommun* (or again without one) give
    the existing document back unchanged, except a missing source URL, which is
    filled in. Another kommun's document with these bytes is never touched, reused
    or revealed: this kommun gets its own (the stored file is shared).
    """
    reading.document_bytes(data)
    if kommun is not None and not kommun.is_kommun:
        raise ValidationError({"kommun": f"{kommun} är ingen kommun / is not a kommun"})
    sha = hashlib.sha256(data).hexdigest()
    existing = (
        SourceDocument.objects.select_for_update()
        .filter(sha256=sha, **_same_kommun(kommun))
        .first()
    )
    if existing is not None:
        changed = []
        if source_url and not existing.source_url:
            existing.source_url = source_url[:1000]
            changed.append("source_url")
        if changed:
            existing.save(update_fields=changed)
        return existing, False
    document = SourceDocument(
        kommun=kommun,
        original_name=original_name[:300],
        source_url=source_url[:1000],
        content_type=content_type[:200],
        kind=_kind(kind),
        sha256=sha,
        size=len(data),
        text=text,
        language=language_guess(text),
        meta=_json_safe(meta or {}),
        created_by=recorded_actor(actor),
    )
    name = document.raw.field.generate_filename(document, original_name or "x.bin")
    if write_file:
        name = _store_file(name, data, sha)
    document.raw.name = name if write_file else ""
    document.full_clean(exclude=["raw"])
    document.save()
    return document, True


@transaction.atomic
def extraction_run_create(
    *,
    document: SourceDocument,
    record: dict[str, Any] | None,
    extractor_version: str = "",
    status: str = ExtractionRunStatus.OK,
    error: str = "",
    promise: Any = None,
    source: str = "",
    actor: Any = None,
) -> ExtractionRun:
    """Record one extraction over ``document``: ok with its record, or failed with why."""
    if status == ExtractionRunStatus.OK and error:
        raise ValidationError({"error": "En lyckad körning har inget fel / ok runs"})
    if status == ExtractionRunStatus.FAILED and not error:
        raise ValidationError({"error": "Ange varför körningen misslyckades / say why"})
    run = ExtractionRun(
        document=document,
        record=record,
        extractor_version=str(extractor_version or "")[:50],
        status=status,
        error=error,
        promise=promise,
        source=source[:300],
        created_by=recorded_actor(actor),
    )
    run.full_clean()
    run.save()
    return run
