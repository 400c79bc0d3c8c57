"""Writes for imported documents: store the bytes, record the run, create the draft.

``document_import`` is the one path from bytes to a draft promise; the ``import``
command (files, URLs, polisen.se) is a thin loop over it. Each call is one transaction:
when reading fails nothing is stored; when extracting or loading fails the document and a
*failed* run are kept (so the reviewer sees why) but no promise, not even half of one.
"""

from __future__ import annotations

import errno
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from medborgarloften.accounts.permissions import is_superuser
from medborgarloften.documents.draft import draft_record
from medborgarloften.extract.budget import (
    Budget,
    extract_record_within,
    read_bytes_within,
)
from medborgarloften.extract.errors import ExtractError, TransientError
from medborgarloften.extract.readers import USER_AGENT
from medborgarloften.extract.readers.url import fetch
from medborgarloften.lib.text import clean_text
from medborgarloften.places.lookup import KommunIndex, fold, same_kommun
from medborgarloften.places.models import Organisation
from medborgarloften.places.permissions import can_edit_areas
from medborgarloften.promises.draft import Lifecycle, PromiseDraft
from medborgarloften.promises.models import PromiseStatus, Revision
from medborgarloften.promises.services import (
    NOT_OWN_PARTY,
    promise_load_record,
    promise_write,
)

from .models import DocumentKind, ExtractionRun, ExtractionRunStatus, SourceDocument

__all__ = [
    "DocumentNotStored",
    "ImportOutcome",
    "document_import",
    "document_store",
    "document_upload",
    "extraction_run_create",
    "extraction_run_draft_create",
    "language_guess",
]

#: Largest document we accept; medborgarlöften are a few pages.
MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
#: Longest text handed to the rules (about 400 pages); real promises are far shorter.
MAX_TEXT_CHARS = 1_000_000


def extraction_budget() -> Budget:
    """The time and memory one reading or one extraction may take (settings
    IMPORT_TIME_LIMIT, IMPORT_MEMORY_LIMIT_MB), in a child process of its own."""
    from django.conf import settings

    return Budget(
        seconds=settings.IMPORT_TIME_LIMIT,
        memory_mb=settings.IMPORT_MEMORY_LIMIT_MB,
        max_chars=MAX_TEXT_CHARS,
    )


# The three collaborators, imported when called so this module loads without them and
# tests can replace them one at a time. Reading and extracting run within the budget.
def _read_bytes(
    data: bytes,
    *,
    filename: str,
    content_type: str | None,
    budget: Budget | None = None,
) -> Any:

    return read_bytes_within(
        data,
        filename=filename,
        content_type=content_type,
        budget=budget or extraction_budget(),
    )


def _extract_record(
    text: str, *, record_id: str, source_url: str | None
) -> dict[str, Any]:

    return extract_record_within(
        text, record_id=record_id, source_url=source_url, budget=extraction_budget()
    )


def _promise_load_record(
    *,
    record: dict[str, Any],
    actor: Any,
    source: str,
    create_missing_police_area: bool,
    reference_for: Organisation | None = None,
) -> Any:

    # The command line writes on the operator's authority; ``actor`` (--user) is
    # who the history names.
    return promise_load_record(
        record=record,
        actor=actor,
        source=source,
        create_missing_police_area=create_missing_police_area,
        reference_for=reference_for,
        as_operator=True,
    )


_SV_WORDS = frozenset(
    [
        "och",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "för",
        "med",
        "till",
        "av",
        "om",
        "vi",
        "ska",
        "kommer",
        "inte",
        "har",
        "den",
        "de",
        "polisen",
        "kommunen",
        "löfte",
        "trygghet",
        "under",
    ]
)
_EN_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "that",
        "for",
        "with",
        "on",
        "are",
        "we",
        "will",
        "be",
        "this",
        "by",
        "police",
    ]
)


def language_guess(text: str) -> str:
    """Guess 'sv' or 'en' from common words; '' when the text is too short to tell.

    Only a hint for the reviewer (an English summary page imported by mistake).
    """
    words = re.findall(r"[a-zåäöé]+", text[:20000].casefold())
    sv = sum(1 for w in words if w in _SV_WORDS)
    en = sum(1 for w in words if w in _EN_WORDS)
    if sv + en < 5:
        return ""
    return "sv" if sv >= en else "en"


def _kind(value: str) -> str:
    value = (value or "").lower()
    if value in DocumentKind.values:
        return value
    if value in {"txt", "plain", "text/plain"}:
        return DocumentKind.TEXT
    if value in {"htm", "text/html"}:
        return DocumentKind.HTML
    return DocumentKind.OTHER


def _json_safe(value: Any) -> Any:
    """Keep reader metadata that JSON can hold; drop the rest (bytes, objects)."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items() if _is_plain(v)}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value if _is_plain(v)]
    return value


def _is_plain(value: Any) -> bool:
    if isinstance(value, dict | list | tuple):
        return True
    return value is None or isinstance(value, str | int | float | bool)


def error_line(exc: BaseException) -> str:
    """One line for the summary: a ValidationError names its fields."""
    if (
        isinstance(exc, ValidationError)
        and type(exc).__str__ is ValidationError.__str__
    ):
        if hasattr(exc, "error_dict"):
            parts = [
                f"{name}: {' '.join(str(m) for m in messages)}"
                for name, messages in exc.message_dict.items()
            ]
            text = "; ".join(parts)
        else:
            text = " ".join(str(m) for m in exc.messages)
    else:
        # Our own error types (ExtractError, the loader's RecordError) say it best.
        text = str(exc) or exc.__class__.__name__
    return " ".join(text.split())


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


def _read_text(read: Any) -> str:
    """The reader's text as it is stored and extracted: control characters a file
    may carry (NUL, a vertical tab from Word) cleaned before the extractor sees it,
    so the record's offsets fit the stored text."""
    return clean_text(getattr(read, "text", "") or "").strip()


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
    if not data:
        raise ExtractError("Filen är tom / the file is empty")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ExtractError(
            f"Filen är större än {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB"
            " / the file is too large"
        )
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
        created_by=actor if actor is not None and actor.is_authenticated else None,
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
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    run.full_clean()
    run.save()
    return run


@dataclass
class ImportOutcome:
    """What happened to one input; ``error`` is set exactly when it failed."""

    label: str
    document: SourceDocument | None = None
    run: ExtractionRun | None = None
    promise: Any = None
    reused_document: bool = False
    already_imported: bool = False
    error: str = ""
    notes: list[str] = field(default_factory=list)
    #: The input was fine but the server could not keep it (disk full): try later.
    not_stored: bool = False
    #: The failure may pass by itself (a server that did not answer, a full disk).
    transient: bool = False

    @property
    def ok(self) -> bool:
        return not self.error


class _DryRun(Exception):
    """Raised inside the transaction to roll back a dry run."""


def _record_id(label: str, sha: str) -> str:
    """An id the loader can never take for a promise's UUID, so it makes a new draft.

    The 'dokument-' prefix matters: ``uuid.UUID`` accepts any 32 hex digits, even
    with underscores (a file named '000_1ce16330b22eff07.txt' would otherwise
    parse as a UUID and could overwrite the promise that has it).
    """
    stem = label.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = re.sub(r"[^\w-]+", "-", stem).strip("-")[:80]
    return f"dokument-{stem}-{sha[:12]}" if stem else f"dokument-{sha[:12]}"


def _document_kommuner(
    record: dict[str, Any], kommun: Organisation | None, notes: list[str]
) -> list[str]:
    """The kommuner of the draft as the document names them.

    Names that match no stored kommun (a neighbour mentioned in passing, a misread)
    are dropped with a note rather than failing the whole import. The kommun the
    import was made for is used only when the document names none: a promise of
    other kommuner is not made theirs too.
    """
    if kommun is None:
        # Nothing to fall back on: the loader names a kommun it does not know.
        return [n for n in record.get("municipalities") or [] if isinstance(n, str)]

    index = KommunIndex(Organisation.objects.kommuner().only("pk", "name", "code"))
    names: list[str] = []
    named: set[int] = set()
    for name in record.get("municipalities") or []:
        if not isinstance(name, str):
            continue
        found = index.find(name)
        if found is None:
            notes.append(f"okänd kommun '{name}' utelämnad / unknown kommun left out")
        elif found.pk not in named:
            named.add(found.pk)
            names.append(name)
    if not names:
        return [kommun.name]
    if kommun.pk not in named:
        notes.append(
            f"dokumentet gäller {', '.join(names)}, inte {kommun.name}"
            f" / the document is about {', '.join(names)}, not {kommun.name}"
        )
    return names


def _for_loading(
    record: dict[str, Any],
    meta: Any,
    kommun: Organisation | None,
    notes: list[str],
) -> dict[str, Any]:
    """The record as the loader takes it for a new draft (the same mapping as the
    review screen: title, lägesbild, focus area per commitment)."""

    names = _document_kommuner(record, kommun, notes)
    # Names only: the loader resolves them; codes from elsewhere could disagree.
    rest = {k: v for k, v in record.items() if k != "municipality_codes"}
    return draft_record({**rest, "municipalities": names}, meta, kommuner=names)


def document_import(
    *,
    data: bytes,
    filename: str,
    content_type: str | None = None,
    source_url: str = "",
    kommun: Organisation | None = None,
    actor: Any = None,
    source: str = "import",
    create_missing_police_area: bool = False,
    dry_run: bool = False,
    reimport: bool = False,
    as_reference: bool = False,
) -> ImportOutcome:
    """Read, store, extract and load one input as a draft promise, all or nothing.

    Never raises for a bad input: the outcome carries a one-line reason. A document
    already imported into a promise that still exists is not loaded again unless
    ``reimport``. ``dry_run`` does everything, then rolls back and writes no file.
    The draft's kommuner are those the document names (``kommun`` only when it names
    none); with ``as_reference`` a promise of other kommuner is kept by ``kommun``
    for comparison instead.
    """
    label = source_url or filename
    outcome = ImportOutcome(label=label)
    if not data:
        outcome.error = "Filen är tom / the file is empty"
        return outcome
    try:
        read = _read_bytes(data, filename=filename, content_type=content_type)
        text = _read_text(read)
        if not text:
            raise ExtractError(
                "Ingen text gick att läsa ut (skannad bild?) / no text could be read"
            )
    except ExtractError as exc:
        outcome.error = error_line(exc)
        return outcome
    except Exception as exc:  # a reader bug must not stop the other inputs
        outcome.error = f"Kunde inte läsa / could not read: {error_line(exc)}"
        return outcome

    try:
        with transaction.atomic():
            _import_read(
                outcome=outcome,
                data=data,
                read=read,
                text=text,
                filename=filename,
                content_type=content_type,
                source_url=source_url,
                kommun=kommun,
                actor=actor,
                source=source,
                create_missing_police_area=create_missing_police_area,
                dry_run=dry_run,
                reimport=reimport,
                as_reference=as_reference,
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except (ExtractError, ValidationError) as exc:
        outcome.error = error_line(exc)
        outcome.not_stored = isinstance(exc, DocumentNotStored)
        outcome.document = outcome.run = outcome.promise = None
    return outcome


def _import_read(
    *,
    outcome: ImportOutcome,
    data: bytes,
    read: Any,
    text: str,
    filename: str,
    content_type: str | None,
    source_url: str,
    kommun: Organisation | None,
    actor: Any,
    source: str,
    create_missing_police_area: bool,
    dry_run: bool,
    reimport: bool,
    as_reference: bool = False,
) -> None:
    meta = getattr(read, "meta", None)
    document, created = document_store(
        data=data,
        text=text,
        original_name=filename,
        source_url=source_url,
        content_type=content_type or str((meta or {}).get("content_type") or ""),
        kind=str(getattr(read, "kind", "") or ""),
        kommun=kommun,
        meta=meta if isinstance(meta, dict) else {},
        actor=actor,
        write_file=not dry_run,
    )
    outcome.document = document
    outcome.reused_document = not created
    if not created:
        outcome.notes.append(
            "samma innehåll redan importerat, dokumentet återanvänds"
            " / same bytes already imported, document reused"
        )
        previous = (
            document.runs.ok()
            .filter(promise__isnull=False)
            .select_related("promise")
            .first()
        )
        if previous is not None and not reimport:
            outcome.already_imported = True
            outcome.run = previous
            outcome.promise = previous.promise
            return
    try:
        record = _extract_record(
            text,
            record_id=_record_id(filename or source_url, document.sha256),
            source_url=source_url or None,
        )
        if not isinstance(record, dict):
            raise ExtractError(
                "Extraktorn gav ingen post / the extractor gave no record"
            )
    except Exception as exc:
        outcome.error = (
            f"Extraktionen misslyckades / extraction failed: {error_line(exc)}"
        )
        outcome.run = extraction_run_create(
            document=document,
            record=None,
            status=ExtractionRunStatus.FAILED,
            error=outcome.error,
            source=source,
            actor=actor,
        )
        return
    version = str(record.get("extractor_version") or "")
    found_url = record.get("source_url")
    if (
        not document.source_url
        and isinstance(found_url, str)
        and found_url.startswith(("http://", "https://"))
    ):
        # The document named its own source (a '# source:' line): keep it.
        document.source_url = found_url[:1000]
        document.save(update_fields=["source_url"])
    try:
        with transaction.atomic():
            loaded = _for_loading(record, meta, kommun, outcome.notes)
            reference_for = None
            if (
                as_reference
                and kommun is not None
                and not any(
                    same_kommun(n, kommun.name) for n in loaded["municipalities"]
                )
            ):
                reference_for = kommun
                outcome.notes.append(
                    f"sparat som referens för {kommun.name}"
                    f" / kept as a reference for {kommun.name}"
                )
            promise = _promise_load_record(
                record=loaded,
                actor=actor,
                source=_load_source(source, document),
                create_missing_police_area=create_missing_police_area,
                **({"reference_for": reference_for} if reference_for else {}),
            )
            run = extraction_run_create(
                document=document,
                record=record,
                extractor_version=version,
                promise=promise,
                source=source,
                actor=actor,
            )
    except Exception as exc:
        # The savepoint is rolled back: no half-made promise. Keep why, for review.
        outcome.error = (
            f"Kunde inte skapa utkast / could not create draft: {error_line(exc)}"
        )
        outcome.run = extraction_run_create(
            document=document,
            record=record,
            extractor_version=version,
            status=ExtractionRunStatus.FAILED,
            error=outcome.error,
            source=source,
            actor=actor,
        )
        return
    outcome.run = run
    outcome.promise = promise


def _load_source(source: str, document: SourceDocument) -> str:
    where = document.source_url or document.original_name
    return f"{source}: {where} (sha256 {document.sha256[:12]})"[:300]


# --- The review screen: upload for review, then create the draft ---------------------

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
                url, timeout=URL_TIMEOUT_SECONDS, max_bytes=MAX_DOCUMENT_BYTES
            )
            data = download.data
            filename = download.filename or ""
            content_type = download.content_type
            source_url = download.url
        if not data:
            raise ExtractError("Filen är tom / the file is empty")
        if len(data) > MAX_DOCUMENT_BYTES:
            raise ExtractError(
                f"Filen är större än {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB"
                " / the file is too large"
            )
        stage("reading")
        read = _read_bytes(
            data,
            filename=filename,
            content_type=content_type,
            budget=read_budget(data, filename, content_type) if read_budget else None,
        )
        text = _read_text(read)
        if not text:
            raise ExtractError(
                "Ingen text gick att läsa ut (skannad bild?) / no text could be read"
            )
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
    if existing is not None and existing.text:
        text = existing.text
    stage("saving")
    try:
        record = _extract_record(
            text,
            record_id=_record_id(filename or source_url, sha),
            source_url=source_url or None,
        )
        if not isinstance(record, dict):
            raise ExtractError(
                "Extraktorn gav ingen post / the extractor gave no record"
            )
    except Exception as exc:
        outcome.error = (
            f"Extraktionen misslyckades / extraction failed: {error_line(exc)}"
        )
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


@transaction.atomic
def extraction_run_draft_create(
    *,
    run: ExtractionRun,
    actor: Any,
    draft: PromiseDraft | None = None,
    record: dict[str, Any] | None = None,
    new_areas: list[str] | tuple[str, ...] = (),
    create_missing_police_area: bool = False,
    as_reference: bool = False,
) -> Any:
    """Create the reviewed draft promise and link the run to it, all or nothing.

    ``draft`` is what the review screen built from its forms; the one writer
    (``promises.services.promise_write``) saves it, checking before it writes that
    the draft keeps one of the actor's own organisations as a party — or, with
    ``as_reference``, that it is kept for comparison by the document's kommun, which
    the actor edits. A ``record`` (an extraction record, as the command line has
    one) is read by the loader into such a draft; its places the kommun lacks become
    areas of the draft's first kommun, and so do ``new_areas`` (the review's ticked
    places; a draft carries its own as new areas by name). A run gives one draft.
    """

    if create_missing_police_area and actor is not None and not is_superuser(actor):
        raise ValidationError(
            {
                "police_area": "Bara en superanvändare kan lägga till ett "
                "lokalpolisområde vid import / only a superuser may add a police area"
            }
        )
    if (draft is None) == (record is None):
        raise TypeError("give a draft or a record")
    run = (
        ExtractionRun.objects.select_for_update()
        .select_related("document")
        .get(pk=run.pk)
    )
    if run.status != ExtractionRunStatus.OK:
        raise ValidationError(
            {"__all__": "Körningen misslyckades; inget utkast kan skapas"}
        )
    if run.promise_id is not None:
        raise ValidationError(
            {"__all__": "Ett utkast har redan skapats från den här granskningen"}
        )
    reference_for = run.document.kommun if as_reference else None
    if as_reference and reference_for is None:
        raise ValidationError(
            {"municipalities": "Dokumentet har ingen kommun att spara referensen för"}
        )
    source = _load_source(run.source or REVIEW_SOURCE, run.document)
    try:
        if draft is not None:
            promise = promise_write(
                actor=actor,
                draft=replace(
                    draft,
                    reference_for=reference_for.pk if reference_for else None,
                    lifecycle=Lifecycle(status=PromiseStatus.DRAFT),
                ),
                source=source,
                action=Revision.Action.LOADED,
                summary="Skapat från granskat dokument",
            )
        else:
            promise = promise_load_record(
                record=record or {},
                actor=actor,
                source=source,
                create_missing_police_area=create_missing_police_area,
                status=PromiseStatus.DRAFT,
                reference_for=reference_for,
            )
    except ValidationError as exc:
        errors = getattr(exc, "error_dict", {})
        if getattr(exc, "code", None) == NOT_OWN_PARTY or any(
            e.code == NOT_OWN_PARTY for e in errors.get("parties", [])
        ):
            raise _not_own_party(draft, record) from exc
        raise
    if new_areas:
        # Ticked as new but named nowhere in the record: areas of the draft's
        # first kommun all the same (after the writer allowed the draft).
        from medborgarloften.places.services import area_create

        kommun = promise.kommuner()[0]
        if actor is not None and not can_edit_areas(actor, kommun):
            raise ValidationError(
                {
                    "new_areas": f"Bara redaktörer för {kommun.name} kan lägga till "
                    f"områden där / only {kommun.name}'s editors may add its areas"
                }
            )
        known = {fold(name) for area in kommun.areas.all() for name in area.names()}
        for name in new_areas:
            if fold(name) not in known:
                area_create(kommun=kommun, name=name)
                known.add(fold(name))
    run.promise = promise
    run.save(update_fields=["promise"])
    return promise


def _not_own_party(
    draft: PromiseDraft | None, record: dict[str, Any] | None
) -> ValidationError:
    """Why an editor cannot import another kommun's promise, and what to do."""
    if draft is not None:
        kommuner = [p.name for p in draft.parties if p.kind == "kommun"]
    else:
        kommuner = [
            n for n in (record or {}).get("municipalities") or [] if isinstance(n, str)
        ]
    names = ", ".join(kommuner) or "andra kommuner"
    return ValidationError(
        {
            "municipalities": "Utkastet måste ha din egen organisation som "
            f"part, men löftet gäller {names}. Kryssa i ”Spara som referens för "
            "jämförelse” för att spara det åt din kommun, eller be en "
            f"administratör för {names} att importera det"
            " / the draft must keep your organisation as a party, or be kept"
            " as a reference"
        }
    )
