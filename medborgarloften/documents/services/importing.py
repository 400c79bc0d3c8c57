"""Importing documents from the command line: read, extract, store and load as drafts."""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import transaction

from medborgarloften.documents.draft import draft_record
from medborgarloften.extract.errors import ExtractError
from medborgarloften.extract.readers.quality import reading_warnings
from medborgarloften.places.lookup import KommunIndex, same_kommun
from medborgarloften.places.models import Organisation

from ..models import ExtractionRun, SourceDocument
from ..selectors import promises_like_record
from . import reading
from .reading import error_line, readable_text
from .storage import DocumentNotStored, document_store, extraction_run_create


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


class _RollBack(Exception):
    """Raised inside the transaction when the import fails or finds its promise
    already there: nothing of it is kept (the outcome says why)."""


def _record_id(label: str, sha: str) -> str:
    """An id the loader can never take for a promise's UUID, so it makes a new draft.

    The 'dokument-' prefix matters: ``uuid.UUID`` accepts any 32 hex digits, even
    with underscores (a file named '000_1ce16330b22eff07.txt' would otherwise
    parse as a UUID and could overwrite the promise that has it).
    """
    stem = label.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = re.sub(r"[^\w-]+", "-", stem).strip("-")[:80]
    return f"dokument-{stem}-{sha[:12]}" if stem else f"dokument-{sha[:12]}"


def extracted_record(
    text: str, *, label: str, sha: str, source_url: str
) -> tuple[dict[str, Any] | None, str]:
    """The extractor's record of ``text``, or None and the reason it failed (any
    exception: the extractor must never take an import down with it)."""
    try:
        record = reading._extract_record(
            text, record_id=_record_id(label, sha), source_url=source_url or None
        )
        if not isinstance(record, dict):
            raise ExtractError(
                "Extraktorn gav ingen post / the extractor gave no record"
            )
    except Exception as exc:
        return None, f"Extraktionen misslyckades / extraction failed: {error_line(exc)}"
    return record, ""


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
    force: bool = False,
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
        if not source_url:
            reading.refuse_unsupported_file(data, filename)
        read = reading._read_bytes(data, filename=filename, content_type=content_type)
        text = readable_text(read)
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
                force=force,
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except _RollBack:
        _forget_new_file(outcome)
        outcome.document = None
        if not outcome.already_imported:
            outcome.run = outcome.promise = None
    except (ExtractError, ValidationError) as exc:
        outcome.error = error_line(exc)
        outcome.not_stored = isinstance(exc, DocumentNotStored)
        _forget_new_file(outcome)
        outcome.document = outcome.run = outcome.promise = None
    return outcome


def _forget_new_file(outcome: ImportOutcome) -> None:
    """Delete the file a rolled-back import wrote, unless a kept document holds
    it (files are shared by content): a failed import leaves nothing behind."""
    document = outcome.document
    if document is None or outcome.reused_document or not document.raw.name:
        return
    name = document.raw.name
    if not SourceDocument.objects.filter(raw=name).exists():
        with contextlib.suppress(OSError):
            document.raw.storage.delete(name)


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
    force: bool = False,
) -> None:
    meta = getattr(read, "meta", None)
    if not reimport and _already_imported(outcome, data):
        return
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
    # What the review screen would ask to check (a scan read by OCR …).
    outcome.notes.extend(
        reading_warnings(text, meta if isinstance(meta, dict) else {}, document.kind)
    )
    if not created:
        outcome.notes.append(
            "samma innehåll redan importerat, dokumentet återanvänds"
            " / same bytes already imported, document reused"
        )
    record, error = extracted_record(
        text, label=filename or source_url, sha=document.sha256, source_url=source_url
    )

    def failed(why: str) -> NoReturn:
        """Say why the import failed and roll all of it back, the document too, so
        that trying again (with the cause fixed) imports it afresh."""
        outcome.error = why
        raise _RollBack

    if record is None:
        failed(error)
    if not force and not _promise_like(record):
        failed(
            "Inget som liknar ett medborgarlöfte hittades (inga åtaganden); inget "
            "utkast skapades. Kontrollera filen, eller använd --force för att ändå "
            "skapa ett utkast / nothing like a promise was found (no commitments); "
            "no draft was made. Check the file, or use --force to make one anyway"
        )
    if not reimport:
        like = promises_like_record(
            record=record or {}, kommun_id=kommun.pk if kommun is not None else None
        )
        same = like[0] if like else None
        if same is not None:
            outcome.already_imported = True
            outcome.promise = same
            outcome.notes.append(
                f"samma löfte (kommun, titel och period) finns redan: ”{same.title}”;"
                " --reimport skapar ändå ett nytt utkast"
                " / the same promise exists already"
            )
            raise _RollBack
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
            promise = reading._promise_load_record(
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
        failed(f"Kunde inte skapa utkast / could not create draft: {error_line(exc)}")
    outcome.run = run
    outcome.promise = promise


def _promise_like(record: dict[str, Any]) -> bool:
    """Whether the extractor found anything of a promise: at least one commitment
    (a file that is not a promise reads as a title at most)."""
    return any(isinstance(c, dict) for c in record.get("commitments") or [])


def _already_imported(outcome: ImportOutcome, data: bytes) -> bool:
    """Whether these bytes already became a promise that still exists, by any
    import (the web's review or the command line) for any kommun: then the outcome
    names it and nothing is stored again."""
    sha = hashlib.sha256(data).hexdigest()
    previous = (
        ExtractionRun.objects.ok()
        .filter(document__sha256=sha, promise__isnull=False)
        .select_related("promise", "document")
        .order_by("-pk")
        .first()
    )
    if previous is None:
        return False
    outcome.already_imported = True
    outcome.document = previous.document
    outcome.reused_document = True
    outcome.run = previous
    outcome.promise = previous.promise
    outcome.notes.append(
        f"samma innehåll redan importerat som ”{previous.promise.title}”,"
        " dokumentet återanvänds / same bytes already imported, document reused"
    )
    return True


def _load_source(source: str, document: SourceDocument) -> str:
    where = document.source_url or document.original_name
    return f"{source}: {where} (sha256 {document.sha256[:12]})"[:300]
