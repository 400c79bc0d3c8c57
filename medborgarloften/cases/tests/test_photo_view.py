"""A case's photo is served by the app: to staff who see the case, and to the
public only once moderation approved it on a published case."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ..models import CaseSource
from ..services import case_create, case_moderate
from .conftest import KALMAR_POINT, jpeg_with_gps, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo_case(kalmar, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme="trygghet_offentlig_miljo",
        text="Trasig lampa vid lekplatsen.",
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
        photo=jpeg_with_gps(),
    )


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_staff_who_see_the_case_get_the_photo_privately(
    client, photo_case, kommun_editor
):
    client.force_login(kommun_editor)
    page = client.get(reverse("cases:staff_detail", args=[photo_case.pk]))
    src = re.search(r'<img src="([^"]+)" alt="Foto', page.content.decode())
    assert src is not None and "/media/" not in src.group(1)
    response = client.get(src.group(1))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert _body(response).startswith(b"\xff\xd8")  # a JPEG


def test_another_kommuns_staff_get_no_photo(client, photo_case, nybro):
    client.force_login(member("nybro_editor", nybro, "editor"))
    response = client.get(reverse("cases:photo", args=[photo_case.pk]))
    assert response.status_code in (403, 404)


def test_the_public_sees_the_photo_only_once_approved(
    client, photo_case, kommun_editor
):
    url = reverse("cases:photo", args=[photo_case.pk])
    assert client.get(url).status_code == 404
    # Published, but the photo not approved: still nothing.
    case_moderate(actor=kommun_editor, case=photo_case, publish=True, photo=False)
    assert client.get(url).status_code == 404
    case_moderate(actor=kommun_editor, case=photo_case, publish=True, photo=True)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"]
    assert client.post(url).status_code == 405
    # Hidden again: gone again.
    case_moderate(actor=kommun_editor, case=photo_case, publish=False)
    assert client.get(url).status_code == 404


def test_the_public_pages_photo_answers(client, photo_case, kalmar, kommun_editor):
    case_moderate(actor=kommun_editor, case=photo_case, publish=True, photo=True)
    page = client.get(reverse("cases:public", args=[kalmar.code])).content.decode()
    src = re.search(r'<img src="([^"]+)" alt="Foto av platsen"', page)
    assert src is not None and "/media/" not in src.group(1)
    assert client.get(src.group(1)).status_code == 200


def test_open311_names_only_an_approved_photo(
    client, photo_case, kalmar, kommun_editor
):
    url = reverse(
        "open311:request", kwargs={"request_id": photo_case.pk, "fmt": "json"}
    )
    case_moderate(actor=kommun_editor, case=photo_case, publish=True, photo=False)
    record = client.get(url, {"jurisdiction_id": kalmar.code}).json()[0]
    assert record["media_url"] is None
    case_moderate(actor=kommun_editor, case=photo_case, publish=True, photo=True)
    record = client.get(url, {"jurisdiction_id": kalmar.code}).json()[0]
    assert record["media_url"].startswith("http://testserver/")
    assert client.get(record["media_url"]).status_code == 200
