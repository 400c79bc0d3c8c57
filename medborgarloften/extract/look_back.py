"""The parts of a renewed promise, or of a follow-up report, that speak of the
previous period: what was done ("Vad har hänt under 2024–2025?", "Så gick det") and
the commitments that are dropped ("Detta utgår", "Löftet om … utgår").

A renewal or a decision paper that proposes the next promise reports last period's
results first and lists what is kept, added and dropped. The places named there
("64 trafikkontroller, främst på Ekgatan", "Löftet om kameror på Lilla torget
utgår") are not targets of the new promise, so they are not the document's places.
"""

from __future__ import annotations

import re
from typing import Any

from .commitments.renewals import ENDED_PROMISE
from .prefilter import prefiltered

# A heading over the look back or over the dropped commitments.
_BACK_HEADING = re.compile(
    r"(?:vad\s+(?:har\s+hänt|hände)"
    r"|så\s+(?:här\s+)?(?:gick|blev)\s+det"
    r"|(?:det\s+här|detta|vad)\s+(?:har\s+(?:vi|parterna)\s+"
    r"(?:gjort|genomfört|åstadkommit|uppnått)|gjorde\s+(?:vi|parterna))"
    r"|tillbakablick|återblick|utfall(?:et)?|uppnådda\s+resultat|måluppfyllelse"
    # "Uppföljning av medborgarlöftet 2023–2024", "Resultat av 2024 års löfte"
    r"|(?:uppföljning|redovisning|utvärdering|resultat(?:et)?)\s+(?:av|för)\s+"
    r"(?:\w+\s+){0,3}?(?:(?:19|20)\d\d\b|(?:förra|föregående|tidigare)\s)"
    r"|(?:detta|det\s+här|dessa|följande)(?:\s+\w+){0,2}?\s+(?:utgår|tas\s+bort|stryks)"
    r"|utgår|utgående|borttagna|strukna|slopade"
    r"|(?:löften|åtaganden|aktiviteter|insatser)\s+som\s+"
    r"(?:utgår|stryks|tas\s+bort|avslutas|upphör))\b",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"[-–—•·▪*]\s|\d{1,2}[.)]\s")


def _heading(line: str) -> bool:
    """A short line of its own that is no list item and no sentence."""
    bare = line.strip(" \t\r\n#*")
    return (
        0 < len(bare.split()) <= 10
        and bare[-1:] not in ".,;:!"
        and not _LIST_ITEM.match(bare)
    )


def _sections(text: str) -> list[tuple[int, int]]:
    """Each look-back or dropped-commitment section, up to the next heading."""
    out: list[tuple[int, int]] = []
    opened: int | None = None
    pos = 0
    for line in text.splitlines(keepends=True):
        if _heading(line):
            if opened is not None:
                out.append((opened, pos))
                opened = None
            if _BACK_HEADING.match(line.strip(" \t\r\n#*")):
                opened = pos
        pos += len(line)
    if opened is not None:
        out.append((opened, len(text)))
    return out


_ENDED = prefiltered(ENDED_PROMISE)


def sentences_around(rx: Any, text: str) -> list[tuple[int, int]]:
    """The span of each sentence (or line) of ``text`` in which ``rx`` matches."""
    out: list[tuple[int, int]] = []
    for m in rx.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
        ends = [i for i in (text.find(c, m.end()) for c in ".!?\n") if i >= 0]
        out.append((start, min(ends) if ends else len(text)))
    return out


def look_back_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` about the previous period or dropped commitments:
    look-back sections and the sentences that announce that a promise ends
    ("Löftet om … utgår")."""
    return _sections(text) + sentences_around(_ENDED, text)
