"""Medborgarlöften: agreements, promises, focus areas, commitments, signatories, history.

One module per topic; import from this package."""

from .commitments import (
    Commitment,
    CommitmentQuerySet,
    FocusArea,
)
from .parties import (
    ACCEPTING_KINDS,
    PartyRequest,
    PartyRequestStatus,
    Signatory,
)
from .promise import (
    PUBLIC_STATUSES,
    STATUS_TRANSITIONS,
    Agreement,
    Promise,
    PromiseQuerySet,
    PromiseStatus,
    public_q,
)
from .revisions import (
    Revision,
)
from .versions import CommitmentVersion

__all__ = [
    "ACCEPTING_KINDS",
    "Agreement",
    "Commitment",
    "CommitmentQuerySet",
    "CommitmentVersion",
    "FocusArea",
    "PUBLIC_STATUSES",
    "PartyRequest",
    "PartyRequestStatus",
    "Promise",
    "PromiseQuerySet",
    "PromiseStatus",
    "Revision",
    "STATUS_TRANSITIONS",
    "Signatory",
    "public_q",
]
