"""Fixtures for the import tests: a media directory per test and a fake pipeline.

``fake_pipeline`` stands in for the reader, the rule extractor and the record loader
with small, predictable fakes, so these tests check the import's own behaviour
(transactions, provenance, reuse) and not the extractor's quality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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


def fake_read_bytes(data: bytes, *, filename: str, content_type: str | None) -> Any:
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
        "commitments": [{"text": line[2:]} for line in lines if line.startswith("- ")],
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
def fake_pipeline(monkeypatch, db):
    from medborgarloften.documents import services

    monkeypatch.setattr(services, "_read_bytes", fake_read_bytes)
    monkeypatch.setattr(services, "_extract_record", fake_extract_record)
    monkeypatch.setattr(services, "_promise_load_record", fake_promise_load_record)
