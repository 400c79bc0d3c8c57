"""Which corpus a stored accuracy figure belongs to.

An accuracy baseline is only meaningful for the documents and gold annotations it
was measured on. :func:`corpus_fingerprint` names a corpus by the number of its
documents and one SHA-256 over every document and gold file (names and bytes), so
that ``benchmarks/accuracy_baseline.json`` can say which corpus it was measured
on and the ratchet test can refuse to compare figures across corpora.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def corpus_fingerprint(docs: Path, gold: Path) -> dict[str, object]:
    """The corpus's size and a SHA-256 over its documents and gold files."""
    digest = hashlib.sha256()
    documents = sorted(docs.glob("*.txt"))
    for folder, paths in (
        ("docs", documents),
        ("gold", sorted(gold.glob("*.json"))),
    ):
        for path in paths:
            digest.update(f"{folder}/{path.name}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return {"documents": len(documents), "sha256": digest.hexdigest()}
