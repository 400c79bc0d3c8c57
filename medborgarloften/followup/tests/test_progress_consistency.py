"""One status rule, one set of figures: what a page shows as "förväntat hittills"
is what the status compares with, a report's line agrees with its bars, and a
target that is only a deadline is done or not done, never a count."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

from medborgarloften.followup.progress import Entry, Status, commitment_progress
from medborgarloften.followup.reports import report_context
from medborgarloften.followup.services import activity_create, report_create

D = dt.date
#: A promise over two calendar years, looked at in early December of the second.
START, END, TODAY = D(2025, 1, 1), D(2026, 12, 31), D(2026, 12, 7)


def _yearly(quantity: int, first: int, second: int, today: dt.date = TODAY):
    # Activities are never dated after today (the service refuses that).
    entries = [Entry(min(D(2025, 6, 1), today), first)] if first else []
    if second and today.year == 2026:
        entries.append(Entry(min(D(2026, 6, 1), today), second))
    return commitment_progress(
        quantity=quantity,
        per="år",
        deadline=None,
        period_start=START,
        period_end=END,
        entries=entries,
        today=today,
    )


def test_five_of_six_expected_in_whole_units_is_on_track():
    # 2026 is 341/365 gone: 2.8 of 3 expected, i.e. 2 whole; with 2025's 3: 5.
    progress = _yearly(3, 3, 2)
    assert progress.expected_whole == 5
    assert progress.counted == 5
    assert progress.status == Status.ON_TRACK


def test_short_of_the_whole_expected_is_behind():
    progress = _yearly(100, 100, 83)
    assert progress.expected_whole == 193
    assert progress.status == Status.BEHIND


@pytest.mark.parametrize("quantity", [1, 2, 3, 7, 12, 100])
@pytest.mark.parametrize("day", [D(2025, 3, 3), D(2025, 12, 30), D(2026, 8, 19)])
def test_status_and_figures_never_contradict(quantity, day):
    for first in range(0, quantity + 2):
        for second in (0, quantity // 2, quantity):
            progress = _yearly(quantity, first, second, today=day)
            short = progress.counted < (progress.expected_whole or 0)
            late = progress.status in (Status.BEHIND, Status.OVERDUE)
            case = (quantity, first, second, day, progress.status)
            # Fewer than expected is always late; late though the sums look
            # fine (a missed year made up later) names the part that is late.
            assert late or not short, case
            assert late == bool(progress.late_buckets), case


def test_a_missed_year_is_named_when_the_sums_look_fine():
    progress = _yearly(1, 0, 1, today=D(2026, 8, 19))
    assert progress.status == Status.OVERDUE
    row = SimpleNamespace(
        status="overdue", status_label="Försenat", unrecorded=False, progress=progress
    )
    html = render_to_string("publishing/_commitment_progress.html", {"row": row})
    assert "Efter plan: 2025 (0 av 1)" in html


def test_the_public_line_shows_the_whole_expected():
    row = SimpleNamespace(
        status="on_track",
        status_label="I fas",
        unrecorded=False,
        progress=_yearly(3, 3, 2),
    )
    html = render_to_string("publishing/_commitment_progress.html", {"row": row})
    assert "5 av 6" in html
    assert "förväntat hittills 5" in html


def test_a_deadline_alone_is_done_or_not_not_a_count():
    def progress(entries, today):
        return commitment_progress(
            quantity=None,
            per="",
            deadline=D(2025, 12, 31),
            period_start=START,
            period_end=END,
            entries=entries,
            today=today,
        )

    done = progress([Entry(D(2025, 5, 1), 20), Entry(D(2025, 9, 1), 4)], TODAY)
    assert done.status == Status.DONE
    assert done.binary
    assert [(b.done, b.target) for b in done.buckets] == [(1, 1)]
    assert done.counted == 1 and done.target == 1
    assert "Senast 2025-12-31" in done.buckets[0].label
    missed = progress([], TODAY)
    assert missed.status == Status.OVERDUE
    html = render_to_string(
        "publishing/_commitment_progress.html",
        {
            "row": SimpleNamespace(
                status="done", status_label="Genomfört", unrecorded=False, progress=done
            )
        },
    )
    assert " av 1" not in html and "24 aktiviteter" in html


@pytest.mark.django_db
def test_the_report_line_counts_progress_to_date_and_the_periods_share(
    promise, patrols
):
    """The line says what the dashboard and the evidence table say (progress to
    date against the whole target) and the report period's own share apart."""
    activity_create(
        commitment=patrols, date=D(2025, 4, 2), kind="fotpatrull", quantity=101
    )
    report = report_create(
        promise=promise,
        title="Redovisning 2025",
        period_start=D(2025, 1, 1),
        period_end=D(2025, 12, 31),
    )
    context = report_context(report=report, today=TODAY)
    item = next(i for i in context["items"] if i.row.commitment == patrols)
    assert (item.counted, item.target, item.logged) == (100, 200, 101)
    assert item.in_period == 101
    html = render_to_string("followup/_report_body.html", context)
    assert "Utfört hittills 100 av 200." in html
    assert "Totalt 101 loggade." in html
    assert "Under rapportperioden: 101 utförda." in html
    assert f"({item.counted}/{item.target})" in html  # the evidence table agrees
    assert "2025: 101 av 100" in str(item.chart)


@pytest.mark.parametrize(
    "day", [D(2025, 6, 30), D(2025, 12, 31), D(2026, 1, 1), D(2026, 12, 31)]
)
def test_the_overview_owes_the_reports_the_promise_page_owes(day):
    from types import SimpleNamespace as Promise

    from medborgarloften.followup.selectors import report_plan
    from medborgarloften.publishing.overview import reports_due

    promise = Promise(period_start=START, period_end=END, reports_per_period=2)
    plan = report_plan(promise=promise, today=day, published=0)
    assert reports_due(2, START, END, day) == plan.due_now
