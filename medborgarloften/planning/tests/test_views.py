"""The staff pages: who may read and write, and the steps of the plan."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from medborgarloften.planning import services
from medborgarloften.planning.models import MeasureLink, Problem, SituationReport

from .conftest import adopt_report, build_plan

pytestmark = pytest.mark.django_db


def test_it_shows_the_kommun_page_to_a_viewer_without_edit_buttons(
    client, world, kommun_viewer
):
    client.force_login(kommun_viewer)
    response = client.get(reverse("planning:kommun", args=["0880"]))
    assert response.status_code == 200
    assert "Lägesbild Kalmar 2025" in response.text
    assert reverse("planning:report_new", args=["0880"]) not in response.text


def test_it_refuses_another_kommuns_editor(client, world, other_kommun_editor):
    client.force_login(other_kommun_editor)
    assert (
        client.get(reverse("planning:report", args=[world.report.pk])).status_code
        == 403
    )
    response = client.post(
        reverse("planning:report_new", args=["0880"]),
        {"title": "X", "year": 2025, "revision_months": 12},
    )
    assert response.status_code == 403
    assert SituationReport.objects.count() == 1


def test_an_editor_creates_and_adopts_a_lagesbild(client, world):
    client.force_login(world.editor)
    response = client.post(
        reverse("planning:report_new", args=["0880"]),
        {
            "title": "Lägesbild 2026",
            "year": 2025,
            "revision_months": 24,
            "analysis": "Analys.",
        },
    )
    report = SituationReport.objects.get(title="Lägesbild 2026")
    assert response.url == reverse("planning:report", args=[report.pk])
    page = client.get(response.url)
    assert "Misshandel" in page.text  # today's figures while a draft
    assert 'class="lagesbild-map"' in page.text  # the area map of the year
    response = client.post(
        reverse("planning:report_adopt", args=[report.pk]),
        {"adopted_on": "2026-02-01", "decision_body": "KS", "diarienummer": ""},
    )
    assert response.status_code == 200
    assert "Något behöver rättas" in response.text
    report.refresh_from_db()
    assert not report.is_adopted
    client.post(
        reverse("planning:report_adopt", args=[report.pk]),
        {"adopted_on": "2026-02-01", "decision_body": "KS", "diarienummer": "KS 1"},
    )
    report.refresh_from_db()
    assert report.is_adopted and report.figures


def test_a_problem_without_evidence_shows_an_error_and_saves_nothing(client, world):
    built = build_plan(world, adopt=False)
    client.force_login(world.editor)
    response = client.post(
        reverse("planning:plan", args=[built.plan.pk]),
        {"step": "problem", "problem-title": "Utan underlag"},
    )
    assert response.status_code == 200
    assert "Peka ut var i lägesbilden" in response.text
    assert Problem.objects.filter(plan=built.plan).count() == 1


def test_the_steps_add_a_problem_and_link_a_commitment(client, world):
    built = build_plan(world, adopt=False)
    client.force_login(world.editor)
    url = reverse("planning:plan", args=[built.plan.pk])
    response = client.post(
        url,
        {
            "step": "problem",
            "problem-title": "Våld i centrum",
            "problem-figure_keys": ["crime:Misshandel"],
        },
    )
    assert response.status_code == 302
    response = client.post(
        url,
        {
            "step": "link",
            "link-commitment": world.walks.pk,
            "link-measure": built.measure.pk,
        },
    )
    assert response.status_code == 302
    assert MeasureLink.objects.get(commitment=world.walks).measure == built.measure
    page = client.get(url)
    assert "Problem 2: Våld i centrum" in page.text
    assert "Misshandel: 1\u00a0080 per 100 000 invånare" in page.text
    assert "Problem 2 (Våld i centrum) har ingen åtgärd." in page.text


def test_a_goal_is_revised_on_its_own_page(client, world):
    built = build_plan(world)
    client.force_login(world.editor)
    response = client.post(
        reverse("planning:goal_revise", args=[built.goal.pk]),
        {
            "text": "Ny",
            "indicator": "i",
            "baseline": "40",
            "target": "25",
            "due_on": "2027-12-31",
            "reason": "Ny kunskap",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("planning:plan", args=[built.plan.pk]))
    assert "Färre anmälda skadegörelsebrott" in page.text and "Ny kunskap" in page.text


def test_an_adopted_lagesbild_offers_a_revision(client, world):
    adopt_report(world)
    client.force_login(world.editor)
    page = client.get(reverse("planning:report", args=[world.report.pk]))
    assert reverse("planning:report_revise", args=[world.report.pk]) in page.text
    response = client.post(reverse("planning:report_revise", args=[world.report.pk]))
    revision = SituationReport.objects.get(version=2)
    assert response.url == reverse("planning:report", args=[revision.pk])


def test_the_kommun_page_flags_an_overlapping_draft_promise(client, world):
    import datetime as dt

    from medborgarloften.promises.models import Promise

    draft = Promise.objects.create(
        title="Utkast 2027",
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2027, 12, 31),
    )
    draft.parties.add(world.kommun)
    client.force_login(world.editor)
    page = client.get(reverse("planning:kommun", args=["0880"]))
    assert "Utkastet Utkast 2027 gäller samma parter och period som" in page.text


def test_the_plan_page_costs_the_same_with_more_problems(
    client, world, django_assert_max_num_queries
):
    built = build_plan(world, adopt=False)
    client.force_login(world.editor)
    url = reverse("planning:plan", args=[built.plan.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(3):
        problem = services.problem_add(
            actor=world.editor,
            plan=built.plan,
            title=f"Fler {n}",
            sections=[world.section],
        )
        cause = services.cause_add(actor=world.editor, problem=problem, text="O")
        services.measure_add(
            actor=world.editor,
            plan=built.plan,
            title=f"M {n}",
            kind="social",
            causes=[cause],
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


def test_the_overlap_box_is_offered_only_when_there_is_an_overlap(client, world):
    # "Jag vet att planen överlappar en antagen plan" showed on every adoption page
    # (new-user planning session).
    import datetime as dt

    built = build_plan(world, adopt=False)
    client.force_login(world.editor)
    label = "överlappar en antagen plan"
    page = client.get(reverse("planning:plan_adopt", args=[built.plan.pk]))
    assert page.status_code == 200 and label not in page.text
    services.plan_adopt(
        actor=world.editor,
        plan=built.plan,
        adopted_on=dt.date(2026, 3, 1),
        decision_body="KF",
        diarienummer="KS 2026/41",
    )
    built.plan.refresh_from_db()
    second = services.plan_create(
        actor=world.editor,
        kommun=world.kommun,
        title="Ännu en plan",
        situation_report=built.plan.situation_report,
        period_start=built.plan.period_start,
        period_end=built.plan.period_end,
    )
    page = client.get(reverse("planning:plan_adopt", args=[second.pk]))
    assert label in page.text


def test_a_replaced_lagesbild_says_so_on_the_kommun_page(client, world):
    # Version 1 still said "Antagen" after version 2 was adopted (new-user session).
    import datetime as dt

    adopt_report(world)
    revision = services.report_revise(actor=world.editor, report=world.report)
    client.force_login(world.editor)
    url = reverse("planning:kommun", args=["0880"])
    assert "Ersatt av version 2" not in client.get(url).text  # a draft replaces nothing
    services.report_adopt(
        actor=world.editor,
        report=revision,
        adopted_on=dt.date(2026, 6, 1),
        decision_body="Kommunstyrelsen",
        diarienummer="KS 2026/30",
    )
    assert "Ersatt av version 2" in client.get(url).text
