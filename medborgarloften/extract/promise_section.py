"""The promise's own section in a wider published text.

A medborgarlöfte is often published as one part of something longer: a chapter of
a brottsförebyggande program or a samverkansöverenskommelse, a section of an
annual trygghetsrapport or a BRÅ verksamhetsplan. Only what the parties promise in
that part is a commitment; the kommun's own goals, the council's own activities and
other projects in the neighbouring sections are not, and the promise's own period
is the one its heading gives ("5 Medborgarlöfte 2024–2025" in a program for
2023–2026).

The section is found by its heading: a short line of its own that names the
promise in the singular ("Medborgarlöfte 2025", "5. Medborgarlöfte för Ekby"), not
an earlier one ("Tidigare medborgarlöften", "Uppföljning av förra löftet").

- A numbered heading ("5", "5.", "3.2") runs to the next heading numbered at the
  same depth or above. A table of contents repeats the heading with nothing under
  it, so of several the longest section is the promise's.
- An unnumbered heading runs to the next heading that announces other work than
  the promise ("Övriga satsningar", "Andra insatser under året") or a closing
  part of the document (budget, glossary, contacts, appendices), else to the end.

The caller uses the section only where the document has more around it: it keeps
the commitments inside it only when some are inside and some outside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "medborgarlöfte", "medborgarlöftet" (one promise), not "medborgarlöften(a)".
_NAMES_PROMISE = re.compile(r"\bmedborgarlöftet?(?![a-zåäö])", re.IGNORECASE)
# A heading over another promise or over something about the promise.
_NOT_THIS_PROMISE = re.compile(
    r"\b(?:tidigare|föregående|förra|fjolårets|gamla|uppföljning|redovisning|"
    r"utvärdering|resultat)\b|^(?:om|vad|hur|så|varför)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(?=\S)")
_LIST_MARK = re.compile(r"^(?:[-–—•*·▪]|[a-zA-Z]\)|\(\w\))\s")
# An unnumbered heading that closes the promise's section: other work than the
# promise, or the closing parts of a report or plan.
_OTHER_WORK = re.compile(
    # ("Andra halvåret" is a step of a schedule: "andra" is also "second")
    r"^(?:andra|övriga|fler|utöver)\s+(?:\w+\s+)?(?:aktivitet|insats|satsning|"
    r"åtgärd|projekt|arbete|uppdrag|verksamhet|löfte|medborgarlöfte)"
    r"|^(?:budget|ordlista|ordförklaringar|kontakt|kontakter|bilag[ao]r?|"
    r"referenser|källor|relaterade|dokument)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Section:
    """The promise's section: where its heading starts, where it ends, its heading."""

    start: int
    end: int
    heading: str
    numbered: bool = False


def _headings(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each line that reads as a heading: a short line of its
    own, not a list item, not ending as a sentence or a lead-in does."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        bare = line.strip(" \t\r\n#*")
        if (
            bare
            and len(bare.split()) <= 10
            and bare[-1:] not in ".,;:!?"
            and not _LIST_MARK.match(bare)
            and "(" not in bare
        ):
            out.append((pos, bare))
        pos += len(line)
    return out


def _names_this_promise(heading: str) -> bool:
    bare = _NUMBER.sub("", heading)
    return bool(_NAMES_PROMISE.search(bare)) and not _NOT_THIS_PROMISE.search(bare)


def _depth(number: str) -> int:
    return number.count(".") + 1


def _numbered(headings: list[tuple[int, str]], text_end: int) -> list[Section]:
    out: list[Section] = []
    for i, (pos, heading) in enumerate(headings):
        number = _NUMBER.match(heading)
        if number is None or not _names_this_promise(heading):
            continue
        depth = _depth(number.group(1))
        end = text_end
        for later, other in headings[i + 1 :]:
            m = _NUMBER.match(other)
            if m and _depth(m.group(1)) <= depth and m.group(1) != number.group(1):
                end = later
                break
        out.append(Section(pos, end, heading, numbered=True))
    return out


def _unnumbered(headings: list[tuple[int, str]], text_end: int) -> Section | None:
    for i, (pos, heading) in enumerate(headings):
        if _NUMBER.match(heading) or not _names_this_promise(heading):
            continue
        end = next(
            (later for later, other in headings[i + 1 :] if _OTHER_WORK.match(other)),
            text_end,
        )
        return Section(pos, end, heading)
    return None


def promise_section(text: str) -> Section | None:
    """The section of ``text`` that holds the promise, or None when no heading
    names it. A numbered heading is preferred to an unnumbered one (a title)."""
    headings = _headings(text)
    numbered = _numbered(headings, len(text))
    if numbered:
        return max(numbered, key=lambda s: s.end - s.start)
    return _unnumbered(headings, len(text))


def within(section: Section, span: list[int] | tuple[int, int] | None) -> bool:
    """Whether a span starts inside the section."""
    return span is not None and section.start <= span[0] < section.end
