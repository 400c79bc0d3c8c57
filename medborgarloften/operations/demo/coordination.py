"""The demo's samordningsfunktion: Kalmar's coordinator, last month's lokala Brå
meeting (minutes, a published summary, a tracked action for the police) and the
styrgrupp meeting in two weeks, its agenda built from what is due."""

from __future__ import annotations

import datetime as dt
from typing import Any

from medborgarloften.coordination.models import CoordinationRole
from medborgarloften.coordination.services import (
    coordination_role_assign,
    decision_record,
    meeting_create,
    meeting_minutes_save,
    meeting_publish,
)
from medborgarloften.places.models import Organisation


def coordination_demo(
    *, kommun: Organisation, lpo: Organisation, actor: Any, today: dt.date
) -> None:
    """Once: a later run finds the coordinator and leaves everything as it is."""
    if CoordinationRole.objects.filter(kommun=kommun).exists():
        return
    coordination_role_assign(
        actor=actor,
        kommun=kommun,
        role="Samordnare för brottsförebyggande arbete",
        person=f"{actor.first_name} {actor.last_name}",
        organisation=kommun,
        unit="Kommunledningsförvaltningen",
        starts_on=today - dt.timedelta(days=400),
    )
    held = today - dt.timedelta(days=30)
    past = meeting_create(
        actor=actor,
        kommun=kommun,
        kind="lokala_bra",
        title="Lokala Brå: uppföljning av medborgarlöftet",
        held_on=held,
        place="Stadshuset",
        today=held,
    )
    meeting_minutes_save(
        actor=actor,
        meeting=past,
        minutes=(
            "Rådet gick igenom dagordningen. Samordnaren redovisade läget för "
            "åtagandena; kommunpolisen redovisade patrulleringen i centrum."
        ),
        public_summary=(
            "Lokala Brå följde upp medborgarlöftet. Patrulleringen i centrum ligger "
            "efter plan; polisen ser över schemat. Kommunen kartlägger belysningen "
            "i Berga inför hösten."
        ),
    )
    for text, owner, role, days in (
        (
            "Polisen ser över schemat för kvällspatrullering i centrum.",
            lpo,
            "Kommunpolis",
            30,
        ),
        ("Kartlägg belysningen i Berga inför hösten.", kommun, "Gatuchef", 60),
    ):
        decision_record(
            actor=actor,
            meeting=past,
            text=text,
            owner_organisation=owner,
            owner_role=role,
            due=today + dt.timedelta(days=days),
        )
    decision_record(
        actor=actor, meeting=past, text="Föregående protokoll lades till handlingarna."
    )
    meeting_publish(actor=actor, meeting=past, published=True, today=today)
    meeting_create(
        actor=actor,
        kommun=kommun,
        kind="styrgrupp",
        title="Styrgruppen: halvårsuppföljning",
        held_on=today + dt.timedelta(days=14),
        place="Stadshuset",
        today=today,
    )
