"""English public pages mark the promise's own Swedish words (WCAG 3.1.2)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .apidata import build


@pytest.fixture
def data(superuser, kalmar, lpo_kalmar, nybro):
    return build(actor=superuser, kalmar=kalmar, lpo_kalmar=lpo_kalmar, nybro=nybro)


@pytest.mark.django_db
def test_english_public_pages_mark_the_promises_swedish_words(client, data, kalmar):
    # WCAG 3.1.2: the area, search and promise pages in English left the promise's
    # own Swedish text unmarked (open-data review).
    client.cookies["django_language"] = "en"
    area = client.get(
        reverse("publishing:area", args=[kalmar.code, data.area.pk])
    ).content.decode()
    assert '<p class="commitment-text" lang="sv">' in area
    hits = client.get(reverse("publishing:search") + "?q=trygghetsvandringar").content
    assert b'class="snippet" lang="sv"' in hits
