"""A measure's follow-up rolled up from its commitments' evidence: on the plan
page, in the PDF and Word files, in the API and on a meeting's agenda."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from medborgarloften.followup.services import activity_create, assessment_save
from medborgarloften.lib.agenda import agenda_providers
from medborgarloften.planning.agenda import measures_due
from medborgarloften.planning.progress import annotate_followup
from medborgarloften.planning.selectors import plan_queryset

from .conftest import build_plan

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


def _plan(pk):
    return plan_queryset().get(pk=pk)


def test_it_rolls_a_measure_up_from_its_commitments_reported_and_evidence(world):
    built = build_plan(world)
    activity_create(
        commitment=world.light, date=dt.date(2026, 3, 1), kind="other", today=TODAY
    )
    assessment_save(commitment=world.light, text="Klart", manual_status="done")
    plan = _plan(built.plan.pk)
    annotate_followup(plan, today=TODAY)
    followup = plan.measures.all()[0].followup
    assert followup.commitments == 1
    assert followup.reported == "done"
    assert followup.evidenced == "activity_only"
    assert followup.schedule == "running"


def test_it_calls_a_measure_without_commitments_overdue_once_it_has_ended(world):
    from medborgarloften.planning.models import Measure

    built = build_plan(world)
    Measure.objects.filter(pk=built.measure.pk).update(
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 5, 31)
    )
    built.measure.links.all().delete()
    plan = _plan(built.plan.pk)
    annotate_followup(plan, today=TODAY)
    followup = plan.measures.all()[0].followup
    assert (followup.evidenced, followup.schedule) == ("", "overdue")
    assert str(followup.evidenced_label) == "Inget åtagande kopplat"


def test_it_flags_a_reported_status_the_evidence_does_not_support(client, world):
    built = build_plan(world)
    assessment_save(commitment=world.light, text="", manual_status="on_track")
    client.force_login(world.editor)
    page = client.get(reverse("planning:plan", args=[built.plan.pk])).content.decode()
    assert "Rapporterad status" in page and "Pågår enligt plan" in page
    assert "Inga aktiviteter loggade" in page
    assert "rapporterad status går längre än underlaget" in page


def test_the_plan_word_file_carries_each_measures_follow_up(client, world):
    built = build_plan(world)
    assessment_save(commitment=world.light, text="", manual_status="behind")
    client.force_login(world.editor)
    response = client.get(reverse("planning:plan_file", args=[built.plan.pk, "docx"]))
    document = Document(io.BytesIO(response.content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Rapporterad status" in cells and "Enligt underlaget" in cells
    assert "Försenat" in cells
    assert "Inga aktiviteter loggade" in cells


def test_the_plan_pdf_carries_each_measures_follow_up(client, world):
    import pdfplumber

    built = build_plan(world)
    client.force_login(world.editor)
    response = client.get(reverse("planning:plan_file", args=[built.plan.pk, "pdf"]))
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    # The narrow header column wraps "Enligt underlaget"; the values do not.
    assert "Tidplan Pågår" in text and "Inga aktiviteter loggade" in text
    assert "Ingen rapporterad status" in text


def test_the_api_detail_gives_each_measure_its_follow_up(client, world):
    built = build_plan(world)
    assessment_save(commitment=world.light, text="", manual_status="on_track")
    data = client.get(f"/api/v1/action-plans/{built.plan.pk}").json()
    assert data["measures"][0]["followup"] == {
        "reported": "on_track",
        "evidenced": "no_activity",
        "schedule": data["measures"][0]["followup"]["schedule"],
        "commitments": 1,
        "disagrees": True,
    }
    assert data["measures"][0]["followup"]["schedule"] in (
        "overdue",
        "due",
        "awaiting_evaluation",
        "running",
        "undated",
    )


def test_planning_puts_measures_behind_and_goals_due_on_the_agenda(world):
    built = build_plan(world)
    assert measures_due in agenda_providers()
    entries = measures_due(world.kommun, dt.date(2027, 12, 1), TODAY)
    titles = [e.title for e in entries]
    assert any(t.startswith("Åtgärd 1 i Åtgärdsplan 2026–2027") for t in titles)
    assert any("Färre anmälda skadegörelsebrott" in t for t in titles)
    assert measures_due(world.kommun, dt.date(2029, 1, 1), TODAY) == []
    assert built.goal.due_on == dt.date(2027, 12, 31)


def test_coordination_builds_the_agenda_with_the_plans_entries(world):
    from medborgarloften.coordination.agenda import agenda_build

    build_plan(world)
    entries = agenda_build(kommun=world.kommun, on=dt.date(2027, 12, 1), today=TODAY)
    assert {"measure", "goal"} <= {e.source for e in entries}


def test_a_measure_that_starts_later_is_planned_not_running(world):
    from medborgarloften.planning.models import Measure

    built = build_plan(world)
    Measure.objects.filter(pk=built.measure.pk).update(
        starts_on=dt.date(2027, 1, 1), ends_on=dt.date(2027, 12, 31)
    )
    plan = _plan(built.plan.pk)
    annotate_followup(plan, today=dt.date(2026, 12, 7))
    followup = plan.measures.all()[0].followup
    assert followup.schedule == "planned"
    assert followup.schedule_label == "Planerad, startar 2027-01-01"
    assert followup.record()["schedule"] == "planned"
    plan = _plan(built.plan.pk)
    annotate_followup(plan, today=dt.date(2027, 1, 1))
    assert plan.measures.all()[0].followup.schedule == "running"


def test_the_plan_page_and_pdf_say_a_later_measure_is_planned(client, world):
    import pdfplumber

    from medborgarloften.planning.models import Measure

    built = build_plan(world)
    later = dt.date.today() + dt.timedelta(days=400)
    Measure.objects.filter(pk=built.measure.pk).update(
        starts_on=later, ends_on=later + dt.timedelta(days=30)
    )
    expected = f"Planerad, startar {later.isoformat()}"
    client.force_login(world.editor)
    page = client.get(reverse("planning:plan", args=[built.plan.pk])).content.decode()
    assert expected in page and "Pågår" not in page
    response = client.get(reverse("planning:plan_file", args=[built.plan.pk, "pdf"]))
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = " ".join(p.extract_text() or "" for p in pdf.pages).replace("\n", " ")
    assert expected in text and "Pågår" not in text
