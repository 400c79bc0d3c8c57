"""The question bank (``data/fragebank.toml``): common trygghetsmätning questions in
our own easy-to-read words, with the answers that count as a problem."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

BANK_FILE = Path(__file__).resolve().parent.parent / "data" / "fragebank.toml"

#: Background questions: optional, asked last, never more detailed than this.
GENDERS = [("kvinnor", _("Kvinna")), ("man", _("Man")), ("annat", _("Annat"))]
AGE_GROUPS = [
    ("16-24", _("16–24 år")),
    ("25-44", _("25–44 år")),
    ("45-64", _("45–64 år")),
    ("65-", _("65 år eller äldre")),
]

#: Reasons a resident may give for an unsafe place in a digital walk.
WALK_REASONS = [
    ("belysning", _("Dålig belysning")),
    ("skymd_sikt", _("Skymd sikt, buskar eller murar")),
    ("folksamlingar", _("Folksamlingar eller bråk")),
    ("skadegorelse", _("Skadegörelse eller klotter")),
    ("nedskrapning", _("Skräp")),
    ("trafik", _("Farlig trafik")),
    ("ode", _("Öde, inga människor")),
    ("annat", _("Annat")),
]


def bank_text(text: str, *, from_bank: bool) -> str:
    """A bank question's text, option or help in the reader's language (the bank's
    Swedish words are msgids); a question the kommun wrote itself stays as written."""
    return gettext(text) if from_bank and text else text


@dataclass(frozen=True)
class BankQuestion:
    key: str
    text: str
    options: list[list[str]]
    problem: list[str]
    indicator: str = ""
    help: str = ""


@cache
def bank() -> dict[str, BankQuestion]:
    """Key → question, in the file's order."""
    with BANK_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    return {
        row["key"]: BankQuestion(
            key=row["key"],
            text=row["text"],
            options=[list(o) for o in row["options"]],
            problem=list(row.get("problem", [])),
            indicator=row.get("indicator", ""),
            help=row.get("help", ""),
        )
        for row in data["question"]
    }
