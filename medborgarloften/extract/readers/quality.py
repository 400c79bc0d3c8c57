"""Signs that a document's text lost some of its structure on the way in.

The readers rebuild lists, headings and paragraphs from what a file gives them; when
a file hides its structure (a list typed as separate paragraphs, bullets in a symbol
font we do not know, a scan), the text can come out flat, and a commitment can be
cut or merged without any error. :func:`reading_warnings` looks at the text and the
reader's facts (``meta``) and names what a reviewer should check, one "Swedish /
English" line each. It never changes the text.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from .cleanup import BULLET_CHARS

_MARKER = re.compile(
    rf"^\s*(?:[{BULLET_CHARS}]|[-–*](?=\s)|\(?(?:\d{{1,2}}|[a-z])[.)]\s)"
)
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", ")")
# This many lines without a marker after an introducing line ("Polisen lovar att:")
# look like a list whose markers were lost.
LIST_LIKE_LINES = 2
# Words a Swedish sentence does not end with (language.toml, "open_endings").
_OPEN_ENDINGS = frozenset(
    tomllib.loads(
        Path(__file__).with_name("language.toml").read_text(encoding="utf-8")
    )["open_endings"]
)
# This many paragraphs that start in the middle of a sentence look like a layout
# that broke lines into paragraphs.
BROKEN_PARAGRAPHS = 3


def reading_warnings(
    text: str,
    meta: Mapping[str, object],
    kind: str = "",
    *,
    commitments: int | None = None,
) -> list[str]:
    """What the reviewer should check in ``text``, read from a file of ``kind``;
    ``commitments`` is how many the extractor found, when it has run."""
    warnings: list[str] = []
    if meta.get("ocr"):
        warnings.append(
            "Texten är läst med textigenkänning (OCR) från en skannad bild: kontrollera "
            "särskilt siffror, datum, namn och å, ä, ö / the text was read by text "
            "recognition (OCR) from a scanned image: check numbers, dates, names and "
            "å, ä, ö in particular"
        )
    empty = [int(n) for n in _numbers(meta.get("pages_without_text"))]
    if empty:
        pages = ", ".join(str(n) for n in empty)
        warnings.append(
            f"Sida {pages} saknar text (skannad bild?) och finns inte med i texten "
            f"nedan / page {pages} has no text (a scanned image?) and is missing "
            "from the text below"
        )
    columns = meta.get("two_column_pages")
    if isinstance(columns, int) and columns > 0:
        sv, en = ("sida", "page was") if columns == 1 else ("sidor", "pages were")
        warnings.append(
            f"{columns} {sv} lästes som två spalter: kontrollera att texten "
            f"kommer i rätt ordning / {columns} {en} read as two columns: "
            "check that the text is in the right order"
        )
    lines = text.split("\n")
    if commitments == 0 and _rows_or_items(lines) >= LIST_LIKE_LINES:
        warnings.append(
            "Inga åtaganden hittades, fast texten har rader som ser ut som en lista "
            "eller tabell: kontrollera texten och för in åtagandena för hand / no "
            "commitments were found, though the text has lines that look like a "
            "list or a table: check the text and enter the commitments by hand"
        )
    if _list_like(lines):
        warnings.append(
            "Texten har rader som ser ut som en lista men inga punkter eller nummer "
            "hittades: kontrollera att varje åtagande kom med helt och för sig / "
            "the text has lines that look like a list but no bullets or numbers were "
            "found: check that every commitment came out whole and on its own"
        )
    odd = _odd_line_starts(lines)
    if odd:
        shown = " ".join(odd)
        warnings.append(
            f"Rader börjar med tecken som kan vara punkter som inte kunde läsas "
            f"({shown}): kontrollera listorna / lines start with characters that may "
            f"be bullets that could not be read ({shown}): check the lists"
        )
    if kind in ("pdf", "docx", "html") and _broken_paragraphs(lines):
        warnings.append(
            "Flera stycken börjar mitt i en mening: dokumentets radbrytningar kan "
            "ha delat upp meningar och punkter / several paragraphs start in the "
            "middle of a sentence: the document's line breaks may have split "
            "sentences and list items"
        )
    return warnings


def _numbers(value: object) -> list[int]:
    if not isinstance(value, list | tuple):
        return []
    return [n for n in value if isinstance(n, int) and not isinstance(n, bool)]


def _paragraph_starts(lines: list[str]) -> list[tuple[str, str]]:
    """(last line of the previous paragraph, first line of the paragraph) pairs."""
    pairs = []
    previous = ""
    blank = True
    for line in lines:
        if not line.strip():
            blank = True
            continue
        if blank and previous:
            pairs.append((previous, line))
        previous = line
        blank = False
    return pairs


def _list_like(lines: list[str]) -> bool:
    """A line that introduces a list followed by lines with no list marker that
    read like list items: a list whose bullets or numbers were lost on the way in.

    After a line that cannot end a sentence ("Polisen lovar att", "genom att:") two
    such lines give it away; after a plain colon ("Våra insatser:") two lines in
    lower case, or three short single sentences, so that a heading with a colon over
    ordinary paragraphs is not taken for a list.
    """
    content = [line.strip() for line in lines if line.strip()]
    for index, line in enumerate(content):
        if _MARKER.match(line):
            continue
        strength = _introduces(line)
        if not strength:
            continue
        following = []
        for item in content[index + 1 :]:
            if _MARKER.match(item) or _introduces(item) or not _item_like(item):
                break
            following.append(item)
        lower = sum(1 for item in following if item[:1].islower())
        short = sum(1 for item in following if _short_sentence(item))
        if strength == "open" and len(following) >= LIST_LIKE_LINES:
            return True
        if lower >= LIST_LIKE_LINES or short >= LIST_LIKE_LINES + 1:
            return True
    return False


# Cells of a table row, set apart by a wide gap, a tab or a ruling read as "|".
_ROW_GAP = re.compile(r"\S(?:[ ]{3,}|\t|[ ]\|[ ])\S")


def _rows_or_items(lines: list[str]) -> int:
    """How many lines are list items (a marker) or table rows (two cells or more)."""
    return sum(1 for line in lines if _MARKER.match(line) or _ROW_GAP.search(line))


def _introduces(line: str) -> str:
    """ "open" for a line that ends with a word a Swedish sentence cannot end with
    (an infinitive marker, a modal verb, a preposition), "colon" for one that ends
    with a colon, "" for any other line."""
    if len(line) > 200 or line.endswith((".", "!", "?", ";")):
        return ""
    last = line.rstrip(":").rsplit(" ", 1)[-1].casefold()
    if last in _OPEN_ENDINGS:
        return "open"
    return "colon" if line.endswith(":") else ""


def _item_like(line: str) -> bool:
    return len(line.split()) >= 3 and len(line) <= 400


def _short_sentence(line: str) -> bool:
    inner_end = re.search(r"[.!?]\s+[A-ZÅÄÖ]", line)
    return len(line) <= 200 and inner_end is None


def _odd_line_starts(lines: list[str]) -> list[str]:
    """Distinct unknown symbols (private-use or other symbols) that start lines."""
    found: list[str] = []
    for line in lines:
        stripped = line.lstrip()
        if not stripped:
            continue
        first = stripped[0]
        if first in BULLET_CHARS:
            continue
        if unicodedata.category(first) in ("Co", "So") and first not in found:
            found.append(first)
    return found[:5]


def _broken_paragraphs(lines: list[str]) -> bool:
    broken = sum(
        1
        for previous, first in _paragraph_starts(lines)
        if first[:1].islower()
        and not previous.rstrip().endswith(_SENTENCE_END)
        and not _MARKER.match(first)
    )
    return broken >= BROKEN_PARAGRAPHS
