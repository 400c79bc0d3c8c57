"""Score the commitment rules on the shared development corpus (developer tool).

Runs ``extract_commitments`` over /work/shared/corpus/docs, builds minimal records
(id = file name; document fields from the gold only where the scorer needs a
municipality list for places — never the commitments) and runs the shared scorer
with --verbose so every missed and extra commitment is listed. Also prints the
speed in documents per second. Skips with a message when /work/shared is absent.

    .venv/bin/python benchmarks/dev_commitments.py [--quiet]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from medborgarloften.extract.commitments import extract_commitments  # noqa: E402
from medborgarloften.extract.places import find_places  # noqa: E402
from medborgarloften.extract.structure import parse_structure  # noqa: E402

SHARED = Path("/work/shared")
DOCS = SHARED / "corpus" / "docs"
GOLD = SHARED / "corpus" / "gold"
SCORER = SHARED / "tools" / "score_extraction.py"


def strip_source(text: str) -> str:
    """Drop the first "# source: <url>" line the corpus adds."""
    if text.startswith("# source:"):
        return text.split("\n", 1)[1] if "\n" in text else ""
    return text


def main(argv: list[str]) -> int:
    if not DOCS.is_dir() or not SCORER.is_file():
        print("skipped: /work/shared/corpus is not available here")
        return 0
    records = []
    texts = []
    for path in sorted(DOCS.glob("*.txt")):
        gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
        texts.append((path.stem, strip_source(path.read_text(encoding="utf-8")), gold))
    t0 = time.perf_counter()
    for doc_id, text, gold in texts:
        munis = gold.get("municipalities") or []
        structure = parse_structure(text)
        commitments = extract_commitments(
            text, structure, municipalities=munis, period=gold.get("period")
        )
        places: list[str] = []
        for c in commitments:
            places += [p for p in c["places"] if p not in places]
        records.append(
            {
                "id": doc_id,
                "municipalities": munis,
                "period": gold.get("period"),
                "places": places,
                "commitments": commitments,
            }
        )
    elapsed = time.perf_counter() - t0
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(records, fh, ensure_ascii=False)
        pred = fh.name
    args = [sys.executable, str(SCORER), str(GOLD), pred]
    if "--quiet" not in argv:
        args.append("--verbose")
    subprocess.run(args, check=False)
    print(
        f"speed: {len(texts) / elapsed:.0f} documents/s ({elapsed * 1000:.0f} ms total)"
    )
    # Document-level places straight from the full text (what DOC may do).
    tp = fp = fn = 0
    for _doc_id, text, gold in texts:
        found = {
            p.casefold()
            for p, _ in find_places(text, municipalities=gold["municipalities"])
        }
        want = {p.casefold() for p in gold.get("places") or []}
        tp += len(found & want)
        fp += len(found - want)
        fn += len(want - found)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    print(
        f"find_places on whole text: P={p:.3f} R={r:.3f} F1={2 * p * r / (p + r):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
