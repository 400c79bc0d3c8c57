"""Load the lexicon data files of the document-level rules once, at import time.

Lexicons are data with a provenance header (STYLE rule 17), not code; this module
only reads them and compiles them into regular expressions.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from ..prefilter import Prefiltered, prefiltered

LEXICONS = Path(__file__).resolve().parent.parent / "lexicons"


def nfc(text: str) -> str:
    """Normalise to NFC so that å/ä/ö written as combining marks still match."""
    return unicodedata.normalize("NFC", text)


@cache
def load_toml(name: str) -> dict[str, Any]:
    """Read ``lexicons/<name>`` as TOML."""
    with (LEXICONS / name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def kommun_names() -> tuple[str, ...]:
    """The 290 kommun names of ``lexicons/kommuner.txt``, longest first."""
    lines = (LEXICONS / "kommuner.txt").read_text(encoding="utf-8").splitlines()
    names = {nfc(x.strip()) for x in lines if x.strip() and not x.startswith("#")}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def alternation(patterns: list[str]) -> str:
    """Join regular-expression fragments into one non-capturing alternation."""
    return "(?:" + "|".join(patterns) + ")"


_INFIX = r"[\w-]*"


def word_start_regex(patterns: list[str]) -> re.Pattern[str] | Prefiltered:
    """Compile fragments that must start at a word boundary, case-insensitively.

    A fragment written ``[\\w-]*stem`` may start anywhere inside a word; it is
    compiled as a plain ``stem`` search (same matches, no per-word backtracking).
    """
    infix = [p[len(_INFIX) :] for p in patterns if p.startswith(_INFIX)]
    start = [p for p in patterns if not p.startswith(_INFIX)]
    parts = []
    if start:
        parts.append(r"(?<![\w])" + alternation(start))
    if infix:
        parts.append(alternation(infix))
    return prefiltered(re.compile("|".join(parts) or "(?!)", re.IGNORECASE))


# What heads no group of commitments: an all-capitals label ("TJÄNSTESKRIVELSE", but
# not a numbered promise's title "LÖFTE 2: UNGA OCH ALKOHOL"), a
# line that dates something ("Gäller: 1 januari 2021 – 31 december 2022") or a
# table's header row (cells set apart by a wide gap).
NOT_A_TOPIC = re.compile(
    r"\A(?!(?i:löfte|område|fokusområde|tema)\s+\d)[\W\dA-ZÅÄÖÉ]+\Z|"
    r"\b\d{1,2}\s+(?i:januari|februari|mars|april|maj|juni|"
    r"juli|augusti|september|oktober|november|december)\s+\d{4}\b|"
    r"\b\d{4}-\d{2}-\d{2}\b|\S(?:[ ]{3,}|[ ]*\t[ \t]*)\S|"
    # a legend of abbreviations ("P = Polisen, K = Ekby kommun")
    r"\b[A-ZÅÄÖ]{1,3}\s*=\s*[^,;=\n]+[,;]\s*[A-ZÅÄÖ]{1,3}\s*="
)
