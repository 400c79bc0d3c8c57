"""The promise editor page's pieces: its sections, the labels to add a row, the
rows' posted count and order, and the error summary's entries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy

from .promise import MAX_ROWS


@dataclass(frozen=True)
class SummaryError:
    anchor: str
    message: str


@dataclass
class Section:
    """One formset as the template shows it."""

    key: str
    formset: Any
    title: str
    noun: str
    add_label: str
    rows: list[tuple[int, Any]]
    #: (moved to place %(n)s, already first, already last): ``MOVE_TEXTS``.
    move_texts: tuple[str, str, str] = ("", "", "")
    #: (at least, by): ``TARGET_TEXTS``.
    target_texts: tuple[str, str] = ("", "")


SECTIONS = {
    "focus": ("focus_areas", gettext_lazy("Fokusområden"), gettext_lazy("Fokusområde")),
    "commitments": (
        "commitments",
        gettext_lazy("Åtaganden"),
        gettext_lazy("Åtagande"),
    ),
    "signatories": (
        "signatories",
        gettext_lazy("Undertecknare"),
        gettext_lazy("Undertecknare"),
    ),
}
ADD_LABELS = {
    "focus": gettext_lazy("Lägg till fokusområde"),
    "commitments": gettext_lazy("Lägg till åtagande"),
    "signatories": gettext_lazy("Lägg till undertecknare"),
}
#: The words around a target's unit and date, as ``Commitment.target_display`` says
#: them, for the editor's preview script (the same msgids, from Python: a template's
#: translate tag would give them other ones, with "%%").
TARGET_TEXTS = (
    gettext_lazy("minst %(quantity)s %(unit)s"),
    gettext_lazy("senast %(due)s"),
)
#: What the editor's script announces when a row is moved: whole sentences, since
#: the noun's definite form and the participle's gender differ per section.
MOVE_TEXTS = {
    "focus": (
        gettext_lazy("Fokusområdet flyttat till plats %(n)s."),
        gettext_lazy("Fokusområdet är redan först."),
        gettext_lazy("Fokusområdet är redan sist."),
    ),
    "commitments": (
        gettext_lazy("Åtagandet flyttat till plats %(n)s."),
        gettext_lazy("Åtagandet är redan först."),
        gettext_lazy("Åtagandet är redan sist."),
    ),
    "signatories": (
        gettext_lazy("Undertecknaren flyttad till plats %(n)s."),
        gettext_lazy("Undertecknaren är redan först."),
        gettext_lazy("Undertecknaren är redan sist."),
    ),
}


def _total(data: QueryDict, prefix: str) -> int:
    try:
        return max(0, min(int(data.get(f"{prefix}-TOTAL_FORMS", "0")), MAX_ROWS))
    except ValueError:
        return 0


def _order_key(form: Any, index: int) -> tuple[int, int]:
    value = form["ORDER"].value() if "ORDER" in form.fields else None
    if value is None:
        return (10**6, index)
    try:
        return (int(value), index)
    except (TypeError, ValueError):
        return (10**6, index)


def _form_errors(form: Any, prefix: str) -> list[SummaryError]:
    if not form.is_bound or form.quiet or not form.errors:
        return []
    result = []
    for message in form.non_field_errors():
        anchor = f"{form.prefix}-row" if form.prefix else "promise-fields"
        result.append(SummaryError(anchor, prefix + message))
    for bound in form:
        for message in bound.errors:
            result.append(SummaryError(bound.anchor, prefix + str(message)))
    return result
