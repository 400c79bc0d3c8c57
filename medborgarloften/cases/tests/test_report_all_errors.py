"""The resident form shows every problem in one pass: a wrong e-mail address does
not hide that the photo is no picture, nor that the theme is missing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ..models import Case
from .conftest import KALMAR_POINT

# The form takes reports only for a kommun someone handles.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kalmar_handled")]


def _post(client, kalmar, **extra):
    data = {
        "theme": "trygghet_offentlig_miljo",
        "text": "Cykelvägen under viadukten är helt mörk.",
        "latitude": str(KALMAR_POINT[0]),
        "longitude": str(KALMAR_POINT[1]),
        "area": "",
        "place_text": "",
        "email": "inte-en-adress",
        "website": "",
    }
    data.update(extra)
    return client.post(reverse("cases:report", args=[kalmar.code]), data)


def _document():
    return SimpleUploadedFile(
        "karta.pdf", b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n", "application/pdf"
    )


def test_a_bad_address_and_a_document_as_photo_both_show(client, kalmar, rules):
    response = _post(client, kalmar, photo=_document())
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "email" in errors
    assert errors["photo"] == ["Fotot ska vara en JPEG-, PNG- eller WebP-bild."]
    assert not Case.objects.exists()


def test_the_service_checks_join_the_form_errors(client, kalmar, rules):
    response = _post(client, kalmar, theme="", text="")
    errors = response.context["form"].errors
    assert set(errors) >= {"email", "theme", "text"}
    # A field that failed on its own keeps its one message.
    response = _post(client, kalmar, email="x@example.se", latitude="abc")
    errors = response.context["form"].errors
    assert list(errors) == ["latitude"]


def test_an_empty_post_shows_the_form_again_without_a_server_error(client, kalmar):
    response = client.post(reverse("cases:report", args=[kalmar.code]), {})
    assert response.status_code == 400
    assert Case.objects.count() == 0


def test_the_page_title_says_the_form_came_back_with_errors(client, kalmar, rules):
    # A screen reader reads the title first; it did not change after a failed
    # submit (open-data review).
    before = client.get(reverse("cases:report", args=[kalmar.code])).content.decode()
    assert "<title>Fel:" not in before
    after = _post(client, kalmar).content.decode()
    assert "<title>Fel: " in after
    client.cookies["django_language"] = "en"
    assert "<title>Error: " in _post(client, kalmar).content.decode()
