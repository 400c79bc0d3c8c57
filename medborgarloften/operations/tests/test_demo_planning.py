"""The Kalmar demo's adopted lägesbild and åtgärdsplan, which the demo promise
implements: every commitment linked to a measure, nothing flagged, once."""

from __future__ import annotations

import datetime as dt

import pytest

from medborgarloften.operations.demo import demo_load
from medborgarloften.planning.models import ActionPlan, MeasureLink, SituationReport
from medborgarloften.planning.selectors import plan_flags, plan_queryset
from medborgarloften.promises.models import Promise

TODAY = dt.date(2026, 11, 1)

pytestmark = pytest.mark.django_db


def test_the_demo_promise_implements_the_adopted_plan():
    demo_load(today=TODAY)
    plan = plan_queryset().get(kommun__code="0880")
    assert plan.is_adopted and plan.situation_report.is_adopted
    assert plan.diarienummer == "KS 2024/1188"
    promise = Promise.objects.get(period_start="2025-01-01")
    commitments = set(promise.commitments.values_list("pk", flat=True))
    linked = set(
        MeasureLink.objects.filter(measure__plan=plan).values_list(
            "commitment", flat=True
        )
    )
    assert commitments == linked
    assert not plan_flags(plan)
    assert all(c.cause_analysis_id for p in plan.problems.all() for c in p.causes.all())


def test_the_api_returns_the_demo_plan(client):
    demo_load(today=TODAY)
    body = client.get("/api/v1/action-plans?kommun=0880").json()
    [plan] = body["data"]
    assert len(plan["problems"]) == 3 and len(plan["measures"]) == 6
    assert all(m["commitments"] for m in plan["measures"])
    assert all(m["problems"] for m in plan["measures"])


def test_it_adds_nothing_when_run_again_and_replaces_on_reset():
    demo_load(today=TODAY)
    demo_load(today=TODAY)
    assert (ActionPlan.objects.count(), SituationReport.objects.count()) == (1, 1)
    demo_load(today=TODAY, reset=True)
    assert (ActionPlan.objects.count(), SituationReport.objects.count()) == (1, 1)
    assert MeasureLink.objects.count() == 9


def test_it_adopts_nothing_after_today():
    demo_load(today=dt.date(2025, 1, 1))
    assert not ActionPlan.objects.exists()
