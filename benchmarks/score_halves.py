"""Importer accuracy on each half of the development corpus and on our held-out set.

The rules are developed on one half of the shared corpus at a time (documents in
sorted order, 0-based: the "even" half is documents 0, 2, 4 …, the "odd" half 1, 3,
5 …) while the other half shows whether a change generalises; this prints the
scorer's figures for both halves and for the whole corpus, and then for our own
held-out documents (``medborgarloften/extract/tests/fixtures/heldout_records``,
see its README for their first, untuned measurement).

    .venv/bin/python benchmarks/score_halves.py [--verbose] [--half odd|even|all]

Reads each document as the ``extract`` command does. Skips with a message (exit 0)
when ../shared is absent.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from corpus import DOCS, GOLD, HELDOUT, ROOT, SCORER, SHARED, load_scorer


def _records(folder: Path) -> dict[str, dict[str, Any]]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
    from medborgarloften.documents.management.commands.extract import read_input
    from medborgarloften.extract.record import extract_record

    out = {}
    for path in sorted(folder.glob("*.txt")):
        text, url = read_input(str(path))
        out[path.stem] = extract_record(text, record_id=path.stem, source_url=url)
    return out


def _report(title: str, gold: Path, preds: dict[str, Any], verbose: bool) -> None:
    result = load_scorer().score(gold, preds, verbose)
    count = len(list(gold.glob("*.json")))
    print(f"== {title} ({count} documents)")
    for line in result["misses"] + result["lines"]:
        print(line)
    print(
        f"overall: {result['overall']:.3f} (commitment F1 {result['commitment_f1']:.3f})"
    )
    print()


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--verbose", action="store_true", help="list misses and extras")
    ap.add_argument("--half", choices=("odd", "even", "all"), default=None)
    args = ap.parse_args()
    if not (DOCS.is_dir() and GOLD.is_dir() and SCORER.is_file()):
        print(f"skipped: the shared corpus is not at {SHARED}")
        return 0
    preds = _records(DOCS)
    documents = sorted(DOCS.glob("*.txt"))
    halves = [args.half] if args.half else ["odd", "even", "all"]
    for half in halves:
        with tempfile.TemporaryDirectory() as tmp:
            for i, path in enumerate(documents):
                if half == "all" or (half == "odd") == bool(i % 2):
                    shutil.copy(GOLD / f"{path.stem}.json", tmp)
            _report(
                f"corpus, {half} half" if half != "all" else "corpus",
                Path(tmp),
                preds,
                args.verbose,
            )
    if not args.half:
        _report(
            "own held-out documents",
            HELDOUT / "gold",
            _records(HELDOUT / "docs"),
            args.verbose,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
