"""Lägesbild text pasted from Word or too long: observations, survey questions, and
the lägesbild in Word (issue #13 M5, M7)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from medborgarloften.situation.models import Observation, Survey
from medborgarloften.situation.surveys.services import survey_create

from .test_analysis import _reports


@pytest.mark.django_db
def test_a_reporter_pastes_from_word_and_the_form_keeps_its_own_short_limit(
    client, kommun_reporter, areas
):
    client.force_login(kommun_reporter)
    url = "/personal/lagesbild/0880/rapportera/"
    base = {
        "category": "klotter",
        "observed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "area": areas["Centrum"].pk,
    }
    sent = client.post(url, {**base, "text": "Muren\x0bvid skolan"})
    assert sent.status_code == 302
    assert Observation.objects.get().text == "Muren\nvid skolan"
    long = client.post(url, {**base, "text": "x" * 501})
    assert long.context["form"].errors["text"] == [
        "Kort beskrivning: högst 500 tecken (texten har 501)."
    ]
    assert Observation.objects.count() == 1


@pytest.mark.django_db
def test_an_own_survey_question_too_long_is_refused_not_cut(kalmar):
    closes = timezone.localdate() + dt.timedelta(days=10)
    with pytest.raises(ValidationError) as caught:
        survey_create(
            kommun=kalmar,
            title="Trygghet",
            year=closes.year,
            closes_on=closes,
            own_questions=[("F" * 301, ["Ja", "Nej" + "n" * 100])],
        )
    messages = caught.value.message_dict["own_questions"]
    assert any("Högst 300 tecken (texten har 301)" in m for m in messages)
    assert any("Högst 100 tecken (texten har 103)" in m for m in messages)
    assert not Survey.objects.exists()


@pytest.mark.django_db
def test_the_lagesbild_in_word_takes_an_area_name_stored_before_cleaning(
    client, kommun_viewer, kalmar, areas
):
    from docx import Document

    _reports(kalmar, areas["Oxhagen"], 8)
    with connection.cursor() as cursor:  # a name written before inputs were cleaned
        cursor.execute(
            "UPDATE places_area SET name = %s WHERE id = %s",
            ["Ox\x0bhagen\x1b", areas["Oxhagen"].pk],
        )
    client.force_login(kommun_viewer)
    docx = client.get("/personal/lagesbild/0880/dokument/?period=2025&format=docx")
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Ox\nhagen" in cells
