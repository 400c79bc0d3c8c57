"""The planning writers: versioning, adoption, Brå's chain, links, permissions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from medborgarloften.planning import services
from medborgarloften.planning.models import Goal, MeasureLink, SituationReport

from .conftest import adopt_report, build_plan

pytestmark = pytest.mark.django_db


def test_it_stores_todays_figures_with_the_adopted_version(world):
    report = adopt_report(world)
    keys = {f["key"] for f in report.figures}
    assert "crime:Misshandel" in keys
    crime = next(f for f in report.figures if f["key"] == "crime:Misshandel")
    assert crime["value"] == 1080.0
    assert crime["compare"]["before"] == 900.0
    assert crime["compare"]["change_percent"] == 20
    assert any(f["group"] == "area" and f["area"] == "Berga" for f in report.figures)


def test_it_never_changes_an_adopted_version(world):
    report = adopt_report(world)
    with pytest.raises(ValidationError):
        services.report_update(actor=world.editor, report=report, title="Annan")
    with pytest.raises(ValidationError):
        services.section_add(
            actor=world.editor, report=report, kind="other", heading="X", text="Y"
        )
    with pytest.raises(ValidationError):
        services.section_delete(actor=world.editor, section=world.section)
    assert SituationReport.objects.get(pk=report.pk).title == "Lägesbild Kalmar 2025"


def test_it_revises_into_a_new_version_with_the_sections(world):
    report = adopt_report(world)
    revision = services.report_revise(actor=world.editor, report=report)
    assert (revision.version, revision.previous, revision.is_adopted) == (
        2,
        report,
        False,
    )
    assert [s.heading for s in revision.sections.all()] == ["Skolan"]
    services.report_update(actor=world.editor, report=revision, summary="Ny")
    assert SituationReport.objects.get(pk=report.pk).summary == ""
    with pytest.raises(ValidationError):
        services.report_revise(actor=world.editor, report=report)


def test_it_refuses_adoption_without_analysis_or_decision(world):
    services.report_update(actor=world.editor, report=world.report, analysis="")
    with pytest.raises(ValidationError) as error:
        services.report_adopt(
            actor=world.editor,
            report=world.report,
            adopted_on=dt.date(2026, 1, 1),
            decision_body="",
            diarienummer="",
        )
    assert {"decision_body", "diarienummer", "__all__"} <= set(error.value.message_dict)
    assert not SituationReport.objects.get(pk=world.report.pk).is_adopted


def test_only_the_kommuns_editors_write(
    world, kommun_viewer, other_kommun_editor, polis_editor
):
    for actor in (kommun_viewer, other_kommun_editor):
        with pytest.raises(PermissionDenied):
            services.report_create(
                actor=actor, kommun=world.kommun, title="X", year=2025
            )
        with pytest.raises(PermissionDenied):
            services.section_add(
                actor=actor, report=world.report, kind="other", heading="X", text="Y"
            )
    # The police area that serves the kommun edits its lägesbild as situation does.
    services.section_add(
        actor=polis_editor,
        report=world.report,
        kind="crime",
        heading="Polisen",
        text="Händelser kvällstid.",
    )


def test_it_builds_the_chain_and_links_the_commitment(world):
    built = build_plan(world)
    assert built.plan.is_adopted
    assert (built.problem.number, built.measure.number) == (1, 1)
    assert built.cause.text == world.analysis.causes
    assert MeasureLink.objects.get(commitment=world.light).measure == built.measure


def test_a_problem_needs_evidence_from_its_own_lagesbild(world):
    report = adopt_report(world)
    plan = services.plan_create(
        actor=world.editor,
        kommun=world.kommun,
        title="P",
        situation_report=report,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        services.problem_add(actor=world.editor, plan=plan, title="Utan underlag")
    assert "sections" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.problem_add(
            actor=world.editor, plan=plan, title="X", figure_keys=["crime:Rån"]
        )
    assert "figure_keys" in error.value.message_dict
    assert not plan.problems.exists()


def test_a_goal_revision_keeps_the_original_text(world):
    built = build_plan(world)
    revised = services.goal_revise(
        actor=world.editor,
        goal=built.goal,
        text="Hälften så många",
        indicator=built.goal.indicator,
        baseline="40 (2025)",
        target="20",
        due_on=dt.date(2027, 12, 31),
        reason="Nya siffror",
    )
    original = Goal.objects.get(pk=built.goal.pk)
    assert original.text == "Färre anmälda skadegörelsebrott"
    assert (revised.version, revised.replaces) == (2, original)
    assert list(Goal.objects.filter(measure=built.measure).current()) == [revised]
    with pytest.raises(ValidationError):
        services.goal_revise(
            actor=world.editor,
            goal=original,
            text="Igen",
            indicator="i",
            baseline="1",
            target="2",
            due_on=dt.date(2027, 1, 1),
            reason="r",
        )


def test_an_adopted_plan_takes_no_new_problems(world):
    built = build_plan(world)
    with pytest.raises(ValidationError):
        services.problem_add(
            actor=world.editor,
            plan=built.plan,
            title="Sent",
            sections=[world.section],
        )


def test_it_flags_an_overlapping_adopted_plan_before_adoption(world):
    first = build_plan(world)
    second = services.plan_create(
        actor=world.editor,
        kommun=world.kommun,
        title="Ännu en plan",
        situation_report=first.plan.situation_report,
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2028, 12, 31),
    )
    problem = services.problem_add(
        actor=world.editor, plan=second, title="P", sections=[world.section]
    )
    cause = services.cause_add(actor=world.editor, problem=problem, text="Orsak")
    services.measure_add(
        actor=world.editor, plan=second, title="M", kind="social", causes=[cause]
    )
    decision = {
        "adopted_on": dt.date(2026, 3, 1),
        "decision_body": "KF",
        "diarienummer": "KS 2026/40",
    }
    with pytest.raises(ValidationError) as error:
        services.plan_adopt(actor=world.editor, plan=second, **decision)
    assert "Åtgärdsplan 2026–2027" in " ".join(error.value.messages)
    services.plan_adopt(
        actor=world.editor, plan=second, overlap_confirmed=True, **decision
    )


def test_a_plan_rests_on_an_adopted_lagesbild(world):
    plan = services.plan_create(
        actor=world.editor,
        kommun=world.kommun,
        title="P",
        situation_report=world.report,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        services.plan_adopt(
            actor=world.editor,
            plan=plan,
            adopted_on=dt.date(2026, 2, 1),
            decision_body="KF",
            diarienummer="1",
        )
    assert "Lägesbilden som planen bygger på är inte antagen." in error.value.messages


def test_a_commitment_of_another_kommuns_promise_is_refused(world, nybro):
    from medborgarloften.promises.models import Commitment, Promise

    built = build_plan(world)
    other = Promise.objects.create(title="Nybro")
    other.parties.add(nybro)
    commitment = Commitment.objects.create(promise=other, text="Annat")
    with pytest.raises(ValidationError):
        services.commitment_link(
            actor=world.editor, measure=built.measure, commitment=commitment
        )
