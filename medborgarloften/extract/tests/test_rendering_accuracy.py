"""The ratchet for renderings: a document read from Word or PDF must score as well
as the same document as text, within 0.03 (overall and commitment F1), and the five
seeds from every producer must give every commitment whole with its responsible
party and every signatory.

Scores the shared corpus (``<repo>/../shared/corpus``): ``docs`` as text,
``rendered/docx``, ``rendered/lo-pdf`` (LibreOffice), ``rendered/web-pdf`` (Chromium
print) against ``gold``, and ``rendered/seeds/rl-pdf`` (hanging-indent bullets)
against ``rendered/seeds/gold``, reading each file as the ``extract`` command does.
``benchmarks/score_corpus.py`` prints the same figures as a table.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
DOCS = CORPUS / "docs"
GOLD = CORPUS / "gold"
RENDERED = CORPUS / "rendered"
SEEDS_GOLD = RENDERED / "seeds" / "gold"
SCORER = SHARED / "tools" / "score_extraction.py"
MAX_GAP = 0.03
RENDERINGS = {
    "docx": (RENDERED / "docx", "*.docx", GOLD),
    "lo-pdf": (RENDERED / "lo-pdf", "*.pdf", GOLD),
    "web-pdf": (RENDERED / "web-pdf", "*.pdf", GOLD),
    "rl-pdf": (RENDERED / "seeds" / "rl-pdf", "*.pdf", SEEDS_GOLD),
}

pytestmark = pytest.mark.skipif(
    not (DOCS.is_dir() and GOLD.is_dir() and RENDERED.is_dir() and SCORER.is_file()),
    reason=f"needs the shared corpus with renderings and the scorer at {SHARED}, "
    "which is absent",
)


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _predict(paths: list[Path]) -> dict[str, dict[str, Any]]:
    from medborgarloften.documents.management.commands.extract import read_input
    from medborgarloften.extract.record import extract_record

    preds = {}
    for path in paths:
        text, url = read_input(str(path))
        preds[path.stem] = extract_record(text, record_id=path.stem, source_url=url)
    return preds


def _paths(folder: Path, pattern: str, gold: Path) -> list[Path]:
    wanted = {path.stem for path in gold.glob("*.json")}
    return sorted(path for path in folder.glob(pattern) if path.stem in wanted)


@pytest.fixture(scope="module")
def text_predictions() -> dict[str, dict[str, Any]]:
    return _predict(sorted(DOCS.glob("*.txt")))


@pytest.fixture(scope="module")
def rendering_predictions() -> dict[str, dict[str, dict[str, Any]]]:
    return {
        name: _predict(_paths(folder, pattern, gold))
        for name, (folder, pattern, gold) in RENDERINGS.items()
    }


@pytest.mark.parametrize("rendering", list(RENDERINGS))
def test_it_scores_each_rendering_within_003_of_its_text(
    rendering, scorer, text_predictions, rendering_predictions
) -> None:
    folder, pattern, gold = RENDERINGS[rendering]
    read = rendering_predictions[rendering]
    assert len(read) == len(_paths(folder, pattern, gold)) > 0
    as_text = scorer.score(
        gold, {k: v for k, v in text_predictions.items() if k in read}
    )
    as_rendered = scorer.score(gold, read)
    for figure in ("overall", "commitment_f1"):
        assert as_rendered[figure] >= as_text[figure] - MAX_GAP, (
            f"{rendering} {figure} {as_rendered[figure]:.3f}, text "
            f"{as_text[figure]:.3f}\n" + "\n".join(as_rendered["lines"])
        )


@pytest.mark.parametrize("rendering", ["text", *RENDERINGS])
def test_it_reads_every_seed_commitment_whole_and_every_signatory(
    rendering, scorer, text_predictions, rendering_predictions
) -> None:
    preds = (
        text_predictions if rendering == "text" else rendering_predictions[rendering]
    )
    problems = []
    for path in sorted(SEEDS_GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        pred = preds[path.stem]
        found = {
            (scorer.norm(c["text"]), frozenset(c["responsible"]))
            for c in pred["commitments"]
        }
        for commitment in gold["commitments"]:
            key = (
                scorer.norm(commitment["text"]),
                frozenset(commitment["responsible"]),
            )
            if key not in found:
                problems.append(f"{path.stem}: {commitment['text'][:80]}")
        names = scorer.name_set(s["name"] for s in pred["signatories"])
        for signatory in gold["signatories"]:
            if not scorer.name_set([signatory["name"]]) & names:
                problems.append(f"{path.stem}: signatory {signatory['name']}")
    assert problems == []
