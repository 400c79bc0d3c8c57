"""The communication plan: what is told, where, to whom; late ones warned about."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from medborgarloften.followup.models import CommunicationActivity
from medborgarloften.followup.plan_selectors import communication_late
from medborgarloften.followup.services.communication import (
    communication_create,
    communication_set_status,
)


@pytest.mark.django_db
def test_it_warns_about_planned_communication_whose_day_has_passed(promise):
    early = communication_create(
        promise=promise,
        title="Löftet i lokaltidningen",
        channel="lokaltidning",
        planned_on=dt.date(2025, 3, 1),
        audience="Alla invånare",
    )
    done = communication_create(
        promise=promise,
        title="Möte i Berga",
        channel="mote",
        planned_on=dt.date(2025, 4, 1),
    )
    communication_create(
        promise=promise,
        title="Lägesrapport i skolan",
        channel="skola",
        planned_on=dt.date(2025, 9, 1),
    )
    communication_set_status(item=done, status="done", done_on=dt.date(2025, 4, 2))
    assert communication_late(promise=promise, today=dt.date(2025, 6, 30)) == [early]
    communication_set_status(item=early, status="cancelled")
    assert communication_late(promise=promise, today=dt.date(2025, 6, 30)) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": " "}, "title"),
        ({"channel": "brevduva"}, "channel"),
        ({"planned_on": None}, "planned_on"),
        ({"planned_on": dt.date(2028, 1, 1)}, "planned_on"),
    ],
)
def test_it_refuses_bad_communication_naming_the_field(promise, kwargs, field):
    arguments = {
        "promise": promise,
        "title": "Inlägg",
        "channel": "sociala_medier",
        "planned_on": dt.date(2025, 5, 1),
    } | kwargs
    with pytest.raises(ValidationError) as caught:
        communication_create(**arguments)
    assert field in caught.value.message_dict
    assert not CommunicationActivity.objects.exists()


@pytest.mark.django_db
def test_it_needs_a_day_to_mark_communication_done(promise):
    item = communication_create(
        promise=promise, title="x", channel="webb", planned_on=dt.date(2025, 5, 1)
    )
    with pytest.raises(ValidationError, match="vilken dag"):
        communication_set_status(item=item, status="done")
    item.refresh_from_db()
    assert item.status == "planned"


@pytest.mark.django_db
def test_it_warns_on_the_dashboard_and_in_reminders_when_communication_is_late(
    client, kommun_editor, promise, lpo_kalmar
):
    from django.urls import reverse

    from medborgarloften.followup.reminders import reminders

    communication_create(
        promise=promise,
        title="Uppföljningen i lokaltidningen",
        channel="lokaltidning",
        planned_on=dt.date(2025, 5, 1),
        organisation=lpo_kalmar,
        reports_followup=True,
    )
    communication_create(
        promise=promise,
        title="Inlägg i höst",
        channel="sociala_medier",
        planned_on=dt.date(2025, 10, 1),
    )
    client.force_login(kommun_editor)
    body = client.get(reverse("followup:dashboard", args=[promise.pk])).content
    body = body.decode()
    assert "1 planerad kommunikation är försenad" in body
    assert "Uppföljningen i lokaltidningen" in body
    assert "Inlägg i höst" not in body
    groups = {
        g.organisation.name: [i.text for i in g.items]
        for g in reminders(today=dt.date(2025, 6, 30))
    }
    late = [t for t in groups[lpo_kalmar.name] if "kommunikation" in t]
    assert late == [
        "Planerad kommunikation är försenad: Uppföljningen i lokaltidningen "
        "(lokaltidning, planerad 2025-05-01)."
    ]
    assert not any("kommunikation" in t for t in groups.get("Kalmar", []))
