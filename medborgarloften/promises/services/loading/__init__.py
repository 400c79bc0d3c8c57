"""Load medborgarlöfte JSON records into promises (docs/format.md, "Loading").

A record is checked in three steps: the JSON Schema (shape, types, vocabularies), the
checks of the record's own form the schema cannot express (dates, targets, focus-area
references), and the resolution of names to stored organisations and areas. The
result is a ``PromiseDraft`` (rows matched to the stored ones by title or text, so
follow-up stays attached; organisations and places not found named for the writer to
create), which the one writer (``services.writer.promise_write``) checks against the
rules every promise obeys and saves. Every problem is a :class:`RecordError` naming the
field by its path in the record (``commitments[2].target.quantity``); loaders of
several records add the file and the record index. Everything runs in one
transaction, so a bad record stores nothing.

Split by step: ``schema`` (1), ``record_checks`` (2), ``resolve`` (3), ``drafting``
(the draft and the way back from writer errors), ``load`` (the transaction);
``results`` holds what a load reports. Import from this package.
"""

from .load import promise_load_record, promises_load
from .results import LoadResult, LoadSummary, RecordError, RecordInput
from .schema import record_validate

__all__ = [
    "LoadResult",
    "LoadSummary",
    "RecordError",
    "RecordInput",
    "promise_load_record",
    "promises_load",
    "record_validate",
]
