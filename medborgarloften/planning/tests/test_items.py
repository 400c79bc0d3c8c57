"""Changing and removing a draft plan's problems, causes and measures: editors of
the kommun only, never on an adopted plan, removal asked for first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from medborgarloften.planning import services
from medborgarloften.planning.models import Cause, Goal, Measure, MeasureLink, Problem

from .conftest import build_plan

pytestmark = pytest.mark.django_db


def _second_problem(world, plan):
    problem = services.problem_add(
        actor=world.editor, plan=plan, title="Otrygghet", sections=[world.section]
    )
    cause = services.cause_add(actor=world.editor, problem=problem, text="Mörkt")
    return problem, cause


def test_the_services_change_a_draft_plans_items(world):
    built = build_plan(world, adopt=False)
    lone = services.measure_add(
        actor=world.editor, plan=built.plan, title="Fältare", kind="social"
    )
    services.problem_update(
        actor=world.editor,
        problem=built.problem,
        title="Skadegörelse i Berga centrum",
        description="Kvällstid",
        figure_keys=["crime:Misshandel"],
    )
    built.problem.refresh_from_db()
    assert built.problem.title == "Skadegörelse i Berga centrum"
    assert list(built.problem.sections.all()) == []
    with pytest.raises(ValidationError):  # it must still rest on the lägesbild
        services.problem_update(actor=world.editor, problem=built.problem, title="X")
    services.cause_update(
        actor=world.editor, cause=built.cause, problem=built.problem, text="Mörka stråk"
    )
    assert Cause.objects.get(pk=built.cause.pk).text == "Mörka stråk"
    services.measure_update(
        actor=world.editor,
        measure=lone,
        title="Fältare kvällstid",
        kind="social",
        causes=[built.cause],
        starts_on=dt.date(2026, 3, 1),
    )
    lone.refresh_from_db()
    assert lone.title == "Fältare kvällstid"
    assert list(lone.causes.all()) == [built.cause]


def test_removing_numbers_the_rest_down_and_takes_what_hangs_on_it(world):
    built = build_plan(world, adopt=False)
    second, second_cause = _second_problem(world, built.plan)
    services.problem_delete(actor=world.editor, problem=built.problem)
    assert list(
        Problem.objects.filter(plan=built.plan).values_list("number", "title")
    ) == [(1, "Otrygghet")]
    assert not Cause.objects.filter(pk=built.cause.pk).exists()
    assert Measure.objects.filter(pk=built.measure.pk).exists()
    other = services.measure_add(
        actor=world.editor, plan=built.plan, title="Fältare", kind="social"
    )
    services.goal_revise(
        actor=world.editor,
        goal=built.goal,
        text="Färre",
        indicator="Anmälningar",
        baseline="40",
        target="25",
        due_on=dt.date(2027, 12, 31),
        reason="Skärpt",
    )
    services.measure_delete(actor=world.editor, measure=built.measure)
    assert not Goal.objects.filter(measure_id=built.measure.pk).exists()
    assert not MeasureLink.objects.filter(measure_id=built.measure.pk).exists()
    other.refresh_from_db()
    assert other.number == 1
    world.light.refresh_from_db()  # the commitment itself stays
    services.cause_delete(actor=world.editor, cause=second_cause)
    assert not second.causes.exists()


def test_an_adopted_plan_and_another_kommun_are_refused(world, other_kommun_editor):
    built = build_plan(world)
    with pytest.raises(ValidationError):
        services.problem_delete(actor=world.editor, problem=built.problem)
    with pytest.raises(ValidationError):
        services.measure_update(
            actor=world.editor, measure=built.measure, title="X", kind="social"
        )
    with pytest.raises(ValidationError):
        services.cause_delete(actor=world.editor, cause=built.cause)
    draft = build_plan(world, adopt=False)
    with pytest.raises(PermissionDenied):
        services.measure_delete(actor=other_kommun_editor, measure=draft.measure)
    with pytest.raises(PermissionDenied):
        services.cause_update(
            actor=other_kommun_editor,
            cause=draft.cause,
            problem=draft.problem,
            text="X",
        )
    assert Measure.objects.filter(pk=draft.measure.pk).exists()


def test_the_plan_page_links_each_item_to_change_and_remove_it(client, world):
    built = build_plan(world, adopt=False)
    lone = services.measure_add(
        actor=world.editor, plan=built.plan, title="Fältare", kind="social"
    )
    client.force_login(world.editor)
    page = client.get(reverse("planning:plan", args=[built.plan.pk])).text
    for name, pk in (
        ("problem_edit", built.problem.pk),
        ("problem_delete", built.problem.pk),
        ("cause_edit", built.cause.pk),
        ("cause_delete", built.cause.pk),
        ("measure_edit", built.measure.pk),
        ("measure_delete", built.measure.pk),
    ):
        assert reverse(f"planning:{name}", args=[pk]) in page
    # the flag says what to fix and links to it
    assert f'<a href="{reverse("planning:measure_edit", args=[lone.pk])}">' in page
    assert '<span class="visually-hidden"> åtgärd 2</span>' in page


def test_an_editor_changes_a_measure_on_its_page(client, world):
    built = build_plan(world, adopt=False)
    lone = services.measure_add(
        actor=world.editor, plan=built.plan, title="Fältare", kind="social"
    )
    client.force_login(world.editor)
    url = reverse("planning:measure_edit", args=[lone.pk])
    form = client.get(url).text
    assert 'value="Fältare"' in form and "Spara ändringarna" in form
    response = client.post(
        url,
        {"title": "Fältare kvällstid", "kind": "social", "causes": [built.cause.pk]},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#measure-2")
    assert list(Measure.objects.get(pk=lone.pk).causes.all()) == [built.cause]
    page = client.get(reverse("planning:plan", args=[built.plan.pk])).text
    assert "verkar inte på någon orsak" not in page


def test_removal_is_asked_for_before_it_is_done(client, world):
    built = build_plan(world, adopt=False)
    client.force_login(world.editor)
    url = reverse("planning:measure_delete", args=[built.measure.pk])
    confirm = client.get(url).text
    assert "Ta bort åtgärd 1?" in confirm and "Ja, ta bort" in confirm
    assert "Färre anmälda skadegörelsebrott" in confirm  # its goal goes with it
    assert Measure.objects.filter(pk=built.measure.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not Measure.objects.filter(pk=built.measure.pk).exists()
    url = reverse("planning:problem_delete", args=[built.problem.pk])
    assert "Ta bort problem 1?" in client.get(url).text
    client.post(url)
    assert not Problem.objects.filter(pk=built.problem.pk).exists()


def test_an_adopted_plans_items_cannot_be_changed_from_the_pages(
    client, world, kommun_viewer
):
    built = build_plan(world)
    client.force_login(world.editor)
    page = client.get(reverse("planning:plan", args=[built.plan.pk])).text
    assert reverse("planning:measure_edit", args=[built.measure.pk]) not in page
    url = reverse("planning:problem_delete", args=[built.problem.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert Problem.objects.filter(pk=built.problem.pk).exists()
    response = client.get(reverse("planning:cause_edit", args=[built.cause.pk]))
    assert response.status_code == 302
    draft = build_plan(world, adopt=False)
    client.force_login(kommun_viewer)
    url = reverse("planning:measure_delete", args=[draft.measure.pk])
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 403
    assert Measure.objects.filter(pk=draft.measure.pk).exists()
