"""The one HTTP client (``lib.http``): JSON APIs and documents within the limits."""

from __future__ import annotations

import httpx
import pytest

from medborgarloften.lib.http import ANY_TYPE, FetchError, TooLarge, get, get_json


def _answer(body: bytes, content_type: str = "application/json", status: int = 200):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            status, headers={"Content-Type": content_type}, content=body
        )

    return httpx.MockTransport(handler), seen


def test_it_gets_json_with_the_parameters_and_an_identifying_user_agent():
    transport, seen = _answer(b'[{"id": 1}]')
    data = get_json(
        "https://polisen.se/api/events",
        params={"locationname": "Kalmar"},
        user_agent="medborgarloften-test",
        transport=transport,
    )
    assert data == [{"id": 1}]
    assert str(seen[0].url) == "https://polisen.se/api/events?locationname=Kalmar"
    assert seen[0].headers["User-Agent"] == "medborgarloften-test"
    assert seen[0].headers["Accept"] == "application/json"


def test_it_refuses_an_answer_that_is_not_json():
    transport, _ = _answer(b"<html>", content_type="text/html")
    with pytest.raises(FetchError, match="the answer is text/html"):
        get_json("https://example.org/", user_agent="t", transport=transport)
    transport, _ = _answer(b"{nope", content_type="application/json")
    with pytest.raises(FetchError, match="not valid JSON"):
        get_json("https://example.org/", user_agent="t", transport=transport)


def test_it_refuses_an_answer_larger_than_the_limit():
    transport, _ = _answer(b"[" + b"1," * 1000 + b"1]")
    with pytest.raises(TooLarge):
        get_json(
            "https://example.org/", user_agent="t", max_bytes=100, transport=transport
        )


def test_it_says_what_a_failed_status_means():
    transport, _ = _answer(b"", status=503)
    with pytest.raises(FetchError, match=r"server error \(HTTP 503\)"):
        get_json("https://example.org/", user_agent="t", transport=transport)


def test_it_fetches_documents_by_default_and_anything_when_asked():
    transport, _ = _answer(b"\x89PNG", content_type="image/png")
    with pytest.raises(FetchError, match="image/png"):
        get(
            "https://example.org/a.png",
            user_agent="t",
            max_bytes=100,
            transport=transport,
        )
    download = get(
        "https://example.org/a.png",
        user_agent="t",
        max_bytes=100,
        types=ANY_TYPE,
        transport=transport,
    )
    assert download.data == b"\x89PNG"
