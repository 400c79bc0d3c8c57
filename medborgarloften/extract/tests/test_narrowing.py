"""An expression narrowed to a document finds in each slice of it what it finds
without (``narrowing``), and the places of a commitment are the same either way."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarloften.extract import doccache
from medborgarloften.extract.narrowing import finditer_in
from medborgarloften.extract.places import find_places
from medborgarloften.extract.tests.test_prefilter import PREFILTERED, texts

_DOCUMENT = (
    "Medborgarlöfte för Ekby 2031\n\n"
    "Polisen och kommunen lovar att genomföra trygghetsvandringar i Norrby och "
    "vid Ekbyskolan. Kommunen rustar upp Stadsparken och belysningen på "
    "Storgatan 12.\n\n"
    "• Fler vuxna ute på kvällstid kring Västra torget.\n"
    "• Platser såsom Lindparken, Åsen och Ekby centrum besöks varje vecka."
)


def test_a_commitment_has_the_same_places_with_its_document_given():
    doccache.new_document()
    start = _DOCUMENT.index("Polisen")
    end = _DOCUMENT.index("12.") + 3
    part = _DOCUMENT[start:end]
    alone = find_places(part, municipalities=["Ekby"])
    assert alone == find_places(part, municipalities=["Ekby"], document=_DOCUMENT)
    assert [name for name, _ in alone] == [
        "Norrby",
        "Ekbyskolan",
        "Stadsparken",
        "Storgatan 12",
    ]
    whole = find_places(_DOCUMENT, municipalities=["Ekby"])
    assert whole == find_places(_DOCUMENT, municipalities=["Ekby"], document=_DOCUMENT)


@settings(max_examples=150, deadline=None)
@given(document=texts, data=st.data())
def test_a_slice_gives_what_the_expression_gives(document, data):
    doccache.new_document()
    start = data.draw(st.integers(0, len(document)))
    end = data.draw(st.integers(start, len(document)))
    part = document[start:end]
    for name, rx in PREFILTERED:
        want = [m.span() for m in rx.regex.finditer(part)]
        assert [m.span() for m in finditer_in(rx, part, document)] == want, name
        assert [m.span() for m in finditer_in(rx, document, document)] == [
            m.span() for m in rx.regex.finditer(document)
        ], name
