"""Text clean-up shared by every reader, so the rules always see the same shape.

The shape: NFC Unicode (å, ä, ö kept as single characters), ``\\n`` line ends, no
ligatures, no soft hyphens or zero-width characters, bullets written as ``"• "`` at
the start of a line (after the indentation of a sub-list's item, which is kept),
and paragraphs separated by exactly one blank line.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
# Characters that carry no text: soft hyphen, zero-width space/joiners, BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = {
    **dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\f\v"), " "),
    ord("\t"): "    ",  # a tab separates columns; keep it a layout gap
}
_TRANSLATION = {
    **{ord(key): value for key, value in LIGATURES.items()},
    **_INVISIBLE,
    **_SPACES,
}
# str.translate with a dict costs about a quarter of a microsecond per character
# (0.6 ms for a 3 KB page); a character-class search finds the few characters that
# need it in C, and only those are replaced.
_REPLACEMENTS = {chr(k): v or "" for k, v in _TRANSLATION.items()}
_TRANSLATE_RE = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "]")


def _translate(text: str) -> str:
    """``text.translate(_TRANSLATION)``, fast when few characters need it."""
    if not _TRANSLATE_RE.search(text):
        return text
    return _TRANSLATE_RE.sub(lambda m: _REPLACEMENTS[m.group(0)], text)


# Bullet glyphs seen in Word, PDF and web exports; U+F0B7 and U+F0A7 are the Symbol
# and Wingdings bullets that PDFs made from Word carry in the private use area; an
# arrow opens the items of a designed folder ("→ polisen är på plats …").
BULLET_CHARS = "•●▪■◦‣∙·○◾◼▸►➢→✓✔☐☑☒\uf0b7\uf0a7\uf076\uf0d8"
_BULLET_LINE = re.compile(rf"^([ ]*)(?:[{BULLET_CHARS}]|[-–*](?=[ ]))[ ]*(?=\S)", re.M)
# An indented list item ("    • kvällar", "    a) ett föräldramöte"): an item of a
# sub-list, whose indentation says which item it belongs under.
_INDENTED_ITEM = re.compile(r"[ ]+(?:•|\d{1,2}[.)]|[a-z]\))[ ](?=\S)")
# A row of a table whose cells are set apart by a layout gap (or a tab) and whose
# first cell is not a list item: its header or a row of cells above. A bullet glyph
# opens a list item with or without a space after it ("•a" is "• a" once cleaned),
# so a text and its cleaned form read the same (normalise is idempotent).
_CELL_ROW = re.compile(
    rf"^(?![ ]*(?:[{BULLET_CHARS}]|[-–*][ ]|\d{{1,2}}[.)][ ]))[ ]*\S.*?\S[ ]{{3,}}\S"
)
_EMPTY_FIRST = re.compile(r"[ ]*[-–][ ]{3,}\S")
# A pictograph opening a line ("✅ Polisen gör …", "👉 Vi håller …"), as social-media
# posts write list items; a list marker only when two neighbouring lines open with it.
_PICTOGRAPH_LINE = re.compile(
    r"^[ ]*([\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff])"
    r"\ufe0f?[ ]+(?=\S)",
    re.M,
)
_TRAILING_SPACE = re.compile(r"[ ]+$", re.M)
# Exactly two spaces inside a line are a typing habit; three or more are layout.
_DOUBLE_SPACE = re.compile(r"(?<=\S)[ ]{2}(?=\S)")
_BLANK_LINES = re.compile(r"\n{3,}")

# Words that may follow a hyphen at a line end in a shortened compound
# ("Polis- och kommun"), so the hyphen must stay and a space follow it.
COMPOUND_JOINERS = frozenset({"och", "eller", "samt", "respektive", "resp.", "till"})


def normalise(text: str, *, keep_indent: bool = False) -> str:
    """Return ``text`` in the shared shape (see module docstring).

    Runs of three or more spaces are kept: they are layout (the gap between the
    two columns of a signature block), which the rules read. ``keep_indent`` keeps
    the indentation of lines that are not bullets, as plain-text files use it to
    show that a wrapped line continues the bullet above. A list item keeps its
    indentation either way: it sets a sub-list's items under their item.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _translate(text)
    text = unicodedata.normalize("NFC", text)
    if " \n" in text or text.endswith(" "):  # else no line ends in a space
        text = _TRAILING_SPACE.sub("", text)
    if _PICTOGRAPH_LINE.search(text):
        text = _pictograph_bullets(text)
    text = _BULLET_LINE.sub(_bullet, text)
    if not keep_indent:
        text = "\n".join(
            line if _INDENTED_ITEM.match(line) else line.lstrip(" ")
            for line in text.split("\n")
        )
    if "  " in text:  # each scan costs more than the test, and most texts pass
        text = _DOUBLE_SPACE.sub(" ", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    if not text.strip():
        return ""
    return text.strip("\n").rstrip() + "\n"


def _pictograph_bullets(text: str) -> str:
    """ "• " for a pictograph that opens two or more neighbouring lines (a list
    written with emoji markers); a single one ("📞 Ring 114 14") stays text."""
    lines = text.split("\n")
    marks = [_PICTOGRAPH_LINE.match(line) for line in lines]
    for i, mark in enumerate(marks):
        if mark is None:
            continue
        glyph = mark.group(1)
        near = [marks[j] for j in (i - 1, i + 1) if 0 <= j < len(marks)]
        if any(other is not None and other.group(1) == glyph for other in near):
            lines[i] = "• " + lines[i][mark.end() :]
    return "\n".join(lines)


def _bullet(match: re.Match[str]) -> str:
    """ "• " for a list marker; a dash and a layout gap right under a row of cells
    set apart by gaps is a table's empty cell ("–    Kommunen gör …"), kept."""
    marker = match.group().strip()
    if marker in "-–" and match.group().endswith("   "):
        text = match.string
        end = match.start() - 1
        while end > 0:
            above = text[text.rfind("\n", 0, end) + 1 : end]
            if _CELL_ROW.match(above):
                return match.group()
            # … under more rows whose first cell is empty (a cell wrapped over
            # several lines): the row of cells is further up
            if not _EMPTY_FIRST.match(above):
                break
            end = text.rfind("\n", 0, end)
    return match.group(1) + "• "


def join_broken_line(left: str, right: str) -> str:
    """Join two lines of one paragraph, undoing hyphenation at the line end.

    ``trygghets-`` + ``vandring`` → ``trygghetsvandring``; ``Berga-`` + ``Funkabo``
    keeps the hyphen (capital letter), so do ``a-`` + ``traktorer`` and ``SSPF-`` +
    ``konceptet`` (a letter or an abbreviation); ``Polis-`` + ``och kommun`` keeps
    the hyphen and a space, as a shortened compound; a range broken after its dash
    (``2024–`` + ``2025``) is joined without a space.
    """
    left = left.rstrip()
    right = right.lstrip()
    if not left:
        return right
    if not right:
        return left
    if left.endswith(("-", "\u2010", "\u00ad")) and len(left) >= 2:
        before = left[-2]
        first_word = right.split(" ", 1)[0]
        stem = left[:-1]
        if before.isalpha():
            if first_word.casefold().rstrip(",") in COMPOUND_JOINERS:
                return f"{stem}- {right}"
            last_word = stem.rsplit(" ", 1)[-1].lstrip("(\"'«”")
            # A letter or an abbreviation is joined by a hyphen that stays
            # ("a-traktorer", "SSPF-konceptet"); hyphenation never splits those.
            acronym = len(last_word) == 1 or (
                len(last_word) >= 2 and last_word.isupper()
            )
            # "scanning-" + "analysis-response": a chain of hyphenated words.
            chain = "-" in first_word.rstrip("-")
            if right[0].islower() and not acronym and not chain:
                return stem + right
            return f"{stem}-{right}"
        if before.isdigit() and right[0].isdigit():
            return f"{stem}-{right}"
    if left.endswith(("–", "—")) and left[-2:-1].isdigit() and right[0].isdigit():
        # A range broken after its dash ("kl. 19–" + "23", "2024–" + "2025").
        return left + right
    return f"{left} {right}"


_LANGUAGE = tomllib.loads(
    (Path(__file__).with_name("language.toml")).read_text(encoding="utf-8")
)
_SV_WORDS = frozenset(_LANGUAGE["swedish"])
_OTHER_WORDS = frozenset(_LANGUAGE["other"])
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str, *, sample: int = 20_000) -> str:
    """Return ``"sv"`` when Swedish function words dominate, else ``"other"``.

    A stop-word ratio is enough to warn an importer that a document is probably not
    a Swedish medborgarlöfte; it is not a language identifier.
    """
    words = _WORD.findall(text[:sample].casefold())
    if not words:
        return "other"
    swedish = sum(map(_SV_WORDS.__contains__, words))
    other = sum(map(_OTHER_WORDS.__contains__, words))
    if swedish >= 3 and swedish >= other and swedish / len(words) >= 0.04:
        return "sv"
    if len(words) < 20 and swedish >= 1 and swedish >= other:
        return "sv"
    if len(words) < 20 and other == 0 and re.search(r"[åäöÅÄÖ]", text[:sample]):
        return "sv"
    return "other"
