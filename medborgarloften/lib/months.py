"""Month names, once: Swedish as the documents and pages write them, English as
dateparser's locale data keys them. Django-free (the extractor uses them too).

Swedish month names are written in lower case ("1 maj 2025", "januari–april"); the
three-letter forms are what tables and charts show ("jan", "maj", "okt").
"""

from __future__ import annotations

__all__ = [
    "MONTHS_EN",
    "MONTHS_SV",
    "MONTH_PATTERN_SV",
    "month_number",
    "month_short_sv",
]

MONTHS_SV: tuple[str, ...] = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

MONTHS_EN: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

#: The Swedish names as a regular-expression alternation (no group, no flags).
MONTH_PATTERN_SV = "|".join(MONTHS_SV)


def month_number(name: str) -> int | None:
    """1–12 for a Swedish or English month name in any case, else None."""
    key = name.strip().casefold()
    for names in (MONTHS_SV, MONTHS_EN):
        if key in names:
            return names.index(key) + 1
    return None


def month_short_sv(number: int) -> str:
    """The three-letter Swedish form of month ``number`` (1–12): "jan", "maj"."""
    return MONTHS_SV[number - 1][:3]
