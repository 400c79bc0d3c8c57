"""Writes to promises: the only place that changes them; every change leaves a Revision.

Split by concern: ``core`` (revisions, status), ``authoring`` (create and edit from the
staff UI), ``loading`` (medborgarlöfte JSON in), ``parties`` (who the promise speaks
for, and the kommuner and police units asked to accept). Import from this package.
"""

from . import authoring, loading, parties
from .authoring import *  # noqa: F403
from .core import promise_set_status, revision_record
from .loading import *  # noqa: F403
from .parties import *  # noqa: F403

__all__ = [
    "promise_set_status",
    "revision_record",
    *authoring.__all__,
    *loading.__all__,
    *parties.__all__,
]
