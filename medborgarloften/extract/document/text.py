"""A light reading of the text for the document-level rules: lines, headings,
bullets and sentences, each with its span and the heading of its section.

Kept here (instead of reusing the commitment rules' structure) so the
document-level fields never depend on how commitments are segmented; it is small
and only needs to be good enough to find sections, list intros and sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..structure import neighbour_item

BULLET = re.compile(
    r"[ \t]*(?:[-•*–·▪●◦‣○■□➢►\uf0b7\uf0a7\uf076\uf0d8]|\d{1,2}[.)]|[a-z]\)|\d{1,2}(?:\.\d{1,2})+\.?(?=[ \t]+[A-ZÅÄÖ]))"
    r"[ \t]+(?=\S)"
)
MD_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]+(?=\S)")
# The first mark first, its look-behinds after it ("(?<!\b[a-zåäö])[.!?]" is
# "[.!?](?<!\b[a-zåäö][.!?])"): ``re`` then skips to the marks in C instead of
# trying three look-behinds at every character (a test compares the plain form).
_SENTENCE_END = re.compile(
    r"[.!?](?<!\b[a-zåäö][.!?])(?<!\bbl\.a[.!?])(?<!\bm\.m[.!?])[.!?]*[\"”’)]*"
    r"(?=\s+[\"“(]?[A-ZÅÄÖÉ0-9])"
)


@dataclass(frozen=True)
class Unit:
    """A heading, a bullet or a prose sentence; ``text`` is ``source[start:end]``."""

    kind: str  # "heading" | "bullet" | "sentence"
    text: str
    start: int
    end: int
    heading: str | None  # the heading of the section the unit is in
    paragraph: int  # index of the paragraph or bullet the unit belongs to
    single_line: bool = False  # a prose paragraph of one line (a possible heading)


HEADING_MAX_WORDS = 18


def is_heading_text(line: str, *, max_words: int = HEADING_MAX_WORDS) -> bool:
    """A short line without closing punctuation that starts with a capital letter."""
    s = line.strip().strip("*_").strip()
    # a quoted promise's last sentence ends in '."' or '.”': the stop still counts
    if not s or s.rstrip('"”’»)')[-1:] in ".!?;:," or len(s.split()) > max_words:
        return False
    return s[0].isupper() or s[0].isdigit()


def _split_sentences(text: str, offset: int) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        piece = text[start:end].strip()
        if piece:
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            out.append(
                (piece, offset + start + lead, offset + start + lead + len(piece))
            )
        start = end
    rest = text[start:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        piece = rest.strip()
        out.append((piece, offset + start + lead, offset + start + lead + len(piece)))
    return out


_VERB = re.compile(r"\b(?:lovar|ska|skall|kommer\s+att)\b", re.IGNORECASE)


def _numbered_heading(
    line: str,
    bullet: re.Match[str],
    text: str,
    lines: list[tuple[int, int]],
    j: int,
    i: int = 0,
) -> bool:
    """A numbered heading-like line followed by a prose line (not another item), and
    not the last item of a numbered list ("1. A" / "2. B" then a paragraph)."""
    if not bullet.group(0).strip()[:1].isdigit():
        return False
    single = re.fullmatch(r"\d{1,2}[.)]", bullet.group(0).strip())
    h = i - 1
    while h > 0 and not text[lines[h][0] : lines[h][1]].strip():
        h -= 1
    above = BULLET.match(text[lines[h][0] : lines[h][1]]) if 0 <= h < i else None
    # "• C" then "3. Åtaganden": a numbered line after another kind of item opens
    # the next numbered section (a Word file has no blank line between them)
    after_items = bool(single and above and not above.group(0).strip()[:1].isdigit())
    if h == i - 1 and above and not after_items:
        return False
    body = line[bullet.end() :].strip()
    if not is_heading_text(body, max_words=10) or _VERB.search(body):
        return False
    if after_items and h < i - 1:
        return True
    k = j
    while k < len(lines) and not text[lines[k][0] : lines[k][1]].strip():
        k += 1
    if k >= len(lines):
        return False
    nxt = text[lines[k][0] : lines[k][1]]
    if single and re.match(r"[ \t]*\d{1,2}\.\d", nxt):
        return True  # "1. Prioriterade områden" over its "1.1 …" sub-points
    below = BULLET.match(nxt)
    if single and below and not below.group(0).strip()[:1].isdigit():
        return True  # "2. Fokusområden" over its "•" items: a numbered section
    if after_items:
        return not below
    return not below and not nxt.rstrip().endswith(":")


def _asks(line: str) -> bool:
    """ "Varför ett medborgarlöfte?": a short question alone on its line heads
    the section that answers it."""
    s = line.strip().strip("*_").strip()
    return s.endswith("?") and len(s.split()) <= 6 and s[:1].isupper()


def read_units(text: str) -> list[Unit]:
    """Split ``text`` into units in reading order; never raises."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        lines.append((pos, pos + len(raw.rstrip("\r\n"))))
        pos += len(raw)
    units: list[Unit] = []
    heading: str | None = None
    para = 0
    i = 0
    while i < len(lines):
        s, e = lines[i]
        line = text[s:e]
        if not line.strip():
            i += 1
            continue
        md = MD_HEADING.match(line)
        bullet = BULLET.match(line) or neighbour_item(text, lines, i)
        if md:
            body = line[md.end() :].strip()
            start = s + line.index(body)
            heading = body.strip("*_ ")
            units.append(Unit("heading", body, start, start + len(body), heading, para))
            para += 1
            i += 1
            continue
        j = i + 1
        end = e
        # Words so far: past HEADING_MAX_WORDS + 2 (strip("*_") removes at most the
        # first and the last), the paragraph cannot be a heading, so it is not
        # copied and tested again on every line (quadratic in a long paragraph).
        words = len(line.split())
        while j < len(lines):
            cs, ce = lines[j]
            cont = text[cs:ce]
            if (
                not cont.strip()
                or BULLET.match(cont)
                or neighbour_item(text, lines, j)
                or MD_HEADING.match(cont)
            ):
                break
            indented = cont[:1] in " \t"
            if (bullet and (indented or cont.lstrip()[0].islower())) or (
                not bullet and cont.lstrip()[0].islower()
            ):
                end = ce
                words += len(cont.split())
                j += 1
                continue
            if (
                not bullet
                and (words > HEADING_MAX_WORDS + 2 or not is_heading_text(text[s:end]))
                and not is_heading_text(cont)
            ):
                end = ce
                words += len(cont.split())
                j += 1
                continue
            break
        if bullet and _numbered_heading(line, bullet, text, lines, j, i):
            # "1. Narkotika bland unga" over prose: a numbered heading.
            start = s + bullet.end()
            body = text[start:end].rstrip()
            heading = body.strip("*_ ")
            units.append(Unit("heading", body, start, start + len(body), heading, para))
        elif bullet:
            start = s + bullet.end()
            body = text[start:end].rstrip()
            units.append(Unit("bullet", body, start, start + len(body), heading, para))
        else:
            lead = len(line) - len(line.lstrip())
            start = s + lead
            body = text[start:end].rstrip()
            single = j == i + 1
            if single and (is_heading_text(body, max_words=14) or _asks(body)):
                heading = body.strip("*_ ")
                units.append(
                    Unit("heading", body, start, start + len(body), heading, para)
                )
            else:
                for piece, ps, pe in _split_sentences(body, start):
                    units.append(Unit("sentence", piece, ps, pe, heading, para, single))
        para += 1
        i = j
    return units
