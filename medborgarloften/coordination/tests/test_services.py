"""Roles, meetings with their generated agenda, decisions as tracked actions,
publishing — and who may do what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from medborgarloften.coordination.agenda import (
    AgendaEntry,
    agenda_build,
    agenda_provider_register,
    agenda_providers,
)
from medborgarloften.coordination.models import CoordinationRole, Decision, Meeting
from medborgarloften.coordination.permissions import (
    can_edit_coordination,
    can_view_coordination,
)
from medborgarloften.coordination.selectors import coordination_overview, open_actions
from medborgarloften.coordination.services import (
    agenda_item_add,
    coordination_role_assign,
    decision_record,
    decision_status_set,
    meeting_agenda_refresh,
    meeting_create,
    meeting_minutes_save,
    meeting_publish,
)
from medborgarloften.situation.models import Survey

from .conftest import TODAY


def _meeting(actor, kalmar, held_on=TODAY):
    return meeting_create(
        actor=actor,
        kommun=kalmar,
        kind="lokala_bra",
        title="Lokala Brå hösten",
        held_on=held_on,
        today=TODAY,
    )


@pytest.mark.django_db
def test_it_lets_the_kommuns_editors_write_and_its_viewers_read(
    kalmar, kommun_editor, kommun_viewer, other_kommun_editor, polis_editor
):
    assert can_edit_coordination(kommun_editor, kalmar)
    assert can_view_coordination(kommun_viewer, kalmar)
    assert not can_edit_coordination(kommun_viewer, kalmar)
    assert not can_view_coordination(other_kommun_editor, kalmar)
    # the lokalpolisområde serving the kommun reads its samordning, and no more
    assert can_view_coordination(polis_editor, kalmar)
    assert not can_edit_coordination(polis_editor, kalmar)
    with pytest.raises(PermissionDenied):
        _meeting(kommun_viewer, kalmar)
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_it_hands_the_role_over_and_keeps_who_held_it_when(kalmar, kommun_editor):
    first = coordination_role_assign(
        actor=kommun_editor,
        kommun=kalmar,
        role="Samordnare",
        person="Anna Andersson",
        starts_on=dt.date(2024, 1, 1),
    )
    second = coordination_role_assign(
        actor=kommun_editor,
        kommun=kalmar,
        role="samordnare",
        person="Bo Berg",
        starts_on=dt.date(2025, 9, 1),
    )
    first.refresh_from_db()
    assert first.ends_on == dt.date(2025, 8, 31)
    overview = coordination_overview(kommun=kalmar, today=TODAY)
    assert overview.current == [second]
    assert overview.former == [first]
    with pytest.raises(ValidationError) as excinfo:
        coordination_role_assign(
            actor=kommun_editor,
            kommun=kalmar,
            role="Samordnare",
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2024, 1, 1),
        )
    assert set(excinfo.value.message_dict) == {"ends_on", "starts_on"}
    assert CoordinationRole.objects.count() == 2


@pytest.mark.django_db
def test_it_builds_the_agenda_from_what_is_due(kalmar, kommun_editor, promise, patrols):
    Survey.objects.create(  # built directly: the service refuses past dates
        kommun=kalmar,
        title="Trygghetsenkät 2025",
        year=2025,
        token="enkat-2025",
        closes_on=TODAY + dt.timedelta(days=20),
    )
    earlier = _meeting(kommun_editor, kalmar, held_on=dt.date(2025, 6, 1))
    decision_record(
        actor=kommun_editor,
        meeting=earlier,
        text="Ta fram en belysningsplan för centrum.",
        owner_role="Gatuchef",
        due=dt.date(2025, 9, 15),
    )
    meeting = _meeting(kommun_editor, kalmar)
    items = list(meeting.agenda_items.values_list("source", "title"))
    sources = [source for source, _ in items]
    assert "commitment" in sources  # 0 of ~75 patrols by October
    assert (
        "action",
        "Åtgärd från mötet 2025-06-01: Ta fram en belysningsplan för centrum.",
    ) in items
    assert ("survey", "Pågående enkät: Trygghetsenkät 2025") in items
    assert (
        "followup_report",
        "Uppföljningsrapport försenad: Tryggare Kalmar",  # the first was due in July
    ) in items
    assert ("revision", "Dags att revidera: Tryggare Kalmar") in items


@pytest.mark.django_db
def test_it_keeps_points_added_by_hand_when_the_agenda_is_rebuilt(
    kalmar, kommun_editor, promise, patrols
):
    meeting = _meeting(kommun_editor, kalmar)
    generated = meeting.agenda_items.count()
    agenda_item_add(actor=kommun_editor, meeting=meeting, title="Övriga frågor")
    meeting_agenda_refresh(actor=kommun_editor, meeting=meeting, today=TODAY)
    titles = list(meeting.agenda_items.values_list("title", flat=True))
    assert len(titles) == generated + 1
    assert titles[-1] == "Övriga frågor"
    with pytest.raises(ValidationError):
        agenda_item_add(actor=kommun_editor, meeting=meeting, title="  ")


@pytest.mark.django_db
def test_it_lets_another_app_add_an_agenda_provider(kalmar):
    def plan_review(kommun, on, today):
        return [AgendaEntry("plan", f"Åtgärdsplanen för {kommun.name}")]

    try:
        agenda_provider_register(plan_review)
        agenda_provider_register(plan_review)
        assert agenda_providers().count(plan_review) == 1
        entries = agenda_build(kommun=kalmar, on=TODAY, today=TODAY)
        assert entries[-1].title == "Åtgärdsplanen för Kalmar"
    finally:
        from medborgarloften.coordination import agenda

        agenda._PROVIDERS.remove(plan_review)


@pytest.mark.django_db
def test_it_turns_a_decision_with_owner_and_date_into_a_tracked_action(
    kalmar, kommun_editor
):
    meeting = _meeting(kommun_editor, kalmar)
    plain = decision_record(
        actor=kommun_editor, meeting=meeting, text="Protokollet godkändes."
    )
    action = decision_record(
        actor=kommun_editor,
        meeting=meeting,
        text="Ordna nattvandring inför skolavslutningen.",
        owner_organisation=kalmar,
        owner_role="Fritidschef",
        due=TODAY + dt.timedelta(days=30),
    )
    assert not plain.tracked
    assert action.tracked
    assert open_actions(kommun=kalmar) == [action]
    decision_status_set(actor=kommun_editor, decision=action, status="done")
    assert open_actions(kommun=kalmar) == []
    assert action.status_changed_by == kommun_editor
    with pytest.raises(ValidationError):
        decision_status_set(actor=kommun_editor, decision=plain, status="done")


@pytest.mark.django_db
def test_it_refuses_an_action_half_specified_and_saves_nothing(kalmar, kommun_editor):
    meeting = _meeting(kommun_editor, kalmar)
    with pytest.raises(ValidationError) as excinfo:
        decision_record(
            actor=kommun_editor, meeting=meeting, text="", owner_role="Samordnare"
        )
    assert set(excinfo.value.message_dict) == {"text", "due"}
    with pytest.raises(ValidationError) as excinfo:
        decision_record(
            actor=kommun_editor,
            meeting=meeting,
            text="Något",
            due=TODAY - dt.timedelta(days=1),
        )
    assert set(excinfo.value.message_dict) == {"owner_role", "due"}
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_it_publishes_only_a_meeting_with_a_summary(kalmar, kommun_editor):
    meeting = _meeting(kommun_editor, kalmar)
    with pytest.raises(ValidationError):
        meeting_publish(actor=kommun_editor, meeting=meeting, published=True)
    meeting_minutes_save(
        actor=kommun_editor,
        meeting=meeting,
        minutes="Närvarande: Anna Andersson (samordnare), Bo Berg (kommunpolis).",
        public_summary="Rådet gick igenom läget i centrum.",
    )
    meeting_publish(actor=kommun_editor, meeting=meeting, published=True)
    assert list(Meeting.objects.published()) == [meeting]
    with pytest.raises(ValidationError):
        meeting_minutes_save(
            actor=kommun_editor, meeting=meeting, minutes="", public_summary=""
        )
    meeting.refresh_from_db()
    assert meeting.public_summary == "Rådet gick igenom läget i centrum."


@pytest.mark.django_db
def test_it_forgets_a_person_named_as_role_holder_or_in_minutes(kalmar, kommun_editor):
    from medborgarloften.operations.services import REDACTED, person_forget

    role = coordination_role_assign(
        actor=kommun_editor,
        kommun=kalmar,
        role="Samordnare",
        person="Anna Andersson",
        starts_on=dt.date(2024, 1, 1),
    )
    meeting = _meeting(kommun_editor, kalmar)
    meeting_minutes_save(
        actor=kommun_editor,
        meeting=meeting,
        minutes="Närvarande: Anna Andersson, Bo Berg.",
        public_summary="Rådet möttes.",
    )
    person_forget(name="Anna Andersson")
    role.refresh_from_db()
    meeting.refresh_from_db()
    assert role.person == REDACTED
    assert meeting.minutes == f"Närvarande: {REDACTED}, Bo Berg."


@pytest.mark.django_db
def test_a_meeting_not_yet_held_has_no_summary_to_publish(kalmar, kommun_editor):
    coming = _meeting(kommun_editor, kalmar, held_on=TODAY + dt.timedelta(days=7))
    meeting_minutes_save(
        actor=kommun_editor,
        meeting=coming,
        minutes="Förslag till dagordning.",
        public_summary="Vi beslutade att utöka nattvandringarna.",
    )
    with pytest.raises(ValidationError) as excinfo:
        meeting_publish(
            actor=kommun_editor, meeting=coming, published=True, today=TODAY
        )
    assert "2025-10-08" in str(excinfo.value)
    coming.refresh_from_db()
    assert not coming.published
    # Held today, it can be published.
    held = _meeting(kommun_editor, kalmar, held_on=TODAY)
    meeting_minutes_save(
        actor=kommun_editor,
        meeting=held,
        minutes="Protokoll.",
        public_summary="Vi beslutade att utöka nattvandringarna.",
    )
    assert meeting_publish(
        actor=kommun_editor, meeting=held, published=True, today=TODAY
    ).published
