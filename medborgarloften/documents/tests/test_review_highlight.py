"""The review screen's marks: one per extracted value, nested, escaped."""

from __future__ import annotations

import re

from medborgarloften.documents.review import (
    Highlight,
    commitment_mark_ids,
    highlight_html,
    highlights,
    source_text,
)


def _h(mark_id: str, start: int, end: int, field: str = "places") -> Highlight:
    return Highlight(mark_id, start, end, field, mark_id)


def test_it_escapes_the_text_around_and_inside_marks():
    text = "<b>Polisen</b> & kommunen"
    html = highlight_html(text, [_h("m", 3, 10)])
    assert html == (
        '&lt;b&gt;<mark id="m" class="span span-places" title="m" data-mark="m">'
        "Polisen</mark>&lt;/b&gt; &amp; kommunen"
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
