"""Sentences that say who signed: "Löftet har undertecknats av …" (the names after
the signing verb) and "Anna Berg, kommunchef, och Per Ås … undertecknade …" (the
names in its subject), and the role written beside a name elsewhere in the text.

SCHEMA: a signatory named in running text counts only when the text says
explicitly that they signed; ``title`` is kept as written.
"""

from __future__ import annotations

import re

from ..parties import canonical_kommun
from ..prefilter import prefiltered
from ._lex import load_toml, word_start_regex
from ._person import (
    LOWER,
    NAME_IN_TEXT,
    PARTY_TAG,
    TITLE_RX,
    UPPER,
    Signatory,
    is_org,
    is_title,
    plain_name,
)

_LEX = load_toml("signatures.toml")
_SIGNING_RX = word_start_regex(_LEX["signing"])


# A title whose complement is capitalised: "Chair of the Municipal Executive Board".
def statement_signatories(text: str) -> list[Signatory]:
    found: list[Signatory] = []
    for cue in _SIGNING_RX.finditer(text):
        end_m = re.compile(r"\.(?:\s|$)|\n").search(text, cue.end())
        stop = end_m.start() if end_m else len(text)
        segment_start = cue.end()
        items: list[tuple[str, int]] = []
        pos = segment_start
        for sep in re.finditer(r",\s*|\s+(?:och|and)\s+", text[segment_start:stop]):
            items.append((text[pos : segment_start + sep.start()], pos))
            pos = segment_start + sep.end()
        items.append((text[pos:stop], pos))
        for idx, (item, off) in enumerate(items):
            names = [
                m for m in NAME_IN_TEXT.finditer(item) if plain_name(m.group("name"))
            ]
            if not names:
                continue
            m = _after_kommun(item, names[0]) or names[0]
            if _ROLE_OF.search(item, 0, m.start()):
                continue  # "regionchef på Ekby Trafik AB": the role's organisation
            # "den 9 mars av kommunchef Ida Ek": the role is what follows "av"
            prefix = re.split(r"(?<!\S)av\s+", item[: m.start()])[-1].strip()
            title: str | None = None
            org: str | None = None
            if prefix and TITLE_RX.search(prefix) and len(prefix.split()) <= 4:
                title = prefix
            elif idx + 1 < len(items):
                nxt = items[idx + 1][0].strip()
                name_in_next = NAME_IN_TEXT.search(nxt)
                if (
                    nxt
                    and (
                        name_in_next is None
                        or _ROLE_OF.search(nxt, 0, name_in_next.start())
                    )
                    and TITLE_RX.search(nxt)
                ):
                    title = nxt
            found.append(_signatory(m, off, title, org, "signatory.statement"))
    return found


def _after_kommun(item: str, m: re.Match[str]) -> re.Match[str] | None:
    """The person after a role that ends in its kommun's name ("kommunstyrelsens
    ordförande i Flen Sara Molin": the title "… i Flen", the name "Sara Molin")."""
    words = m.group("name").split()
    if len(words) < 3 or not canonical_kommun(words[0]):
        return None
    if not _ROLE_IN.search(item, 0, m.start()):
        return None
    inner = NAME_IN_TEXT.match(item, item.index(words[1], m.start() + len(words[0])))
    return inner if inner is not None and plain_name(inner.group("name")) else None


_ROLE_IN = re.compile(rf"[{LOWER}]\s+(?:i|för)\s+$")


# A lowercase role and a preposition right before a name: the name is the role's
# organisation ("regionchef på Ekby Trafik AB", "vd för Ekbyhem").
# What stands before a name that is the role's organisation, not a person:
# "regionchef på Ekby Trafik AB", "Chair of the Municipal Executive Board".
_ROLE_OF = re.compile(
    rf"^\s*(?:[{LOWER}][\w-]*(?:\s+[{LOWER}][\w-]*){{0,3}}\s+(?:på|för|hos|vid|i)\s+"
    r"|(?i:\w+\s+of(?:\s+the)?)\s*)$"
)


_SIGNING_ACTIVE_RX = prefiltered(
    re.compile(r"(?<![\w-])(?:" + "|".join(_LEX["signing_active"]) + ")", re.IGNORECASE)
)
_SENTENCE_START = re.compile(r"(?:[.!?:]\s+|\n)")
# "Name (S)" party tags, ", title," appositions and a title before the name.
_ITEM_SPLIT = re.compile(r",\s*|\s+och\s+|\s+samt\s+")


_TITLE_WORD = re.compile(rf"[{UPPER}][{LOWER}]+[ \t]+")


def _person_in(item: str) -> re.Match[str] | None:
    """The first person's name in ``item``, a leading title word left out
    ("Kommunchef Ralf Ek" → "Ralf Ek")."""
    for m in NAME_IN_TEXT.finditer(item):
        name = m.group("name")
        lead = _TITLE_WORD.match(name)
        if lead and TITLE_RX.search(lead.group(0)) and len(name.split()) >= 3:
            inner = NAME_IN_TEXT.match(item, m.start() + lead.end())
            if inner and plain_name(inner.group("name")):
                return inner
        if plain_name(name) and not TITLE_RX.search(name.split()[0]):
            return m
    return None


def subject_signatories(text: str) -> list[Signatory]:
    """Names in the subject of an active signing verb, with the title beside them.

    "Kommunchef Ralf Ek och Lisa Holm, chef för lokalpolisområde Ås, undertecknade
    …" gives Ralf Ek (Kommunchef) and Lisa Holm (chef för lokalpolisområde Ås).
    """
    found: list[Signatory] = []
    for cue in _SIGNING_ACTIVE_RX.finditer(text):
        starts = [m.end() for m in _SENTENCE_START.finditer(text, 0, cue.start())]
        start = max([0, *starts])
        if cue.start() - start > 300:
            continue
        items: list[tuple[str, int]] = []
        pos = start
        for sep in _ITEM_SPLIT.finditer(text, start, cue.start()):
            items.append((text[pos : sep.start()], pos))
            pos = sep.end()
        items.append((text[pos : cue.start()], pos))
        for idx, (item, off) in enumerate(items):
            m = _person_in(item)
            if m is None:
                continue
            prefix = item[: m.start()].strip()
            title: str | None = None
            if prefix and TITLE_RX.search(prefix) and len(prefix.split()) <= 4:
                title = prefix
            elif idx + 1 < len(items) and _person_in(items[idx + 1][0]) is None:
                nxt = PARTY_TAG.sub("", items[idx + 1][0]).strip()
                if nxt and TITLE_RX.search(nxt):
                    title = nxt
            if title is None:
                rest = PARTY_TAG.sub("", item[m.end() :]).strip()
                if rest and TITLE_RX.search(rest):
                    title = rest
            if title is None and not TITLE_RX.search(item[m.end() :]):
                continue  # a name without a role is not clearly a signatory
            title = title or PARTY_TAG.sub("", item[m.end() :]).strip() or None
            found.append(_signatory(m, off, title, None, "signatory.subject"))
    return found


def _signatory(
    m: re.Match[str], off: int, title: str | None, org: str | None, rule: str
) -> Signatory:
    """The signatory named by ``m`` (in an item starting at ``off``); a title "X i
    Y" whose Y is an organisation ("kommunchef i Norbergs kommun") is split."""
    split = re.match(r"(?P<title>.+?)\s+i\s+(?P<org>.+)$", title or "")
    if split and is_org(split.group("org")):
        title, org = split.group("title"), split.group("org").strip()
    start = off + m.start()
    return Signatory(
        m.group("name"), title, org, (start, start + len(m.group("name"))), rule
    )


def apposition_title(text: str, name: str) -> str | None:
    """The role written beside ``name`` elsewhere in the text, as an apposition
    ("…, säger Anna Berg, chef för lokalpolisområde Ekby."), for a signatory whose
    signing sentence names no role; None unless exactly one role is written."""
    rx = re.compile(
        rf"(?<![\w-]){re.escape(name)}(?:[ \t]*\([A-ZÅÄÖ]{{1,3}}\))?,[ \t]*"
        r"(?P<title>[^,.;:!?()\n]+?)[ \t]*(?=[,.;:!?\n]|$)"
    )
    titles = {
        m.group("title").strip()
        for m in rx.finditer(text)
        if is_title(m.group("title")) and not NAME_IN_TEXT.search(m.group("title"))
    }
    return titles.pop() if len(titles) == 1 else None
