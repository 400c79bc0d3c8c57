"""A draft åtgärdsplan's title, period, lägesbild and parties are changed, and the
draft removed; an adopted plan is neither."""

from __future__ import annotations

import pytest
from django.urls import reverse

from medborgarloften.planning.models import ActionPlan, Goal

from .conftest import build_plan

pytestmark = pytest.mark.django_db


def test_a_draft_plan_is_changed_from_its_page(client, world):
    plan = build_plan(world, adopt=False).plan
    client.force_login(world.editor)
    page = client.get(reverse("planning:plan", args=[plan.pk])).text
    assert reverse("planning:plan_edit", args=[plan.pk]) in page
    answer = client.post(
        reverse("planning:plan_edit", args=[plan.pk]),
        {
            "title": "Åtgärdsplan 2026–2028",
            "situation_report": plan.situation_report_id,
            "period_start": "2026-01-01",
            "period_end": "2028-12-31",
            "follow_up": "Varje halvår i styrgruppen",
        },
    )
    assert answer.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Åtgärdsplan 2026–2028"
    assert str(plan.period_end) == "2028-12-31"
    assert not plan.parties.exists()  # none ticked: none left
    page = client.post(
        reverse("planning:plan_edit", args=[plan.pk]),
        {
            "title": "X",
            "situation_report": plan.situation_report_id,
            "period_start": "2026-01-01",
            "period_end": "2025-12-31",
        },
    )
    assert page.status_code == 200
    assert "Periodens slut kan inte ligga före dess början." in page.text


def test_a_draft_plan_is_removed_and_an_adopted_one_is_not(client, world):
    built = build_plan(world, adopt=False)
    client.force_login(world.editor)
    url = reverse("planning:plan_delete", args=[built.plan.pk])
    assert "Ta bort utkastet" in client.get(url).text
    assert client.post(url).status_code == 302
    assert not ActionPlan.objects.exists() and not Goal.objects.exists()
    world.report.refresh_from_db()  # the lägesbild stays
    adopted = build_plan(world).plan
    for name in ("plan_edit", "plan_delete"):
        answer = client.post(reverse(f"planning:{name}", args=[adopted.pk]), {})
        assert answer.status_code == 302
    assert ActionPlan.objects.filter(pk=adopted.pk, title=adopted.title).exists()
