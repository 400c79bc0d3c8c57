"""Fuzz the whole importer (reader → extractor → loader → draft) with mangled promises:
``document_import`` never raises, and an input it refuses leaves no draft behind.

``FUZZ_EXAMPLES`` (default 15) sets the examples; ``FUZZ_COUNT_FILE`` makes the test
append how many inputs it tried (benchmarks/reliability/fuzz.py reads it).
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medborgarloften.documents.services import document_import
from medborgarloften.promises.models import Promise

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
TRIED = {"inputs": 0, "drafts": 0, "refused": 0}
LINES = [
    "Medborgarlöfte för Kalmar kommun 2031–2032",
    "Lokalpolisområde Kalmar och Kalmar kommun lovar tillsammans.",
    "Polisen lovar att:",
    "- genomföra minst tre trygghetsvandringar i Norrliden per år",
    "Kommunen lovar att:",
    "- hålla 2 dialogmöten med boende i centrum senast 30 juni 2032",
    "Uppföljning sker två gånger per år.",
    "Anna Andersson",
    "Kommunstyrelsens ordförande",
    "Nybro kommun",
    "Period: 2031-01-01 – 2030-12-31",
]


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    target = os.environ.get("FUZZ_COUNT_FILE")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps({"test": "document_import", **TRIED}) + "\n")


@pytest.mark.django_db
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    lines=st.lists(
        st.one_of(st.sampled_from(LINES), st.text(max_size=120)), max_size=40
    ),
    filename=st.sampled_from(["a.txt", "a.html", "lofte.htm", "x"]),
    with_kommun=st.booleans(),
)
def test_the_importer_never_raises_and_a_refusal_stores_no_draft(
    lines, filename, with_kommun, kalmar, lpo_kalmar, nybro, media_root
):
    before = Promise.objects.count()
    data = "\n".join(lines).encode("utf-8")
    TRIED["inputs"] += 1

    outcome = document_import(
        data=data, filename=filename, kommun=kalmar if with_kommun else None
    )

    after = Promise.objects.count()
    if outcome.ok and not outcome.already_imported:
        TRIED["drafts"] += 1
        assert after == before + 1
    else:
        TRIED["refused"] += int(not outcome.ok)
        assert outcome.ok or outcome.error
        assert after == before
