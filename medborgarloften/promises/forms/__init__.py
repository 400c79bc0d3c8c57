"""Forms of the staff UI. ``PromiseEditor`` is the one-page promise form (see editor)."""

from .editor import PromiseEditor
from .fields import AccessibleBoundField, AccessibleForm, RowOptions
from .page import Section, SummaryError
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
