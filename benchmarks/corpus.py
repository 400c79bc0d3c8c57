"""Where the accuracy scripts find the shared corpus, its scorer and our own held-out
documents, and how they load the scorer: one home for ``heldout.py``,
``score_corpus.py`` and ``score_halves.py`` (run as scripts from this folder, so
``from corpus import …`` finds this module)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
DOCS = CORPUS / "docs"
GOLD = CORPUS / "gold"
RENDERED = CORPUS / "rendered"
SCORER = SHARED / "tools" / "score_extraction.py"
HELDOUT = (
    ROOT / "medborgarloften" / "extract" / "tests" / "fixtures" / "heldout_records"
)


def load_scorer() -> ModuleType:
    """The shared scorer (``SCORER``) as a module."""
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
