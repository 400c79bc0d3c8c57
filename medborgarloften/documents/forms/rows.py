"""The rows of the review form: blank rows kept for adding without JavaScript, deleted
rows, and what the template shows per commitment and in the error summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from medborgarloften.extract.measurability import CommitmentCheck

from .fields import MAX_ROWS, CommitmentForm, split_lines

#: The hidden field holding the focus areas as the page showed them.
FOCUS_SHOWN = "focus_areas_shown"


def with_blank_rows(data: QueryDict) -> QueryDict:
    """Keep one empty row at the end of each list, so a row can be added
    without JavaScript: fill the empty row and check again for another."""
    data = data.copy()
    for prefix, fields in (
        ("commitments", ("text",)),
        ("signatories", ("name",)),
    ):
        key = f"{prefix}-TOTAL_FORMS"
        try:
            total = int(data.get(key, "0"))
        except ValueError:
            continue
        if 0 < total < MAX_ROWS and any(
            (data.get(f"{prefix}-{total - 1}-{f}") or "").strip() for f in fields
        ):
            data[key] = str(total + 1)
    return data


def focus_renames(shown: list[str], focus: list[str]) -> dict[str, str]:
    """Old name → new name of the focus areas the reviewer renamed: those no longer
    in the list, paired in order with the new ones, when as many went as came."""
    gone = [name for name in shown if name not in focus]
    came = [name for name in focus if name not in shown]
    return dict(zip(gone, came, strict=True)) if len(gone) == len(came) else {}


def carry_focus_renames(data: QueryDict) -> QueryDict:
    """Commitments under a renamed focus area follow it to its new name, and the
    page shown next remembers the focus areas as they are now."""
    data = data.copy()
    focus = split_lines(data.get("focus_areas", ""))
    renames = focus_renames(split_lines(data.get(FOCUS_SHOWN, "")), focus)
    for key in [k for k in data if k.startswith("commitments-")]:
        if key.endswith("-focus_area") and data.get(key) in renames:
            data[key] = renames[str(data.get(key))]
    data[FOCUS_SHOWN] = "\n".join(focus)
    return data


def row_deleted(form: Any) -> bool:
    return bool(
        form.is_bound
        and hasattr(form, "cleaned_data")
        and form.cleaned_data.get("DELETE")
    )


@dataclass(frozen=True)
class PartyPreview:
    """A party the draft will name; ``asked``: it joins only when it accepts."""

    name: str
    asked: bool


@dataclass(frozen=True)
class SummaryError:
    anchor: str
    message: str


@dataclass
class CommitmentRow:
    number: int
    form: CommitmentForm
    marks: list[str]
    check: CommitmentCheck | None

    @property
    def link(self) -> dict[str, str]:
        return {
            "first": self.marks[0] if self.marks else "",
            "all": " ".join(self.marks),
        }

    @property
    def is_deleted(self) -> bool:
        return row_deleted(self.form)
