"""The review screen's marks: one per extracted value, nested, escaped."""

from __future__ import annotations

import re

from medborgarloften.documents.review import (
    Highlight,
    commitment_mark_ids,
    highlight_html,
    highlights,
    mark_links,
    source_text,
    text_highlights,
    whole_words,
)


def _h(mark_id: str, start: int, end: int, field: str = "places") -> Highlight:
    return Highlight(mark_id, start, end, field, mark_id)


def test_it_escapes_the_text_around_and_inside_marks():
    text = "<b>Polisen</b> & kommunen"
    html = highlight_html(text, [_h("m", 3, 10)])
    assert html == (
        '&lt;b&gt;<mark id="m" class="span span-places" title="m" data-mark="m" '
        'tabindex="0">Polisen</mark>&lt;/b&gt; &amp; kommunen'
    )


def test_it_escapes_the_mark_attributes():
    html = highlight_html("Norrliden", [Highlight('x"y', 0, 4, "places", "<i>")])
    assert 'id="x&quot;y"' in html
    assert 'title="&lt;i&gt;"' in html


def test_it_nests_a_value_inside_its_commitment():
    text = "genomföra tre vandringar"
    html = highlight_html(text, [_h("q", 10, 13), _h("c", 0, 24, "commitments")])
    assert html.startswith('<mark id="c"')
    assert html.endswith("vandringar</mark>")
    assert '<mark id="q"' in html and "tre</mark>" in html
    assert re.sub(r"<[^>]+>", "", html) == text


def test_it_cuts_a_crossing_span_and_keeps_each_id_once():
    text = "abcdefghij"
    html = highlight_html(text, [_h("a", 0, 5), _h("b", 3, 8)])
    assert re.sub(r"<[^>]+>", "", html) == text
    assert html.count('id="b"') == 1
    assert html.count('data-mark="b"') == 2  # the cut piece and its continuation
    assert html.count("<mark") == html.count("</mark>") == 3
    # Well-formed: tags close in the order they opened.
    depth = 0
    for tag in re.findall(r"</?mark", html):
        depth += 1 if tag == "<mark" else -1
        assert depth >= 0
    assert depth == 0


def test_it_leaves_text_without_spans_alone():
    assert highlight_html("a < b", []) == "a &lt; b"


def test_it_reads_every_span_of_a_record_and_skips_broken_ones():
    record = {
        "evidence": {
            "municipalities": [{"value": "Kalmar", "span": [0, 6]}],
            "police_area": {"span": [7, 9]},
            "period": {"spans": [[10, 12], None]},
            "themes": [{"value": "trafik", "span": [1, 2]}],
            "places": [{"value": "X", "span": [50, 60]}, {"span": "fel"}],
        },
        "commitments": [
            {
                "span": [12, 20],
                "evidence": {
                    "target.quantity": {"span": [13, 14]},
                    "responsible": {"span": [12, 12]},
                    "places": [{"span": [15, 18]}],
                },
            },
            "not a dict",
        ],
    }
    marks = highlights(record, length=30)
    ids = [h.mark_id for h in marks]
    assert ids == [
        "span-municipalities-0",
        "span-themes-0",
        "span-police_area",
        "span-period-0",
        "span-commitments-0",
        "span-commitments-0-quantity",
        "span-commitments-0-places-0",
    ]
    assert marks[1].label == "Tema: Trafik"
    assert commitment_mark_ids(record, 0, marks) == ids[4:]
    assert commitment_mark_ids(record, None, marks) == []
    assert highlights(None, 10) == []


def test_it_shows_the_text_as_the_extractor_saw_it():
    decomposed = "Mo\u0308nstera\u030as\x00"
    assert source_text(decomposed) == "Mönsterås "


def test_it_widens_a_span_that_cuts_a_word_to_the_whole_word():
    text = "vid resecentrum och torget"
    # The span ends inside "resecentrum" and starts inside it: both ends move out.
    (start_cut,) = whole_words(text, [_h("a", 6, 8)])
    assert text[start_cut.start : start_cut.end] == "resecentrum"
    (end_cut,) = whole_words(text, [_h("b", 4, 8)])
    assert text[end_cut.start : end_cut.end] == "resecentrum"


def test_it_leaves_a_span_on_word_boundaries_alone():
    text = "Lindbacka, Ängö och 12 vandringar"
    for start, end in ((0, 9), (11, 15), (20, 22), (0, 15)):
        (mark,) = whole_words(text, [_h("a", start, end)])
        assert (mark.start, mark.end) == (start, end)


def test_it_does_not_widen_across_punctuation_or_spaces():
    text = "(Ö-vik) tre gånger/år"
    (mark,) = whole_words(text, [_h("a", 12, 17)])  # "gånge" → "gånger", not "/år"
    assert text[mark.start : mark.end] == "gånger"
    (paren,) = whole_words(text, [_h("b", 0, 3)])  # "(Ö-" → "(Ö-vik" stops at "-"
    assert text[paren.start : paren.end] == "(Ö-"


def test_the_marks_of_a_record_cover_whole_words_in_the_page():
    text = "Vi ses vid Stationscentrum i kväll."
    record = {"evidence": {"places": [{"value": "Stations", "span": [11, 19]}]}}
    html = highlight_html(text, text_highlights(record, text))
    assert ">Stationscentrum</mark>" in html
    assert re.sub(r"<[^>]+>", "", html) == text


def test_every_first_mark_is_focusable_and_a_continuation_is_not():
    html = highlight_html("abcdefghij", [_h("a", 0, 5), _h("b", 3, 8)])
    assert html.count('tabindex="0"') == 2  # one per id, not the continuation
    assert re.search(r'<mark class="span span-places" title="b" data-mark="b">', html)


def test_the_list_of_marks_names_each_one_in_reading_order():
    text = "Polisen lovar att\n  genomföra   tre vandringar i Berga " + "x" * 80
    marks = [
        Highlight("q", 32, 35, "commitments", "Åtagande 1: antal"),
        Highlight("c", 20, len(text), "commitments", "Åtagande 1"),
        Highlight("p", 0, 7, "places", "Plats: Polisen"),
    ]
    links = mark_links(text, marks)
    assert [link.mark_id for link in links] == ["p", "c", "q"]
    assert links[0].label == "Plats: Polisen" and links[0].words == "Polisen"
    assert links[1].words.startswith("genomföra tre vandringar i Berga")
    assert links[1].words.endswith("…") and len(links[1].words) == 60
    assert links[2].words == "tre"
