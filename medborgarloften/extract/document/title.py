"""The document's own title: the heading that names the promise.

A published medborgarlöfte opens with its title ("Medborgarlöfte för Ekby kommun
2025", "Ekby – medborgarlöften", a news headline), but what comes first in the text
is often something else: a document label ("TJÄNSTESKRIVELSE"), a date or a
diarienummer, the author ("Handläggare"), a letterhead ("Kalmar kommun"), or a web
page's furniture ("Sök", "Meny", "Publicerad …"). The title is the first short,
heading-like line near the top that names the promise; failing that, the first
heading-like line that is none of the above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SOURCE = re.compile(r"[ \t]*#[ \t]*source:", re.IGNORECASE)
# A line that is all capitals, digits and punctuation is a document label.
_LABEL = re.compile(r"[\W\dA-ZÅÄÖÉÜ_]+")
# Page and letter furniture (general Swedish web and document conventions).
_FURNITURE = re.compile(
    r"^(?:datum|dnr|diarie\w*|ärende\w*|handläggare|telefon|tel\b|e-?post|"
    r"webb(?:plats)?|sida\b|sid\b|publicerad|uppdaterad|senast|sök\b|meny|"
    r"till\s+(?:toppen|startsidan|innehållet)|hoppa|dela\b|skriv\s+ut|lyssna|"
    r"javascript|cookies|kakor|startsida|du\s+är\s+här|kontakt|bild\b|foto\b|"
    r"förslag\s+till\s+beslut|beslut\b|bilaga|kommunstyrelsen\b|"
    r"kommunfullmäktige\b|nämnd\b|protokoll|tjänsteskrivelse|missiv)",
    re.IGNORECASE,
)
# A letterhead or an organisation named alone is not the title.
_ORGANISATION_ONLY = re.compile(
    r"^(?:(?-i:[A-ZÅÄÖ])[\w-]+\s+){0,3}(?:kommun|stad|region|polisen|polismyndigheten|"
    r"lokalpolisområde\s+[\w -]+|region\s+[\w -]+)$",
    re.IGNORECASE,
)
_PROMISE = re.compile(r"löfte", re.IGNORECASE)
_MARKUP = re.compile(r"^[#*_>\s]+|[*_\s]+$")
_HEAD_LINES = 30


@dataclass(frozen=True)
class Title:
    """The title as written (markup left out), its span and the rule that found it."""

    text: str
    span: tuple[int, int]
    rule: str


def _unmarked(line: str) -> tuple[int, str]:
    """The length of the markup that opens ``line`` and the line without markup at
    either end: ``_MARKUP.match(line)``'s end and ``_MARKUP.sub("", line)`` (for a
    line without a line break), without a scan of every character for the end."""
    i, j = 0, len(line)
    while i < j and (line[i] in "#*_>" or line[i].isspace()):
        i += 1
    while j > i and (line[j - 1] in "*_" or line[j - 1].isspace()):
        j -= 1
    return i, line[i:j]


def _candidates(text: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    pos = 0
    seen = 0
    for raw in text.splitlines(keepends=True):
        start, line = pos, raw.rstrip("\r\n")
        pos += len(raw)
        if not line.strip():
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        if _SOURCE.match(line):
            continue
        lead, body = _unmarked(line)
        body_start = start + lead
        if not body or len(body) > 140 or len(body.split()) > 16:
            continue
        if body[-1] in ".:;,!?" or not (body[0].isupper() or body[0].isdigit()):
            continue
        if _LABEL.fullmatch(body) or _FURNITURE.match(body):
            continue
        if _ORGANISATION_ONLY.match(body) or sum(c.isdigit() for c in body) * 2 > len(
            body
        ):
            continue
        out.append((body, body_start, body_start + len(body)))
    return out


def find_title(text: str) -> Title | None:
    """The document's title near its top, or None when nothing looks like one."""
    candidates = _candidates(text)
    for body, start, end in candidates:
        if _PROMISE.search(body):
            return Title(" ".join(body.split()), (start, end), "title.promise_heading")
    for body, start, end in candidates[:3]:
        if len(body.split()) >= 2:
            return Title(" ".join(body.split()), (start, end), "title.first_heading")
    return None
