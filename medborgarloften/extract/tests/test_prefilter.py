"""The literal prefilter may let a text through needlessly, never hold back a match."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medborgarloften.extract as extract_pkg
from medborgarloften.extract.prefilter import (
    Prefiltered,
    fold,
    prefiltered,
    required_literals,
)


def _all_prefiltered() -> list[tuple[str, Prefiltered]]:
    """Every Prefiltered expression the extractor builds at import time."""
    found: dict[int, tuple[str, Prefiltered]] = {}
    for info in pkgutil.walk_packages(extract_pkg.__path__, "medborgarloften.extract."):
        if ".tests" in info.name:
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            candidates = [value]
            if isinstance(value, list | tuple):
                candidates = [
                    part
                    for item in value
                    for part in (item if isinstance(item, tuple) else (item,))
                ]
                candidates += [
                    getattr(item, "regex", None)
                    for item in value
                    if not isinstance(item, tuple)
                ]
            for cand in candidates:
                if isinstance(cand, Prefiltered):
                    found[id(cand)] = (f"{info.name}.{name}", cand)
    return list(found.values())


PREFILTERED = _all_prefiltered()


def test_the_extractor_uses_prefilters():
    names = {name for name, _ in PREFILTERED}
    # themes, rates, section headings, follow-up cues and the document lexicons
    assert any(n.endswith("topics._THEMES") for n in names)
    assert any(n.endswith("targets.RATES") for n in names)
    assert any(n.endswith("followup.FOLLOW_UP_CUE") for n in names)
    assert len(PREFILTERED) >= 30


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<![\w])(?:[\w-]*narkotik|drog|andts?\b)", ("andt", "drog", "narkotik")),
        (r"\bvarje\s+(?:vår|höst)\b", ("varje",)),
        (r"(?:per|/)\s*(?:år|året)\b|\b(?:gång|gånger)\s+i", ("gång", "år")),
        (r"Trygghets(?:vandring|mätning)", ("trygghets",)),
        (r"(?:ab)+c", ("ab",)),
        (r"\d+", None),
        (r"(?:x)?y?", None),
        (r"foo|\w+", None),
    ],
)
def test_required_literals(pattern, expected):
    assert required_literals(re.compile(pattern, re.IGNORECASE)) == expected


def test_no_literal_means_the_plain_pattern_is_kept():
    rx = re.compile(r"\d{4}")
    assert prefiltered(rx) is rx
    wrapped = prefiltered(re.compile("polisen", re.IGNORECASE))
    assert isinstance(wrapped, Prefiltered)
    assert wrapped.pattern == "polisen"  # other attributes are the pattern's own


def test_search_match_and_finditer_behave_like_the_pattern():
    rx = prefiltered(re.compile(r"\bmedborgarlöfte\w*", re.IGNORECASE))
    text = "Det nya MEDBORGARLÖFTET gäller 2025. Medborgarlöften följs upp."
    assert rx.search(text).group(0) == "MEDBORGARLÖFTET"
    assert rx.search(text, 20).group(0) == "Medborgarlöften"
    assert rx.match(text) is None
    assert rx.match(text, 8).group(0) == "MEDBORGARLÖFTET"
    assert [m.group(0) for m in rx.finditer(text, folded=fold(text))] == [
        "MEDBORGARLÖFTET",
        "Medborgarlöften",
    ]
    assert rx.search("Polisen ska patrullera.") is None
    assert list(rx.finditer("inget här")) == []


def test_fold_merges_what_ignorecase_treats_as_equal():
    # long s, Kelvin sign, dotted capital I and final sigma match their plain forms
    assert re.search("skola", "ſkola", re.IGNORECASE)
    assert "skola" in fold("ſkola")
    assert "k" in fold("\u212a")
    assert "istad" in fold("İstad")
    assert fold("ΣΑΣ") == fold("σας")
    rx = prefiltered(re.compile("skolan", re.IGNORECASE))
    assert rx.search("vid ſKOLAN i byn")


# Words from the extractor's own vocabulary, in odd cases and with the characters
# that case folding treats specially, so that the prefilter's soundness is put to
# the test where it could fail.
_WORDS = [
    "polisen",
    "kommunen",
    "ska",
    "varje",
    "vecka",
    "per år",
    "två gånger per termin",
    "trygghetsvandring",
    "uppföljning",
    "redovisas",
    "narkotika",
    "medborgarlöfte",
    "ſ",
    "\u212a",
    "İ",
    "ς",
    "Σ",
    "µ",
    "-",
    "/",
    "\n",
    " ",
    "2025",
    "Oxhagen",
]


def _cased(word: str, flips: list[bool]) -> str:
    return "".join(
        ch.upper() if flip else ch
        for ch, flip in zip(word, flips + [False] * len(word), strict=False)
    )


texts = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.lists(st.booleans(), max_size=12)),
    max_size=25,
).map(lambda parts: " ".join(_cased(w, f) for w, f in parts)) | st.text(max_size=200)


@settings(max_examples=300)
@given(text=texts)
def test_prefilter_never_hides_a_match(text):
    folded = fold(text)
    for name, rx in PREFILTERED:
        if rx.regex.search(text):
            assert rx.may_match(folded), (name, text, rx.literals)
            assert rx.search(text) is not None


def test_a_window_is_searched_for_its_literals_only():
    # "platser" stands before the window, so the window cannot match: no scan at all
    rx = prefiltered(re.compile(r"(?<![\w-])(?i:platser|skolor)\s*$"))
    assert isinstance(rx, Prefiltered)
    text = "Platser i kommunen (punkt 3)"
    assert rx.search(text, 0, 7).group(0) == "Platser"
    assert rx.search(text, 8, 19) is None
    assert rx.search(text, -5, 7).group(0) == "Platser"  # as re: a negative pos is 0
    assert rx.search(text, 0, -1) is None
    assert rx.match(text, 0, 7) is not None and rx.match(text, 1) is None


@settings(max_examples=200)
@given(text=texts, data=st.data())
def test_a_window_gives_what_the_pattern_gives(text, data):
    pos = data.draw(st.integers(-3, len(text) + 3))
    endpos = data.draw(st.integers(-3, len(text) + 3))
    folded = fold(text)
    for name, rx in PREFILTERED:
        for span in ((pos,), (pos, endpos)):
            want = rx.regex.search(text, *span)
            got = rx.search(text, *span, folded=folded)
            assert (got and got.span()) == (want and want.span()), (name, text, span)
            got = rx.search(text, *span)
            assert (got and got.span()) == (want and want.span()), (name, text, span)
            want = rx.regex.match(text, *span)
            got = rx.match(text, *span)
            assert (got and got.span()) == (want and want.span()), (name, text, span)
            want_all = [m.span() for m in rx.regex.finditer(text, *span)]
            assert [m.span() for m in rx.finditer(text, *span)] == want_all, name


@settings(max_examples=200)
@given(text=texts, data=st.data())
def test_a_window_from_the_start_reads_as_the_cut_text(text, data):
    # ``_find_quantity`` asks of the text before a number with ``endpos``
    from medborgarloften.extract.target_patterns import _EXCLUDE_BEFORE

    end = data.draw(st.integers(0, len(text)))
    text = text + " åk 5"[: data.draw(st.integers(0, 5))]
    cut = _EXCLUDE_BEFORE.regex.search(text[:end])
    got = _EXCLUDE_BEFORE.search(text, 0, end)
    assert (got and got.span()) == (cut and cut.span()), (text, end)
