"""The text of a PDF table's cell from its lines: a cell's wrapped lines are joined
as a paragraph's, and a word broken for want of room in a narrow column is read
whole (``tables``)."""

from __future__ import annotations

from .cleanup import join_broken_line
from .lines import Word

# Short words a cell's line may start with after a long word that filled the line
# before it: a wrapped line, never the rest of a word broken for want of room.
_LINE_START_WORDS = frozenset(
    [
        "i",
        "och",
        "på",
        "av",
        "om",
        "med",
        "för",
        "till",
        "som",
        "att",
        "en",
        "ett",
        "vid",
        "under",
        "eller",
        "samt",
        "från",
        "mot",
        "inom",
        "hos",
        "där",
        "när",
        "den",
        "det",
        "de",
        "per",
    ]
)


def _broken_word(part: list[Word], following: list[Word], reach: float) -> bool:
    """A word too long for its narrow cell, broken where the cell ended and not at a
    syllable ("Kameraövervakn" / "ing"): alone on its line, filling it to the
    column's widest reach, the next line going on in lower case."""
    rest = following[0].text
    return (
        len(part) == 1
        and " " not in part[0].text  # not the joined lines of a row's cell
        and not part[0].text.endswith((",", ".", ";", ":"))
        and part[0].x1 >= reach - 0.6 * part[0].size
        and rest[:1].isalpha()
        and rest[:1].islower()
        and rest.casefold() not in _LINE_START_WORDS
    )


def _cell_text(parts: list[list[Word]], reach: float) -> str:
    text = " ".join(w.text for w in parts[0])
    for part, following in zip(parts, parts[1:], strict=False):
        words = " ".join(w.text for w in following)
        if _broken_word(part, following, reach):
            text += words
        else:
            text = join_broken_line(text, words)
    return text
