"""Importer accuracy and speed on the shared development corpus.

Runs ``medborgarloften extract --format json`` over ``<repo>/../shared/corpus/docs``
exactly as SCHEMA.md's scoring recipe does, scores the predictions with
``<repo>/../shared/tools/score_extraction.py`` and prints the scorer's figures, then
times ``extract_record`` (the whole extraction: commitments and document fields) on
one core. With ``--update-baseline`` it stores the overall and commitment F1 in
``benchmarks/accuracy_baseline.json``, the floor that
``medborgarloften/extract/tests/test_record_accuracy.py`` refuses to let drop.

    .venv/bin/python benchmarks/score_corpus.py [--verbose] [--update-baseline]

Skips with a message (exit 0) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DOCS = SHARED / "corpus" / "docs"
GOLD = SHARED / "corpus" / "gold"
SCORER = SHARED / "tools" / "score_extraction.py"
BASELINE = ROOT / "benchmarks" / "accuracy_baseline.json"
CLI = ROOT / ".venv" / "bin" / "medborgarloften"


def run_cli(out: Path) -> float:
    docs = sorted(str(p) for p in DOCS.glob("*.txt"))
    env = {**os.environ, "DATA_DIR": tempfile.mkdtemp(prefix="score_corpus_")}
    cli = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "medborgarloften.cli"]
    started = time.perf_counter()
    with out.open("wb") as fh:
        subprocess.run(
            [*cli, "extract", "--format", "json", *docs], stdout=fh, check=True, env=env
        )
    return time.perf_counter() - started


def score(pred: Path, verbose: bool) -> tuple[str, dict[str, float]]:
    """The scorer's report and its exact overall and commitment F1."""
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    result = scorer.score(GOLD, scorer.load_predictions(pred), verbose)
    lines = result["misses"] + result["lines"]
    lines.append(
        f"overall: {result['overall']:.3f} (commitment F1 {result['commitment_f1']:.3f})"
    )
    figures = {"overall": result["overall"], "commitment_f1": result["commitment_f1"]}
    return "\n".join(lines) + "\n", figures


def corpus_fingerprint(docs: Path, gold: Path) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    from medborgarloften.extract.evaluation import corpus_fingerprint as fingerprint

    return fingerprint(docs, gold)


def speed(rounds: int = 5) -> float:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
    from medborgarloften.documents.management.commands.extract import read_input
    from medborgarloften.extract.record import extract_record

    texts = [(p.stem, read_input(str(p))[0]) for p in sorted(DOCS.glob("*.txt"))]
    for rid, text in texts:  # warm-up: lexicons loaded, regexes compiled
        extract_record(text, record_id=rid)
    started = time.process_time()
    for _ in range(rounds):
        for rid, text in texts:
            extract_record(text, record_id=rid)
    return rounds * len(texts) / (time.process_time() - started)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--verbose", action="store_true", help="list missed and extra commitments"
    )
    ap.add_argument(
        "--update-baseline",
        action="store_true",
        help="store the figures as the new floor",
    )
    args = ap.parse_args()
    if not (DOCS.is_dir() and GOLD.is_dir() and SCORER.is_file()):
        print(
            f"skipped: the shared corpus is not at {SHARED} (expected corpus/docs, corpus/gold, tools/)"
        )
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.json"
        wall = run_cli(pred)
        text, figures = score(pred, args.verbose)
    print(text, end="")
    n = len(list(DOCS.glob("*.txt")))
    per_second = speed()
    print(
        f"\n{n} documents; CLI wall time {wall:.2f} s (includes Python and Django start-up)"
    )
    print(f"extract_record: {per_second:.0f} documents per CPU second (one core)")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}"
    )
    if args.update_baseline:
        floor = {k: math.floor(v * 1000) / 1000 for k, v in figures.items()}
        BASELINE.write_text(
            json.dumps(
                {
                    **floor,
                    "corpus": corpus_fingerprint(DOCS, GOLD),
                    "measured": datetime.now(UTC).date().isoformat(),
                    "command": "python benchmarks/score_corpus.py --update-baseline",
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"baseline stored in {BASELINE.relative_to(ROOT)}: {floor}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
