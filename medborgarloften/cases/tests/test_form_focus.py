"""After a refused "Tyck till" the error summary can take focus and the site's
script moves focus there; "Avsluta ärendet med svaret" is a normal checkbox row
(new-user tester)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from ..services import case_create

# The form takes reports only for a kommun someone handles.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kalmar_handled")]


def test_a_refused_report_offers_a_focusable_error_summary(client, kalmar):
    response = client.post(
        reverse("cases:report", args=[kalmar.code]),
        {"theme": "", "text": "", "website": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*>', body)
    assert summary, "the refused form has an error summary"
    assert 'id="error-summary"' in summary.group(0)
    assert 'tabindex="-1"' in summary.group(0)
    assert "js/site.js" in body


def test_site_js_moves_focus_to_the_error_summary():
    import medborgarloften

    js = (
        Path(medborgarloften.__file__).parent / "static/medborgarloften/js/site.js"
    ).read_text(encoding="utf-8")
    assert 'getElementById("error-summary")' in js
    assert "summary.focus()" in js


def test_the_close_with_answer_checkbox_sits_with_its_label(
    client, kalmar, kommun_editor
):
    case = case_create(kommun=kalmar, source="form", theme="annat", text="Skräp.")
    client.force_login(kommun_editor)
    body = client.get(reverse("cases:staff_detail", args=[case.pk])).content.decode()
    row = re.search(
        r'<label for="id_close">\s*<input type="checkbox" name="close"[^>]*>\s*'
        r"Avsluta ärendet med svaret\s*</label>",
        body,
    )
    assert row, "the checkbox is inside its label, beside the text"
