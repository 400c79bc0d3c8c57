"""What a table's schedule cell ("När", "Tidplan", "Klart") says about the target.

The cell helps the row's target when it states a date ("Klart senast september",
"April 2031", "Under 2031") or a count or a frequency ("Minst 2 gånger per månad",
"Två tillfällen under året", "Varje vecka", "Fredagar"). A cell that only names a stretch of
time ("Hela perioden", "Löpande", "Läsår 30/31") says nothing of how much or by
when, and is left out, so its words are no unit or count (a season stays: the
target rules read "Hösten 2031").
"""

from __future__ import annotations

import re

from medborgarloften.lib.months import MONTH_PATTERN_SV

from ..numbers import NUMBER_RE

_BARE_MONTH = re.compile(rf"(?:{MONTH_PATTERN_SV})(?:\s+\d{{4}})?$", re.I)
_DATED = re.compile(
    rf"\b(?:{MONTH_PATTERN_SV})\b|\b(?:19|20)\d\d\b"
    r"|\b(?:vår|höst|sommar|vinter|jul|påsk)\w*|termin|\w*lov(?:et)?\b",
    re.I,
)
# … or a day or time that comes back ("Fredagar", "Helger", "Kvällar")
_RATE = re.compile(
    r"\b(?:per|varje|varannan|gång(?:er)?|tillfällen?|(?:mån|tis|ons|tors|fre|lör|sön)"
    r"dag(?:ar|s\w*)|helg(?:er|erna)?|vardagar|kvällar|nätter)\b",
    re.I,
)
# "Läsår 30/31", "ht 31/vt 32": a school year, no count
_SCHOOL_YEAR = re.compile(r"\b\d{2}/\d{2}\b")


def timing_hint(cell: str) -> str:
    """The part of a schedule cell the target reads ("i juni" for a bare month),
    or "" when the cell states no date, count or frequency."""
    when = cell.strip()
    if not when:
        return ""
    if _BARE_MONTH.match(when):
        return f"i {when}"
    bare = _SCHOOL_YEAR.sub("", when).strip()
    if _DATED.search(bare) or _RATE.search(bare) or NUMBER_RE.search(bare):
        return bare
    return ""
