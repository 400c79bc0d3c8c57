"""The reading check: what a reviewer is asked to look at, and what is left alone."""

from __future__ import annotations

from medborgarloften.extract.readers.quality import reading_warnings

LOST_LIST = """Medborgarlöfte för Norrvik 2031

Polisen lovar att:

genomföra tre trygghetsvandringar i Östra Norrvik under året.

hålla en öppen polisträff i månaden på biblioteket.
"""

LOST_LIST_CAPITALISED = """Kommunen ska

Ordna två dialogmöten med boende i Östra Norrvik.
Förbättra belysningen längs gångvägen till skolan.
"""

KEPT_LIST = """Polisen lovar att:

• genomföra tre trygghetsvandringar i Östra Norrvik under året.
• hålla en öppen polisträff i månaden på biblioteket.
"""

HEADING_OVER_PROSE = """Medborgarlöfte januari–juni 2031:

Medborgarlöftet är en del av samverkan mellan polisen och kommunen. Det bygger på \
lägesbilden och på vad invånarna har berättat.

Arbetet följs upp i samverkansgruppen varje kvartal. Resultatet publiceras på \
kommunens webbplats.
"""


def _messages(text: str, meta: dict | None = None, kind: str = "pdf") -> list[str]:
    return reading_warnings(text, meta or {}, kind)


def test_it_warns_about_list_like_lines_with_no_list_found() -> None:
    for text in (LOST_LIST, LOST_LIST_CAPITALISED):
        [warning] = _messages(text)
        assert warning.startswith("Texten har rader som ser ut som en lista")
        assert " / the text has lines that look like a list" in warning


def test_it_leaves_a_list_with_its_markers_and_plain_prose_alone() -> None:
    assert _messages(KEPT_LIST) == []
    assert _messages(HEADING_OVER_PROSE) == []
    # A sentence may end with a preposition ("att bo och leva i.").
    assert _messages("En kommun att bo i.\n\nVi ses på torget.\nVi ses i parken.") == []


def test_it_says_that_a_scan_was_read_by_ocr_and_which_pages_have_no_text() -> None:
    messages = _messages(KEPT_LIST, {"ocr": True, "pages_without_text": [3, 4]})
    assert any("textigenkänning (OCR)" in m for m in messages)
    assert any(m.startswith("Sida 3, 4 saknar text") for m in messages)


def test_it_names_unknown_symbols_that_start_lines() -> None:
    messages = _messages("Vi lovar:\n\uf0a8 tre vandringar\n\uf0a8 två möten")
    assert any("kan vara punkter som inte kunde läsas (\uf0a8)" in m for m in messages)


def test_it_warns_about_paragraphs_that_start_mid_sentence_in_a_layout() -> None:
    broken = (
        "Vi genomför trygghetsvandringar i\n\nÖstra Norrvik och i\n\n"
        "centrum tillsammans med\n\nboende och\n\nföreningar varje\n\nhöst.\n"
    )
    assert any("börjar mitt i en mening" in m for m in _messages(broken, kind="pdf"))
    # A text file's own line breaks are the writer's; the rules read them.
    assert not any("mitt i en mening" in m for m in _messages(broken, kind="text"))


SCANNED_TABLE = """Våra åtgärder

Åtgärd    Ansvarig    När
Starta | Polisen och    Under perioden
grannsamverkan | kommunen
Snabb sanering | Kommunen    Löpande
av klotter
"""


def test_it_warns_when_a_list_or_table_gave_no_commitments() -> None:
    # issue #14: a scanned table gave no commitments and the review said nothing.
    for text in (SCANNED_TABLE, KEPT_LIST):
        [warning] = reading_warnings(text, {}, "pdf", commitments=0)
        assert warning.startswith("Inga åtaganden hittades")
        assert " / no commitments were found" in warning


def test_it_says_nothing_of_commitments_when_some_were_found_or_none_asked() -> None:
    assert reading_warnings(SCANNED_TABLE, {}, "pdf", commitments=3) == []
    assert reading_warnings(SCANNED_TABLE, {}, "pdf") == []
    assert reading_warnings(HEADING_OVER_PROSE, {}, "pdf", commitments=0) == []


def test_it_counts_two_column_pages_in_words_that_agree() -> None:
    one = reading_warnings("Text.", {"two_column_pages": 1})
    assert one[0].startswith("1 sida lästes som två spalter")
    assert "/ 1 page was read as two columns" in one[0]
    three = reading_warnings("Text.", {"two_column_pages": 3})
    assert three[0].startswith("3 sidor lästes som två spalter")
    assert "/ 3 pages were read as two columns" in three[0]
