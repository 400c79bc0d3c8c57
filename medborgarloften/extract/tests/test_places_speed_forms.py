"""The fast form of the place expression gives the same matches as the full one.

``places._PREP_NAME_NO_LIST_RE`` leaves out the list-noun alternative of
``_PREP_NAME_RE`` ("platser såsom X"), which can only match with one of its cue
words; ``find_places`` uses it for texts without a cue. These property tests hold
the two equal on such texts (genre-shaped and arbitrary).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarloften.extract import places
from medborgarloften.extract.prefilter import case_forms

WORDS = [
    "i", "på", "vid", "kring", "längs", "mellan", "området", "stadsdelen", "Norrby",
    "Ekby", "centrum", "Västra", "Torget", "och", "samt", ",", "platser", "orter",
    "skolorna", "områden", "bland", "annat", "t.ex.", "såsom", "exempelvis",
    "Storgatan", "12", "Öster", "parken", "Lindens", "skola", "\n", "  ", "-", "Å",
    "inklusive", "byar", "Ekbyskolan", "främst",
]  # fmt: skip


def same(text: str) -> None:
    if places._LIST_CUE.search(text):
        return
    full = [(m.span(), m.group(1)) for m in places._PREP_NAME_RE.finditer(text)]
    fast = [(m.span(), m.group(1)) for m in places._PREP_NAME_NO_LIST_RE.finditer(text)]
    assert full == fast


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_it_matches_the_full_expression_on_genre_text_without_a_cue(words):
    same(" ".join(words))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abiKkſsåÅpv ,.\n-NÖöt", max_size=80))
def test_it_matches_the_full_expression_on_arbitrary_text_without_a_cue(text):
    same(text)


def test_it_still_finds_places_listed_after_a_cue():
    found = places.find_places(
        "Vi besöker platser såsom Norrby och Ekbyskolan.", municipalities=["Ekby"]
    )
    assert [name for name, _ in found] == ["Norrby", "Ekbyskolan"]


CASE_WORDS = [
    "I", "İ", "ı", "INOM", "Inom", "PÅ", "Vid", "KRING", "\u212aring", "ſtadsdelen",
    "STADSDELEN", "OMRÅDET", "\u212bby", "Gällande", "nu", "de", "NU GÄLLANDE",
    "Mellan", "Bostadsområdena", "Norrby", "Ekby", "Torget", ",", "\n", "Å", "ab",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS + CASE_WORDS), max_size=40))
def test_its_alternations_grouped_by_first_letter_match_in_any_case(words):
    same(" ".join(words))


def test_the_first_letter_classes_hold_every_form_re_takes_for_the_letter():
    letters = "abcdefghijklmnopqrstuvwxyzåäöé"
    any_form = re.compile(f"[{letters}]", re.IGNORECASE)
    for code in range(0x110000):
        char = chr(code)
        if any_form.fullmatch(char):
            letter = next(x for x in letters if re.fullmatch(x, char, re.IGNORECASE))
            assert char in case_forms(letter), (hex(code), letter)


def same_with_cues(text: str) -> None:
    full = [(m.span(), m.group(1)) for m in places._PREP_NAME_RE.finditer(text)]
    split = [(m.span(), m.group(1)) for m in places.prep_name_matches(text)]
    assert full == split


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS + CASE_WORDS), max_size=50))
def test_its_split_scan_matches_the_full_expression_with_cues(words):
    same_with_cues(" ".join(words))


LONG_WORDS = ["x" * 30, "Ekbyområdenas", "bostadsområdenaskolor", "mycket", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + LONG_WORDS), max_size=40))
def test_its_split_scan_finds_a_list_noun_far_before_its_cue(words):
    same_with_cues(" ".join(words))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abiKkſsåÅpv ,.\n-NÖötxemlpråd", max_size=120))
def test_its_split_scan_matches_on_arbitrary_text(text):
    same_with_cues(text + " såsom Ekby och Norrby")


def test_its_split_scan_tries_a_list_noun_at_the_edge_of_the_window():
    for n in (37, 38, 39, 40, 41):
        same_with_cues(f"Vi besöker platserna {'y' * n} såsom Norrby och i Ekby.")
    # Forty characters between the noun and its cue still count, forty-one do not.
    near = f"Otrygga platser {'y' * 38} såsom Norrby."
    far = f"Otrygga platser {'y' * 39} såsom Norrby."
    assert [m.group(1) for m in places.prep_name_matches(near)] == ["Norrby"]
    assert [m.group(1) for m in places.prep_name_matches(far)] == []
