"""The period of a renewed promise, told beside the period it follows.

A renewal, an extension or a decision paper that proposes the next promise names
two periods: the old one ("medborgarlöftet från 2024–2025", "Det nuvarande löftet
gäller 2023–2024", "har utvärderat medborgarlöftet för 2023") and the new one
("förlängs och gäller även under 2026", "nytt medborgarlöfte för 2024", "Förnyat
medborgarlöfte med Polisen för 2025–2026", "Förslag till medborgarlöfte
2025–2026"). The record is about the new promise, so where the period found by the
ordinary rules ends before the renewed one starts, the renewed one wins. A new
promise only announced ("ett nytt löfte för 2026 ska tas fram") is no period yet.
"""

from __future__ import annotations

import re

from ..prefilter import prefiltered
from .period import Period

_YEAR = r"(?:19|20)\d\d"
_YEARS = rf"(?P<a>{_YEAR})(?:\s*[-–—/]\s*(?P<b>{_YEAR}))?(?![\d-])"

_RENEWED = (
    # "nytt medborgarlöfte för 2024", "Förnyat medborgarlöfte med Polisen för
    # 2025–2026", "ett förlängt löfte under 2027"
    r"\b(?:nytt|nya|förnyat|förnyade|förlängt|förlängda|reviderat|reviderade)\s+"
    r"(?:medborgar)?löfte(?:t|n)?(?:\s+(?!för\b|under\b)[\w-]+){0,3}?\s+"
    r"(?:för\s+|under\s+|gällande\s+)?(?:år(?:en)?\s+)?",
    # "Förslag till medborgarlöfte 2025–2026", "förslaget till nytt löfte för 2025"
    r"\bförslag(?:et)?\s+till\s+(?:\w+\s+)?(?:medborgar)?löfte(?:t|n)?\s+"
    r"(?:för\s+|under\s+)?(?:år(?:en)?\s+)?",
    # "förlängs och gäller även under 2026", "förlänger … – gäller hela 2027"
    r"\bförläng\w*\b[^.\n]{0,80}?\bgäller\s+(?:även\s+|också\s+)?"
    r"(?:under\s+|för\s+)?(?:hela\s+)?(?:år(?:et)?\s+)?",
)
RENEWED = [prefiltered(re.compile(lead + _YEARS, re.IGNORECASE)) for lead in _RENEWED]
# A new promise still to be made: announced, not yet in force.
_ANNOUNCED = re.compile(
    r"\b(?:tas|togs|arbetas|ska\s+tas|kommer\s+att\s+tas)\s+fram\b|\bplaneras\b"
    r"|\bpåbörjas\b|\bhoppas\b",
    re.IGNORECASE,
)


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start))
    rights = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
    return text[left + 1 : min(rights) if rights else len(text)]


def renewed_period(text: str) -> Period | None:
    """The first period the text gives to a new, renewed or extended promise."""
    hits = sorted(
        (m for rx in RENEWED for m in rx.finditer(text)), key=lambda m: m.start()
    )
    for m in hits:
        if _ANNOUNCED.search(_sentence(text, m.start(), m.end())):
            continue
        a = int(m.group("a"))
        b = int(m.group("b")) if m.group("b") else a
        if not 0 <= b - a <= 6:
            continue
        where = ((m.start(), m.end()),)
        return Period(f"{a}-01-01", f"{b}-12-31", m.group(0), where, "period.renewed")
    return None


def prefer_renewed(text: str, found: Period) -> Period:
    """``found``, or the renewed promise's period where ``found`` ends before it
    starts (``found`` is then the period that the renewal follows)."""
    renewed = renewed_period(text)
    if renewed is None or renewed.start is None:
        return found
    if found.end is not None and found.end >= renewed.start:
        return found
    if found.end is None and found.start is not None:
        return found
    return renewed
