"""Plain text as a PDF viewer or OCR gives it: page furniture out, wrapped lines in.

Text copied out of a PDF (or read from a scan) keeps the page's look: every paragraph
and list item is cut into lines of 60–90 characters, words are hyphenated at line
ends, and the running header, the footer and the page number of each page sit in the
middle of the text, often inside a sentence or a list item. The rules read a
paragraph or list item as one line (what the PDF reader gives), so this module
rebuilds that shape, by the shape of the lines alone:

- **furniture**: a page number alone on its line ("3", "- 3 -", "Sida 2 av 4",
  "1 (3)"), a footer that ends or starts with one behind a separator ("Medborgarlöfte
  2025 | Sida 1 av 4", "Dnr KS 2021/0655      1(2)", a repeated "Ekby kommun – Polisen
  2"), and a running header (a line repeated in the document, right after a page's
  end) are dropped; the halves of a paragraph or item cut by them meet again;
- **contents**: the lines of a table of contents ("Uppföljning ........ 4") and its
  title;
- **OCR noise**: a stray "|" alone on its line;
- **lists**: "o" opening two or more lines at one indentation is a list marker (the
  second-level bullet of a Word list); a short bullet over sub-items with another
  marker is the heading of its group; items set flush with their wrapped lines
  indented (a hanging indent without markers) are list items;
- **wrapped lines** of a hard-wrapped text (lines going on in lower case here and
  there, none much longer than the others) are joined: a line going on in lower
  case, after a hyphen, after a word that cannot end a sentence ("i", "och", "med")
  or after a full line. Hyphenation is undone as ``cleanup.join_broken_line`` does,
  so "fredags-" + "och lördagskvällar" keeps its hyphen. A text typed one paragraph
  a line keeps its lines: the rules read its wrapped lines as they are.
- what only the dropped furniture named (the lokalpolisområde in a footer) goes to
  one line at the top, so it is still read once.

A line set apart in columns (a run of three spaces, a tab), a table row, a heading
before its list ("Polisen lovar att:") and a short line (a signature, an address)
keep their line breaks.
"""

from __future__ import annotations

import re
from collections import Counter

from .cleanup import join_broken_line

_SEP = r"(?:[ \t]*[|–—•·][ \t]*|[ \t]{2,})"
_PAGE_MARK = (
    r"(?:(?:sida|sidan|page|s\.)[ \t]*\d{1,3}(?:[ \t]*(?:av|of|/)[ \t]*\d{1,3})?"
    r"|\d{1,3}[ \t]*(?:av|of|/)[ \t]*\d{1,3}|\d{1,3}[ \t]*\([ \t]*\d{1,3}[ \t]*\)"
    r"|[-–][ \t]*\d{1,3}[ \t]*[-–])"
)
# A page number alone: "3", "- 3 -", "Sida 2 av 4", "2/4", "1 (3)".
_PAGE_ALONE = re.compile(rf"[ \t]*(?:{_PAGE_MARK}|\d{{1,3}})[ \t]*", re.IGNORECASE)
# A footer with a page number at its end or start behind a separator.
_FOOTER = re.compile(
    rf"[ \t]*(?:\S.*?{_SEP}{_PAGE_MARK}|{_PAGE_MARK}{_SEP}.*\S)[ \t]*", re.IGNORECASE
)
# A footer with a bare number at its end: furniture only when repeated.
_BARE_FOOTER = re.compile(rf"[ \t]*(\S.*?){_SEP}(\d{{1,3}})[ \t]*")
# "Uppföljning ............ 4": a line of a table of contents.
_CONTENTS_LINE = re.compile(
    r"[ \t]*\S.*?[ \t]*(?:(?:\.[ \t]?){4,}|…{2,}|_{4,})[ \t]*\d{1,3}[ \t]*"
)
_CONTENTS_TITLE = re.compile(
    r"[ \t]*(?:innehåll(?:sförteckning)?|innehåll|contents)[ \t]*:?[ \t]*", re.I
)
_NOISE = re.compile(r"[ \t]*[|¦]+[ \t]*")
_O_ITEM = re.compile(r"([ \t]*)o[ \t]+(?=\S)")
_MARKER = re.compile(
    r"[ \t]*(?:[-•*–—·▪●◦‣○■□➢►→✓✔\uf0b7\uf0a7\uf076\uf0d8]|\d{1,2}[.)]|[a-zA-Z][.)])"
    r"[ \t]+(?=\S)"
)
_GAP = re.compile(r"\S(?: {3,}|\t)\S|\t")
_FIELD = re.compile(r"[ \t]*[^\W\d][\w -]{0,25}:[ \t]+\S")
_LAST_WORD = re.compile(r"(\w+)[ \t]*$")
# Words that never end a sentence, a heading or a signature line: the line goes on.
_GOES_ON = frozenset(
    [
        "i",
        "på",
        "med",
        "till",
        "att",
        "av",
        "för",
        "om",
        "som",
        "mot",
        "vid",
        "från",
        "under",
        "och",
        "eller",
        "samt",
        "men",
        "de",
        "den",
        "det",
        "en",
        "ett",
        "efter",
        "inom",
        "genom",
        "mellan",
        "hos",
        "kring",
        "utan",
        "över",
        "både",
        "än",
        "enligt",
        "via",
        "inför",
        "bland",
        "där",
        "när",
        "så",
        "ska",
        "skall",
        "kan",
        "har",
        "är",
    ]
)


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))


def _furniture(lines: list[str]) -> set[int]:
    """Indexes of the page numbers, footers and running headers."""
    blank = [not line.strip() for line in lines]
    n = len(lines)

    def alone(i: int) -> bool:
        return (i == 0 or blank[i - 1]) and (i == n - 1 or blank[i + 1])

    keys = Counter(_key(line) for line in lines if line.strip())
    ends: set[int] = set()
    for i, line in enumerate(lines):
        if blank[i] or _MARKER.match(line) and not _PAGE_ALONE.fullmatch(line):
            continue
        if _PAGE_ALONE.fullmatch(line) and alone(i) or _FOOTER.fullmatch(line):
            ends.add(i)
        else:
            m = _BARE_FOOTER.fullmatch(line)
            if m and keys[_key(line)] >= 2 and not _CONTENTS_LINE.fullmatch(line):
                ends.add(i)
    drop = set(ends)
    # the running header at the top of the next page: up to two lines that open
    # two or more pages word for word (the first page's top counts as one)
    tops: dict[int, list[int]] = {-1: []}
    for i in sorted(ends):
        tops[i] = []
    for i, found in tops.items():
        j = i + 1
        while j < n and len(found) < 2:
            if not blank[j]:
                if j in ends:
                    break
                found.append(j)
            j += 1
    opening = Counter(
        " ".join(lines[j].split()) for found in tops.values() for j in set(found)
    )
    for i, found in tops.items():
        for j in found:
            if i < 0 or _MARKER.match(lines[j]):
                continue
            if opening[" ".join(lines[j].split())] >= 2:
                drop.add(j)
            else:
                break
    return drop


def _goes_on(left: str, right: str, width: int = 0) -> bool:
    """``right`` continues the sentence of ``left`` whatever the layout says (a
    word that cannot end a line counts in a line of half the ``width`` or more)."""
    a, b = left.rstrip(), right.strip()
    if not a or not b or a.endswith(":"):
        return False
    if b[0].islower() and not _MARKER.match(right):
        return True
    if len(a) >= 2 and a[-1] in "-\u2010" and a[-2].isalpha():
        return True
    word = _LAST_WORD.search(a)
    return bool(
        word
        and word.group(1).casefold() in _GOES_ON
        and a[-1].isalnum()
        and len(a) >= 0.5 * width
    )


def _contents(lines: list[str]) -> set[int]:
    """A table of contents: its dotted lines and the title above them."""
    drop = {i for i, line in enumerate(lines) if _CONTENTS_LINE.fullmatch(line)}
    for i in sorted(drop):
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        if j >= 0 and j not in drop and _CONTENTS_TITLE.fullmatch(lines[j]):
            drop.add(j)
    return drop if len(drop) >= 2 else set()


def _remove(lines: list[str], drop: set[int], width: int) -> list[str]:
    """``lines`` without ``drop``; the halves of a paragraph cut by dropped lines
    meet as wrapped lines, other text keeps a blank line where they were."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i not in drop:
            out.append(lines[i])
            i += 1
            continue
        while i < len(lines) and (i in drop or not lines[i].strip()):
            i += 1
        while out and not out[-1].strip():
            out.pop()
        if not out or i >= len(lines):
            out.append("")
            continue
        if not _goes_on(out[-1], lines[i], width):
            out.append("")
    return out


def _o_bullets(lines: list[str]) -> list[str]:
    """ "o text" lines at one indentation, two or more near each other: list items."""
    marks = [_O_ITEM.match(line) for line in lines]
    out = list(lines)
    for i, m in enumerate(marks):
        if m is None:
            continue
        near = [
            marks[j]
            for j in range(max(0, i - 8), min(len(lines), i + 9))
            if j != i and marks[j] is not None
        ]
        if any(o.group(1) == m.group(1) for o in near if o is not None):
            out[i] = m.group(1) + "◦ " + lines[i][m.end() :]
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _group_headings(lines: list[str]) -> list[str]:
    """A short item over more indented items with another marker heads its group."""
    out = list(lines)
    for i, line in enumerate(lines):
        m = _MARKER.match(line)
        if m is None:
            continue
        body = line[m.end() :].strip()
        if len(body.split()) > 6 or body[-1:] in ".!?:;," or not body[:1].isupper():
            continue
        if body.split()[-1].casefold() in _GOES_ON:
            continue  # "Minska inbrotten genom att" goes on in its sub-items
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        sub = _MARKER.match(lines[j]) if j < len(lines) else None
        if (
            sub
            and _indent(lines[j]) > _indent(line)
            and sub.group(0).strip() != m.group(0).strip()
        ):
            out[i] = "\n" + " " * _indent(line) + body + "\n"
    return "\n".join(out).split("\n")


def _hanging_items(lines: list[str], width: int) -> list[str]:
    """Items set flush with their wrapped lines indented and no marker: "• " items,
    when two or more in one run of lines have indented continuations."""
    out = list(lines)
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].strip():
            j += 1
        run = range(i, j)
        flush = [k for k in run if _indent(lines[k]) == 0]
        # an item's first line wraps: it is full or its sentence goes on
        hanging = [
            k
            for k in flush
            if k + 1 < j
            and _indent(lines[k + 1]) >= 2
            and not _MARKER.match(lines[k + 1])
            and (
                _goes_on(lines[k], lines[k + 1], width)
                or len(lines[k].rstrip()) >= 0.7 * width
            )
        ]
        if (
            len(hanging) >= 2
            and all(not _MARKER.match(lines[k]) for k in run)
            and all(not _GAP.search(lines[k].strip()) for k in run)
            and all(lines[k].strip()[:1].isupper() for k in flush)
            and flush[0] == i
        ):
            for k in flush:
                out[k] = "• " + lines[k]
        i = j
    return out


def _width(lines: list[str]) -> int:
    lengths = sorted(
        (
            len(line.rstrip())
            for line in lines
            if line.strip() and not _GAP.search(line.strip())
        ),
        reverse=True,
    )
    # the third longest line, so that one long title or address does not set it
    return lengths[min(2, len(lengths) // 8)] if lengths else 0


def _unwrap(lines: list[str], width: int) -> list[str]:
    evidence = sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if a.strip() and b.strip() and _goes_on(a, b, width)
    )
    longest = max(
        (len(line.rstrip()) for line in lines if not _GAP.search(line.strip())),
        default=0,
    )
    # hard-wrapped: lines go on in lower case here and there, and no line is much
    # longer than the width (a text of one line a paragraph has lines of any length)
    wrapped = evidence >= 3 and width <= 110 and longest <= 1.2 * width
    if not wrapped:
        return lines  # the rules read wrapped lines of a text typed as it is
    out: list[str] = []
    first = True  # out[-1] is the first line of its paragraph
    for line in lines:
        if (
            out
            and out[-1].strip()
            and line.strip()
            and _joins(out[-1], line, first, width)
        ):
            out[-1] = join_broken_line(out[-1], line)
            first = False
            continue
        out.append(line)
        first = True
    return out


def _joins(left: str, right: str, first: bool, width: int) -> bool:
    if _MARKER.match(right) or _GAP.search(left.strip()) or _GAP.search(right.strip()):
        return False
    if (
        left.rstrip().endswith(":")
        or _FIELD.match(right)
        or right.lstrip().startswith("#")
    ):
        return False
    if not first and _indent(right) < _indent(left):
        return False  # a hanging indent ends: the next item
    if _goes_on(left, right, width):
        return True
    a = left.rstrip()
    if a[-1:] in ".!?;:":
        return False
    return len(a) >= 0.8 * width and (
        _MARKER.match(left) is not None or not first or _indent(right) >= _indent(left)
    )


_PART_SEP = re.compile(r"[ \t]*[|–—•·][ \t]*|[ \t]{2,}|\t")
_SOURCE = re.compile(r"[ \t]*#[ \t]*source:", re.IGNORECASE)


def _letterhead(lines: list[str], furniture: list[str]) -> list[str]:
    """The parts of the dropped headers and footers that the text says nowhere else
    ("Polisen lokalpolisområde Ekby" in a footer): one line at the top, so what a
    running line names is still read once (the lokalpolisområde, the kommun)."""
    said = " ".join(" ".join(line.split()) for line in lines).casefold()
    missing: list[str] = []
    for line in furniture:
        for part in _PART_SEP.split(line.strip()):
            part = " ".join(part.split())
            if (
                len(part) >= 3
                and any(c.isalpha() for c in part)
                and not _PAGE_ALONE.fullmatch(part)
                and part.casefold() not in said
                and part not in missing
            ):
                missing.append(part)
    if not missing:
        return lines
    at = 1 if lines and _SOURCE.match(lines[0]) else 0
    return [*lines[:at], " | ".join(missing), "", *lines[at:]]


def reflow(text: str) -> str:
    """``text`` without page furniture and contents, its wrapped lines joined (see
    the module docstring). Text with neither comes back as it is."""
    lines = _o_bullets(text.split("\n"))
    furniture = _furniture(lines)
    drop = furniture | _contents(lines)
    drop |= {i for i, line in enumerate(lines) if _NOISE.fullmatch(line)}
    width = _width(lines)
    if drop:
        lines = _remove(lines, drop, width)
        lines = _letterhead(lines, [text.split("\n")[i] for i in sorted(furniture)])
    lines = _group_headings(lines)
    lines = _hanging_items(lines, width)
    lines = _unwrap(lines, width)
    return "\n".join(lines)
