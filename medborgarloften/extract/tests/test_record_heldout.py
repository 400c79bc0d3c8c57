"""Whole records on our own held-out documents, scored like the shared corpus.

``fixtures/heldout_records`` holds promise documents in the genre, written for the
tests in batches, with gold records in the shared scorer's format (see its README for
each batch's first, untuned measurement). The shared scorer
(``<repo>/../shared/tools``) scores them; ``baseline.json`` is the floor the figures
must not drop below: its top-level figures for the batches that have no floor of
their own, and under ``batches`` one floor per later batch (a new batch starts at its
untuned figures and rises as rules improve; a floor is never lowered).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "fixtures" / "heldout_records"
SCORER = (
    Path(__file__).resolve().parents[3].parent
    / "shared"
    / "tools"
    / ("score_extraction.py")
)
BASELINE = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(
    not SCORER.is_file(), reason=f"needs the shared scorer at {SCORER}, which is absent"
)


def _batch(stem: str) -> str:
    return stem.split("_", 1)[0]


@pytest.fixture(scope="module")
def scores() -> dict[str, dict]:
    """The scorer's result for each floor of ``baseline.json``: "" for the
    documents of batches without a floor of their own, else the batch's name."""
    import tempfile

    from medborgarloften.documents.management.commands.extract import read_input
    from medborgarloften.extract.record import extract_record

    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    preds = {}
    for path in sorted((HERE / "docs").glob("*.txt")):
        text, url = read_input(str(path))
        preds[path.stem] = extract_record(text, record_id=path.stem, source_url=url)
    own = BASELINE.get("batches", {})
    groups: dict[str, list[Path]] = {}
    for path in sorted((HERE / "gold").glob("*.json")):
        batch = _batch(path.stem)
        groups.setdefault(batch if batch in own else "", []).append(path)
    out = {}
    for name, paths in groups.items():
        with tempfile.TemporaryDirectory() as tmp:
            for path in paths:
                (Path(tmp) / path.name).write_bytes(path.read_bytes())
            out[name] = scorer.score(Path(tmp), preds, verbose=True)
    return out


FLOORS = [("", BASELINE)] + sorted(BASELINE.get("batches", {}).items())


def test_every_held_out_document_has_a_gold_record():
    docs = {p.stem for p in (HERE / "docs").glob("*.txt")}
    gold = {p.stem for p in (HERE / "gold").glob("*.json")}
    assert docs == gold and len(docs) >= 43


@pytest.mark.parametrize("name,floor", FLOORS, ids=[n or "first" for n, _ in FLOORS])
def test_it_keeps_the_held_out_overall_score(scores, name, floor):
    result = scores[name]
    assert result["overall"] >= floor["overall"], "\n".join(
        result["misses"] + result["lines"]
    )


@pytest.mark.parametrize("name,floor", FLOORS, ids=[n or "first" for n, _ in FLOORS])
def test_it_keeps_the_held_out_commitment_f1(scores, name, floor):
    result = scores[name]
    assert result["commitment_f1"] >= floor["commitment_f1"], "\n".join(
        result["misses"] + result["lines"]
    )
