"""Forms of the staff UI. ``PromiseEditor`` is the one-page promise form (see editor)."""

from .editor import PromiseEditor, Section, SummaryError
from .fields import AccessibleBoundField, AccessibleForm, RowOptions
from .promise import (
    CommitmentForm,
    FocusAreaForm,
    PromiseForm,
    SignatoryForm,
    promise_initial,
)

__all__ = [
    "AccessibleBoundField",
    "AccessibleForm",
    "CommitmentForm",
    "FocusAreaForm",
    "PromiseEditor",
    "PromiseForm",
    "RowOptions",
    "Section",
    "SignatoryForm",
    "SummaryError",
    "promise_initial",
]
