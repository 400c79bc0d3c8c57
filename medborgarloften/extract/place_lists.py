"""Places listed under a line that says they are places.

A folder's map legend ("Karta: prioriterade platser" over "● Torget", "▲ Ekskolan")
or a web page's list ("Platser vi besöker:" over one name per line) names its places
as bare names, one per line, with nothing around them for the sentence rules of
``places`` to read.
"""

from __future__ import annotations

import re

from .prefilter import prefiltered

# A short line (a heading or a lead-in) naming a kind of place in the plural.
# Prefiltered by its nouns: tried at every line start, up to sixty characters on.
_PLACES_LINE = prefiltered(
    re.compile(
        r"^[^\n]{0,60}\b(?i:platser|platserna|stadsdelar|stadsdelarna|bostadsområden|"
        r"bostadsområdena|orter|orterna|byar|byarna|tätorter|tätorterna|kommundelar|"
        r"kommundelarna|hållplatser|hållplatserna|stråk|stråken)\b[^\n.!?]{0,30}:?[ \t]*$",
        re.MULTILINE,
    )
)
# One to three capitalised words alone on a line, after a marker or a symbol.
_NAME_LINE = re.compile(
    r"[ \t]*(?:[^\w\s][ \t]*)?(?P<name>[A-ZÅÄÖ][\w-]+(?:[ \t]+[A-ZÅÄÖ][\w-]+){0,2})"
    r"[ \t]*$"
)
_MAX_ITEMS = 20


def listed_places(text: str) -> list[tuple[str, tuple[int, int]]]:
    """The names listed one per line right under a line naming kinds of places."""
    out: list[tuple[str, tuple[int, int]]] = []
    for m in _PLACES_LINE.finditer(text):
        if len(m.group(0).split()) > 8:
            continue
        pos = m.end() + 1
        items: list[tuple[str, tuple[int, int]]] = []
        while pos < len(text) and len(items) <= _MAX_ITEMS:
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = _NAME_LINE.fullmatch(text, pos, end)
            if line is None:
                break
            items.append((line.group("name"), (line.start("name"), line.end("name"))))
            pos = end + 1
        if 2 <= len(items) <= _MAX_ITEMS:
            out.extend(items)
    return out


# A line shorter than this was not wrapped by a page's width: it ends an item.
SHORT_LINE = 50


def short_line(text: str, newline: int) -> bool:
    """Does the line that ends at ``newline`` hold fewer than ``SHORT_LINE``
    characters (after its indent)?"""
    start = text.rfind("\n", 0, newline) + 1
    return len(text[start:newline].strip()) < SHORT_LINE


def noun_ends_line(
    text: str, start: int, name_start: int, noun_at_end: re.Pattern[str]
) -> bool:
    """ "… kring skolorna\nUngdomar i riskmiljöer": in a list of short lines without
    closing punctuation, a line that ends on the place noun is an item of its own,
    so the next line's first word is no name of that place."""
    newline = text.rfind("\n", start, name_start)
    if newline < 0 or noun_at_end.search(text, start, newline) is None:
        return False
    end = text.find("\n", name_start)
    end = len(text) if end < 0 else end
    after = text[name_start:end].rstrip()
    return (
        short_line(text, newline)
        and len(after) < SHORT_LINE
        and after[-1:] not in ".!?;:,"
    )
