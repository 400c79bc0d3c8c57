"""The rows of the review form: blank rows kept for adding without JavaScript, deleted
rows, and what the template shows per commitment and in the error summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from medborgarloften.extract.measurability import CommitmentCheck

from .fields import MAX_ROWS, CommitmentForm


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


def row_deleted(form: Any) -> bool:
    return bool(
        form.is_bound
        and hasattr(form, "cleaned_data")
        and form.cleaned_data.get("DELETE")
    )


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
