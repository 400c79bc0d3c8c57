""" "Lämna vidare till" and the routing rule's owner offer what fits the case's
kommun: the kommun, its own police area, and the organisations that are neither a
kommun nor police — not every kommun and police area in the country."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ..models import CaseSource
from ..services import case_create
from .conftest import KALMAR_POINT

pytestmark = pytest.mark.django_db


def _options(html: str, name: str) -> set[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None
    return set(re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1)))


def test_hand_on_lists_only_who_may_own_this_kommuns_case(
    client,
    kalmar,
    nybro,
    lpo_kalmar,
    lpo_nybro,
    bostadsbolag,
    gatukontoret,
    rules,
    kommun_editor,
):
    case = case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme="trygghet_offentlig_miljo",
        text="Mörkt vid busshållplatsen.",
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
    )
    client.force_login(kommun_editor)
    url = reverse("cases:staff_detail", args=[case.pk])
    offered = _options(client.get(url).content.decode(), "owner")
    assert {str(kalmar), str(lpo_kalmar), str(gatukontoret)} <= offered
    assert case.owner_id == bostadsbolag.pk  # routed to it by the Berga rule
    assert str(bostadsbolag) not in offered  # it has the case already
    assert str(nybro) not in offered and str(lpo_nybro) not in offered
    # Posting another kommun's police area anyway is refused, nothing changes.
    owner_before = case.owner_id
    response = client.post(url, {"action": "hand_on", "owner": str(lpo_nybro.pk)})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.owner_id == owner_before
    response = client.post(url, {"action": "hand_on", "owner": str(lpo_kalmar.pk)})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.owner_id == lpo_kalmar.pk


def test_the_routing_rule_offers_the_same_owners(
    client, kalmar, nybro, lpo_kalmar, lpo_nybro, bostadsbolag, kommun_editor
):
    client.force_login(kommun_editor)
    html = client.get(reverse("cases:rule_new", args=[kalmar.code])).content.decode()
    offered = _options(html, "owner")
    assert {str(kalmar), str(lpo_kalmar), str(bostadsbolag)} <= offered
    assert str(nybro) not in offered and str(lpo_nybro) not in offered
