"""Staff pages for the plan, the årshjul and the communication plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from medborgarloften.followup.models import (
    Activity,
    CommunicationActivity,
    PlannedActivity,
    RecurringEvent,
)
from medborgarloften.followup.services.plans import planned_activity_create


@pytest.mark.django_db
def test_it_adds_a_planned_walk_for_a_week(client, kommun_editor, walks, berga):
    client.force_login(kommun_editor)
    url = reverse("followup:plan_year", args=[walks.promise_id, 2025])
    response = client.post(
        url,
        {
            "action": "add",
            "commitment": walks.pk,
            "kind": "trygghetsvandring",
            "when_text": "v. 20",
            "area": berga.pk,
            "quantity": 2,
            "responsible": "Trygghetssamordnare",
        },
    )
    assert response.status_code == 302
    line = PlannedActivity.objects.get()
    assert (line.when, line.starts_on, line.year) == (
        "week",
        dt.date(2025, 5, 12),
        2025,
    )
    body = client.get(url).content.decode()
    assert "trygghetsvandring Q2 2025: planerat 2, genomfört 0" in body


@pytest.mark.django_db
def test_it_names_the_field_when_a_planned_activity_is_outside_the_period(
    client, kommun_editor, walks
):
    client.force_login(kommun_editor)
    url = reverse("followup:plan_year", args=[walks.promise_id, 2025])
    data = {"action": "add", "commitment": walks.pk, "kind": "x", "quantity": 1}
    response = client.post(url, data | {"when_text": "2027-03-01"})
    assert response.status_code == 400
    assert "ligger utanför löftets period" in response.content.decode()
    response = client.post(url, data | {"when_text": "någon gång"})
    assert "Förstår inte" in response.content.decode()
    assert not PlannedActivity.objects.exists()


@pytest.mark.django_db
def test_it_refuses_to_copy_into_a_year_outside_the_promise(
    client, kommun_editor, walks
):
    planned_activity_create(
        commitment=walks,
        year=2026,
        kind="x",
        when="date",
        starts_on=dt.date(2026, 5, 1),
    )
    client.force_login(kommun_editor)
    url = reverse("followup:plan_year", args=[walks.promise_id, 2026])
    response = client.post(url, {"action": "copy", "from_year": 2026, "to_year": 2027})
    assert response.status_code == 400
    assert "löftet gäller inte 2027" in response.content.decode()
    assert PlannedActivity.objects.count() == 1
    response = client.post(url, {"action": "copy", "from_year": 2026, "to_year": 2025})
    assert response.status_code == 302
    assert PlannedActivity.objects.filter(year=2025).count() == 1


@pytest.mark.django_db
def test_it_keeps_plans_from_viewers_writes_and_other_kommuner(
    client, kommun_viewer, other_kommun_editor, walks
):
    url = reverse("followup:plan", args=[walks.promise_id])
    client.force_login(kommun_viewer)
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "copy", "from_year": 2025, "to_year": 2026})
    assert response.status_code == 403
    client.force_login(other_kommun_editor)
    for name in ("plan", "arshjul", "arshjul_ics", "communication"):
        response = client.get(reverse(f"followup:{name}", args=[walks.promise_id]))
        assert response.status_code == 403


@pytest.mark.django_db
def test_it_ticks_off_two_planned_lines_with_one_activity(client, kommun_editor, walks):
    lines = [
        planned_activity_create(
            commitment=walks,
            year=2025,
            kind=kind,
            when="date",
            starts_on=dt.date(2025, 5, 6),
        )
        for kind in ("trygghetsvandring", "medborgardialog")
    ]
    held = Activity.objects.create(
        commitment=walks, date=dt.date(2025, 5, 6), kind="trygghetsvandring"
    )
    client.force_login(kommun_editor)
    url = reverse("followup:plan_tick", args=[walks.pk])
    assert "Bockar av" in client.get(url).content.decode()
    response = client.post(
        url, {"activity": held.pk, "planned": [line.pk for line in lines]}
    )
    assert response.status_code == 302
    assert set(held.planned_activities.all()) == set(lines)
    body = client.get(reverse("followup:plan", args=[walks.promise_id])).content
    assert body.decode().count("1 – Genomförd") == 2


@pytest.mark.django_db
def test_it_shows_the_arshjul_and_adds_a_recurring_event(client, kommun_editor, walks):
    client.force_login(kommun_editor)
    url = reverse("followup:arshjul", args=[walks.promise_id])
    response = client.post(
        url, {"title": "Valborg", "starts_on": "2025-04-30", "yearly": "on"}
    )
    assert response.status_code == 302
    assert RecurringEvent.objects.get().yearly
    body = client.get(url).content.decode()
    assert body.count("Valborg") == 2  # 2025 and 2026
    response = client.post(
        url, {"title": "Sportlov", "starts_on": "2025-02-24", "ends_on": "2025-02-01"}
    )
    assert response.status_code == 400
    assert "kan inte ligga före" in response.content.decode()


@pytest.mark.django_db
def test_it_downloads_the_arshjul_as_icalendar_or_explains_an_empty_plan(
    client, kommun_viewer, walks
):
    client.force_login(kommun_viewer)
    url = reverse("followup:arshjul_ics", args=[walks.promise_id])
    response = client.get(url, follow=True)
    assert "Planen är tom" in response.content.decode()
    planned_activity_create(
        commitment=walks,
        year=2025,
        kind="trygghetsvandring",
        when="month",
        starts_on=dt.date(2025, 9, 1),
    )
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert "trygghetsvandring (1)" in [str(e["summary"]) for e in events]


@pytest.mark.django_db
def test_it_plans_communication_and_marks_late_ones(client, kommun_editor, promise):
    client.force_login(kommun_editor)
    url = reverse("followup:communication", args=[promise.pk])
    response = client.post(
        url,
        {
            "title": "Löftet presenteras på webben",
            "channel": "webb",
            "planned_on": "2025-03-01",
            "audience": "Invånare",
        },
    )
    assert response.status_code == 302
    body = client.get(url).content.decode()
    assert "Försenad" in body and "1 planerad kommunikation är försenad" in body
    item = CommunicationActivity.objects.get()
    client.post(
        reverse("followup:communication_status", args=[item.pk]), {"status": "done"}
    )
    item.refresh_from_db()
    assert item.status == "done" and item.done_on == dt.date(2025, 6, 30)
    response = client.post(url, {"title": "x", "channel": "brevduva", "planned_on": ""})
    assert response.status_code == 400
    assert CommunicationActivity.objects.count() == 1


@pytest.mark.django_db
def test_it_links_each_logged_activity_to_ticking_off_the_plan(
    client, kommun_editor, walks
):
    line = planned_activity_create(
        commitment=walks,
        year=2025,
        kind="trygghetsvandring",
        when="date",
        starts_on=dt.date(2025, 5, 6),
    )
    held = Activity.objects.create(
        commitment=walks, date=dt.date(2025, 5, 6), kind="trygghetsvandring"
    )
    line.done_by.add(held)
    client.force_login(kommun_editor)
    listing = client.get(reverse("followup:activities", args=[walks.promise_id]))
    url = reverse("followup:plan_tick", args=[walks.pk]) + f"?aktivitet={held.pk}"
    assert url in listing.content.decode()
    form = client.get(url).context["form"]
    assert form.initial == {"activity": held.pk, "planned": [line.pk]}
