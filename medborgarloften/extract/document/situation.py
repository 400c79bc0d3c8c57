"""The lägesbild: the document's own description of the situation behind the promise.

A medborgarlöfte describes the situation it answers under a heading such as
"Lägesbild", "Situationen idag", "Nuläge", "Bakgrund" or "Problembild"; the text of
that section (its sub-sections about a survey or statistics included) becomes the
promise's lägesbild. A section ends at the next heading or where the promise starts
("Utifrån lägesbilden lovar polisen och kommunen att:"). Without such a section, the
sentences that say what the lägesbild shows ("Trygghetsmätningen visar att …") are
taken. Commitments are never part of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..prefilter import prefiltered
from .text import Unit

_I = re.IGNORECASE
SITUATION_HEADING = re.compile(
    r"^(?:(?:vår|våra|den|det|en|gemensam\w*|lokal\w*|aktuell\w*|kort)\s+)*"
    r"(?:lägesbild\w*|nuläge\w*|situation\w*|bakgrund\w*|problembild\w*|"
    r"problem\s+och\s+orsak\w*|så\s+ser\s+det\s+ut|utgångspunkt\w*|"
    r"varför\s+(?:\w+\s+){0,3}?(?:medborgar)?löfte)",
    _I,
)
# Sub-headings about the sources of the lägesbild stay inside its section.
SOURCE_HEADING = prefiltered(
    re.compile(
        r"mätning|undersökning|enkät|statistik|dialog|anmäld|brottsutveckling|"
        r"underlag|trygghetsvandring",
        _I,
    )
)
# Where the promise starts inside a lägesbild section.
PROMISE_START = re.compile(
    r"(?:\b(?:lovar|åtar\s+sig|förbinder\s+sig)\b|^\s*(?:det\s+här|detta)\s+"
    r"(?:ska|gör|lovar)\s+vi\b|\bgenom\s+att\s*$|\bgenom\s+följande\b)"
    r"[^.!?]*:?\s*$",
    _I,
)
# A sentence that says what the lägesbild or its sources show.
STATES_SITUATION = prefiltered(
    re.compile(
        r"\b(?:lägesbild\w*|trygghetsmätning\w*|trygghetsundersökning\w*|"
        r"medborgardialog\w*|statistik\w*|enkät\w*|dialog\w*|anmälda\s+brott)\b"
        r"[^.!?]{0,120}?\b(?:visa[rt]?|visade|framkom\w*|framgår|pekar\s+på|"
        r"beskriver|tyder\s+på)\b",
        _I,
    )
)
MAX_CHARS = 6000


@dataclass(frozen=True)
class Situation:
    """The lägesbild text (paragraphs joined by blank lines), its spans and rule."""

    text: str
    spans: tuple[tuple[int, int], ...]
    rule: str


def _clean_heading(text: str) -> str:
    return text.strip().strip("#*_ ").strip()


def _inside(unit: Unit, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < unit.end and unit.start < e for s, e in spans)


def _join(units: list[Unit]) -> str:
    paragraphs: list[str] = []
    last = None
    last_kind = ""
    for unit in units:
        body = " ".join(unit.text.split())
        if unit.kind == "bullet":
            body = "– " + body
        if paragraphs and unit.paragraph == last and unit.kind != "bullet":
            paragraphs[-1] += " " + body
        elif paragraphs and unit.kind == "bullet" and last_kind == "bullet":
            paragraphs[-1] += "\n" + body  # one list, one paragraph
        else:
            paragraphs.append(body)
        last, last_kind = unit.paragraph, unit.kind
    text = "\n\n".join(paragraphs)
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n\n", 0, MAX_CHARS)
        text = text[: cut if cut > 0 else MAX_CHARS]
    return text


def find_situation(
    units: Sequence[Unit], *, commitment_spans: Sequence[tuple[int, int]] = ()
) -> Situation | None:
    """The lägesbild of the document, or None when it has none."""
    taken: list[Unit] = []
    inside = False
    for unit in units:
        if unit.kind == "heading":
            heading = _clean_heading(unit.text)
            if SITUATION_HEADING.match(heading):
                inside = True
            elif not (inside and SOURCE_HEADING.search(heading)):
                inside = False
            continue
        if not inside:
            continue
        if _inside(unit, commitment_spans):
            continue
        if unit.text.rstrip().endswith(":") and PROMISE_START.search(unit.text):
            inside = False  # the promise takes over from here
            continue
        taken.append(unit)
    if taken:
        return Situation(
            _join(taken), tuple((u.start, u.end) for u in taken), "situation.section"
        )
    stated = [
        u
        for u in units
        if u.kind == "sentence"
        and STATES_SITUATION.search(u.text)
        and not _inside(u, commitment_spans)
        and not u.text.rstrip().endswith(":")
    ]
    if stated:
        return Situation(
            _join(stated),
            tuple((u.start, u.end) for u in stated),
            "situation.sentences",
        )
    return None
