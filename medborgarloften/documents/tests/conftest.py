"""Fixtures for the import tests: a media directory per test and a fake pipeline.

``fake_pipeline`` stands in for the reader, the rule extractor and the record loader
with small, predictable fakes, so these tests check the import's own behaviour
(transactions, provenance, reuse) and not the extractor's quality.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from medborgarloften.extract.errors import ExtractError


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path / "data"
    return settings.MEDIA_ROOT


@dataclass
class FakeRead:
    text: str
    kind: str
    source: str
    meta: dict[str, Any] = field(default_factory=dict)


def fake_read_bytes(
    data: bytes, *, filename: str, content_type: str | None, budget: Any = None
) -> Any:
    if data.startswith(b"\x89PNG"):
        raise ExtractError("Okänt filformat / unsupported file type")
    text = data.decode("utf-8")
    if text.lstrip().startswith("<"):
        main = re.search(r"<main[^>]*>(.*)</main>", text, re.S)
        text = re.sub(r"<[^>]+>", "\n", main.group(1) if main else text)
        return FakeRead(text=text, kind="html", source=filename)
    return FakeRead(text=text, kind="text", source=filename, meta={"lines": 3})


def fake_extract_record(
    text: str, *, record_id: str, source_url: str | None
) -> dict[str, Any]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if "KRASCH" in text:
        raise RuntimeError("rule exploded")
    kommuner = re.findall(r"([A-ZÅÄÖ]\w+) kommun", text)
    return {
        "id": record_id,
        "source_url": source_url,
        "title": lines[0] if lines else "",
        "municipalities": list(dict.fromkeys(kommuner)),
        "police_area": None,
        "commitments": [
            {"text": line[1:].strip()} for line in lines if line[:1] in {"-", "•"}
        ],
        "extractor_version": "fake-1",
    }


def fake_promise_load_record(
    *, record: dict[str, Any], actor: Any, source: str, create_missing_police_area: bool
) -> Any:
    from django.core.exceptions import ValidationError

    from medborgarloften.places.models import Organisation
    from medborgarloften.promises.models import Commitment, Promise

    promise = Promise.objects.create(title=record["title"] or record["id"])
    for position, item in enumerate(record["commitments"]):
        Commitment.objects.create(promise=promise, text=item["text"], position=position)
    for name in record["municipalities"]:
        kommun = Organisation.objects.kommuner().filter(name=name).first()
        if kommun is None:
            # Like the real loader: refuse, after having written half a promise.
            raise ValidationError({"municipalities": f"Okänd kommun: {name}"})
        promise.parties.add(kommun)
    return promise


@pytest.fixture
def fake_extractor(monkeypatch, db):
    """The real reader and loader, a fake rule extractor."""
    from medborgarloften.documents import services

    monkeypatch.setattr(services.reading, "_extract_record", fake_extract_record)


@pytest.fixture
def fake_loader(monkeypatch, fake_extractor):
    """A loader that writes half a promise before it refuses an unknown kommun."""
    from medborgarloften.documents import services

    monkeypatch.setattr(
        services.reading, "_promise_load_record", fake_promise_load_record
    )


@pytest.fixture
def fake_pipeline(monkeypatch, fake_loader):
    """Fakes for all three collaborators."""
    from medborgarloften.documents import services

    monkeypatch.setattr(services.reading, "_read_bytes", fake_read_bytes)


# -- a local stand-in for polisen.se ---------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "polisen"
PREFIX = "/om-polisen/medborgarloften-och-lokal-samverkan/medborgarloften/"


def polisen_page(name: str, title: str) -> bytes:
    """A page in the site's layout (cookie banner, menus, footer) around ``name``."""
    top = (FIXTURES / "_layout_top.html").read_text(encoding="utf-8")
    bottom = (FIXTURES / "_layout_bottom.html").read_text(encoding="utf-8")
    main = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    return (top.replace("{title}", title) + main + bottom).encode("utf-8")


class Site:
    """A tiny web server in a thread, serving fixed responses and counting requests."""

    def __init__(self, routes: dict[str, tuple[int, str, bytes]]) -> None:
        self.routes = routes
        self.hits: list[str] = []
        self.user_agents: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path.split("?", 1)[0]
                site.hits.append(path)
                site.user_agents.append(self.headers.get("User-Agent", ""))
                status, content_type, body = site.routes.get(
                    path, (404, "text/html", b"<h1>Sidan finns inte</h1>")
                )
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )
        self.thread.start()

    def hit_count(self, path: str) -> int:
        return self.hits.count(path)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def polisen_site():
    html = "text/html; charset=utf-8"
    routes = {
        PREFIX: (200, html, polisen_page("index", "Medborgarlöften")),
        PREFIX + "kalmar-lan/": (
            200,
            html,
            polisen_page("kalmar-lan", "Medborgarlöften i Kalmar län"),
        ),
        PREFIX + "kalmar/": (200, html, polisen_page("kalmar", "Kalmar")),
        PREFIX + "kalmar-lan/nybro/": (200, html, polisen_page("nybro", "Nybro")),
        # borgholm/ is not served: 404.
        PREFIX + "vaxjo/": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    }
    site = Site(routes)
    yield site
    site.close()


class FakeClock:
    """A clock that only moves when someone sleeps: rate limits without waiting."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_clock():
    return FakeClock()
