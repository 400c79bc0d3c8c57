"""The question bank (``data/fragebank.toml``): common trygghetsmätning questions in
our own easy-to-read words, with the answers that count as a problem."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BANK_FILE = Path(__file__).resolve().parent.parent / "data" / "fragebank.toml"

#: Background questions: optional, asked last, never more detailed than this.
GENDERS = [("kvinnor", "Kvinna"), ("man", "Man"), ("annat", "Annat")]
AGE_GROUPS = [
    ("16-24", "16–24 år"),
    ("25-44", "25–44 år"),
    ("45-64", "45–64 år"),
    ("65-", "65 år eller äldre"),
]

#: Reasons a resident may give for an unsafe place in a digital walk.
WALK_REASONS = [
    ("belysning", "Dålig belysning"),
    ("skymd_sikt", "Skymd sikt, buskar eller murar"),
    ("folksamlingar", "Folksamlingar eller bråk"),
    ("skadegorelse", "Skadegörelse eller klotter"),
    ("nedskrapning", "Skräp"),
    ("trafik", "Farlig trafik"),
    ("ode", "Öde, inga människor"),
    ("annat", "Annat"),
]


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
