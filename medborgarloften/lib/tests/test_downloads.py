"""file_response / named: a file's bytes, its type by the name's ending and the
Content-Disposition that names it, written once for every download."""

from __future__ import annotations

import pytest
from django.http import StreamingHttpResponse

from medborgarloften.lib.downloads import DOCX_TYPE, file_response, named


def test_a_file_is_saved_under_its_name_with_the_type_of_its_ending() -> None:
    response = file_response(b"%PDF-1.7", "plan-0180-3.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan-0180-3.pdf"'
    assert response.content == b"%PDF-1.7"
    assert file_response(b"PK", "beslut.docx")["Content-Type"] == DOCX_TYPE


def test_inline_shows_it_and_a_given_type_wins() -> None:
    response = file_response(b"<svg/>", "kod.svg", inline=True)
    assert response["Content-Disposition"] == 'inline; filename="kod.svg"'
    response = file_response(b"x", "jobb-7", content_type="text/plain")
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"] == 'attachment; filename="jobb-7"'


def test_an_ending_without_a_known_type_is_refused_not_guessed() -> None:
    with pytest.raises(KeyError):
        file_response(b"x", "data.bin")


def test_a_name_beyond_ascii_is_sent_encoded() -> None:
    response = file_response("a;b\r\n", "åtgärder.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == "attachment; filename*=utf-8''%C3%A5tg%C3%A4rder.csv"
    )


def test_named_gives_a_streamed_response_its_file_name() -> None:
    response = named(StreamingHttpResponse(iter(["a\r\n"])), "lista.csv")
    assert response["Content-Disposition"] == 'attachment; filename="lista.csv"'
