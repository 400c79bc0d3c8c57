"""Swedish number words and numerals → int.

Promises write counts both ways ("två (2) gånger", "minst 2 nya grupper",
"tre till fyra gånger"); targets need one integer, and SCHEMA takes the lower bound
of a range.
"""

from __future__ import annotations

import re
import unicodedata

CARDINALS: dict[str, int] = {
    "noll": 0,
    "en": 1,
    "ett": 1,
    "ena": 1,
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
    "tretton": 13,
    "fjorton": 14,
    "femton": 15,
    "sexton": 16,
    "sjutton": 17,
    "arton": 18,
    "aderton": 18,
    "nitton": 19,
    "tjugo": 20,
    "trettio": 30,
    "fyrtio": 40,
    "femtio": 50,
    "sextio": 60,
    "sjuttio": 70,
    "åttio": 80,
    "nittio": 90,
    "hundra": 100,
    "etthundra": 100,
    "tusen": 1000,
    "ettusen": 1000,
}
ORDINALS: dict[str, int] = {
    "första": 1,
    "andra": 2,
    "tredje": 3,
    "fjärde": 4,
    "femte": 5,
    "sjätte": 6,
    "sjunde": 7,
    "åttonde": 8,
    "nionde": 9,
    "tionde": 10,
}
_TENS = {k: v for k, v in CARDINALS.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)}
_UNITS = {k: v for k, v in CARDINALS.items() if 1 <= v <= 9 and k not in ("ena",)}
# English, on a kommun's page in English ("two evenings a week"); never compounded.
CARDINALS.update(
    {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8}
)
CARDINALS.update({"nine": 9, "twelve": 12, "twice": 2})

# A number word or numeral as one token ("två", "tjugofem", "12", "1 000").
NUMBER_TOKEN = (
    r"(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+|"
    + "|".join(sorted(CARDINALS, key=len, reverse=True))
    + r"|(?:"
    + "|".join(_TENS)
    + r")(?:"
    + "|".join(_UNITS)
    + r"))"
)


def number_token_at_word_start(behind: str) -> str:
    """``(?<!behind)NUMBER_TOKEN`` case-insensitively, for an expression compiled
    *without* ``re.IGNORECASE``: written to open with one case-sensitive class of
    every character a number can start with, so that ``re`` skips to those in C
    instead of trying the look-behind and forty-odd number words at every
    character. ``behind`` is a one-character class; it is tried after the first
    character, and each number word behind a look-behind on its own first letter,
    in the order of ``NUMBER_TOKEN``'s alternatives (the same matches: only the
    words of one first letter can match at a character)."""
    from .prefilter import case_forms  # noqa: PLC0415 - prefilter imports nothing here

    words = [*sorted(CARDINALS, key=len, reverse=True)]
    words += [f"{ten}(?:{'|'.join(_UNITS)})" for ten in _TENS]
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    firsts = "".join(case_forms(first) for first in groups)
    by_letter = "|".join(
        f"(?<=[{case_forms(first)}])(?i:{'|'.join(rests)})"
        for first, rests in groups.items()
    )
    return (
        rf"[\d{firsts}](?<!{behind}.)"
        rf"(?:(?<=\d)(?:\d{{0,2}}(?:[ \u00a0]\d{{3}})+|\d*)|{by_letter})"
    )


NUMBER_RE = re.compile(r"(?<!\w)" + NUMBER_TOKEN + r"(?!\w)", re.IGNORECASE)
RANGE_RE = re.compile(
    r"(?<!\w)(?P<low>"
    + NUMBER_TOKEN
    + r")(?:\s*\(\d+\))?\s*(?:–|-|till|à|a|eller)\s*(?P<high>"
    + NUMBER_TOKEN
    + r")(?!\w)",
    re.IGNORECASE,
)


def _norm(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold().strip()


def parse_number(word: str) -> int | None:
    """Return the integer for one Swedish number word or numeral, else None.

    >>> parse_number("två"), parse_number("12"), parse_number("tjugofem")
    (2, 12, 25)
    """
    w = _norm(word).replace("\u00a0", " ")
    if not w:
        return None
    digits = w.replace(" ", "")
    if digits.isdecimal():
        return int(digits)
    if w in CARDINALS:
        return CARDINALS[w]
    for tens, tv in _TENS.items():
        if w.startswith(tens) and w[len(tens) :] in _UNITS:
            return tv + _UNITS[w[len(tens) :]]
    return None


def parse_ordinal(word: str) -> int | None:
    """Return the integer for an ordinal ("tredje", "3:e", "7:e"), else None."""
    w = _norm(word)
    if w in ORDINALS:
        return ORDINALS[w]
    m = re.fullmatch(r"(\d+):?(?:e|a)", w)
    return int(m.group(1)) if m else None


def parse_quantity(phrase: str) -> int | None:
    """The first count in ``phrase``; a range gives its lower bound ("tre till fyra" → 3)."""
    m = RANGE_RE.search(phrase)
    first = NUMBER_RE.search(phrase)
    if m and first and m.start() == first.start():
        return parse_number(m.group("low"))
    return parse_number(first.group(0)) if first else None
