"""Yearly activity plans: planned against done, bad input, copying a year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from medborgarloften.followup.models import Activity, PlannedActivity
from medborgarloften.followup.plan_selectors import plan_for_year
from medborgarloften.followup.plans import (
    DoneItem,
    PlanLine,
    line_statuses,
    parse_when,
    shift_year,
    summarise,
    window,
)
from medborgarloften.followup.services.plans import (
    plan_copy,
    planned_activity_create,
    planned_activity_tick,
)

TODAY = dt.date(2025, 6, 30)


def _lines(n, *, start=dt.date(2025, 4, 7)):
    return [
        PlanLine(i, "trygghetsvandring", "week", start + dt.timedelta(weeks=i), 1, "Q2")
        for i in range(1, n + 1)
    ]


def test_it_counts_one_done_activity_towards_every_line_it_covers_but_once_in_total():
    lines = _lines(4)
    done = [DoneItem(10, 1, frozenset({1, 2})), DoneItem(11, 1, frozenset({3}))]
    statuses = line_statuses(lines, done, today=TODAY)
    assert [s.status for s in statuses] == ["done", "done", "done", "late"]
    assert statuses[0].activity_ids == [10] and statuses[1].activity_ids == [10]
    [group] = summarise(statuses, done)
    assert (group.planned, group.done, group.lines_done) == (4, 2, 3)
    assert group.text == "Q2: planerat 4, genomfört 2"


def test_it_reports_nothing_done_when_no_activity_covers_the_plan():
    lines = _lines(4)
    statuses = line_statuses(lines, [DoneItem(10, 3, frozenset())], today=TODAY)
    assert [s.done for s in statuses] == [0, 0, 0, 0]
    assert {s.status for s in statuses} == {"late"}
    [group] = summarise(statuses, [])
    assert (group.planned, group.done, group.lines_done) == (4, 0, 0)


def test_it_never_counts_more_done_than_planned():
    lines = [PlanLine(1, "kväll", "month", dt.date(2025, 5, 1), 2, "maj")]
    done = [DoneItem(1, 5, frozenset({1}))]
    statuses = line_statuses(lines, done, today=dt.date(2025, 5, 3))
    assert statuses[0].done == 2 and statuses[0].status == "done"
    assert summarise(statuses, done)[0].done == 2


def test_it_calls_a_line_partly_done_before_its_window_ends():
    lines = [PlanLine(1, "kväll", "month", dt.date(2025, 6, 1), 3, "juni")]
    statuses = line_statuses(
        lines, [DoneItem(1, 1, frozenset({1}))], today=dt.date(2025, 6, 10)
    )
    assert statuses[0].status == "partly" and statuses[0].label == "Delvis genomförd"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-05-14", ("date", dt.date(2025, 5, 14))),
        ("v. 20", ("week", dt.date(2025, 5, 12))),
        ("vecka 20", ("week", dt.date(2025, 5, 12))),
        ("2026-W01", ("week", dt.date(2025, 12, 29))),
        ("2025-05", ("month", dt.date(2025, 5, 1))),
        ("Maj", ("month", dt.date(2025, 5, 1))),
        ("oktober 2026", ("month", dt.date(2026, 10, 1))),
    ],
)
def test_it_reads_a_date_a_week_or_a_month(text, expected):
    assert parse_when(text, year=2025) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "snart",
        "2025-13",
        "v. 60",
        "2025-02-30",
        "maj 99999999999999999999",
        "maj ²",
    ],
)
def test_it_refuses_what_it_cannot_read_with_a_message(text):
    with pytest.raises(ValueError, match="när|Förstår inte"):
        parse_when(text, year=2025)


def test_it_shifts_weeks_months_and_leap_days_a_year():
    assert shift_year("week", dt.date(2025, 5, 12), 1) == dt.date(2026, 5, 11)
    assert shift_year("month", dt.date(2025, 5, 1), 1) == dt.date(2026, 5, 1)
    assert shift_year("date", dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    # 2026 has a week 53; 2027 does not.
    assert shift_year("week", dt.date(2026, 12, 28), 1) == dt.date(2027, 12, 27)
    # 2025-12-29 is the Monday of week 1 of 2026.
    assert shift_year("week", dt.date(2025, 12, 29), 1) == dt.date(2027, 1, 4)
    assert window("month", dt.date(2025, 2, 1)) == (
        dt.date(2025, 2, 1),
        dt.date(2025, 2, 28),
    )


@pytest.mark.django_db
def test_it_ticks_off_several_planned_walks_with_one_activity(walks, berga):
    first = planned_activity_create(
        commitment=walks,
        year=2025,
        kind="trygghetsvandring",
        when="week",
        starts_on=dt.date(2025, 4, 8),
        area=berga,
    )
    second = planned_activity_create(
        commitment=walks,
        year=2025,
        kind="trygghetsvandring",
        when="month",
        starts_on=dt.date(2025, 5, 20),
        quantity=3,
    )
    assert first.starts_on == dt.date(2025, 4, 7)  # the week's Monday
    assert second.starts_on == dt.date(2025, 5, 1)
    held = Activity.objects.create(
        commitment=walks, date=dt.date(2025, 4, 9), kind="trygghetsvandring"
    )
    planned_activity_tick(activity=held, planned=[first, second])
    [plan, *_] = plan_for_year(promise=walks.promise, year=2025, today=TODAY)
    assert [s.status for _, s in plan.lines] == ["done", "late"]
    [group] = plan.groups
    assert group.text == "trygghetsvandring Q2 2025: planerat 4, genomfört 1"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"starts_on": dt.date(2027, 3, 1), "year": 2025}, "starts_on", "utanför"),
        ({"starts_on": dt.date(2024, 12, 1), "year": 2025}, "starts_on", "utanför"),
        ({"year": 2028}, "year", "utanför löftets period"),
        ({"quantity": 0}, "quantity", "Antal"),
        ({"kind": " "}, "kind", "Vad"),
        ({"starts_on": dt.date(2026, 3, 1)}, "starts_on", "planåret 2025"),
    ],
)
def test_it_refuses_a_planned_activity_outside_the_period(
    walks, kwargs, field, message
):
    arguments = {
        "commitment": walks,
        "year": 2025,
        "kind": "trygghetsvandring",
        "when": "date",
        "starts_on": dt.date(2025, 5, 1),
    } | kwargs
    with pytest.raises(ValidationError) as caught:
        planned_activity_create(**arguments)
    assert message in " ".join(caught.value.message_dict[field])
    assert not PlannedActivity.objects.exists()


@pytest.mark.django_db
def test_it_copies_last_years_plan_to_the_same_weeks_and_months(walks, patrols):
    planned_activity_create(
        commitment=walks,
        year=2025,
        kind="trygghetsvandring",
        when="week",
        starts_on=dt.date(2025, 5, 12),
        responsible="Trygghetssamordnare",
    )
    planned_activity_create(
        commitment=patrols,
        year=2025,
        kind="kvällspatrull",
        when="month",
        starts_on=dt.date(2025, 9, 1),
        quantity=10,
    )
    copy = plan_copy(promise=walks.promise, from_year=2025, to_year=2026)
    assert [(p.starts_on, p.quantity, p.responsible) for p in copy.created] == [
        (dt.date(2026, 5, 11), 1, "Trygghetssamordnare"),
        (dt.date(2026, 9, 1), 10, ""),
    ]
    assert copy.left_out == []
    assert PlannedActivity.objects.filter(year=2026).count() == 2


@pytest.mark.django_db
def test_it_refuses_to_copy_a_plan_into_a_year_the_promise_does_not_cover(walks):
    planned_activity_create(
        commitment=walks,
        year=2026,
        kind="trygghetsvandring",
        when="date",
        starts_on=dt.date(2026, 5, 1),
    )
    with pytest.raises(ValidationError) as caught:
        plan_copy(promise=walks.promise, from_year=2026, to_year=2027)
    assert "gäller inte 2027 (2025–2026)" in caught.value.message_dict["to_year"][0]
    assert PlannedActivity.objects.count() == 1


@pytest.mark.django_db
def test_it_refuses_to_copy_over_an_existing_plan_or_from_an_empty_year(walks):
    with pytest.raises(ValidationError, match="ingen plan för 2025"):
        plan_copy(promise=walks.promise, from_year=2025, to_year=2026)
    for year in (2025, 2026):
        planned_activity_create(
            commitment=walks,
            year=year,
            kind="vandring",
            when="date",
            starts_on=dt.date(year, 5, 1),
        )
    with pytest.raises(ValidationError, match="redan en plan"):
        plan_copy(promise=walks.promise, from_year=2025, to_year=2026)
    assert PlannedActivity.objects.count() == 2


@pytest.mark.django_db
def test_it_leaves_out_lines_that_would_fall_after_the_period(walks):
    promise = walks.promise
    promise.period_end = dt.date(2026, 6, 30)
    promise.save()
    for month in (3, 10):
        planned_activity_create(
            commitment=walks,
            year=2025,
            kind="vandring",
            when="month",
            starts_on=dt.date(2025, month, 1),
        )
    copy = plan_copy(promise=promise, from_year=2025, to_year=2026)
    assert [p.starts_on for p in copy.created] == [dt.date(2026, 3, 1)]
    assert [p.starts_on for p in copy.left_out] == [dt.date(2025, 10, 1)]


@pytest.mark.django_db
def test_it_refuses_to_tick_off_a_plan_of_another_promise(walks, kalmar):
    from medborgarloften.promises.models import Commitment, Promise

    other = Promise.objects.create(
        title="Annat",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
    )
    other.parties.add(kalmar)
    elsewhere = Commitment.objects.create(promise=other, text="x")
    foreign = planned_activity_create(
        commitment=elsewhere,
        year=2025,
        kind="x",
        when="date",
        starts_on=dt.date(2025, 5, 1),
    )
    held = Activity.objects.create(commitment=walks, date=TODAY, kind="x")
    with pytest.raises(ValidationError, match="annat löfte"):
        planned_activity_tick(activity=held, planned=[foreign])
    assert not held.planned_activities.exists()


@pytest.mark.django_db
def test_it_loads_the_demo_plan_communication_and_recurring_events_once():
    from medborgarloften.followup.calendar import arshjul_entries
    from medborgarloften.followup.models import CommunicationActivity, RecurringEvent
    from medborgarloften.operations.demo import demo_load
    from medborgarloften.promises.models import Promise

    demo_load(today=dt.date(2026, 11, 1))
    demo_load(today=dt.date(2026, 11, 1))
    current = Promise.objects.get(period_start="2025-01-01")
    assert PlannedActivity.objects.filter(commitment__promise=current).count() == 8
    assert CommunicationActivity.objects.filter(promise=current).count() == 6
    assert RecurringEvent.objects.filter(title="Valborg").count() == 1
    walks = next(
        p
        for p in plan_for_year(promise=current, year=2025, today=dt.date(2026, 11, 1))
        if p.groups and p.groups[0].group.startswith("trygghetsvandring")
    )
    assert [g.text for g in walks.groups] == [
        "trygghetsvandring Q2 2025: planerat 3, genomfört 2"
    ]
    kinds = {e.kind for e in arshjul_entries(promise=current)}
    assert kinds == {"planned", "report", "communication", "event"}


@pytest.mark.django_db
def test_it_refuses_an_area_or_organisation_outside_the_promise(walks, nybro, kalmar):
    from medborgarloften.places.models import Area

    elsewhere = Area.objects.create(kommun=nybro, name="Centrum")
    with pytest.raises(ValidationError) as caught:
        planned_activity_create(
            commitment=walks,
            year=2025,
            kind="trygghetsvandring",
            when="date",
            starts_on=dt.date(2025, 5, 1),
            area=elsewhere,
            organisation=nybro,
        )
    assert set(caught.value.message_dict) == {"area", "organisation"}
    assert not PlannedActivity.objects.exists()


@pytest.mark.django_db
def test_it_answers_a_plan_year_outside_the_promise_with_a_404(
    client, kommun_editor, walks
):
    from django.urls import reverse

    client.force_login(kommun_editor)
    response = client.get(reverse("followup:plan_year", args=[walks.promise_id, 2031]))
    assert response.status_code == 404
