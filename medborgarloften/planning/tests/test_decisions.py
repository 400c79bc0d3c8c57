"""Adopting is the kommun's own decision; an adopted decision's details are
corrected by the kommun's admins, and the correction is kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from medborgarloften.planning import services
from medborgarloften.planning.models import DecisionCorrection

from .conftest import adopt_report, build_plan

pytestmark = pytest.mark.django_db


def test_a_police_editor_cannot_adopt_the_kommuns_lagesbild_or_plan(
    world, polis_editor
):
    with pytest.raises(PermissionDenied):
        services.report_adopt(
            actor=polis_editor,
            report=world.report,
            adopted_on=dt.date(2026, 1, 20),
            decision_body="Polisen",
            diarienummer="A 1/26",
        )
    world.report.refresh_from_db()
    assert not world.report.is_adopted
    plan = build_plan(world, adopt=False).plan
    with pytest.raises(PermissionDenied):
        services.plan_adopt(
            actor=polis_editor,
            plan=plan,
            adopted_on=dt.date(2026, 2, 1),
            decision_body="Polisen",
            diarienummer="A 2/26",
        )
    plan.refresh_from_db()
    assert not plan.is_adopted


def test_the_adopt_pages_refuse_the_police_and_hide_the_button(
    client, world, polis_editor
):
    plan = build_plan(world, adopt=False).plan
    client.force_login(polis_editor)
    page = client.get(reverse("planning:plan", args=[plan.pk]))
    assert page.status_code == 200
    assert reverse("planning:plan_adopt", args=[plan.pk]) not in page.text
    answer = client.post(
        reverse("planning:plan_adopt", args=[plan.pk]),
        {
            "adopted_on": "2026-02-01",
            "decision_body": "Polisen",
            "diarienummer": "A 2/26",
        },
    )
    assert answer.status_code == 403
    plan.refresh_from_db()
    assert not plan.is_adopted
    draft = services.report_revise(actor=world.editor, report=world.report)
    page = client.get(reverse("planning:report", args=[draft.pk]))
    assert reverse("planning:report_adopt", args=[draft.pk]) not in page.text
    assert (
        client.get(reverse("planning:report_adopt", args=[draft.pk])).status_code == 403
    )


def test_the_kommun_admin_corrects_a_decision_and_it_is_recorded(
    client, world, kommun_admin
):
    report = adopt_report(world)
    client.force_login(kommun_admin)
    page = client.get(reverse("planning:report", args=[report.pk]))
    url = reverse("planning:report_decision_correct", args=[report.pk])
    assert url in page.text
    answer = client.post(
        url,
        {
            "adopted_on": "2026-01-21",
            "decision_body": "Kommunstyrelsen",
            "diarienummer": "KS 2026/13",
            "reason": "Fel diarienummer vid antagandet",
        },
    )
    assert answer.status_code == 302
    report.refresh_from_db()
    assert report.diarienummer == "KS 2026/13"
    assert report.adopted_on == dt.date(2026, 1, 21)
    correction = DecisionCorrection.objects.get(situation_report=report)
    assert correction.before["diarienummer"] == "KS 2026/12"
    assert correction.after["diarienummer"] == "KS 2026/13"
    assert correction.actor == kommun_admin
    page = client.get(reverse("planning:report", args=[report.pk]))
    assert "Fel diarienummer vid antagandet" in page.text


def test_only_the_kommuns_admin_corrects_and_only_an_adopted_decision(
    client, world, kommun_admin, polis_editor
):
    plan = build_plan(world, adopt=False).plan
    with pytest.raises(ValidationError):
        services.decision_correct(
            actor=kommun_admin,
            document=plan,
            adopted_on=dt.date(2026, 2, 1),
            decision_body="KF",
            diarienummer="1",
            reason="test",
        )
    plan = services.plan_adopt(
        actor=world.editor,
        plan=plan,
        adopted_on=dt.date(2026, 2, 1),
        decision_body="Kommunfullmäktige",
        diarienummer="KS 2026/30",
    )
    for user in (world.editor, polis_editor):
        with pytest.raises(PermissionDenied):
            services.decision_correct(
                actor=user,
                document=plan,
                adopted_on=dt.date(2026, 2, 2),
                decision_body="Kommunfullmäktige",
                diarienummer="KS 2026/30",
                reason="fel datum",
            )
        client.force_login(user)
        url = reverse("planning:plan_decision_correct", args=[plan.pk])
        assert client.get(url).status_code == 403
    with pytest.raises(ValidationError) as refused:
        services.decision_correct(
            actor=kommun_admin,
            document=plan,
            adopted_on=dt.date(2026, 2, 2),
            decision_body="Kommunfullmäktige",
            diarienummer="KS 2026/30",
            reason="",
        )
    assert "reason" in refused.value.message_dict
    assert not DecisionCorrection.objects.exists()


def test_a_decision_in_the_future_is_refused(client, world, monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a: dt.date(2026, 3, 10)
    )
    with pytest.raises(ValidationError) as refused:
        services.report_adopt(
            actor=world.editor,
            report=world.report,
            adopted_on=dt.date(2026, 3, 11),
            decision_body="Kommunstyrelsen",
            diarienummer="KS 2026/12",
        )
    assert "framtiden" in refused.value.message_dict["adopted_on"][0]
    client.force_login(world.editor)
    page = client.post(
        reverse("planning:report_adopt", args=[world.report.pk]),
        {
            "adopted_on": "2026-04-01",
            "decision_body": "Kommunstyrelsen",
            "diarienummer": "KS 2026/12",
        },
    )
    assert page.status_code == 200
    assert "ligger i framtiden" in page.text
    world.report.refresh_from_db()
    assert not world.report.is_adopted
    adopt_report(world)  # 2026-01-20: today's past
    assert world.report.is_adopted


def test_a_plan_is_not_decided_before_its_lagesbild(world, kommun_admin):
    plan = build_plan(world, adopt=False).plan  # the lägesbild: 2026-01-20
    with pytest.raises(ValidationError) as refused:
        services.plan_adopt(
            actor=world.editor,
            plan=plan,
            adopted_on=dt.date(2026, 1, 19),
            decision_body="Kommunfullmäktige",
            diarienummer="KS 2026/30",
        )
    assert "2026-01-20" in refused.value.message_dict["adopted_on"][0]
    plan = services.plan_adopt(
        actor=world.editor,
        plan=plan,
        adopted_on=dt.date(2026, 1, 20),
        decision_body="Kommunfullmäktige",
        diarienummer="KS 2026/30",
    )
    # nor is the lägesbild's decision moved after the plan's by a correction
    with pytest.raises(ValidationError) as refused:
        services.decision_correct(
            actor=kommun_admin,
            document=world.report,
            adopted_on=dt.date(2026, 1, 25),
            decision_body="Kommunstyrelsen",
            diarienummer="KS 2026/12",
            reason="fel datum",
        )
    assert "Åtgärdsplan 2026–2027" in refused.value.message_dict["adopted_on"][0]


def test_the_adopt_page_says_adopting_publishes_open_data(client, world):
    plan = build_plan(world, adopt=False).plan
    client.force_login(world.editor)
    page = client.get(reverse("planning:plan_adopt", args=[plan.pk])).text
    assert "/api/v1/action-plans" in page
    assert page.index("öppna data") < page.index('class="form narrow"')
    draft = services.report_revise(actor=world.editor, report=world.report)
    page = client.get(reverse("planning:report_adopt", args=[draft.pk])).text
    assert "/api/v1/situation-reports" in page
    assert page.index("öppna data") < page.index('class="form narrow"')


def test_a_goal_of_an_adopted_plan_is_revised_by_the_kommun_not_the_police(
    world, polis_editor
):
    built = build_plan(world)
    assert built.plan.is_adopted
    values = {
        "text": "Hälften så många",
        "indicator": built.goal.indicator,
        "baseline": "40 (2025)",
        "target": "20",
        "due_on": dt.date(2027, 12, 31),
        "reason": "Nya siffror",
    }
    with pytest.raises(PermissionDenied):
        services.goal_revise(actor=polis_editor, goal=built.goal, **values)
    assert built.goal.measure.goals.count() == 1
    revised = services.goal_revise(actor=world.editor, goal=built.goal, **values)
    assert revised.version == 2
