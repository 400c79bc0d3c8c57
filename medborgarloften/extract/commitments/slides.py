"""Promises laid out as slides or posters: a party's name on a line of its own
("Polisen:") over the one short line of its promise, and the slide footer that
repeats on every page ("Medborgarlöfte 2031 | Ekby kommun | Polisen   3")."""

from __future__ import annotations

import re

from ..doccache import per_document
from ..parties import chain_at
from ..structure import Block
from .patterns import BULLET_OUTCOME, FOCUS_STATEMENT, _Candidate, _Context

# A page number closing a line: "… | 3", "… • Ekby   4 / 10", "…   7".
_PAGE_NUMBER = re.compile(
    r"[ \t]*(?:[|•·–-][ \t]*)?\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?[ \t]*$"
)
_FOOTER_REPEATS = 3


def _page_number(line: str) -> re.Match[str] | None:
    """``_PAGE_NUMBER.search(line)``, not run on a line whose end (a final newline
    and spaces or tabs aside) is no digit: every match ends so (``$`` stands at the
    end or before a final newline), and most lines end otherwise."""
    end = len(line) - 1 if line.endswith("\n") else len(line)
    while end and line[end - 1] in " \t":
        end -= 1
    if not end or not line[end - 1].isdecimal():  # ``\d`` is a decimal digit
        return None
    return _PAGE_NUMBER.search(line)


def label_parties(line: str) -> frozenset[str] | None:
    """The parties of a line that is nothing but their names and a colon
    ("Kommunen och Ekby Företagarförening:"), else None."""
    s = line.strip()
    if "\n" in s or not s.endswith(":"):
        return None
    label = s[:-1].strip()
    found = chain_at(label)
    if found is None or found[1] != len(label):
        return None
    parties = set(found[0])
    if "both" in parties:
        parties = (parties - {"both"}) | {"polis", "kommun"}
    return frozenset(parties)


def labelled_line(blocks: list[Block], idx: int, ctx: _Context) -> _Candidate | None:
    """The one short line right under a party's label line in the promise part
    ("Polisen:" / "Riktade insatser mot stölder vid 5 tillfällen"): that party's
    commitment, even without a verb (a slide's wording)."""
    if idx == 0 or not blocks[idx - 1].ends_with_colon:
        return None
    block = blocks[idx]
    line = block.text.strip()
    if (
        ctx.kind not in ("promise", "activity")
        or "\n" in line
        or line.endswith(":")
        or not 3 <= len(line.split()) <= 25
    ):
        return None
    parties = label_parties(blocks[idx - 1].text)
    if parties is None or FOCUS_STATEMENT.search(line) or BULLET_OUTCOME.search(line):
        return None
    start = block.start + (len(block.text) - len(block.text.lstrip()))
    return _Candidate(
        line,
        start,
        start + len(line),
        idx,
        "bullet",
        "line.under_party_label",
        parties,
        _Context("activity", parties),
    )


@per_document  # one count of the lines for every heading of the document
def footer_lines(text: str) -> frozenset[str]:
    """The lines that close with a page number and repeat, page number aside, at
    least three times: a slide deck's or a folder's running footer."""
    counts: dict[str, set[str]] = {}
    for line in text.splitlines():
        m = _page_number(line)
        if m is None or m.start() == 0:
            continue
        stem = line[: m.start()].strip()
        if len(stem.split()) >= 2:
            counts.setdefault(stem, set()).add(m.group(0).strip())
    return frozenset(s for s, pages in counts.items() if len(pages) >= _FOOTER_REPEATS)


def is_footer(line: str, text: str) -> bool:
    """``line`` is one of the running footers of the document ``text``."""
    m = _page_number(line)
    return m is not None and line[: m.start()].strip() in footer_lines(text)


# Words a heading in capitals writes in lower case when it is read as text.
_LOWER_WORDS = frozenset(
    [
        "och",
        "samt",
        "med",
        "i",
        "på",
        "för",
        "av",
        "till",
        "tillsammans",
        "gemensamt",
        "lovar",
        "ska",
        "att",
        "vi",
        "dig",
        "er",
        "som",
        "bor",
        "här",
        "det",
        "detta",
        "gör",
        "vad",
    ]
)
_CAPS_WORD = re.compile(r"[^\W\d_][\w-]*")


def recased(text: str) -> str:
    """A line written in capitals ("POLISEN, KOMMUNEN OCH EKBYHEM TILLSAMMANS") as
    its words are written in a sentence: names capitalised, small words in lower
    case; any other text (and a short acronym: "SSPF") as it is."""
    if not text.isupper() or sum(c.isalpha() for c in text) < 6:
        return text

    def word(m: re.Match[str]) -> str:
        low = m.group(0).lower()
        return low if low in _LOWER_WORDS else low.capitalize()

    return _CAPS_WORD.sub(word, text)
