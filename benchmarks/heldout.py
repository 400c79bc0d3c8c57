"""Held-out estimates: the development corpus in three fixed folds, and our own
held-out documents batch by batch, as text and as rendered files.

Rules are not trained, so "held out" means: judged on documents nobody looked at
while writing the rules. Two kinds of figure come out of this script:

- **Corpus folds.** The 78 documents of ``../shared/corpus`` fall into ``--folds``
  folds (3 by default) by a fixed hash of the file name (SHA-256 of the stem, mod the
  number of folds), so a document never changes fold. Work on one fold at a time:
  ``--fold N --verbose`` lists only that fold's misses, so the other folds' texts stay
  unread, and the table shows whether the others move with it. Every rule written
  before this script saw the whole corpus, so the fold figures are a check that a
  change does not help one fold at the others' cost, not an estimate for unseen
  promises.
- **Own held-out batches** (``extract/tests/fixtures/heldout_records``): documents
  written in the genre for the tests, each batch measured once before any rule was
  changed for it (the first figures are in that folder's README: that is the honest
  estimate). Each is scored as text and as the files kommuner publish, made from
  the same text by ``own_files.py``: a Word file (python-docx: list paragraphs
  nested by level, tables, signature blocks as one paragraph with soft line
  breaks), the web page itself (real, nested ``<ul>``/``<ol>`` lists, tables; the
  HTML reader) and a PDF typeset by WeasyPrint from it — read by the same readers
  as an upload.

    .venv/bin/python benchmarks/heldout.py [--folds 3] [--fold N] [--verbose]
        [--renderings] [--batch ho4]

``--dir FOLDER`` reads the own documents from another folder with the same
``docs/`` and ``gold/`` layout: a new blind batch, measured before it joins the
fixtures. ``--renderings`` adds the corpus's own renderings (``rendered/docx``, ``lo-pdf``,
``web-pdf``) per fold. Skips the corpus part with a message when ../shared is
absent.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import DOCS, GOLD, HELDOUT, RENDERED, ROOT, SCORER, SHARED, load_scorer
from own_files import weasyprint_pdf, web_page, word_file

CORPUS_RENDERINGS = (("docx", "*.docx"), ("lo-pdf", "*.pdf"), ("web-pdf", "*.pdf"))


def fold_of(stem: str, folds: int) -> int:
    """The fold of a document: fixed by its name, the same on every machine."""
    return int(hashlib.sha256(stem.encode("utf-8")).hexdigest(), 16) % folds


def batch_of(stem: str) -> str:
    """The batch of an own held-out document: its name's prefix ("ho4_02_…" → "ho4")."""
    return stem.split("_", 1)[0]


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="heldout_"))


def _record_of_path(path: Path) -> dict[str, Any]:
    """Read ``path`` as the ``extract`` command does and extract its record."""
    from medborgarloften.documents.management.commands.extract import read_input
    from medborgarloften.extract.record import extract_record

    text, url = read_input(str(path))
    return extract_record(text, record_id=path.stem, source_url=url)


def _record_of_bytes(stem: str, name: str, data: bytes) -> dict[str, Any]:
    """Read an uploaded file's bytes as an import does and extract its record."""
    from medborgarloften.extract.readers import read_bytes
    from medborgarloften.extract.record import extract_record

    result = read_bytes(data, filename=name)
    return extract_record(result.text, record_id=stem)


def web_page_file(text: str) -> bytes:
    """The web page the PDF is typeset from, as its HTML file (the HTML reader)."""
    return web_page(text).encode("utf-8")


OWN_RENDERINGS: tuple[tuple[str, str, Callable[[str], bytes]], ...] = (
    ("docx", ".docx", word_file),
    ("web-page", ".html", web_page_file),
    ("weasyprint-pdf", ".pdf", weasyprint_pdf),
)


# --- scoring ------------------------------------------------------------------


def _score(
    scorer: Any,
    gold_stems: list[str],
    gold_dir: Path,
    preds: dict[str, Any],
    verbose: bool,
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        for stem in gold_stems:
            (Path(tmp) / f"{stem}.json").write_bytes(
                (gold_dir / f"{stem}.json").read_bytes()
            )
        return scorer.score(Path(tmp), preds, verbose)


def _figure(lines: list[str], prefix: str) -> str:
    for line in lines:
        if line.strip().startswith(prefix):
            match = re.search(r"(?:F1|acc)=([0-9.]+)", line)
            return match.group(1) if match else "?"
    return "?"


def _row(name: str, count: int, result: dict[str, Any]) -> str:
    lines = result["lines"]
    return (
        f"| {name} | {count} | {result['overall']:.3f} | {result['commitment_f1']:.3f} "
        f"| {_figure(lines, 'responsible')} | {_figure(lines, 'target quantity')} "
        f"| {_figure(lines, 'themes')} | {_figure(lines, 'places')} "
        f"| {_figure(lines, 'focus_areas')} | {_figure(lines, 'signatories')} |"
    )


HEADER = (
    "| set | documents | overall | commitment F1 | responsible | quantity+unit "
    "| themes | places | focus areas | signatories |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def corpus_table(scorer: Any, args: argparse.Namespace) -> list[str]:
    stems = sorted(
        p.stem for p in DOCS.glob("*.txt") if (GOLD / f"{p.stem}.json").exists()
    )
    folds = {
        f: [s for s in stems if fold_of(s, args.folds) == f] for f in range(args.folds)
    }
    sources = [("text", {s: _record_of_path(DOCS / f"{s}.txt") for s in stems})]
    if args.renderings:
        for name, pattern in CORPUS_RENDERINGS:
            files = {p.stem: p for p in (RENDERED / name).glob(pattern)}
            sources.append(
                (name, {s: _record_of_path(files[s]) for s in stems if s in files})
            )
    rows, misses = [], []
    for source, preds in sources:
        for f, members in folds.items():
            if args.fold is not None and f != args.fold and args.verbose:
                # Still scored for the table, but its misses are not printed.
                result = _score(scorer, members, GOLD, preds, False)
            else:
                result = _score(scorer, members, GOLD, preds, args.verbose)
                if args.verbose and (args.fold is None or f == args.fold):
                    misses += [f"[{source}, fold {f}] {m}" for m in result["misses"]]
            rows.append(_row(f"corpus {source}, fold {f}", len(members), result))
        rows.append(
            _row(
                f"corpus {source}, all",
                len(stems),
                _score(scorer, stems, GOLD, preds, False),
            )
        )
    return misses + ["", HEADER, *rows]


def own_table(scorer: Any, args: argparse.Namespace) -> list[str]:
    folder = Path(args.dir) if args.dir else HELDOUT
    gold_dir, docs_dir = folder / "gold", folder / "docs"
    stems = sorted(p.stem for p in gold_dir.glob("*.json"))
    batches: dict[str, list[str]] = {}
    for stem in stems:
        batches.setdefault(batch_of(stem), []).append(stem)
    if args.batch:
        batches = {args.batch: batches.get(args.batch, [])}
    sources = [("text", {s: _record_of_path(docs_dir / f"{s}.txt") for s in stems})]
    for name, suffix, make in OWN_RENDERINGS:
        preds = {}
        for stem in stems:
            text = (docs_dir / f"{stem}.txt").read_text(encoding="utf-8")
            preds[stem] = _record_of_bytes(stem, f"{stem}{suffix}", make(text))
        sources.append((name, preds))
    rows, misses = [], []
    for source, preds in sources:
        for batch, members in batches.items():
            result = _score(scorer, members, gold_dir, preds, args.verbose)
            misses += [f"[own {source}, {batch}] {m}" for m in result["misses"]]
            rows.append(_row(f"own {source}, {batch}", len(members), result))
        if not args.batch:
            rows.append(
                _row(
                    f"own {source}, all",
                    len(stems),
                    _score(scorer, stems, gold_dir, preds, False),
                )
            )
    return misses + ["", HEADER, *rows]


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--folds", type=int, default=3, help="number of corpus folds")
    ap.add_argument("--fold", type=int, default=None, help="the fold being worked on")
    ap.add_argument("--verbose", action="store_true", help="list misses and extras")
    ap.add_argument(
        "--renderings", action="store_true", help="the corpus's renderings too"
    )
    ap.add_argument("--batch", default=None, help="only this own batch (e.g. ho4)")
    ap.add_argument("--own-only", action="store_true", help="skip the corpus folds")
    ap.add_argument(
        "--dir",
        default=None,
        help="own documents from this folder (docs/*.txt, gold/*.json) instead of "
        "the fixtures: a blind batch measured before it is added and before any rule "
        "is written for it",
    )
    ap.add_argument(
        "--raise-floors",
        action="store_true",
        help="raise the own batches' floors in baseline.json to today's text figures "
        "(floored to three decimals; a floor is never lowered)",
    )
    args = ap.parse_args()
    _setup()
    if not SCORER.is_file():
        print(f"skipped: the scorer is not at {SCORER}")
        return 0
    scorer = load_scorer()
    out: list[str] = []
    if not args.own_only:
        if DOCS.is_dir() and GOLD.is_dir():
            out += corpus_table(scorer, args)
        else:
            print(f"skipped the corpus folds: the shared corpus is not at {SHARED}")
    out += own_table(scorer, args)
    print("\n".join(out))
    if args.raise_floors:
        raise_floors(scorer)
    return 0


def raise_floors(scorer: Any) -> None:
    """Raise each floor of ``baseline.json`` to the text's figures, never lower."""
    import json
    import math

    path = HELDOUT / "baseline.json"
    baseline = json.loads(path.read_text(encoding="utf-8"))
    gold_dir, docs_dir = HELDOUT / "gold", HELDOUT / "docs"
    stems = sorted(p.stem for p in gold_dir.glob("*.json"))
    preds = {s: _record_of_path(docs_dir / f"{s}.txt") for s in stems}
    own = baseline.setdefault("batches", {})
    groups = {name: [s for s in stems if batch_of(s) == name] for name in own}
    groups[""] = [s for s in stems if batch_of(s) not in own]
    for name, members in groups.items():
        result = _score(scorer, members, gold_dir, preds, False)
        floor = baseline if name == "" else own[name]
        for key in ("overall", "commitment_f1"):
            value = math.floor(result[key] * 1000) / 1000
            floor[key] = max(floor.get(key, 0.0), value)
    path.write_text(json.dumps(baseline) + "\n", encoding="utf-8")
    print(f"floors in {path.relative_to(ROOT)}: {json.dumps(baseline)}")


if __name__ == "__main__":
    sys.exit(main())
