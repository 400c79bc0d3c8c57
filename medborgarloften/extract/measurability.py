"""Is a commitment followable? Reasons in Swedish and English, with spans.

Brå advises that the activities in a medborgarlöfte be concrete and measurable
(SMART): who does what, how much or how often, and by when, with verbs of
movement ("öka", "minska", "genomföra") rather than intentions ("verka för",
"sträva efter"). The extractor and the authoring UI share this check so an editor
sees the same verdict the importer gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .lexicons import load, spaced
from .target_patterns import NOT_MEASURABLE_RE


@dataclass(frozen=True)
class Problem:
    """One reason a commitment is hard to follow up."""

    code: str
    message_sv: str
    message_en: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class CommitmentCheck:
    """Verdict for one commitment: measurable or not, why, and how to improve it."""

    measurable: bool
    problems: list[Problem] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


_VAGUE = [
    (re.compile(spaced(entry["pattern"]), re.IGNORECASE), entry["advice"])
    for entry in load("vague")["vague"]
]
# Phrases that contain a vague-looking word but are not vague ("inte minst").
_FALSE_FRIENDS = re.compile(
    spaced(r"\binte minst\b|\bminst lika\b|\bsåväl\b"), re.IGNORECASE
)


def check_commitment(
    text: str, *, responsible: list[str], target: dict[str, Any] | None
) -> CommitmentCheck:
    """Check one commitment's text against Brå's advice; never raises."""
    problems: list[Problem] = []
    suggestions: list[str] = []
    quantity = (target or {}).get("quantity")
    per = (target or {}).get("per")
    deadline = (target or {}).get("deadline")
    if target is None:
        loose = NOT_MEASURABLE_RE.search(text or "")
        problems.append(
            Problem(
                "no_quantity",
                "Löftet anger inget antal.",
                "The commitment states no number.",
                (loose.start(), loose.end()) if loose else None,
            )
        )
        suggestions.append(
            'Ange hur många gånger eller hur mycket, t.ex. "minst fyra trygghetsvandringar".'
        )
    else:
        if quantity is None and per is None and deadline is None:
            problems.append(
                Problem(
                    "no_quantity", "Löftet anger inget antal.", "No number is stated."
                )
            )
    if target is None or (per is None and deadline is None and quantity is None):
        # A count for the whole period is time-bound by the period itself.
        problems.append(
            Problem(
                "no_frequency",
                "Löftet anger inte hur ofta (per år, per månad, varje vecka).",
                "The commitment does not say how often.",
            )
        )
        problems.append(
            Problem(
                "no_deadline",
                "Löftet anger inget datum eller någon månad då det ska vara gjort.",
                "The commitment gives no date or month.",
            )
        )
    if not responsible:
        problems.append(
            Problem(
                "no_responsible",
                "Det framgår inte vem som ansvarar (polisen, kommunen eller annan).",
                "No responsible party is named.",
            )
        )
        suggestions.append('Skriv vem som gör det: "Polisen ska …", "Kommunen ska …".')
    masked = _FALSE_FRIENDS.sub(lambda m: " " * len(m.group(0)), text or "")
    for regex, advice in _VAGUE:
        m = regex.search(masked)
        if m:
            problems.append(
                Problem(
                    "vague_verb",
                    f'Vagt uttryck: "{(text or "")[m.start() : m.end()]}".',
                    f'Vague wording: "{(text or "")[m.start() : m.end()]}".',
                    (m.start(), m.end()),
                )
            )
            suggestions.append(advice)
    return CommitmentCheck(
        measurable=target is not None, problems=problems, suggestions=suggestions
    )
