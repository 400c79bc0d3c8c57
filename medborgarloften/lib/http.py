"""One HTTP client for every request the application makes, with its limits.

Documents fetched by address, the police events API, Kolada and the crawl of
polisen.se all go through the fetch in ``extract.readers.url``: http(s) only, a
timeout on every connect and read and a deadline on the whole request, redirects
followed at most five times, the body refused past ``max_bytes`` on the wire and
after decoding (no gzip bomb), the status and media type checked, and — for an
address a user typed — every host and redirect resolved and refused unless it is a
public internet address (``public_only``), so no form reaches the server's network.

Errors are :class:`FetchError`, one line in Swedish and English. Django-free.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx

from medborgarloften.extract.errors import ExtractError
from medborgarloften.extract.readers.url import ANY_TYPE, Download, TooLarge, fetch

__all__ = ["ANY_TYPE", "Download", "FetchError", "TooLarge", "get", "get_json"]

#: JSON APIs answer small pages; a larger answer is a mistake or an attack.
MAX_JSON_BYTES = 20 * 1024 * 1024
JSON_TYPES = frozenset({"application/json", "application/problem+json", "text/json"})


#: The request failed or broke a limit (``TooLarge`` is one kind); ``str(exc)`` says
#: why in Swedish and English. The extractor's error type: a fetched document and a
#: read one fail the same way.
FetchError = ExtractError


def _with_params(url: str, params: Mapping[str, str] | None) -> str:
    return str(httpx.URL(url, params=dict(params))) if params else url


def get(
    url: str,
    *,
    user_agent: str,
    timeout: float = 30.0,
    max_bytes: int,
    params: Mapping[str, str] | None = None,
    public_only: bool = False,
    accept: str | None = None,
    types: frozenset[str] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Download:
    """GET ``url`` within the limits above: documents (HTML, PDF, DOCX, text) unless
    ``types`` names others (``ANY_TYPE``: any, for a caller that checks the body)."""
    options: dict[str, Any] = {} if accept is None else {"accept": accept}
    return fetch(
        _with_params(url, params),
        timeout=timeout,
        max_bytes=max_bytes,
        user_agent=user_agent,
        transport=transport,
        public_only=public_only,
        types=types,
        **options,
    )


def get_json(
    url: str,
    *,
    user_agent: str,
    timeout: float = 30.0,
    max_bytes: int = MAX_JSON_BYTES,
    params: Mapping[str, str] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Any:
    """The decoded JSON answer of a GET, within the limits above."""
    download = get(
        url,
        user_agent=user_agent,
        timeout=timeout,
        max_bytes=max_bytes,
        params=params,
        accept="application/json",
        types=JSON_TYPES,
        transport=transport,
    )
    try:
        return json.loads(download.data)
    except ValueError as exc:
        raise FetchError(
            "Svaret är inte giltig JSON / the answer is not valid JSON"
        ) from exc
