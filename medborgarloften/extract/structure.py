"""Split plain document text into headings, bullets, paragraphs and sentences.

The commitment rules work on blocks, not raw lines: SCHEMA says a bullet is one
commitment including its wrapped lines, while prose is split into sentences. Every
block and sentence keeps its character span in the original text so extracted
values can point back at their source (provenance).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .detail_lists import item_blocks

BULLET_RE = re.compile(
    r"[ \t]*(?:[-•*–—·▪●◦‣○■□➢►→✓✔☐☑☒◾\uf0b7\uf0a7\uf076\uf0d8]|\d{1,2}[.)]|[a-z][)])"
    r"[ \t]+(?=\S)"
)
# "–    Kommunen gör …" under "Polisen    Kommunen" (cells set apart by a layout
# gap or a tab, the first not a list item): a table row whose first cell is empty,
# written as a dash (readers.cleanup keeps it), not a list item.
_GAP = r"(?:[ ]{3,}|[ ]*\t[ \t]*)"
_EMPTY_CELL_ROW = re.compile(rf"[ \t]*[-–—]{_GAP}\S")
_CELL_ROW = re.compile(
    rf"(?![ \t]*(?:[-–—*•][ \t]|\d{{1,2}}[.)][ \t]))[ \t]*\S.*?\S{_GAP}\S"
)
# "   2.1 Polisen åtar sig att": a numbered sub-section under a numbered item starts
# its own line (a heading or lead-in), never a continuation of the item above.
_SUBSECTION_RE = re.compile(
    r"[ \t]*\d{1,2}\.\d{1,2}(?:\.\d{1,2})*\.?[ \t]+(?=[A-ZÅÄÖ])"
)
# "   Mål: 10 insatser per år" / "   Ansvarig: Polisen" under a list item: a field
# of the item on a line of its own, never a wrapped line of its text.
_ITEM_FIELD_RE = re.compile(
    r"[ \t]*(?:mål|målvärde|ansvar|ansvarig|ansvariga|när|tid|tidsplan|klart|"
    r"status|kommentar|uppföljning|indikator|indikatorer|mätetal|samverkan|"
    r"samverkanspart|samverkansparter|partner|plats|budget|kostnad|resurser|"
    r"finansiering|kontakt|kontaktperson)[ \t]*:[ \t]+\S",
    re.IGNORECASE,
)


def _sub_item(line: str) -> re.Match[str] | None:
    """ "1.2 Polisen genomför …": a numbered sub-item that is a whole sentence is an
    item of a two-level list (the top level names the focus areas), unlike a
    sub-section title ("1.1 Narkotika bland unga") or lead-in ("2.1 Polisen åtar
    sig att:")."""
    m = _SUBSECTION_RE.match(line)
    if m is None:
        return None
    body = line[m.end() :].rstrip()
    return m if body[-1:] in ".!" and len(body.split()) >= 4 else None


# "A. Trafik och buskörning": a capital letter and a full stop marks an item only
# in a run of letters ("A." beside "B."), so an initial ("A. Berg") is no item.
_LETTER_RE = re.compile(r"[ \t]*([A-H])\.[ \t]+(?=[A-ZÅÄÖ])")


def lettered_item(
    text: str, lines: list[tuple[int, int]], i: int
) -> re.Match[str] | None:
    """The marker of line ``i`` when it is a lettered item ("B. …" after "A. …")."""
    m = _LETTER_RE.match(text[slice(*lines[i])])
    if m is None:
        return None
    letter = ord(m.group(1))
    for step, want in ((-1, letter - 1), (1, letter + 1)):
        j = i + step
        while 0 <= j < len(lines) and not text[slice(*lines[j])].strip():
            j += step
        if 0 <= j < len(lines):
            near = _LETTER_RE.match(text[slice(*lines[j])])
            if near and ord(near.group(1)) == want:
                return m
    return None


# "✅ Polisen gör …" / "✅ Vi håller …": a pictograph opening a line marks a list item
# (a social-media post's list) when a neighbouring line opens with the same one;
# a single one ("📞 Ring 114 14", "👮 POLISEN") is a line's decoration.
_PICTOGRAPH_ITEM_RE = re.compile(
    r"[ \t]*([\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff])"
    r"\ufe0f?[ \t]+(?=\S)"
)


def neighbour_item(
    text: str, lines: list[tuple[int, int]], i: int
) -> re.Match[str] | None:
    """The marker of line ``i`` when only its neighbours show it is a list item: a
    lettered item ("B. …" after "A. …") or a pictograph item ("✅ …" by "✅ …")."""
    lettered = lettered_item(text, lines, i)
    if lettered is not None:
        return lettered
    m = _PICTOGRAPH_ITEM_RE.match(text[slice(*lines[i])])
    if m is None:
        return None
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not text[slice(*lines[j])].strip():
            j += step
        if 0 <= j < len(lines):
            near = _PICTOGRAPH_ITEM_RE.match(text[slice(*lines[j])])
            if near and near.group(1) == m.group(1):
                return m
    return None


MARKDOWN_HEADING_RE = re.compile(r"[ \t]*(#{1,6})[ \t]+(?=\S)")
TERMINAL = ".;,"
WRAP_WIDTH = 70
_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

# Abbreviations after which a full stop does not end a sentence (general Swedish).
ABBREVIATIONS = (
    "t.ex.",
    "m.m.",
    "bl.a.",
    "s.k.",
    "ca.",
    "kl.",
    "nr.",
    "resp.",
    "inkl.",
    "fr.o.m.",
    "t.o.m.",
    "o.s.v.",
    "osv.",
    "dvs.",
    "d.v.s.",
    "p.g.a.",
    "pga.",
    "jfr.",
    "bl a.",
    "m fl.",
    "m.fl.",
    "etc.",
    "st.",
    "tel.",
    "f.d.",
    "o.d.",
    "e.d.",
    "exkl.",
    "ang.",
    "enl.",
    "förf.",
    "s.",
)
# Abbreviations that often close a sentence; a capital letter after them starts a new one.
SENTENCE_FINAL_ABBREVIATIONS = ("m.m.", "o.s.v.", "osv.", "etc.", "m.fl.", "m fl.")
_ABBREV_TAIL_RE = re.compile(
    r"(?:^|[\s(])("
    + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")$",
    re.IGNORECASE,
)
# A match of _ABBREV_TAIL_RE ends the piece and is at most one character and an
# abbreviation long, so it is looked for in that tail only (a search of the whole
# piece tried the case-insensitive alternation at every character).
_ABBREV_TAIL_LEN = 2 + max(len(a) for a in ABBREVIATIONS)  # and "$" before a last "\n"
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"”’)]*(?=\s+[\"“”'(]?[A-ZÅÄÖÉ0-9])")


@dataclass(frozen=True)
class Sentence:
    """One prose sentence, its text exactly as the slice ``[start, end)``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A heading, bullet, paragraph or blank line with its span in the original text.

    ``text`` is the slice ``[start, end)`` of the original text with the bullet or
    markdown marker left out; a bullet's wrapped continuation lines are included.
    """

    kind: str  # "heading" | "bullet" | "paragraph" | "blank"
    text: str
    start: int
    end: int
    marker: str = ""
    indent: int = 0
    sentences: tuple[Sentence, ...] = ()

    @property
    def ends_with_colon(self) -> bool:
        """A governing line such as "Polisen lovar att:" introduces the list below."""
        return self.text.rstrip().endswith(":")


@dataclass(frozen=True)
class Structure:
    """The blocks of one document in reading order."""

    text: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def content(self) -> list[Block]:
        """Blocks that are not blank."""
        return [b for b in self.blocks if b.kind != "blank"]


def split_sentences(text: str, offset: int = 0) -> tuple[Sentence, ...]:
    """Split prose into sentences, keeping Swedish abbreviations (t.ex., bl.a.) whole."""
    out: list[Sentence] = []
    start = 0
    n = len(text)
    while start < n and text[start].isspace():
        start += 1
    for m in _SENTENCE_END_RE.finditer(text):
        end = m.end()
        if end <= start:
            continue
        piece = text[start:end]
        tail = _ABBREV_TAIL_RE.search(piece, max(0, len(piece) - _ABBREV_TAIL_LEN))
        if tail:
            abbr = tail.group(1).casefold()
            if abbr not in SENTENCE_FINAL_ABBREVIATIONS:
                continue
        if len(piece) < 4 and re.search(r"(?:^|\s)\d{1,2}\.$", piece):
            continue
        out.append(_sentence(text, start, end, offset))
        start = end
        while start < n and text[start].isspace():
            start += 1
    if start < n:
        stripped_end = len(text.rstrip())
        if stripped_end > start:
            out.append(_sentence(text, start, stripped_end, offset))
    return tuple(out)


def _sentence(text: str, start: int, end: int, offset: int) -> Sentence:
    return Sentence(text=text[start:end], start=offset + start, end=offset + end)


def _is_heading_line(line: str) -> bool:
    stripped = unmarked(line.strip().strip("*_")).strip()
    if not stripped or len(stripped) > 90:
        return False
    if stripped[-1] in TERMINAL:
        return False
    if stripped[-1] in "!?" and len(stripped.split()) > 8:
        return False
    if len(stripped.split()) > 14:
        return False
    # "§ 3 Effektmål": an agreement's numbered section
    return stripped[0].isupper() or stripped[0].isdigit() or stripped[0] == "§"


def unmarked(line: str) -> str:
    """The line without the pictographs before its words ("👮 POLISEN", "🏛️ KOMMUNEN",
    "→ Polisen ska …"): symbols, arrows, an emoji's variation selector and joiner,
    and the spaces between them. A heading or an item is read without them."""
    start = 0
    while start < len(line) and (line[start].isspace() or _pictograph(line[start])):
        start += 1
    return line[start:]


def _pictograph(char: str) -> bool:
    category = unicodedata.category(char)
    # Symbols, a modifier (skin tone), the variation selector, the zero-width joiner;
    # of the mathematical symbols only the arrows ("→", "⇒"), never "+", "=" or "−".
    return category in _PICTOGRAPH or (
        category == "Sm" and _ARROW.match(char) is not None
    )


_PICTOGRAPH = frozenset(("So", "Sk", "Mn", "Cf"))
_ARROW = re.compile("[\u2190-\u21ff\u27f0-\u27ff\u2900-\u297f\u2b00-\u2bff]")
_COLUMN_GAP = re.compile(rf"\S(?:{_GAP}|[ ]\|[ ])\S")


def _wrapped(line: str) -> bool:
    """A long line that stops without punctuation continues on the next line (PDF);
    a table row (cells set apart by a wide gap, a tab or " | ") does not."""
    stripped = line.rstrip()
    last = stripped.rsplit("\n", 1)[-1]
    return (
        len(stripped) >= WRAP_WIDTH
        and stripped[-1] not in ".:;!?"
        and not _COLUMN_GAP.search(last)
    )


# A line that stops on a word no sentence or title ends with ("… i centrala",
# "… i Norrhult och") goes on on the next line, though that starts with a name.
_OPEN_END = re.compile(
    r"\s(?:och|eller|samt|i|på|till|med|för|om|av|under|vid|kring|från|mot|inom|"
    r"genom|efter|utan|hos|mellan|att|som|en|ett|centrala|norra|södra|"
    r"östra|västra)$"
)


def _goes_on_after_blank(
    last: str, lines: list[tuple[int, int]], j: int, text: str
) -> bool:
    """A list item whose last line stops without closing punctuation ("… i och
    runt Hageby centrum,", "… på den öppna") goes on after one blank line when the
    line there starts in lower case, or whatever it starts with when the item
    stopped on an open word ("… under"): a PDF or Word file may set the rest of a
    long item apart."""
    if j + 1 >= len(lines):
        return False
    cont = text[lines[j + 1][0] : lines[j + 1][1]]
    if not cont.strip() or BULLET_RE.match(cont) or MARKDOWN_HEADING_RE.match(cont):
        return False
    stripped = last.rstrip()
    if cont.lstrip()[0].islower():
        return stripped[-1:] not in ".:;!?"
    # "… under" / "Navestadsvägen.": but a heading there opens the next section
    return bool(_OPEN_END.search(stripped)) and not _is_heading_line(cont)


def _section_title(marker: re.Match[str], first: str, cont: str) -> bool:
    """A numbered line that is a short title over an indented body that starts a
    sentence ("3. Uppföljning" / "   Uppföljning sker …") is a section heading, not
    an item whose text wraps (a wrapped line runs to the margin)."""
    cont_indent = len(cont) - len(cont.lstrip(" \t"))
    return (
        marker.group(0).strip()[:1].isdigit()
        and cont_indent > len(marker.group(0)) - len(marker.group(0).lstrip())
        and cont.lstrip()[:1].isupper()
        and len(first) < WRAP_WIDTH // 2
        and len(first.split()) <= 4
        and _is_heading_line(first)
    )


_HYPHENATED_END = re.compile(r"[^\W\d]{2}-\s*$")


def _split_item(text: str, lines: list[tuple[int, int]], j: int, item: str) -> bool:
    """Line ``j`` is blank, the item above stops in a hyphenated word and the line
    after the blank goes on in lower case."""
    if j + 1 >= len(lines) or not _HYPHENATED_END.search(item):
        return False
    after = text[slice(*lines[j + 1])]
    return after.lstrip()[:1].islower() and not BULLET_RE.match(after)


def parse_structure(text: str) -> Structure:
    """Split ``text`` into blocks; never raises, whatever the input."""
    blocks: list[Block] = []
    lines: list[tuple[int, int]] = []  # (start, end) of each line without newline
    pos = 0
    for raw in text.splitlines(keepends=True):
        content_end = pos + len(raw.rstrip(_LINE_BREAKS))
        lines.append((pos, content_end))
        pos += len(raw)
    i = 0
    n = len(lines)
    while i < n:
        s, e = lines[i]
        line = text[s:e]
        if not line.strip():
            blocks.append(Block(kind="blank", text=line, start=s, end=e))
            i += 1
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        mh = MARKDOWN_HEADING_RE.match(line)
        if mh:
            body_start = s + mh.end()
            body_end = s + len(line.rstrip())
            blocks.append(
                Block(
                    kind="heading",
                    text=text[body_start:body_end],
                    start=body_start,
                    end=body_end,
                    marker=mh.group(1),
                    indent=indent,
                )
            )
            i += 1
            continue
        mb = BULLET_RE.match(line) or _sub_item(line) or neighbour_item(text, lines, i)
        if (
            mb
            and i
            and _EMPTY_CELL_ROW.match(line)
            and _CELL_ROW.match(text[slice(*lines[i - 1])])
        ):
            mb = None
        if mb:
            body_start = s + mb.end()
            end = s + len(line.rstrip())
            last_start = s
            j = i + 1
            while j < n:
                cs, ce = lines[j]
                cont = text[cs:ce]
                if not cont.strip() and _split_item(text, lines, j, text[s:end]):
                    # "… under fredags-" / "" / "kvällar, med …": a reader's
                    # paragraph break inside an item, which goes on in lower case.
                    end = lines[j + 1][0] + len(text[slice(*lines[j + 1])].rstrip())
                    last_start = lines[j + 1][0]
                    j += 2
                    continue
                if not cont.strip() and _goes_on_after_blank(
                    text[last_start:end], lines, j, text
                ):
                    j += 1  # the item's sentence goes on below a blank line
                    continue
                if (
                    not cont.strip()
                    or BULLET_RE.match(cont)
                    or neighbour_item(text, lines, j)
                    or _SUBSECTION_RE.match(cont)
                    or _ITEM_FIELD_RE.match(cont)
                ):
                    break
                cont_indent = len(cont) - len(cont.lstrip(" \t"))
                first = cont.lstrip()[0]
                if j == i + 1 and _section_title(mb, text[body_start:end], cont):
                    break
                next_is_bullet = j + 1 < n and bool(
                    BULLET_RE.match(text[lines[j + 1][0] : lines[j + 1][1]])
                )
                if (
                    cont_indent > 0
                    or first.islower()
                    or _OPEN_END.search(text[last_start:end])
                    or (
                        not _is_heading_line(cont)
                        and (_wrapped(text[last_start:end]) or next_is_bullet)
                    )
                ):
                    end = cs + len(cont.rstrip())
                    last_start = cs
                    j += 1
                    continue
                break
            blocks.append(
                Block(
                    kind="bullet",
                    text=text[body_start:end],
                    start=body_start,
                    end=end,
                    marker=mb.group(0).strip(),
                    indent=indent,
                )
            )
            i = j
            continue
        # Prose: join following lines that start in lower case (wrapped lines).
        body_start = s + indent
        end = s + len(line.rstrip())
        j = i + 1
        while j < n:
            cs, ce = lines[j]
            cont = text[cs:ce]
            if (
                not cont.strip()
                or BULLET_RE.match(cont)
                or neighbour_item(text, lines, j)
                or MARKDOWN_HEADING_RE.match(cont)
            ):
                break
            previous = text[body_start:end]
            if cont.lstrip()[0].islower() or _wrapped(previous):
                end = cs + len(cont.rstrip())
                j += 1
                continue
            break
        body = text[body_start:end]
        if j == i + 1 and _is_heading_line(body):
            lead = len(body) - len(unmarked(body))  # "👮 POLISEN": a pictograph
            blocks.append(
                Block(
                    kind="heading",
                    text=body[lead:],
                    start=body_start + lead,
                    end=end,
                    marker=body[:lead].strip(),
                    indent=indent,
                )
            )
        else:
            blocks.append(
                Block(
                    kind="paragraph",
                    text=body,
                    start=body_start,
                    end=end,
                    indent=indent,
                    sentences=split_sentences(body, body_start),
                )
            )
        i = j
    return Structure(text=text, blocks=tuple(item_blocks(text, blocks)))
