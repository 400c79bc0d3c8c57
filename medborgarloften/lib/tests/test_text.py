"""The text every input path stores: Word's breaks as line ends, no control
characters, NFC, and nothing that XML 1.0 cannot carry."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

from hypothesis import given
from hypothesis import strategies as st

from medborgarloften.lib.text import clean_json, clean_text, has_unsafe_characters


def test_it_turns_words_manual_line_break_and_page_break_into_line_ends():
    pasted = "Trygghetsvandring i Norrliden\x0bTolv deltog\x0cSida två"
    assert clean_text(pasted) == "Trygghetsvandring i Norrliden\nTolv deltog\nSida två"


def test_it_makes_one_line_of_a_single_line_value():
    assert clean_text("Rubrik\x0bmed\r\nbrytning\toch tab", multiline=False) == (
        "Rubrik med brytning och tab"
    )


def test_it_normalises_windows_and_old_mac_line_ends():
    assert clean_text("a\r\nb\rc\u2028d\u2029e") == "a\nb\nc\nd\n\ne"


def test_it_drops_nul_escape_and_other_control_characters():
    assert clean_text("Pol\x00is\x1b[31m\x07en\x7f") == "Polis[31men"


def test_it_reads_c1_controls_as_the_windows_1252_characters_they_stood_for():
    assert clean_text("\x93Trygg\x94 \x96 Kalmar \x80") == "“Trygg” – Kalmar €"
    assert clean_text("a\x81b") == "ab"  # undefined in Windows-1252


def test_it_drops_lone_surrogates_and_noncharacters():
    assert clean_text("a\ud800b\udfffc\ufffe\uffff") == "abc"


def test_it_composes_decomposed_swedish_letters():
    decomposed = "Va\u0308xjo\u0308 och A\u030agatan"
    assert clean_text(decomposed) == "Växjö och Ågatan"
    assert len(clean_text(decomposed)) == len("Växjö och Ågatan")


def test_it_leaves_ordinary_text_alone():
    text = "Polisen ska genomföra 12 trygghetsvandringar.\n\n• i Berga\t(kvällstid)"
    assert clean_text(text) is text
    assert not has_unsafe_characters(text)


def test_it_cleans_every_string_of_a_json_value():
    assert clean_json({"a\x0b": ["x\x00y", 3, {"k": "v\x0c"}], "n": None}) == {
        "a\n": ["xy", 3, {"k": "v\n"}],
        "n": None,
    }


# Every code point, surrogates included (JSON can carry a lone "\ud800").
_ANY = st.characters(exclude_categories=())


@given(st.text(alphabet=_ANY, max_size=200))
def test_it_always_gives_text_that_xml_can_carry_and_is_idempotent(value):
    for multiline in (True, False):
        cleaned = clean_text(value, multiline=multiline)
        assert clean_text(cleaned, multiline=multiline) == cleaned
        # An XML parser takes it as character data (the Atom feed and DOCX need it).
        ET.fromstring(f"<t>{escape(cleaned)}</t>")  # noqa: S314 - our own string
        cleaned.encode("utf-8")  # no lone surrogate left
    assert not {"\n", "\t"} & set(clean_text(value, multiline=False))


def test_it_tells_whether_a_text_already_names_a_place():
    from medborgarloften.lib.text import names_place

    assert names_place("Trygghetsundersökning i Berga", "Berga")
    assert names_place("TRYGGHETSVANDRING I ÖSTRA BERGA", "östra Berga")
    assert not names_place("Möte på Bergavägen", "Berga")
    assert not names_place("Trygghetsvandring", "Berga")
    assert not names_place("", "Berga")
