"""Writes for imported documents: store the bytes, record the run, create the draft.

``document_import`` is the one path from bytes to a draft promise; the ``import``
command (files, URLs, polisen.se) is a thin loop over it. Each call is one transaction:
when reading fails nothing is stored; when extracting or loading fails the document and a
*failed* run are kept (so the reviewer sees why) but no promise, not even half of one.
"""

from __future__ import annotations

from .drafts import extraction_run_draft_check, extraction_run_draft_create
from .importing import ImportOutcome, document_import
from .reading import (
    MAX_DOCUMENT_BYTES,
    MAX_TEXT_CHARS,
    error_line,
    extraction_budget,
    language_guess,
)
from .storage import DocumentNotStored, document_store, extraction_run_create
from .upload import (
    REVIEW_SOURCE,
    URL_TIMEOUT_SECONDS,
    URL_TOTAL_SECONDS,
    document_upload,
)

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_TEXT_CHARS",
    "REVIEW_SOURCE",
    "URL_TIMEOUT_SECONDS",
    "URL_TOTAL_SECONDS",
    "error_line",
    "extraction_budget",
    "DocumentNotStored",
    "ImportOutcome",
    "document_import",
    "document_store",
    "document_upload",
    "extraction_run_create",
    "extraction_run_draft_check",
    "extraction_run_draft_create",
    "language_guess",
]
