"""Items of a promise list read as focus areas, and the items that are commitments
under a focus area's heading (moved out of ``scan`` to keep it short)."""

from __future__ import annotations

import re

from ..structure import Block
from .patterns import _Candidate, _Context, bullet_candidate
from .present_forms import present_form
from .sentences import _present_action

# "Fokusområde 1: Narkotika", "Prioriterat område B – Trafik": one area's own
# section (numbered or lettered), not the list of the areas.
_AREA_SECTION = re.compile(
    r"\s*(?:(?:prioriterat\s+)?(?:fokus|insats|problem)?område)\s+(?:\d{1,2}|[A-H])\b"
    r"\s*[:.–—-]",
    re.IGNORECASE,
)


def area_section(heading: str) -> bool:
    """A numbered or lettered focus area's own heading: the actions under it are
    that area's commitments (the section lies inside the promise)."""
    return _AREA_SECTION.match(heading) is not None


def _acts_under_focus(text: str, ctx: _Context) -> bool:
    """Under a focus area's heading inside the promise ("Fokusområde 1: Trafik"
    below the promise's title), an item in which a party acts in the present tense
    ("Polisen genomför …", "Kommunen är på plats …") is a commitment of that area."""
    return ctx.in_promise and (_present_action(text) or present_form(text))


def _focus_bullet(
    text: str, block: Block, idx: int, rule: str, ctx: _Context
) -> _Candidate:
    """A bullet read as a focus area (not a commitment) by ``rule``."""
    return bullet_candidate(block, idx, rule, ctx.party, ctx, focus=True)
