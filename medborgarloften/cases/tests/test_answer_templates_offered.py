"""The case page offers the answer templates as a choice that fills the answer, and
asks about the photo only when there is one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..models import CaseSource
from ..routing import answer_template_save
from ..services import case_create
from .conftest import KALMAR_POINT, jpeg_with_gps

pytestmark = pytest.mark.django_db


def _case(kalmar, **extra):
    return case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme="trygghet_offentlig_miljo",
        text="Trappan vid skolan saknar räcke.",
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
        **extra,
    )


def test_a_template_is_chosen_in_a_select_and_prefills_the_answer(
    client, kalmar, rules, kommun_editor
):
    template = answer_template_save(
        actor=kommun_editor,
        kommun=kalmar,
        organisation=None,
        title="Vi har skickat det vidare",
        text="Tack, vi har bett fastighetsägaren titta på trappan.",
    )
    case = _case(kalmar)
    client.force_login(kommun_editor)
    url = reverse("cases:staff_detail", args=[case.pk])
    page = client.get(url).content.decode()
    assert 'name="mall"' in page and "Använd mall" in page
    assert f'<option value="{template.pk}"' in page
    assert 'data-text="Tack, vi har bett fastighetsägaren titta på trappan."' in page
    assert "case-answer.js" in page
    # Without script: the button reloads the page with the answer started.
    page = client.get(url, {"mall": template.pk}).content.decode()
    textarea = page[page.index('name="answer"') :]
    textarea = textarea[: textarea.index("</textarea>")]
    assert "Tack, vi har bett fastighetsägaren titta på trappan." in textarea
    assert f'<option value="{template.pk}" ' in page and " selected>" in page


def test_the_photo_question_needs_a_photo(client, kalmar, rules, kommun_editor):
    client.force_login(kommun_editor)
    bare = _case(kalmar)
    page = client.get(reverse("cases:staff_detail", args=[bare.pk])).content.decode()
    assert "Granska för publicering" in page and "Fotot får visas" not in page
    response = client.post(
        reverse("cases:staff_detail", args=[bare.pk]),
        {"action": "moderate", "publish": "1", "text": ""},
    )
    assert response.status_code == 302
    bare.refresh_from_db()
    assert bare.moderation == "public" and not bare.photo_public
    with_photo = _case(kalmar, photo=jpeg_with_gps())
    url = reverse("cases:staff_detail", args=[with_photo.pk])
    assert "Fotot får visas" in client.get(url).content.decode()
