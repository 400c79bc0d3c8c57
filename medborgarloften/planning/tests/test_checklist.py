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
