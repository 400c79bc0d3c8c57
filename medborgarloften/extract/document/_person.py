"""People in a signature: what a name, a title and an organisation look like, and
the signatory record (shared by signature blocks and signing statements)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..prefilter import prefiltered
from ._lex import load_toml

_LEX = load_toml("signatures.toml")
TITLE_RX = prefiltered(re.compile("|".join(_LEX["titles"]), re.IGNORECASE))
_NOT_NAME = frozenset(w.casefold() for w in _LEX["not_name_words"])

UPPER = "A-ZÅÄÖÉÜ"
LOWER = "a-zåäöéüæøáàèëíóú"
NAME_WORD = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
_PARTICLE = r"(?:af|von|van|de|der|la|di)"
_NAME_SEQ = rf"{NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{NAME_WORD}){{1,3}}"
_NAME_CELL = re.compile(rf"(?P<name>{_NAME_SEQ})(?:[ \t]*\([A-ZÅÄÖ]{{1,3}}\))?")
NAME_IN_TEXT = re.compile(rf"(?<![\w-])(?P<name>{_NAME_SEQ})(?![\w-])")
PARTY_TAG = re.compile(r"\s*\([A-ZÅÄÖ]{1,3}\)\s*$")
_ORG_RX = prefiltered(
    re.compile(
        r"\bkommun\b|\bkommuns?\b|\bstad\b|polis|\blpo\b|lokalpolisområde|region\b|\bab\b",
        re.IGNORECASE,
    )
)


@dataclass(frozen=True)
class Signatory:
    """One signatory with the span of the name and the rule that found it."""

    name: str
    title: str | None
    organisation: str | None
    span: tuple[int, int]
    rule: str

    def as_record(self) -> dict[str, str | None]:
        """The SCHEMA signatory object."""
        return {
            "name": self.name,
            "title": self.title,
            "organisation": self.organisation,
        }


def is_name(cell: str) -> re.Match[str] | None:
    """The whole cell as a person's name ("Anna Berg", "Per Ås (S)"), else None."""
    m = _NAME_CELL.fullmatch(cell.strip())
    if not m:
        return None
    words = [w.casefold() for w in re.split(r"[\s-]+", m.group("name"))]
    if any(w in _NOT_NAME or TITLE_RX.search(w) for w in words):
        return None
    return m


def plain_name(raw: str) -> bool:
    """No word of ``raw`` shows it is not a person (a kommun, a label)."""
    words = [w.casefold() for w in re.split(r"[\s-]+", raw)]
    return not any(w in _NOT_NAME for w in words)


def is_title(cell: str) -> bool:
    """A short role line ("Kommunstyrelsens ordförande"), not a name or a sentence."""
    cell = cell.strip()
    if not cell or len(cell.split()) > 8 or is_name(cell) or cell.endswith((".", ":")):
        return False
    if re.search(r"\s+och\s+", cell) and any(
        plain_name(m.group("name")) for m in NAME_IN_TEXT.finditer(cell)
    ):
        return False  # "lokalpolisområdeschef och Per Ås": a second person follows
    return bool(TITLE_RX.search(cell))


def is_org(cell: str) -> bool:
    """A short organisation line ("Ekby kommun", "Lpo Ekby", "Ekbybostäder AB")."""
    cell = cell.strip()
    return bool(cell) and len(cell.split()) <= 6 and bool(_ORG_RX.search(cell))
