"""The step checklist says what is missing, and nothing once the cycle is whole."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from medborgarloften.planning import services
from medborgarloften.planning.checklist import steps

from .conftest import build_plan

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)


def test_it_lists_what_a_draft_lagesbild_lacks(world):
    result = steps(kommun=world.kommun, today=TODAY)
    first = result[0]
    assert not first.done
    assert first.missing == [
        "Brottsligheten är beskriven.",
        "Lägesbilden är antagen med datum, organ och diarienummer.",
    ]
    assert result[1].missing == ["Det finns ingen åtgärdsplan ännu."]


def test_a_whole_cycle_has_every_step_done(world):
    built = build_plan(world)
    services.commitment_link(
        actor=world.editor, measure=built.measure, commitment=world.walks
    )
    result = steps(kommun=world.kommun, today=TODAY)
    missing = {s.number: s.missing for s in result if not s.done}
    # The fixture's lägesbild has no crime text or crime section; the plan and its
    # measure say nothing of follow-up: exactly those are missing.
    assert missing == {
        1: ["Brottsligheten är beskriven."],
        6: [
            "Planen säger hur den följs upp.",
            "Varje åtgärd säger hur den följs upp.",
        ],
    }


def test_an_overdue_revision_is_missing(world):
    build_plan(world)
    late = steps(kommun=world.kommun, today=dt.date(2027, 3, 1))[0]
    assert "Revideringen är inte försenad." in late.missing


def test_the_page_shows_the_steps(client, world, kommun_viewer):
    client.force_login(kommun_viewer)
    page = client.get(reverse("planning:steps", args=["0880"]))
    assert "Steg 1: Lägesbilden – inte klart" in page.text
    assert "Det finns ingen åtgärdsplan ännu." in page.text


def test_a_vague_target_is_not_measurable(world):
    built = build_plan(world)
    services.goal_revise(
        actor=world.editor,
        goal=built.goal,
        text="Mindre skadegörelse",
        indicator="Anmälda skadegörelsebrott i Berga",
        baseline="40 (2025)",
        target="mindre",
        due_on=dt.date(2027, 12, 31),
        reason="Omformulerat",
    )
    third = steps(kommun=world.kommun, today=TODAY)[2]
    assert any("mätbart mål" in text for text in third.missing)


def test_the_draft_in_work_is_checked_and_named_and_missing_items_link(
    client, world, kommun_viewer
):
    build_plan(world)  # adopted
    draft = services.plan_create(
        actor=world.editor,
        kommun=world.kommun,
        title="Åtgärdsplan 2028 (utkast)",
        situation_report=world.report,
        period_start=dt.date(2028, 1, 1),
        period_end=dt.date(2028, 12, 31),
    )
    result = steps(kommun=world.kommun, today=TODAY)
    assert "Planen har numrerade problem." in result[1].missing  # the draft's
    client.force_login(kommun_viewer)
    page = client.get(reverse("planning:steps", args=["0880"])).text
    assert "Åtgärdsplan 2028 (utkast)" in page
    assert reverse("planning:plan", args=[draft.pk]) in page
    assert "Lägesbild Kalmar 2025" in page
    link = reverse("planning:plan", args=[draft.pk]) + "#steg-problem"
    assert f'<a href="{link}">Planen har numrerade problem.</a>' in page
