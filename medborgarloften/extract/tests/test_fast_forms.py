"""Expressions rewritten for speed must match exactly what their plain forms match."""

from __future__ import annotations

import functools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarloften.extract.document import parties

PAIRS = [
    (parties._CAP_WORD, re.compile(r"(?<![\w-])[A-ZÅÄÖÉ][\w-]*")),
]


@settings(max_examples=500)
@given(st.text(alphabet="aÅBé- .\nÉx9_/Ö", max_size=40))
def test_fast_forms_equal_plain_forms(text):
    for fast, plain in PAIRS:
        assert [m.span() for m in fast.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], (plain.pattern, text)


# Pieces of numbers, number words and facility names, and the characters around them
# that the look-behinds and look-aheads test (an invented vocabulary, not corpus text).
_PIECES = [
    "tjugo", "fem", "Tre", "ETT", "en", "ena", "nittio", "åtta", "ÅTTIO", "ſex",
    "twelve", "Hundra", "1", "12", "000", "2025", " ", "\u00a0", "-", "–", "till",
    "(4)", ":", "/", ".", ",", "%", "x", "a", "s", "İ", "K", "\t", "\n", "_",
    "fritidsgården", "Badplatsen", "förskolan", "Ekby", "Norr", "Å", "é",
]  # fmt: skip


@settings(max_examples=800)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_opening_class_forms_equal_plain_forms(text):
    from medborgarloften.extract import places, target_patterns

    for fast, plain in (
        (target_patterns._QTY_RE, target_patterns._QTY_PLAIN),
        (places._NOUN_NAME_RE, places._NOUN_NAME_PLAIN),
    ):
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)
        ], (plain.pattern, text)


def test_opening_class_forms_on_examples():
    from medborgarloften.extract import places, target_patterns

    text = (
        "Vi håller tjugofem möten, 1 000 samtal och tre–fyra (4) vandringar; "
        "ETT besök per år, x12 och 3/4 räknas inte. Fritidsgården Ankaret och "
        "badplatsen Sandvik Norra, men inte ungdomsgårdenEkby."
    )
    for fast, plain in (
        (target_patterns._QTY_RE, target_patterns._QTY_PLAIN),
        (places._NOUN_NAME_RE, places._NOUN_NAME_PLAIN),
    ):
        found = [(m.span(), m.groups()) for m in fast.finditer(text)]
        assert found and found == [(m.span(), m.groups()) for m in plain.finditer(text)]


_HEADING_PIECES = [
    "uppföljning", "Medborgarlöfte", "medborgarlöftet", "lägesbild", "bakgrund",
    "aktiviteter", "insatser", "genom att", "följer upp", "fokusområden",
    "prioriterade", "vi", "lovar", "våra", "och", ":", " ", "\n", "1. ", "so",
    "det här gör vi redan", "tidigare löften", "syfte", "x",
]  # fmt: skip
_SECTION_KEYS = (
    "promise",
    "excluded",
    "activity_leadin",
    "focus_leadin",
    "focus_heading",
)


@functools.cache
def _section_pairs():
    from medborgarloften.extract.commitments import patterns

    return [(patterns.SectionCue(key), patterns._compile(key)) for key in _SECTION_KEYS]


@settings(max_examples=600)
@given(st.lists(st.sampled_from(_HEADING_PIECES), max_size=8).map("".join))
def test_section_cues_equal_their_one_alternation(text):
    for cue, plain in _section_pairs():
        for sample in (text, text.casefold()):
            assert cue.search(sample) == bool(plain.search(sample)), (cue.key, sample)


def test_section_cues_on_examples():
    from medborgarloften.extract.commitments import patterns

    examples = [
        "uppföljning och utvärdering",
        "så här följer vi upp löftet",
        "våra medborgarlöften 2031",
        "aktiviteter vi genomför under året:",
        "lägesbild och medborgarlöfte",
        "prioriterade områden",
        "ekby simhall",
    ]
    for cue, plain in _section_pairs():
        assert [cue.search(e) for e in examples] == [
            bool(plain.search(e)) for e in examples
        ]
    assert patterns.EXCLUDED_HEADING.search("uppföljning och utvärdering")
    assert patterns.PROMISE_HEADING.search("våra medborgarlöften 2031")


_PASSIVE_PIECES = [
    "görs", "Hålls", "anordnas", "genomförs", "GES", "ges", "gesäll", "två",
    "kontroller", "under", "juni", " ", "  ", "\n", ",", ".", ";", ":", "x", "İ",
]  # fmt: skip


@settings(max_examples=600)
@given(st.lists(st.sampled_from(_PASSIVE_PIECES), max_size=12).map("".join))
def test_front_passive_grouped_equals_plain(text):
    from medborgarloften.extract.commitments import patterns as sentences

    fast = sentences._FRONT_PASSIVE.match(text)
    plain = sentences._FRONT_PASSIVE_PLAIN.match(text)
    assert (fast and fast.span()) == (plain and plain.span()), text


@settings(max_examples=600)
@given(st.text(alphabet="#*_> \t\x0c\u2028\u00a0aB.", max_size=16))
def test_title_unmarked_equals_markup_expression(line):
    from medborgarloften.extract.document import title

    lead = title._MARKUP.match(line)
    assert title._unmarked(line) == (
        lead.end() if lead else 0,
        title._MARKUP.sub("", line),
    ), line


@settings(max_examples=600)
@given(st.text(alphabet=".!? \n\tAÅÖab", max_size=20))
def test_first_sentence_equals_the_split(text):
    from medborgarloften.extract.commitments.responsible import first_sentence

    plain = re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", text, maxsplit=1)[0]
    assert first_sentence(text) == plain, text


def test_first_sentence_on_examples():
    from medborgarloften.extract.commitments.responsible import first_sentence

    assert first_sentence("Polisen ska patrullera. Kommunen bjuder in.") == (
        "Polisen ska patrullera."
    )
    assert first_sentence("Vi ska ses kl. 18 i Ekby!  Åsen får besök.") == (
        "Vi ska ses kl. 18 i Ekby!"
    )
    assert first_sentence("Inget slut här.") == "Inget slut här."


# Pieces of responsibility labels in odd cases, with the characters ``re`` folds
# ("ſ" is an "s" to it): ``stated_parties`` scans only texts with "(" or "ansvar".
_LABEL_PIECES = [
    "Ansvar", "ANSVARIG", "anſvariga", "aNsVaR", ":", " ", "(", ")", "polisen",
    "Kommunen", "och", ",", ".", "Ekby", "\n", "ansvarar", "x",
]  # fmt: skip


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_LABEL_PIECES), max_size=12).map("".join))
def test_a_stated_party_label_holds_its_gate_literals(text):
    from medborgarloften.extract.party_labels import _STATED_RE
    from medborgarloften.extract.prefilter import fold

    if _STATED_RE.search(text):
        assert "(" in text or "ansvar" in fold(text), text


def test_a_stated_party_is_found_behind_its_gate():
    from medborgarloften.extract.party_labels import stated_parties

    found = stated_parties("Vi städar parken. ANſVARIG: kommunen")
    assert found is not None and found.parties == frozenset({"kommun"})
    assert stated_parties("Polisen patrullerar i Ekby.") is None
