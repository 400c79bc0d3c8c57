"""Accuracy ratchet: the whole record must not score worse than the stored baseline.

Scores ``extract_record`` on the shared development corpus (``<repo>/../shared``)
with the shared scorer, reading each file as the ``extract`` command does, and
compares with ``benchmarks/accuracy_baseline.json``, which must have been measured
on this same corpus (its size and SHA-256 are stored beside the figures). Raise the baseline with
``benchmarks/score_corpus.py --update-baseline`` when the figures improve.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"
DOCS = SHARED / "corpus" / "docs"
GOLD = SHARED / "corpus" / "gold"
SCORER = SHARED / "tools" / "score_extraction.py"
BASELINE = json.loads((ROOT / "benchmarks" / "accuracy_baseline.json").read_text())

pytestmark = pytest.mark.skipif(
    not (DOCS.is_dir() and GOLD.is_dir() and SCORER.is_file()),
    reason=f"needs the shared corpus and scorer at {SHARED}, which is absent",
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
    for path in sorted(DOCS.glob("*.txt")):
        text, url = read_input(str(path))
        preds[path.stem] = extract_record(text, record_id=path.stem, source_url=url)
    return scorer.score(GOLD, preds)


def test_the_baseline_belongs_to_this_corpus():
    """A baseline measured on another corpus says nothing about this one."""
    from medborgarloften.extract.evaluation import corpus_fingerprint

    here = corpus_fingerprint(DOCS, GOLD)
    assert BASELINE.get("corpus") == here, (
        f"benchmarks/accuracy_baseline.json was measured on {BASELINE.get('corpus')}, "
        f"but the shared corpus is now {here}: measure it anew with "
        "`python benchmarks/score_corpus.py --update-baseline` (a new measurement, "
        "not a lowered floor) and say so in the commit"
    )


def test_it_keeps_the_overall_score_at_or_above_the_baseline(result):
    assert result["overall"] >= BASELINE["overall"], "\n".join(result["lines"])


def test_it_keeps_the_commitment_f1_at_or_above_the_baseline(result):
    assert result["commitment_f1"] >= BASELINE["commitment_f1"], "\n".join(
        result["lines"]
    )
