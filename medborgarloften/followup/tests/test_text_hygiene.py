"""Free text in the follow-up: pasted from Word, too long, through the form, the edit,
the import and out again as DOCX (issue #13 M5, M7)."""

from __future__ import annotations

import base64
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from medborgarloften.followup.models import Activity, Report
from medborgarloften.followup.reports import report_docx_bytes
from medborgarloften.followup.services import activity_create, report_create

WORD = "Vi gick i Berga\x0bTolv deltog\x0c"
TOO_LONG = "Beskrivning: högst 4\u00a0000 tecken (texten har 4\u00a0001)."


@pytest.fixture
def editor(client, kommun_editor):
    client.force_login(kommun_editor)
    return client


def _log(client, commitment, **data):
    payload = {"date": "2025-03-01", "kind": "fotpatrullering", "quantity": "1"}
    return client.post(
        reverse("followup:activity_new", args=[commitment.pk]), {**payload, **data}
    )


@pytest.mark.django_db
def test_a_vertical_tab_pasted_from_word_is_stored_as_a_line_break(editor, patrols):
    response = _log(editor, patrols, kind="Fot\x0bpatrullering", description=WORD)
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.description == "Vi gick i Berga\nTolv deltog"
    assert activity.kind == "Fot patrullering"


@pytest.mark.django_db
def test_a_description_over_its_limit_is_refused_beside_the_field(editor, patrols):
    response = _log(editor, patrols, description="x" * 4001)
    assert response.status_code == 200
    assert response.context["form"].errors["description"] == [TOO_LONG]
    assert 'maxlength="4000"' in response.content.decode()
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_line_break_counts_as_one_character_as_in_the_browser(editor, patrols):
    # The browser counts 4 000 (one per line break) but sends CR LF, 9 more.
    text = "\r\n".join(["x" * 391] * 10)
    assert len(text.replace("\r\n", "\n")) == 3919 and len(text) == 3928
    text += "y" * (4000 - 3919)
    assert _log(editor, patrols, description=text).status_code == 302
    assert len(Activity.objects.get().description) == 4000


@pytest.mark.django_db
def test_an_edit_cannot_make_a_description_longer_than_its_limit(editor, patrols):
    activity = activity_create(commitment=patrols, date=dt.date(2025, 3, 1), kind="x")
    url = reverse("followup:activity_edit", args=[activity.pk])
    form = {"date": "2025-03-01", "kind": "x", "quantity": "1", "version": "1"}
    response = editor.post(url, {**form, "description": "x" * 4001})
    assert TOO_LONG in response.content.decode()
    activity.refresh_from_db()
    assert (activity.description, activity.version) == ("", 1)


@pytest.mark.django_db
def test_the_service_refuses_what_the_form_would_and_saves_nothing(patrols):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        activity_create(
            commitment=patrols,
            date=dt.date(2025, 3, 1),
            kind="x",
            description="x" * 9_000_000,
        )
    assert caught.value.message_dict["description"][0].startswith(
        "Beskrivning: högst 4\u00a0000 tecken"
    )
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_the_import_cleans_cells_and_lists_a_too_long_text_as_a_row_error(
    editor, promise, walks, patrols
):
    url = reverse("followup:import", args=[promise.pk])
    rows = [
        "Åtagande;Datum;Typ;Beskrivning",
        f"2;2025-03-04;fotpatrullering;{WORD}",
        f"2;2025-03-05;fotpatrullering;{'x' * 4001}",
    ]
    data = "\n".join(rows).encode("utf-8")
    body = editor.post(url, {"file": SimpleUploadedFile("a.csv", data)}).content
    assert "Rad 3" in body.decode() and TOO_LONG in body.decode()
    assert 'name="payload"' not in body.decode()  # nothing can be saved
    good = "\n".join(rows[:2]).encode("utf-8")
    payload = base64.b64encode(good).decode()
    saved = editor.post(url, {"payload": payload, "filename": "a.csv"})
    assert saved.status_code == 302
    assert Activity.objects.get().description == "Vi gick i Berga\nTolv deltog"


@pytest.mark.django_db
def test_a_report_section_over_its_limit_is_refused_beside_the_field(
    editor, promise, patrols
):
    response = editor.post(
        reverse("followup:report_new", args=[promise.pk]),
        {
            "kind": "followup",
            "title": "Uppföljning",
            "period_start": "2025-01-01",
            "period_end": "2025-06-30",
            "summary": "s" * 20001,
        },
    )
    assert response.context["form"].errors["summary"] == [
        "Sammanfattning: högst 20\u00a0000 tecken (texten har 20\u00a0001)."
    ]
    assert not Report.objects.exists()


def _docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.mark.django_db
def test_the_report_docx_takes_text_pasted_from_word_and_text_stored_before(
    editor, promise, patrols
):
    activity_create(commitment=patrols, date=dt.date(2025, 3, 1), kind="kontroll")
    report = report_create(
        promise=promise,
        title="Uppföljning\x0bvåren 2025",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 6, 30),
        summary=WORD,
    )
    assert "Vi gick i Berga\nTolv deltog" in _docx_text(
        report_docx_bytes(report=report)
    )
    with connection.cursor() as cursor:  # a row written before inputs were cleaned
        cursor.execute(
            "UPDATE followup_report SET process = %s, effect = %s WHERE id = %s",
            ["Genomfört\x0bmed\x07 föreningar", "Effekt\x1b", report.pk],
        )
    response = editor.get(reverse("followup:report_docx", args=[report.pk]))
    assert response.status_code == 200
    text = _docx_text(response.content)
    assert "Genomfört\nmed föreningar" in text and "Effekt" in text
