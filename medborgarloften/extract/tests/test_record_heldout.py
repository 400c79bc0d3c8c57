"""Whole records on our own held-out documents, scored like the shared corpus.

``fixtures/heldout_records`` holds eight promise documents in the genre, written
for the tests, with gold records in the shared scorer's format (see its README for
the first, untuned measurement). The shared scorer (``<repo>/../shared/tools``)
scores them; ``baseline.json`` is the floor the figures must not drop below.
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


@pytest.fixture(scope="module")
def result() -> dict:
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
    return scorer.score(HERE / "gold", preds, verbose=True)


def test_every_held_out_document_has_a_gold_record():
    docs = {p.stem for p in (HERE / "docs").glob("*.txt")}
    gold = {p.stem for p in (HERE / "gold").glob("*.json")}
    assert docs == gold and len(docs) >= 17


def test_it_keeps_the_held_out_overall_score(result):
    assert result["overall"] >= BASELINE["overall"], "\n".join(
        result["misses"] + result["lines"]
    )


def test_it_keeps_the_held_out_commitment_f1(result):
    assert result["commitment_f1"] >= BASELINE["commitment_f1"], "\n".join(
        result["misses"] + result["lines"]
    )
