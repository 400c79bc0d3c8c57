"""documents.draft: the one mapping from an extraction record to a draft's fields."""

from __future__ import annotations

import pytest

from medborgarloften.documents.draft import draft_record, draft_title, is_generic_title


@pytest.mark.parametrize(
    ("record", "meta", "title"),
    [
        # The document's own title wins over the file's metadata.
        (
            {"title": "Medborgarlöfte för Ekby kommun 2026"},
            {"title": "TJÄNSTESKRIVELSE"},
            "Medborgarlöfte för Ekby kommun 2026",
        ),
        # No title in the text: a metadata title that names the promise.
        (
            {"title": None},
            {"title": "Nytt medborgarlöfte i Ekby"},
            "Nytt medborgarlöfte i Ekby",
        ),
        # A template label, a file name or a bare "Medborgarlöften" say nothing:
        # kommuner and years instead.
        (
            {
                "title": "Medborgarlöften",
                "municipalities": ["Högsby", "Mönsterås"],
                "period": {"start": "2024-01-01", "end": "2025-12-31"},
            },
            {"title": "TJÄNSTESKRIVELSE"},
            "Medborgarlöfte Högsby och Mönsterås 2024–2025",
        ),
        (
            {
                "municipalities": ["Ekby"],
                "period": {"start": "2026-01-01", "end": None},
            },
            {"title": "Microsoft Word - lofte_v3.docx"},
            "Medborgarlöfte Ekby 2026",
        ),
    ],
)
def test_it_takes_the_documents_own_title(record, meta, title):
    assert draft_title(record, meta) == title


@pytest.mark.parametrize(
    ("title", "generic"),
    [
        ("Medborgarlöften", True),
        ("Våra gemensamma medborgarlöften", True),
        ("Ekby – medborgarlöften", False),
        ("Medborgarlöfte 2026", False),
    ],
)
def test_it_knows_a_generic_title(title, generic):
    assert is_generic_title(title) is generic


def test_it_keeps_the_lagesbild_and_only_focus_areas_that_exist():
    record = {
        "title": "Ekby – medborgarlöften",
        "municipalities": ["Ekby"],
        "situation_summary": "  Oron för klotter har ökat.  ",
        "focus_areas": ["Trygg trafik", "x" * 400],
        "commitments": [
            {"text": "A", "focus_area": "Trygg trafik"},
            {"text": "B", "focus_area": "Något annat"},
            {"text": "C", "focus_area": "x" * 400},
        ],
    }
    draft = draft_record(record)
    assert draft["situation_summary"] == "Oron för klotter har ökat."
    assert draft["focus_areas"] == ["Trygg trafik", "x" * 300]
    assert [c["focus_area"] for c in draft["commitments"]] == [
        "Trygg trafik",
        None,
        "x" * 300,
    ]
