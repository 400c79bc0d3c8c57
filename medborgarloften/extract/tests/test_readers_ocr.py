"""OCR words (hOCR) → layout lines: what Tesseract reads from dust is left out."""

from __future__ import annotations

from medborgarloften.extract.readers.ocr import _lines


def _hocr(words: list[tuple[str, int, int]]) -> bytes:
    """One line of words (text, left x, confidence), 300 dpi pixels."""
    spans = "".join(
        f"<span class='ocrx_word' title='bbox {x} 100 {x + 20 * len(text)} 140; "
        f"x_wconf {sure}'>{text}</span> "
        for text, x, sure in words
    )
    return (
        "<html xmlns='http://www.w3.org/1999/xhtml'><body><div class='ocr_page'>"
        "<span class='ocr_line' title='bbox 100 100 2000 140; baseline 0 -8; "
        f"x_size 40; x_descenders 8; x_ascenders 10'>{spans}</span>"
        "</div></body></html>"
    ).encode()


def test_it_leaves_out_rulings_and_specks_and_keeps_a_sure_dash() -> None:
    # issue #14: a noisy scan's table had ";", ":", "|" and a stray "2" between its
    # cells, so its rows no longer sat in their columns.
    words = [
        ("Inbrott", 100, 96),
        ("|", 300, 95),
        ("–", 340, 92),
        (";", 400, 14),
        ("att", 440, 96),
        (".", 540, 92),
        ("2", 600, 52),
        ("i", 660, 68),
        ("bostäder", 700, 33),
    ]
    [line] = _lines(_hocr(words), 842.0)
    assert [word.text for word in line.words] == [
        "Inbrott",
        "–",
        "att",
        "i",
        "bostäder",
    ]
