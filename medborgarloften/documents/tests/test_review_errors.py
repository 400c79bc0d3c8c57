"""The writer's errors on the review form: each at the field and row it names."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import QueryDict

from medborgarloften.documents.forms import ReviewEditor
from medborgarloften.documents.services import document_store, extraction_run_create


def _query(data: dict[str, str]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query[key] = value
    return query


def _editor(kalmar) -> ReviewEditor:
    document, _created = document_store(
        data="Medborgarlöfte Kalmar".encode(),
        text="Medborgarlöfte",
        kommun=kalmar,
        write_file=False,
    )
    run = extraction_run_create(document=document, record={"id": "dokument-x"})
    data = _query(
        {
            "title": "Medborgarlöfte Kalmar 2031",
            "municipalities": "Kalmar",
            "focus_areas": "Trygg utemiljö",
            "commitments-TOTAL_FORMS": "3",
            "commitments-INITIAL_FORMS": "0",
            "commitments-0-text": "Ett åtagande som tas bort.",
            "commitments-0-DELETE": "on",
            "commitments-1-text": "Polisen patrullerar.",
            "commitments-2-text": "Kommunen lagar belysningen.",
            "signatories-TOTAL_FORMS": "0",
            "signatories-INITIAL_FORMS": "0",
        }
    )
    editor = ReviewEditor(run=run, data=data)
    assert editor.is_valid(), editor.error_summary
    return editor


def test_a_rows_error_lands_on_the_row_the_draft_took_it_from(kalmar):
    editor = _editor(kalmar)
    draft = editor.reviewed_draft()
    assert [c.text for c in draft.commitments] == [
        "Polisen patrullerar.",
        "Kommunen lagar belysningen.",
    ]
    editor.add_service_error(
        ValidationError(
            {
                "commitments.1.target_quantity": ["Antal: för stort."],
                "parties": ["Din egen organisation måste vara part i löftet."],
                "focus_areas.0.title": ["högst 300 tecken / at most 300"],
                "__all__": ["Något annat."],
            }
        )
    )
    third = editor.commitments.forms[2]
    assert third.errors["target_quantity"] == ["Antal: för stort."]
    assert editor.form.errors["municipalities"] == [
        "Kommuner: din egen organisation måste vara part i löftet."
    ]
    assert editor.form.errors["focus_areas"] == ["Fokusområden: högst 300 tecken"]
    messages = [e.message for e in editor.error_summary]
    assert "Något annat." in messages
    assert "Åtagande 3 – Antal: för stort." in messages
