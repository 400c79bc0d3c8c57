"""Flags, revision reminders, overlaps and the public records."""

from __future__ import annotations

import datetime as dt

import pytest

from medborgarloften.planning import public, selectors, services
from medborgarloften.planning.models import ActionPlan

from .conftest import adopt_report, build_plan

pytestmark = pytest.mark.django_db


def _whole(plan):
    return selectors.plan_queryset().get(pk=plan.pk)


def test_it_flags_what_bra_warns_of(world):
    built = build_plan(world, adopt=False)
    lonely = services.problem_add(
        actor=world.editor,
        plan=built.plan,
        title="Utan åtgärd",
        sections=[world.section],
    )
    stray = services.measure_add(
        actor=world.editor, plan=built.plan, title="Utan orsak", kind="social"
    )
    flags = selectors.plan_flags(_whole(built.plan))
    assert [p.pk for p in flags.problems_without_measure] == [lonely.pk]
    assert [m.pk for m in flags.measures_without_problem] == [stray.pk]
    assert [c.pk for c in flags.commitments_without_measure] == [world.walks.pk]
    assert flags.overlapping == []


def test_a_whole_plan_has_no_flags(world):
    built = build_plan(world)
    services.commitment_link(
        actor=world.editor, measure=built.measure, commitment=world.walks
    )
    assert not selectors.plan_flags(_whole(built.plan))


def test_it_reminds_of_revision_at_the_kommuns_cadence(world):
    report = adopt_report(world)  # adopted 2026-01-20, every 12 months
    assert selectors.revision_due_on(report) == dt.date(2027, 1, 20)
    assert (
        selectors.revision_reminders(
            kommuner=[world.kommun], today=dt.date(2026, 12, 1)
        )
        == []
    )
    soon = selectors.revision_reminders(
        kommuner=[world.kommun], today=dt.date(2026, 12, 25)
    )
    assert [(r.report, r.overdue) for r in soon] == [(report, False)]
    late = selectors.revision_reminders(
        kommuner=[world.kommun], today=dt.date(2027, 2, 1)
    )
    assert late[0].overdue
    assert "2027-01-20" in selectors.reminder_text(late[0])


def test_an_adopted_revision_ends_the_reminder(world, monkeypatch):
    report = adopt_report(world)
    revision = services.report_revise(actor=world.editor, report=report)
    today = dt.date(2027, 2, 1)
    # the revision is decided in 2027: today is then, as the reminders are asked
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: today)
    assert selectors.revision_reminders(kommuner=[world.kommun], today=today)
    services.report_adopt(
        actor=world.editor,
        report=revision,
        adopted_on=dt.date(2027, 1, 25),
        decision_body="KS",
        diarienummer="KS 2027/3",
    )
    assert selectors.revision_reminders(kommuner=[world.kommun], today=today) == []


def test_it_finds_promises_that_overlap_an_adopted_one(world):
    from medborgarloften.promises.models import Promise

    draft = Promise.objects.create(
        title="Nytt löfte",
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2028, 12, 31),
    )
    draft.parties.add(world.kommun)
    assert selectors.overlapping_promises(draft) == [world.promise]
    draft.period_start = dt.date(2028, 1, 1)
    draft.save()
    assert selectors.overlapping_promises(draft) == []


def test_only_adopted_plans_are_public(world, django_assert_max_num_queries):
    built = build_plan(world)
    services.plan_create(
        actor=world.editor,
        kommun=world.kommun,
        title="Utkast",
        situation_report=built.plan.situation_report,
        period_start=dt.date(2028, 1, 1),
        period_end=dt.date(2028, 12, 31),
    )
    assert ActionPlan.objects.count() == 2
    # 12 for the plan; 5 for the measures' follow-up (a fixed number per promise
    # whose commitments implement a measure: ``followup.evidence.evidence_rows``).
    with django_assert_max_num_queries(17):
        records = [public.plan_record(p) for p in public.public_plans(kommun="0880")]
    assert [r["title"] for r in records] == ["Åtgärdsplan 2026–2027"]
    record = records[0]
    assert record["problems"][0]["causes"][0]["measures"] == [1]
    assert record["measures"][0]["problems"] == [1]
    assert record["measures"][0]["commitments"][0]["id"] == world.light.pk
    assert record["measures"][0]["goals"][0]["target"] == "30"
    assert public.public_plans(kommun="0881").count() == 0


def test_a_draft_lagesbild_is_not_public(world):
    assert public.public_reports().count() == 0
    adopt_report(world)
    [report] = public.public_reports(kommun="0880")
    record = public.report_record(report)
    assert record["sections"][0]["sources"] == ["Skolverket 2025"]
    assert record["next_revision_on"] == "2027-01-20"


def test_it_flags_a_draft_promise_overlapping_an_adopted_one(world):
    from medborgarloften.promises.models import Promise

    draft = Promise.objects.create(
        title="Utkast 2027",
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2027, 12, 31),
    )
    draft.parties.add(world.kommun)
    assert selectors.promise_overlaps(world.kommun) == [(draft, [world.promise])]


def test_a_promise_without_a_period_overlaps_nothing(world):
    from medborgarloften.promises.models import Promise

    draft = Promise.objects.create(title="Utkast utan period")
    draft.parties.add(world.kommun)
    assert selectors.promise_overlaps(world.kommun) == []
    # Nor is an adopted promise without a period "the same period" as a dated draft.
    dated = Promise.objects.create(
        title="Utkast 2027",
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2027, 12, 31),
    )
    dated.parties.add(world.kommun)
    undated = Promise.objects.create(title="Antaget utan period", status="adopted")
    undated.parties.add(world.kommun)
    assert selectors.promise_overlaps(world.kommun) == [(dated, [world.promise])]
