"""HTML to tagged PDF (PDF/UA-1) with WeasyPrint, for every PDF the service makes.

The promise document, the follow-up reports and the lägesbild are public-sector
documents: the law on accessible digital public service asks for PDFs a screen reader
can follow. ``pdf_variant="pdf/ua-1"`` makes WeasyPrint write a structure tree
(headings, lists, tables with their header cells), mark the document as tagged, and
take the title from ``<title>`` and the language from ``<html lang>``; the templates
must therefore have both.

Stylesheets are linked as static files (no inline ``<style>``, so the site's
Content-Security-Policy needs no ``'unsafe-inline'``) and read here from disk: a PDF
made inside a request never fetches from the server itself, and no other local file
is ever read.
"""

from __future__ import annotations

import mimetypes
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

#: Relative static URLs need a base when the caller has none.
LOCAL_BASE = "file:///"


def _static_file(path: str) -> bytes | None:
    name = unquote(path[len(settings.STATIC_URL) :])
    if not name or ".." in name.split("/"):
        return None
    found = finders.find(name)
    if found:
        with open(found, "rb") as handle:
            return handle.read()
    if staticfiles_storage.exists(name):  # collected (hashed) names in production
        with staticfiles_storage.open(name) as handle:
            return handle.read()
    return None


def static_text(name: str) -> str:
    """The text of a static file (a stylesheet to put inside a saved document)."""
    data = _static_file(settings.STATIC_URL + name)
    if data is None:
        raise FileNotFoundError(name)
    return data.decode()


def _local(url: str) -> tuple[bytes, str] | None:
    """A static file's bytes and type for ``url``; None when it is not one. Any
    other ``file:`` URL is refused."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "file") and parts.path.startswith(
        settings.STATIC_URL
    ):
        data = _static_file(parts.path)
        if data is not None:
            mime_type = (
                mimetypes.guess_type(parts.path)[0] or "application/octet-stream"
            )
            return data, mime_type
    if parts.scheme == "file":
        raise ValueError(f"Refusing to read a local file into a PDF: {url}")
    return None


def url_fetcher() -> Any:
    """WeasyPrint's fetcher with static files read from disk (see the module)."""
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # WeasyPrint before 68: a function returning a dict
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
            found = _local(url)
            if found is None:
                return default_url_fetcher(url, *args, **kwargs)
            return {"string": found[0], "mime_type": found[1], "redirected_url": url}

        return fetch

    class StaticFirst(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            found = _local(url)
            if found is None:
                return super().fetch(url, headers)
            return URLFetcherResponse(
                url, body=found[0], headers={"Content-Type": found[1]}
            )

    return StaticFirst()


def html_to_pdf(html: str, *, base_url: str = "") -> bytes:
    """A tagged PDF/UA-1 document with the HTML's title, language and structure."""
    from weasyprint import HTML

    document = HTML(
        string=html, base_url=base_url or LOCAL_BASE, url_fetcher=url_fetcher()
    )
    return document.write_pdf(pdf_variant="pdf/ua-1")
