"""Progress arithmetic: every ``per``, deadlines, leap years, periods that do not
start on 1 January. Pure functions: no database."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medborgarloften.followup.progress import (
    AreaRef,
    Entry,
    Status,
    add_years,
    commitment_progress,
    expected_by,
    time_spans,
    trend,
)

D = dt.date
BERGA = AreaRef(1, "Berga")
FUNKABO = AreaRef(2, "Funkabo")
NORRLIDEN = AreaRef(3, "Norrliden")


def progress(**kwargs):
    defaults = {
        "quantity": None,
        "per": "",
        "deadline": None,
        "period_start": D(2025, 1, 1),
        "period_end": D(2026, 12, 31),
        "entries": [],
        "areas": (),
    }
    return commitment_progress(**{**defaults, **kwargs})


# --- whole period ---------------------------------------------------------------


def test_it_counts_done_against_the_whole_period_target():
    result = progress(
        quantity=10,
        per="period",
        entries=[Entry(D(2025, 3, 1), 3), Entry(D(2025, 4, 1), 2)],
        today=D(2025, 6, 1),
    )
    assert (result.done, result.target) == (5, 10)
    assert result.percent == 50
    # 152 of 730 days gone: about 2 of 10 expected; 5 done is on track.
    assert result.expected == pytest.approx(10 * 152 / 730)
    assert result.status == Status.ON_TRACK


@pytest.mark.parametrize("unit", ["timmar", "arbetsdagar", " Dygn "])
def test_a_time_limit_is_no_count_and_never_behind(unit):
    # "sanera klotter inom 48 timmar": no 48 of anything to do in the period
    result = progress(
        quantity=48, unit=unit, entries=[Entry(D(2025, 3, 1), 1)], today=D(2025, 6, 1)
    )
    assert result.status == Status.NOT_MEASURABLE
    assert result.reason.startswith("Målet är en tidsgräns")
    assert result.done == 1


def test_hours_counted_over_the_period_are_a_count():
    result = progress(quantity=40, unit="timmar", per="period", today=D(2025, 6, 1))
    assert result.status == Status.BEHIND
    assert result.target == 40


def test_it_says_behind_when_fewer_than_expected_are_done():
    result = progress(
        quantity=100,
        per="period",
        entries=[Entry(D(2025, 2, 1), 10)],
        today=D(2026, 1, 1),
    )
    assert result.expected == pytest.approx(100 * 366 / 730)
    assert result.status == Status.BEHIND


def test_it_says_not_started_before_anything_is_due():
    result = progress(quantity=4, per="period", today=D(2025, 1, 20))
    assert result.status == Status.NOT_STARTED


def test_it_says_done_when_the_target_is_reached_even_early():
    result = progress(
        quantity=2,
        per="period",
        entries=[Entry(D(2025, 1, 5)), Entry(D(2025, 1, 6))],
        today=D(2025, 1, 7),
    )
    assert result.status == Status.DONE
    assert result.percent == 100


def test_it_says_overdue_when_the_period_ended_short_of_the_target():
    result = progress(
        quantity=5, per="period", entries=[Entry(D(2025, 5, 1), 4)], today=D(2027, 1, 1)
    )
    assert result.status == Status.OVERDUE


def test_it_ignores_activities_outside_the_period():
    result = progress(
        quantity=5,
        per="period",
        entries=[Entry(D(2024, 12, 31), 4), Entry(D(2027, 1, 1), 4)],
        today=D(2025, 6, 1),
    )
    assert result.counted == 0


# --- deadlines ------------------------------------------------------------------


def test_it_makes_a_deadline_target_overdue_the_day_after():
    kwargs = {"per": "", "deadline": D(2025, 6, 30), "entries": []}
    assert progress(**kwargs, today=D(2025, 6, 30)).status == Status.BEHIND
    assert progress(**kwargs, today=D(2025, 7, 1)).status == Status.OVERDUE


def test_it_counts_a_deadline_without_quantity_as_one_thing_to_do():
    result = progress(
        deadline=D(2025, 6, 30), entries=[Entry(D(2025, 5, 2))], today=D(2025, 7, 1)
    )
    assert (result.target, result.status) == (1, Status.DONE)


def test_it_spreads_a_deadline_target_from_the_period_start_to_the_deadline():
    result = progress(quantity=6, deadline=D(2025, 3, 31), today=D(2025, 2, 14))
    # 45 of 90 days (2025 is not a leap year): 3 expected.
    assert result.expected == pytest.approx(3.0)
    assert result.status == Status.BEHIND


def test_it_judges_a_deadline_without_a_period_by_the_deadline_alone():
    result = progress(
        quantity=1,
        deadline=D(2025, 6, 30),
        period_start=None,
        period_end=None,
        today=D(2025, 7, 1),
    )
    assert result.expected is None
    assert result.status == Status.OVERDUE


# --- per year -------------------------------------------------------------------


def test_it_cuts_calendar_years_when_the_period_starts_on_1_january():
    result = progress(
        quantity=100,
        per="år",
        entries=[Entry(D(2025, 12, 31), 100), Entry(D(2026, 1, 1), 10)],
        today=D(2026, 2, 1),
    )
    assert [b.label for b in result.buckets] == ["2025", "2026"]
    assert [b.done for b in result.buckets] == [100, 10]
    assert [b.status for b in result.buckets] == [Status.DONE, Status.ON_TRACK]
    assert result.target == 200
    assert result.status == Status.ON_TRACK


def test_it_cuts_period_years_when_the_period_starts_on_1_july():
    result = progress(
        quantity=12,
        per="år",
        period_start=D(2025, 7, 1),
        period_end=D(2027, 6, 30),
        entries=[Entry(D(2025, 12, 31), 5), Entry(D(2026, 1, 1), 5)],
        today=D(2026, 3, 1),
    )
    first, second = result.buckets
    assert (first.start, first.end) == (D(2025, 7, 1), D(2026, 6, 30))
    assert (second.start, second.end) == (D(2026, 7, 1), D(2027, 6, 30))
    assert first.done == 10  # New Year does not split the period year
    assert first.target == 12 and second.target == 12


def test_it_makes_a_missed_year_overdue_while_the_next_runs():
    result = progress(
        quantity=10,
        per="år",
        entries=[Entry(D(2025, 6, 1), 3), Entry(D(2026, 1, 2), 1)],
        today=D(2026, 1, 10),
    )
    assert result.buckets[0].status == Status.OVERDUE
    assert result.status == Status.OVERDUE


def test_it_counts_a_leap_year_as_366_days():
    spans = time_spans("år", D(2024, 1, 1), D(2025, 12, 31))
    assert (spans[0].end - spans[0].start).days + 1 == 366
    # 29 February 2024 is day 60: 60/366 of the year's target expected.
    assert expected_by(
        target=366, start=D(2024, 1, 1), end=D(2024, 12, 31), today=D(2024, 2, 29)
    ) == pytest.approx(60)


def test_it_continues_a_period_year_started_on_29_february_on_28_february():
    assert add_years(D(2024, 2, 29), 1) == D(2025, 2, 28)
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)
    spans = time_spans("år", D(2024, 2, 29), D(2028, 2, 28))
    assert [(s.start, s.end) for s in spans[:2]] == [
        (D(2024, 2, 29), D(2025, 2, 27)),
        (D(2025, 2, 28), D(2026, 2, 27)),
    ]
    assert spans[-1].end == D(2028, 2, 28)


def test_it_gives_a_short_last_year_a_proportional_target_rounded_up():
    result = progress(
        quantity=10,
        per="år",
        period_start=D(2025, 1, 1),
        period_end=D(2025, 3, 31),
        today=D(2025, 1, 1),
    )
    # 90 of 365 days → 2.47 → 3.
    assert [b.target for b in result.buckets] == [3]


# --- per month, week, term --------------------------------------------------------


def test_it_cuts_months_and_prorates_a_partial_first_month():
    result = progress(
        quantity=4,
        per="månad",
        period_start=D(2025, 1, 16),
        period_end=D(2025, 3, 31),
        entries=[Entry(D(2025, 2, 10), 4), Entry(D(2025, 1, 20), 1)],
        today=D(2025, 2, 28),
    )
    assert [b.label for b in result.buckets] == ["2025-01", "2025-02", "2025-03"]
    assert [b.target for b in result.buckets] == [3, 4, 4]  # 16/31 of 4 → 3
    assert [b.status for b in result.buckets] == [
        Status.OVERDUE,
        Status.DONE,
        Status.NOT_STARTED,
    ]
    assert result.status == Status.OVERDUE


def test_it_counts_february_in_a_leap_year_as_29_days():
    spans = time_spans("månad", D(2024, 2, 1), D(2024, 2, 29))
    assert spans[0].full_days == 29
    result = progress(
        quantity=2,
        per="månad",
        period_start=D(2024, 2, 1),
        period_end=D(2024, 2, 29),
        entries=[Entry(D(2024, 2, 29))],
        today=D(2024, 2, 29),
    )
    assert result.buckets[0].done == 1
    assert result.buckets[0].status == Status.BEHIND


def test_it_cuts_iso_weeks_from_monday_to_sunday():
    spans = time_spans("vecka", D(2025, 1, 1), D(2025, 1, 19))
    assert [(s.label, s.start, s.end) for s in spans] == [
        ("2025-v01", D(2025, 1, 1), D(2025, 1, 5)),
        ("2025-v02", D(2025, 1, 6), D(2025, 1, 12)),
        ("2025-v03", D(2025, 1, 13), D(2025, 1, 19)),
    ]
    result = progress(
        quantity=2,
        per="vecka",
        period_start=D(2025, 1, 1),
        period_end=D(2025, 1, 19),
        entries=[Entry(D(2025, 1, 2)), Entry(D(2025, 1, 6), 2)],
        today=D(2025, 1, 13),
    )
    # First week has 5 of 7 days: 2 × 5/7 → 2 (rounded up).
    assert [b.target for b in result.buckets] == [2, 2, 2]
    assert [b.status for b in result.buckets] == [
        Status.OVERDUE,
        Status.DONE,
        Status.NOT_STARTED,
    ]


def test_it_labels_week_53_of_a_long_iso_year():
    spans = time_spans("vecka", D(2026, 12, 28), D(2027, 1, 3))
    assert [s.label for s in spans] == ["2026-v53"]


def test_it_cuts_terms_as_half_years_without_prorating():
    result = progress(
        quantity=3,
        per="termin",
        period_start=D(2025, 8, 15),
        period_end=D(2026, 6, 30),
        entries=[Entry(D(2025, 9, 1), 3), Entry(D(2026, 2, 1))],
        today=D(2026, 3, 1),
    )
    assert [b.label for b in result.buckets] == ["HT 2025", "VT 2026"]
    assert [b.target for b in result.buckets] == [3, 3]
    assert result.buckets[0].start == D(2025, 8, 15)
    assert [b.status for b in result.buckets] == [Status.DONE, Status.ON_TRACK]


# --- per area ---------------------------------------------------------------------


def test_it_needs_each_area_separately_and_lists_the_missing_ones():
    result = progress(
        per="område",
        areas=[BERGA, FUNKABO, NORRLIDEN],
        entries=[Entry(D(2025, 3, 1), 5, BERGA.id), Entry(D(2025, 4, 1), 1, None)],
        today=D(2025, 6, 1),
    )
    assert [b.done for b in result.buckets] == [5, 0, 0]
    assert result.missing_areas == [FUNKABO, NORRLIDEN]
    # Five walks in Berga do not make up for Funkabo and Norrliden.
    assert (result.counted, result.target) == (1, 3)
    assert result.status == Status.ON_TRACK


def test_it_makes_an_area_target_overdue_when_an_area_was_missed():
    result = progress(
        quantity=2,
        per="område",
        areas=[BERGA, FUNKABO],
        entries=[Entry(D(2025, 3, 1), 2, BERGA.id)],
        today=D(2027, 1, 1),
    )
    assert [b.status for b in result.buckets] == [Status.DONE, Status.OVERDUE]
    assert result.status == Status.OVERDUE


def test_it_counts_per_area_and_year():
    result = progress(
        quantity=1,
        per="år_och_område",
        period_start=D(2025, 7, 1),
        period_end=D(2027, 6, 30),
        areas=[BERGA, FUNKABO],
        entries=[
            Entry(D(2025, 9, 1), 1, BERGA.id),
            Entry(D(2026, 8, 1), 1, FUNKABO.id),
        ],
        today=D(2026, 9, 1),
    )
    assert [(b.label, b.done) for b in result.buckets] == [
        ("Berga 2025-07-01 – 2026-06-30", 1),
        ("Funkabo 2025-07-01 – 2026-06-30", 0),
        ("Berga 2026-07-01 – 2027-06-30", 0),
        ("Funkabo 2026-07-01 – 2027-06-30", 1),
    ]
    assert result.status == Status.OVERDUE  # Funkabo missed the first year
    assert result.missing_areas == []


def test_it_cannot_measure_a_per_area_target_without_areas():
    result = progress(per="område", today=D(2025, 6, 1))
    assert result.status == Status.NOT_MEASURABLE
    assert "områden" in result.reason


# --- not measurable ----------------------------------------------------------------


def test_it_calls_a_commitment_without_target_not_measurable():
    result = progress(entries=[Entry(D(2025, 3, 1), 2)], today=D(2025, 6, 1))
    assert result.status == Status.NOT_MEASURABLE
    assert result.done == 2
    assert not result.measurable


def test_it_cannot_cut_years_without_a_period():
    result = progress(
        quantity=5, per="år", period_start=None, period_end=None, today=D(2025, 6, 1)
    )
    assert result.status == Status.NOT_MEASURABLE
    assert "period" in result.reason


def test_it_treats_a_unit_only_target_as_one_per_period():
    result = progress(per="period", entries=[Entry(D(2025, 2, 2))], today=D(2025, 3, 1))
    assert (result.target, result.status) == (1, Status.DONE)


# --- trend -------------------------------------------------------------------------


def test_it_compares_the_last_30_days_with_the_30_before():
    today = D(2025, 3, 31)
    entries = [Entry(D(2025, 3, 30), 3), Entry(D(2025, 2, 15), 1), Entry(D(2024, 1, 1))]
    assert trend(entries, today) == 2
    assert trend([Entry(D(2025, 2, 15), 4)], today) == -4


def test_it_spreads_promised_reports_evenly_over_the_period():
    from medborgarloften.followup.progress import report_due_dates

    assert report_due_dates(D(2025, 1, 1), D(2026, 12, 31), 2) == [
        D(2025, 12, 31),
        D(2026, 12, 31),
    ]
    assert report_due_dates(D(2025, 7, 1), D(2026, 6, 30), 4)[-1] == D(2026, 6, 30)
    assert report_due_dates(D(2025, 1, 1), D(2025, 12, 31), 0) == []


# --- properties ----------------------------------------------------------------------


PERS = ["period", "år", "månad", "vecka", "termin", "område", "år_och_område", ""]
dates = st.dates(min_value=D(2023, 1, 1), max_value=D(2028, 12, 31))


@given(
    per=st.sampled_from(PERS),
    quantity=st.one_of(st.none(), st.integers(1, 60)),
    start=dates,
    length=st.integers(0, 800),
    today=dates,
    entries=st.lists(
        st.builds(Entry, dates, st.integers(1, 5), st.sampled_from([1, 2, 3, None])),
        max_size=40,
    ),
)
def test_it_keeps_its_invariants_for_any_target(
    per, quantity, start, length, today, entries
):
    end = start + dt.timedelta(days=length)
    result = progress(
        quantity=quantity,
        per=per,
        period_start=start,
        period_end=end,
        entries=entries,
        areas=[BERGA, FUNKABO, NORRLIDEN],
        today=today,
    )
    assert 0 <= result.percent <= 100
    assert result.counted <= result.target
    assert result.counted <= result.done or result.done == 0
    for bucket in result.buckets:
        assert bucket.target >= 1
        assert bucket.expected is None or 0 <= bucket.expected <= bucket.target
    if result.measurable:
        assert (result.status == Status.DONE) == (result.counted == result.target)
        # Buckets tile the period: no activity inside it is counted twice or lost.
        if per in ("år", "månad", "vecka", "termin", "period"):
            inside = sum(e.quantity for e in entries if start <= e.date <= end)
            assert sum(b.done for b in result.buckets) == inside
