"""documents.draft: the one mapping from an extraction record to a draft's fields."""

from __future__ import annotations

import pytest

from medborgarloften.documents.draft import (
    commitment_text,
    draft_record,
    draft_title,
    is_generic_title,
)


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


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        # a list item under "Polisen lovar att:" stands alone on the promise page
        (
            "genomföra minst två insatser per månad vid Torget,",
            "Genomföra minst två insatser per månad vid Torget",
        ),
        ("öppna fritidsgården på fredagar; och", "Öppna fritidsgården på fredagar"),
        ("hålla en dialog i Ekby samt", "Hålla en dialog i Ekby"),
        # a sentence is kept as written, and a word merely ending in "och" stays
        ("Kommunen sätter upp ny belysning.", "Kommunen sätter upp ny belysning."),
        ("ordna en träff i Koch", "Ordna en träff i Koch"),
        ("  sanera   klotter\ninom två dygn ", "Sanera klotter inom två dygn"),
        ("", ""),
    ],
)
def test_a_commitment_reads_as_its_own_line(written, shown):
    assert commitment_text(written) == shown


def test_the_draft_shows_list_items_as_commitments_of_their_own():
    draft = draft_record({"commitments": [{"text": "patrullera i Ekby,"}]})
    assert draft["commitments"][0]["text"] == "Patrullera i Ekby"
