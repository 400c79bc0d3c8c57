"""The årshjul month by month, and its iCalendar export parsed back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from medborgarloften.followup.calendar import arshjul, arshjul_entries, ical_bytes
from medborgarloften.followup.models import RecurringEvent
from medborgarloften.followup.services.communication import communication_create
from medborgarloften.followup.services.plans import (
    planned_activity_create,
    recurring_event_create,
)


@pytest.fixture
def planned(walks, berga):
    return planned_activity_create(
        commitment=walks,
        year=2025,
        kind="trygghetsvandring",
        when="week",
        starts_on=dt.date(2025, 5, 12),
        area=berga,
        quantity=2,
        responsible="Trygghetssamordnare",
    )


@pytest.fixture
def events(kalmar):
    return [
        recurring_event_create(
            organisation=kalmar, title="Valborg", starts_on=dt.date(2025, 4, 30)
        ),
        recurring_event_create(
            organisation=kalmar,
            title="Sommarlov",
            starts_on=dt.date(2025, 6, 13),
            ends_on=dt.date(2025, 8, 17),
        ),
        recurring_event_create(
            organisation=kalmar,
            title="Skolstart",
            starts_on=dt.date(2025, 8, 18),
            yearly=False,
        ),
    ]


@pytest.mark.django_db
def test_it_lays_out_the_period_month_by_month(promise, planned, events):
    months = arshjul(promise=promise)
    assert len(months) == 24 and months[0].label == "januari 2025"
    april, may = months[3], months[4]
    assert [e.title for e in april.entries] == ["Valborg"]
    assert "trygghetsvandring i Berga (2)" in [e.title for e in may.entries]
    assert [e.title for e in months[6].entries] == ["Sommarlov"]  # spans into July
    titles = [e.title for m in months for e in m.entries]
    assert titles.count("Valborg") == 2  # yearly, in 2025 and 2026
    assert titles.count("Skolstart") == 1  # entered for 2025 only
    reports = [e for m in months for e in m.entries if e.kind == "report"]
    assert [e.start for e in reports] == [dt.date(2025, 12, 31), dt.date(2026, 12, 31)]


@pytest.mark.django_db
def test_it_exports_an_icalendar_file_that_parses_back(promise, planned, events):
    communication_create(
        promise=promise,
        title="Lägesrapport på webben",
        channel="webb",
        planned_on=dt.date(2025, 9, 1),
        reports_followup=True,
    )
    data = ical_bytes(promise=promise)
    calendar = Calendar.from_ical(data)
    assert str(calendar["version"]) == "2.0"
    found = {
        str(e["summary"]): (e.decoded("dtstart"), e.decoded("dtend"))
        for e in calendar.walk("VEVENT")
    }
    assert found["trygghetsvandring i Berga (2)"] == (
        dt.date(2025, 5, 12),
        dt.date(2025, 5, 19),
    )
    assert found["Lägesrapport på webben (webb)"] == (
        dt.date(2025, 9, 1),
        dt.date(2025, 9, 2),
    )
    assert found["Sommarlov"][1] == dt.date(2026, 8, 18)  # the later year's
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == len(arshjul_entries(promise=promise))
    assert ical_bytes(promise=promise).count(b"BEGIN:VEVENT") == len(uids)


@pytest.mark.django_db
def test_it_refuses_to_export_an_empty_plan(promise, events):
    with pytest.raises(ValidationError, match="Planen är tom"):
        ical_bytes(promise=promise)


@pytest.mark.django_db
def test_it_refuses_a_recurring_event_ending_before_it_starts(kalmar):
    with pytest.raises(ValidationError) as caught:
        recurring_event_create(
            organisation=kalmar,
            title="Sportlov",
            starts_on=dt.date(2025, 2, 24),
            ends_on=dt.date(2025, 2, 20),
        )
    assert "Till och med" in caught.value.message_dict["ends_on"][0]
    with pytest.raises(ValidationError, match="Händelse"):
        recurring_event_create(
            organisation=kalmar, title="", starts_on=dt.date(2025, 2, 24)
        )
    assert not RecurringEvent.objects.exists()
