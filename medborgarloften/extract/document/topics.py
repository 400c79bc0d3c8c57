"""Themes and evidence sources, from the lexicons in ``lexicons/*.toml``.

Themes are what a commitment or focus area clearly concerns (SCHEMA "themes");
evidence sources are only what the text gives as the *basis* of the lägesbild or
promise: a sentence with a basis cue ("baseras på", "underlag", "visar", "tagits
fram") or any sentence in a lägesbild/bakgrund section. A bare "utifrån
lägesbilden" names no source and gives nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from medborgarloften.vocabulary import EVIDENCE_SOURCES, THEMES

from ..parties import is_org_name
from ..prefilter import Prefiltered, fold
from ._lex import load_toml, nfc, word_start_regex
from .text import Unit


@dataclass(frozen=True)
class Hit:
    """One vocabulary code with the span and matched text that gave it."""

    code: str
    span: tuple[int, int]
    matched: str
    rule: str


def _always_prefiltered(rx: re.Pattern[str] | Prefiltered) -> Prefiltered:
    return rx if isinstance(rx, Prefiltered) else Prefiltered(rx)


def _compile_themes() -> list[tuple[str, Prefiltered, re.Pattern[str] | None]]:
    data = load_toml("themes.toml")
    unknown = set(data) - THEMES.keys()
    if unknown:  # a typo in the data file must fail loudly, not silently drop a theme
        raise ValueError(f"themes.toml has unknown themes: {sorted(unknown)}")
    out = []
    for code in THEMES:
        entry = data.get(code)
        if not entry:
            continue
        exclude = entry.get("exclude")
        out.append(
            (
                code,
                _always_prefiltered(word_start_regex(entry["patterns"])),
                re.compile("|".join(exclude), re.IGNORECASE) if exclude else None,
            )
        )
    return out


_THEMES = _compile_themes()


def _compile_place_only() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """Per theme, words that do not count where they only say where something
    happens (``place_words`` right after a ``place_before`` preposition)."""
    out = {}
    for code, entry in load_toml("themes.toml").items():
        if "place_words" in entry and "place_before" in entry:
            out[code] = (
                re.compile(entry["place_words"], re.IGNORECASE),
                re.compile(entry["place_before"], re.IGNORECASE),
            )
    return out


_PLACE_ONLY = _compile_place_only()
_WORD = re.compile(r"[\w-]+")


def _word_at(text: str, start: int, end: int) -> str:
    """The whole word (letters, digits, hyphens) around a match."""
    left = start
    while left > 0 and (text[left - 1].isalnum() or text[left - 1] in "-_"):
        left -= 1
    m = _WORD.match(text, left)
    word = m.group(0) if m else text[start:end]
    return word if len(word) >= end - left else text[left:end]


def themes_in(text: str, offset: int = 0) -> list[Hit]:
    """Every theme a piece of text mentions, each once, in vocabulary order."""
    text = nfc(text)
    folded = fold(text)
    hits: list[Hit] = []
    for code, rx, exclude in _THEMES:
        for m in rx.finditer(text, folded=folded):
            word = _word_at(text, m.start(), m.end())
            if exclude and exclude.search(word.casefold()):
                continue
            if word[:1].isupper() and (
                is_org_name(word) or (word[-1:] == "s" and is_org_name(word[:-1]))
            ):
                # "tillsammans med Ekbytrafiken", "Ekbytrafikens ordningsvakter": a
                # party's name (or its genitive), no theme
                continue
            place = _PLACE_ONLY.get(code)
            if place and place[0].fullmatch(word):
                left = m.start()
                while left > 0 and (text[left - 1].isalnum() or text[left - 1] == "-"):
                    left -= 1  # the word's start ("Ekbyskolan" from "skol")
                before = text[max(0, left - 80) : left]
                if place[1].search(before):
                    continue  # "trafikkontroller vid skolorna": only where
            hits.append(
                Hit(
                    code,
                    (offset + m.start(), offset + m.end()),
                    m.group(0),
                    "theme.lexicon",
                )
            )
            break
    return hits


def find_themes(pieces: Iterable[tuple[str, int]]) -> list[Hit]:
    """Themes of the given (text, offset) pieces — commitments and focus areas.

    The pieces are searched as one text (one pass per theme) and each span is
    mapped back to the document offset of its piece.
    """
    parts, starts, doc_offsets, pos = [], [], [], 0
    for text, offset in pieces:
        parts.append(text)
        starts.append(pos)
        doc_offsets.append(offset)
        pos += len(text) + 2
    joined = "\n\n".join(parts)
    out = []
    for hit in themes_in(joined):
        k = bisect.bisect_right(starts, hit.span[0]) - 1
        shift = doc_offsets[k] - starts[k]
        out.append(
            Hit(
                hit.code,
                (hit.span[0] + shift, hit.span[1] + shift),
                hit.matched,
                hit.rule,
            )
        )
    return out


_EVIDENCE = load_toml("evidence.toml")
_SOURCES = [
    (code, word_start_regex(_EVIDENCE["sources"][code]["patterns"]))
    for code in EVIDENCE_SOURCES
    if code in _EVIDENCE["sources"]
]
_BASIS = word_start_regex(_EVIDENCE["basis"]["patterns"])
_BASIS_SECTION = word_start_regex(_EVIDENCE["basis_sections"]["patterns"])
_FOLLOW_UP_SECTION = re.compile(r"uppfölj|utvärder|följ med", re.IGNORECASE)


def find_evidence(units: list[Unit]) -> list[Hit]:
    """Evidence sources named as the basis of the lägesbild, in vocabulary order."""
    seen: dict[str, Hit] = {}
    # Every unit under one heading asks the same of it: asked once per heading.
    sections: dict[str, bool | None] = {}  # None: a follow-up section
    for unit in units:
        heading = unit.heading or ""
        if heading not in sections:
            sections[heading] = (
                None
                if _FOLLOW_UP_SECTION.search(heading)
                else bool(_BASIS_SECTION.search(heading))
            )
        in_basis_section = sections[heading]
        if in_basis_section is None:
            continue
        if not (in_basis_section or _BASIS.search(unit.text)):
            continue
        for code, rx in _SOURCES:
            m = rx.search(unit.text)
            if m and code not in seen:
                rule = (
                    "evidence.section"
                    if in_basis_section
                    else "evidence.basis_sentence"
                )
                span = (unit.start + m.start(), unit.start + m.end())
                seen[code] = Hit(code, span, m.group(0), rule)
    return [seen[c] for c in EVIDENCE_SOURCES if c in seen]
