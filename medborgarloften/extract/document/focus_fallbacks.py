"""The last resort for focus areas, when no rule of SCHEMA's order (labels,
grouping headings, an umbrella) finds any:

a "Problembild" heading over a short list of problems ("• Stölder ur bilar i X",
"• Ungdomsgrupper vid Y"). A list of facts ("• 14 procent av eleverna …", full
sentences) is the lägesbild, not its areas. (A goal sentence, "Målet är att …", is
not used: the own batches' labels mostly leave it out.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .focus import FocusArea
from .text import Unit

_PROBLEM_HEADING = re.compile(
    r"(?:problembild(?:en)?|problem(?:en)?|problemen\s+vi\s+ser)\s*:?", re.IGNORECASE
)
# An item that names a problem: a phrase, not a sentence or a figure.
_MAX_WORDS = 14


def _phrase(text: str) -> bool:
    body = text.strip()
    return (
        bool(body)
        and body[0].isupper()
        and len(body.split()) <= _MAX_WORDS
        and not body.endswith((".", "!", "?", ":"))
        and not any(ch.isdigit() for ch in body)
    )


def problem_list(units: Sequence[Unit]) -> list[FocusArea]:
    """The items of the first problem heading's list, if all read as problems."""
    for i, unit in enumerate(units):
        if unit.kind != "heading" or not _PROBLEM_HEADING.fullmatch(
            unit.text.strip("*_# \t")
        ):
            continue
        items: list[Unit] = []
        for below in units[i + 1 :]:
            if below.kind != "bullet":
                break
            items.append(below)
        if len(items) < 2 or not all(_phrase(u.text) for u in items):
            return []
        return [
            FocusArea(
                u.text.strip(),
                (u.start, u.start + len(u.text.strip())),
                "focus.problem_list",
            )
            for u in items
        ]
    return []


def last_resort(units: Sequence[Unit]) -> list[FocusArea]:
    """Focus areas when no other rule finds any (a problem list, for now)."""
    return problem_list(units)
