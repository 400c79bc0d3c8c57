"""The theme of a case is shown in the page's language: the English cases list and
case page say "Safety in public spaces", not the Swedish label (new-user tester)."""

from __future__ import annotations

import pytest
from django.conf import settings as conf
from django.urls import reverse

from ..models import RoutingRule
from ..services import case_create

pytestmark = pytest.mark.django_db


def test_the_english_cases_pages_translate_the_theme(client, kalmar, kommun_editor):
    case = case_create(
        kommun=kalmar,
        source="form",
        theme="trygghet_offentlig_miljo",
        text="Mörk gångväg bakom skolan.",
    )
    RoutingRule.objects.create(kommun=kalmar, theme="annat", owner=kalmar, days=10)
    client.force_login(kommun_editor)
    client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
    for url in (
        reverse("cases:staff_list"),
        reverse("cases:staff_detail", args=[case.pk]),
    ):
        body = client.get(url).content.decode()
        assert "Safety in public spaces" in body, url
        assert "Trygghet i offentlig miljö" not in body, url
    rules = client.get(reverse("cases:rules", args=[kalmar.code])).content.decode()
    assert "<td>Other</td>" in rules
