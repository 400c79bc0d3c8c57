"""Speed-ups of round 10 (issue #14) give what the plain forms gave.

The place expression after a preposition or place noun is tried only where one of
its opening words starts, found once in the whole document; a commitment (a slice
of the document) takes the places inside it. The kommun names' folded forms are
made once per document.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarloften.extract import places
from medborgarloften.extract.doccache import new_document

WORDS = [
    "i", "I", "İ", "ı", "inom", "INOM", "på", "PÅ", "vid", "kring", "\u212aring",
    "längs", "mellan", "nu", "de", "gällande", "Gällande", "området", "OMRÅDET",
    "stadsdelen", "ſtadsdelen", "Bostadsområdena", "byn", "Norrby", "Ekby",
    "centrum", "Västra", "Torget", "och", "samt", ",", "platser", "såsom",
    "Storgatan", "12", "parken", "Lindens", "skola", "\n", "  ", "-", "Å", "ab",
    "Ekbyskolan", "framför", "allt", "både", "bland", "annat", "x-i", "pi", "_i",
]  # fmt: skip


def plain(text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group(1)) for m in places._PREP_NAME_RE.finditer(text)]


def fast(text: str, document: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group(1)) for m in places.prep_name_matches(text, document)]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=40),
    st.sampled_from([" ", "", "\n", ", "]),
    st.integers(0, 400),
    st.integers(0, 400),
)
def test_a_slice_of_the_document_gets_the_full_expressions_matches(words, glue, a, b):
    new_document()
    document = glue.join(words)
    a, b = sorted((min(a, len(document)), min(b, len(document))))
    text = document[a:b]
    assert fast(text, document) == plain(text)
    assert fast(document, document) == plain(document)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ipåvdeIİıKkſs ,.\n-NÖörtgl_", max_size=80), st.data())
def test_arbitrary_slices_get_the_full_expressions_matches(document, data):
    new_document()
    a = data.draw(st.integers(0, len(document)))
    b = data.draw(st.integers(a, len(document)))
    assert fast(document[a:b], document) == plain(document[a:b])


def test_a_text_not_in_the_document_is_scanned_as_it_is():
    new_document()
    text = "Vi patrullerar i Norrby och på Ekbyskolan."
    assert fast(text, "Ett annat dokument.") == plain(text)
    assert [g for _, g in plain(text)] == ["Norrby", "Ekbyskolan"]


def test_a_name_right_at_the_start_of_a_commitment():
    new_document()
    document = "Polisen ska vara vid Ekby torg.\nI Norrby ska vi gå kvällsvandringar."
    text = document[document.index("I Norrby") :]
    assert fast(text, document) == plain(text)
    assert [g for _, g in fast(text, document)] == ["Norrby"]


def test_a_slice_cut_from_within_a_word_can_open_with_a_place():
    # In the document "i" continues a word; in the slice it opens the text.
    for document in ("Ekbyi Norrby finns", "x-på Ekby torg", "Åbystadsdelen Norrby"):
        for start in range(len(document)):
            new_document()
            text = document[start:]
            assert fast(text, document) == plain(text), text
    new_document()
    assert [g for _, g in fast("i Norrby finns", "Ekbyi Norrby finns")] == ["Norrby"]


def test_commitments_find_the_same_places_with_and_without_the_document():
    new_document()
    document = (
        "Kommunen lovar att:\n"
        "• genomföra trygghetsvandringar i Norrby och Åby under året.\n"
        "• sätta upp belysning på Storgatan 12 och vid torget Ekplan.\n"
        "Inom stadsdelen Västra Ekby ska polisen synas oftare."
    )
    for line in document.split("\n"):
        with_document = places.find_places(
            line, municipalities=["Ekby"], document=document
        )
        new_document()
        alone = places.find_places(line, municipalities=["Ekby"])
        assert with_document == alone


def test_the_kommun_forms_are_the_same_for_every_commitment():
    new_document()
    first = places._municipality_forms(("Ekby", "Åbys"))
    assert first == {"ekby", "ekbys", "åbys", "åbyss", "åby"}
    assert places._municipality_forms(("Ekby", "Åbys")) == first
