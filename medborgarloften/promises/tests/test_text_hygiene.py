"""Promise text pasted from Word or too long: through the editor, the JSON loader and
out again as the signing document in Word (issue #13 M5, M7)."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.urls import reverse

from medborgarloften.promises.document import document_docx_bytes
from medborgarloften.promises.models import Commitment, Promise
from medborgarloften.promises.services import RecordError, promise_load_record

from .test_exchange_load import extraction_record
from .test_views import _edit_url, _errors, _page_data, _state

pytestmark = pytest.mark.django_db


def _docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_editor_stores_words_line_break_and_refuses_a_too_long_text(
    client, kommun_editor, kalmar_promise
):
    client.force_login(kommun_editor)
    data = _page_data(client, _edit_url(kalmar_promise))
    data["situation_summary"] = ["Otrygghet i Berga\x0bkvällstid\x00"]
    data["commitments-0-text"] = ["Polisen\x0bpatrullerar."]
    assert client.post(_edit_url(kalmar_promise), data).status_code == 302
    promise = Promise.objects.get(pk=kalmar_promise.pk)
    assert promise.situation_summary == "Otrygghet i Berga\nkvällstid"
    assert promise.commitments.filter(text="Polisen\npatrullerar.").exists()

    data = _page_data(client, _edit_url(kalmar_promise))
    data["commitments-1-text"] = ["x" * 2001]
    data["situation_summary"] = ["y" * 20001]
    before = _state(kalmar_promise)
    response = client.post(_edit_url(kalmar_promise), data)
    assert response.status_code == 200
    summary = _errors(response)
    assert "Lägesbild: högst 20\u00a0000 tecken (texten har 20\u00a0001)." in summary
    assert "Åtagande: högst 2\u00a0000 tecken (texten har 2\u00a0001)." in summary
    assert _state(kalmar_promise) == before


def test_the_loader_cleans_text_and_names_a_too_long_one(kalmar, lpo_kalmar):
    record = extraction_record()
    record["commitments"][1]["text"] = "Kommunen\x0bbjuder in."
    record["situation_summary"] = "Lägesbild\x0c"
    promise = promise_load_record(record=record, source="test")
    assert promise.commitments.filter(text="Kommunen\nbjuder in.").exists()
    assert promise.situation_summary == "Lägesbild"

    record = extraction_record(id="b")
    record["commitments"][0]["text"] = "x" * 2001
    with pytest.raises(RecordError) as caught:
        promise_load_record(record=record, source="test")
    assert "commitments[0].text" in str(caught.value)
    assert "högst 2000 tecken" in str(caught.value)
    assert Promise.objects.count() == 1


def test_the_schema_and_the_models_agree_on_every_limit():
    from medborgarloften.promises.exchange import record_schema
    from medborgarloften.promises.models import FocusArea

    record = record_schema()["$defs"]["record"]["properties"]
    pairs = [
        (record["situation_summary"], Promise, "situation_summary"),
        (record["follow_up"]["properties"]["text"], Promise, "follow_up_text"),
        (record["title"], Promise, "title"),
        (
            record["focus_area_details"]["items"]["properties"]["description"],
            FocusArea,
            "description",
        ),
        (record["commitments"]["items"]["properties"]["text"], Commitment, "text"),
    ]
    for schema, model, name in pairs:
        assert schema["maxLength"] == model._meta.get_field(name).max_length, name


def test_the_signing_document_takes_text_pasted_from_word_and_text_stored_before(
    client, kommun_editor, kalmar_promise
):
    kalmar_promise.situation_summary = "Otrygghet\x0bkvällstid"
    kalmar_promise.save()
    text = _docx_text(document_docx_bytes(promise=kalmar_promise))
    assert "Otrygghet\nkvällstid" in text
    commitment = kalmar_promise.commitments.first()
    with connection.cursor() as cursor:  # rows written before inputs were cleaned
        cursor.execute(
            "UPDATE promises_commitment SET text = %s WHERE id = %s",
            ["Polisen\x0bpatrullerar\x07 i centrum.", commitment.pk],
        )
        cursor.execute(
            "UPDATE promises_promise SET title = %s WHERE id = %s",
            ["Medborgarlöfte\x0bKalmar", kalmar_promise.pk],
        )
    client.force_login(kommun_editor)
    response = client.get(reverse("promises:document_docx", args=[kalmar_promise.pk]))
    assert response.status_code == 200
    text = _docx_text(response.content)
    assert "Polisen\npatrullerar i centrum." in text
    assert "Medborgarlöfte\nKalmar" in text
