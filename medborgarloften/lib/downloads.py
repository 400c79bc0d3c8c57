"""A file the browser saves (or shows), written once: the bytes, their media type
(by the file name's ending, unless given) and the ``Content-Disposition`` that
names the file (RFC 6266, through Django: a name that is not plain ASCII is sent
encoded, never broken)."""

from __future__ import annotations

from typing import TypeVar

from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

__all__ = ["DOCX_TYPE", "MEDIA_TYPES", "file_response", "named"]

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: Media types of the files the site hands out, by the file name's ending.
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "docx": DOCX_TYPE,
    "geojson": "application/geo+json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "pdf": "application/pdf",
    "svg": "image/svg+xml",
    "zip": "application/zip",
}

_Response = TypeVar("_Response", bound=HttpResponseBase)


def named(response: _Response, filename: str, *, inline: bool = False) -> _Response:
    """``response`` as the file ``filename``: saved (an attachment), or shown in
    the browser when ``inline``."""
    header = content_disposition_header(not inline, filename)
    if header is not None:  # None only for an unnamed file shown inline
        response["Content-Disposition"] = header
    return response


def file_response(
    data: bytes | str,
    filename: str,
    *,
    inline: bool = False,
    content_type: str | None = None,
) -> HttpResponse:
    """``data`` as the file ``filename``; its type from ``MEDIA_TYPES`` by the
    name's ending unless ``content_type`` is given."""
    if content_type is None:
        content_type = MEDIA_TYPES[filename.rpartition(".")[2]]
    return named(HttpResponse(data, content_type=content_type), filename, inline=inline)
