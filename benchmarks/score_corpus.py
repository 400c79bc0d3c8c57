"""Importer accuracy on the shared corpus: the text and every rendering, one table.

For each source — the plain texts (``corpus/docs``), the same documents as Word files
(``rendered/docx``), exported to PDF by LibreOffice (``rendered/lo-pdf``), printed
to PDF by Chromium (``rendered/web-pdf``), and the five seeds typeset with hanging
bullets (``rendered/seeds/rl-pdf``, scored against ``rendered/seeds/gold``) — it runs
``medborgarloften extract --format json`` exactly as SCHEMA.md's recipe does, scores
the predictions with ``<repo>/../shared/tools/score_extraction.py``, and prints one
table: overall and commitment F1 beside the text's (the difference must stay within
0.03), responsible, signatories, and for the five seeds from every producer how many
commitments came out whole (full text and responsible party) and how many
signatories were found. Then it times ``extract_record`` on one core.

With ``--update-baseline`` it stores the text's overall and commitment F1 in
``benchmarks/accuracy_baseline.json``, the floor that
``medborgarloften/extract/tests/test_record_accuracy.py`` refuses to let drop
(``test_rendering_accuracy.py`` holds every rendering within 0.03 of the text).

    .venv/bin/python benchmarks/score_corpus.py [--verbose] [--update-baseline]

``--verbose`` prints the scorer's report for each source, with every missed and
extra commitment. Skips with a message (exit 0) when ../shared is absent.
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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
DOCS = CORPUS / "docs"
GOLD = CORPUS / "gold"
RENDERED = CORPUS / "rendered"
SEEDS_GOLD = RENDERED / "seeds" / "gold"
SCORER = SHARED / "tools" / "score_extraction.py"
BASELINE = ROOT / "benchmarks" / "accuracy_baseline.json"
CLI = ROOT / ".venv" / "bin" / "medborgarloften"
# Every rendering must score within this of the same documents as text.
MAX_GAP = 0.03


@dataclass(frozen=True)
class Source:
    name: str
    folder: Path
    pattern: str
    gold: Path
    compare_with: str  # the text row a rendering is held against


SOURCES = (
    Source("text", DOCS, "*.txt", GOLD, "text"),
    Source("docx", RENDERED / "docx", "*.docx", GOLD, "text"),
    Source("lo-pdf", RENDERED / "lo-pdf", "*.pdf", GOLD, "text"),
    Source("web-pdf", RENDERED / "web-pdf", "*.pdf", GOLD, "text"),
    Source("text, the five seeds", DOCS, "*.txt", SEEDS_GOLD, "text, the five seeds"),
    Source(
        "seeds rl-pdf",
        RENDERED / "seeds" / "rl-pdf",
        "*.pdf",
        SEEDS_GOLD,
        "text, the five seeds",
    ),
)


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return scorer


def files_of(source: Source) -> list[Path]:
    """The source's files that have a gold record (all of them but the seeds' text)."""
    wanted = {path.stem for path in source.gold.glob("*.json")}
    return sorted(p for p in source.folder.glob(source.pattern) if p.stem in wanted)


def run_cli(paths: list[Path], out: Path) -> float:
    env = {**os.environ, "DATA_DIR": tempfile.mkdtemp(prefix="score_corpus_")}
    cli = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "medborgarloften"]
    started = time.perf_counter()
    with out.open("wb") as fh:
        subprocess.run(
            [*cli, "extract", "--format", "json", *map(str, paths)],
            stdout=fh,
            check=True,
            env=env,
        )
    return time.perf_counter() - started


def seed_checks(
    scorer: ModuleType, gold_dir: Path, preds: dict[str, dict[str, Any]]
) -> tuple[int, int, int, int]:
    """For the seeds: (commitments found whole with their responsible party, of
    how many; signatories found, of how many). Whole means the same words as the
    gold text, not just the scorer's 60 % overlap."""
    whole = total = signed = signatories = 0
    for path in sorted(SEEDS_GOLD.glob("*.json")):
        gold = json.loads((gold_dir / path.name).read_text(encoding="utf-8"))
        pred = preds.get(path.stem) or {}
        found = {
            (scorer.norm(c.get("text")), frozenset(c.get("responsible") or []))
            for c in pred.get("commitments") or []
        }
        for commitment in gold.get("commitments") or []:
            total += 1
            key = (
                scorer.norm(commitment.get("text")),
                frozenset(commitment.get("responsible") or []),
            )
            whole += key in found
        names = scorer.name_set(s.get("name") for s in pred.get("signatories") or [])
        for signatory in gold.get("signatories") or []:
            signatories += 1
            signed += bool(scorer.name_set([signatory.get("name")]) & names)
    return whole, total, signed, signatories


def responsible_and_signatories(lines: list[str]) -> tuple[str, str]:
    def figure(prefix: str, key: str) -> str:
        for line in lines:
            if line.strip().startswith(prefix):
                return line.split(key, 1)[1].split()[0]
        return "?"

    return figure("responsible", "acc="), figure("signatories", "F1=")


def measure(scorer: ModuleType, verbose: bool) -> tuple[list[dict[str, Any]], float]:
    rows: list[dict[str, Any]] = []
    wall = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for source in SOURCES:
            paths = files_of(source)
            if not paths:
                print(f"skipped {source.name}: no files in {source.folder}")
                continue
            pred_file = Path(tmp) / f"{source.name.replace(' ', '_')}.json"
            seconds = run_cli(paths, pred_file)
            if source.name == "text":
                wall = seconds
            preds = scorer.load_predictions(pred_file)
            result = scorer.score(source.gold, preds, verbose)
            if verbose:
                print(f"\n## {source.name}")
                print("\n".join(result["misses"] + result["lines"]))
            responsible, signatories = responsible_and_signatories(result["lines"])
            rows.append(
                {
                    "source": source,
                    "documents": len(paths),
                    "overall": result["overall"],
                    "commitment_f1": result["commitment_f1"],
                    "responsible": responsible,
                    "signatories": signatories,
                    "seeds": seed_checks(scorer, source.gold, preds),
                }
            )
    return rows, wall


def table(rows: list[dict[str, Any]]) -> str:
    by_name = {row["source"].name: row for row in rows}
    out = [
        "| source | documents | overall | Δ overall | commitment F1 | Δ F1 "
        "| responsible | signatories F1 | seeds: commitments whole "
        "| seeds: signatories |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        source = row["source"]
        base = by_name.get(source.compare_with)
        if base is None or base is row:
            gaps = ("–", "–")
        else:
            gaps = tuple(
                f"{row[key] - base[key]:+.3f}"
                + (" ✗" if row[key] < base[key] - MAX_GAP else "")
                for key in ("overall", "commitment_f1")
            )
        whole, total, signed, signatories = row["seeds"]
        out.append(
            f"| {source.name} | {row['documents']} | {row['overall']:.3f} | {gaps[0]} "
            f"| {row['commitment_f1']:.3f} | {gaps[1]} | {row['responsible']} "
            f"| {row['signatories']} | {whole}/{total} | {signed}/{signatories} |"
        )
    return "\n".join(out)


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
        "--verbose",
        action="store_true",
        help="print each source's report with every missed and extra commitment",
    )
    ap.add_argument(
        "--update-baseline",
        action="store_true",
        help="store the text's figures as the new floor",
    )
    args = ap.parse_args()
    if not (DOCS.is_dir() and GOLD.is_dir() and SCORER.is_file()):
        print(
            f"skipped: the shared corpus is not at {SHARED} "
            "(expected corpus/docs, corpus/gold, tools/)"
        )
        return 0
    scorer = load_scorer()
    rows, wall = measure(scorer, args.verbose)
    print(table(rows))
    print(
        f"\nΔ: difference from the same documents as text; ✗ marks a rendering more "
        f"than {MAX_GAP} below it."
    )
    n = len(list(DOCS.glob("*.txt")))
    per_second = speed()
    print(
        f"\n{n} documents; CLI wall time for the text {wall:.2f} s (includes Python "
        "and Django start-up)"
    )
    print(f"extract_record: {per_second:.0f} documents per CPU second (one core)")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, "
        f"Python {platform.python_version()}"
    )
    if args.update_baseline:
        text = next(row for row in rows if row["source"].name == "text")
        figures = {key: text[key] for key in ("overall", "commitment_f1")}
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
