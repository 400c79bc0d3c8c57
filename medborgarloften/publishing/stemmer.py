"""A Swedish stemmer: the Snowball algorithm for Swedish, written out in Python.

Why here: SQLite's FTS5 has no Swedish stemmer, and PostgreSQL's ``swedish`` text-search
configuration uses this same Snowball algorithm, so stemming in Python before indexing
and querying makes the SQLite fallback find what PostgreSQL finds
("trygghetsvandringar" → "trygghetsvandring"). Algorithm:
https://snowballstem.org/algorithms/swedish/stemmer.html — no Django import here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_VOWELS = frozenset("aeiouyäåö")
_S_ENDING = frozenset("bcdfghjklmnoprtvy")
# Longest first, so the first match is the longest suffix.
_STEP1_TEXT = (
    "a arna erna heterna orna ad e ade ande arne are aste en anden aren heten "
    "ern ar er heter or as arnas ernas ornas es ades andes ens arens hetens "
    "erns at andet het ast"
)  # the algorithm's list, as the specification prints it
_STEP1 = sorted(
    _STEP1_TEXT.split(),
    key=len,
    reverse=True,
)
_STEP2 = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")
_WORD = re.compile(r"\w+", re.UNICODE)


def _r1(word: str) -> int:
    """Start of region R1: after the first non-vowel following a vowel, at least 3."""
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return max(i + 1, 3)
    return len(word)


# A pure function of one word, called for every word of every search snippet: the
# words of the promises' texts repeat, so a memo saves most of the search page's
# stemming (issue #20 item 1).
@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball Swedish stem of one lower-case word."""
    word = unicodedata.normalize("NFC", word).casefold()
    r1 = _r1(word)
    # Step 1: main suffixes.
    for suffix in _STEP1:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)]
            break
    else:
        if (
            word.endswith("s")
            and len(word) - 1 >= r1
            and len(word) >= 2
            and word[-2] in _S_ENDING
        ):
            word = word[:-1]
    # Step 2: undouble consonant endings.
    if any(word.endswith(e) and len(word) - 2 >= r1 for e in _STEP2):
        word = word[:-1]
    # Step 3: derivational suffixes.
    if (word.endswith("fullt") and len(word) - 5 >= r1) or (
        word.endswith("löst") and len(word) - 4 >= r1
    ):
        word = word[:-1]
    else:
        for suffix in ("lig", "els", "ig"):
            if word.endswith(suffix) and len(word) - len(suffix) >= r1:
                word = word[: -len(suffix)]
                break
    return word


def words(text: str) -> list[str]:
    """The words of a text, NFC-normalised and case-folded (å, ä, ö kept)."""
    return _WORD.findall(unicodedata.normalize("NFC", text or "").casefold())


def stem_text(text: str) -> str:
    """A text as its space-separated stems: what the SQLite index stores."""
    return " ".join(stem(w) for w in words(text))
