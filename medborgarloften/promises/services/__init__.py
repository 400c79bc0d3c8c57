"""Writes to promises: the only place that changes them; every change leaves a Revision.

Split by concern: ``writer`` (the one writer: saves a ``PromiseDraft``), ``core``
(revisions, status), ``authoring`` (the staff editor's rows into a draft), ``loading``
(medborgarlöfte JSON into a draft), ``parties`` (who the promise speaks
for, and the kommuner and police units asked to accept). Import from this package.
"""

from . import authoring, loading, parties, successor, writer
from .authoring import *  # noqa: F403
from .core import (
    promise_delete,
    promise_reference_to_draft,
    promise_set_status,
    revision_record,
)
from .loading import *  # noqa: F403
from .parties import *  # noqa: F403
from .successor import *  # noqa: F403
from .writer import *  # noqa: F403

__all__ = [
    "promise_delete",
    "promise_reference_to_draft",
    "promise_set_status",
    "revision_record",
    *authoring.__all__,
    *loading.__all__,
    *parties.__all__,
    *successor.__all__,
    *writer.__all__,
]
