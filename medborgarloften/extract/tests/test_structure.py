"""parse_structure: blocks, spans, bullets with wrapped lines, Swedish sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarloften.extract.structure import parse_structure, split_sentences

DOC = """Ekby – medborgarlöften

Polisen lovar att:

 • Genomföra trafikkontroller vid skolorna, t.ex. vid Ekbyskolan.
 • Besöka fritidsgårdarna och
   prata med personalen.
- Delta i rådet.

Uppföljning
Arbetet följs upp bl.a. i rådet. Resultatet redovisas kl. 18 på mötet. Sedan publiceras det.
"""


def test_it_gives_every_block_a_span_that_slices_the_original_text():
    s = parse_structure(DOC)
    for block in s.blocks:
        assert DOC[block.start : block.end] == block.text
        for sentence in block.sentences:
            assert DOC[sentence.start : sentence.end] == sentence.text


def test_it_finds_headings_bullets_and_paragraphs():
    kinds = [(b.kind, b.text[:12]) for b in parse_structure(DOC).content()]
    assert kinds == [
        ("heading", "Ekby – medbo"),
        ("heading", "Polisen lova"),
        ("bullet", "Genomföra tr"),
        ("bullet", "Besöka friti"),
        ("bullet", "Delta i råde"),
        ("heading", "Uppföljning"),
        ("paragraph", "Arbetet följ"),
    ]


def test_it_joins_a_bullets_wrapped_lines():
    bullets = [b for b in parse_structure(DOC).blocks if b.kind == "bullet"]
    assert bullets[1].text == "Besöka fritidsgårdarna och\n   prata med personalen."


def test_it_marks_governing_lines_ending_with_a_colon():
    leadins = [b.text for b in parse_structure(DOC).blocks if b.ends_with_colon]
    assert leadins == ["Polisen lovar att:"]


def test_it_does_not_split_sentences_after_swedish_abbreviations():
    sentences = [
        s.text
        for s in split_sentences(
            "Vi besöker skolor, föreningar m.m. Vi ses bl.a. i rådet. Mötet är kl. 18 i "
            "salen. Det gäller fr.o.m. januari t.o.m. juni, s.k. sommarlov. Klart."
        )
    ]
    assert sentences == [
        "Vi besöker skolor, föreningar m.m.",
        "Vi ses bl.a. i rådet.",
        "Mötet är kl. 18 i salen.",
        "Det gäller fr.o.m. januari t.o.m. juni, s.k. sommarlov.",
        "Klart.",
    ]


def test_it_reads_markdown_headings_and_numbered_lists():
    s = parse_structure(
        "## Våra löften\n\n1. Genomföra fyra vandringar.\n2) Öka närvaron.\n"
    )
    assert [(b.kind, b.text) for b in s.content()] == [
        ("heading", "Våra löften"),
        ("bullet", "Genomföra fyra vandringar."),
        ("bullet", "Öka närvaron."),
    ]


def test_it_keeps_an_exclamation_heading_short_and_a_long_question_as_prose():
    s = parse_structure(
        "Följ med i hur det går!\n\nVad händer om vi inte gör något alls åt de problem som finns?\n"
    )
    assert [b.kind for b in s.content()] == ["heading", "paragraph"]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_it_never_raises_and_spans_stay_inside_the_text(text):
    s = parse_structure(text)
    for block in s.blocks:
        assert 0 <= block.start <= block.end <= len(text)
        assert text[block.start : block.end] == block.text


def test_it_joins_hard_wrapped_pdf_lines_that_continue_with_a_capital():
    text = (
        "• Polisen ska genomföra riktade trafikkontroller under kvällar och helger vid\n"
        "Ekbyskolan och Norrskolan.\n"
        "Kommunen ska under perioden arbeta med att se över belysningen på gång- och\n"
        "Cykelvägar i kommunen.\n"
    )
    blocks = parse_structure(text).content()
    assert [b.kind for b in blocks] == ["bullet", "paragraph"]
    assert blocks[0].text.endswith("Norrskolan.")
    assert blocks[1].text.endswith("kommunen.")


def test_it_joins_an_unindented_explanation_sandwiched_between_bullets():
    text = (
        "• Vi ska arbeta mot langning.\n"
        "Det behövs eftersom fler unga får tag på alkohol.\n"
        "• Vi ska öka närvaron.\n"
    )
    bullets = parse_structure(text).content()
    assert [b.kind for b in bullets] == ["bullet", "bullet"]
    assert bullets[0].text.endswith("alkohol.")
