"""Data for the API tests, built through the services: a published promise in
Kalmar (with script in its texts), a closed one in Nybro, a draft with activities
and a draft report that must never show, and one published report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from medborgarloften.followup.models import Activity, Report
from medborgarloften.followup.services import (
    activity_create,
    report_create,
    report_set_status,
)
from medborgarloften.places.models import Area
from medborgarloften.promises.models import Promise
from medborgarloften.promises.services import (
    CommitmentRow,
    FocusAreaRow,
    PromiseFields,
    promise_create,
    promise_set_status,
)

SCRIPT = '<script>alert("x")</script>'
TODAY = date(2025, 6, 1)


@dataclass
class ApiData:
    published: Promise
    closed: Promise
    draft: Promise
    report: Report
    draft_report: Report
    activities: list[Activity]
    draft_activity: Activity
    area: Area


def _promise(actor: Any, parties: list, *, title: str, status: str, **kw: Any):
    kommun = parties[0]
    area, _ = Area.objects.get_or_create(kommun=kommun, name=f"Centrum {kommun.code}")
    commitments = kw.pop("commitments")
    promise = promise_create(
        actor=actor,
        fields=PromiseFields(title=title, parties=parties, **kw),
        focus_areas=[FocusAreaRow(title="Stadskärnan", areas=[area])],
        commitments=[
            CommitmentRow(focus_area=0, areas=[area], **c) for c in commitments
        ],
        signatories=[],
    )
    for step in {"draft": [], "published": ["adopted", "published"]}.get(
        status, ["adopted", "published", "closed"]
    ):
        promise = promise_set_status(actor=actor, promise=promise, status=step)
    return promise, area


def build(*, actor: Any, kalmar: Any, lpo_kalmar: Any, nybro: Any) -> ApiData:
    published, area = _promise(
        actor,
        [kalmar, lpo_kalmar],
        title=f"Tryggare Kalmar {SCRIPT}",
        status="published",
        period_start=date(2025, 1, 1),
        period_end=date(2026, 12, 31),
        commitments=[
            {
                "text": f"Trygghetsvandringar i centrum {SCRIPT}",
                "responsible": ["polis", "kommun"],
                "themes": ["trygghet_offentlig_miljo"],
                "target_quantity": 4,
                "target_unit": "trygghetsvandringar",
                "target_per": "år",
            },
            {
                "text": "Kommunen förbättrar belysningen i parken.",
                "responsible": ["kommun"],
                "themes": ["skadegorelse"],
            },
            {
                "text": "Polisen gör trafikkontroller.",
                "responsible": ["polis"],
                "themes": ["trafik"],
                "target_quantity": 10,
                "target_unit": "kontroller",
                "target_per": "period",
            },
        ],
    )
    closed, _ = _promise(
        actor,
        [nybro],
        title="Nybro 2023",
        status="closed",
        period_start=date(2023, 1, 1),
        period_end=date(2024, 12, 31),
        commitments=[
            {
                "text": "Grannsamverkan i villaområdena.",
                "responsible": ["annan"],
                "themes": ["inbrott"],
            }
        ],
    )
    draft, _ = _promise(
        actor,
        [kalmar, lpo_kalmar],
        title="HEMLIGT UTKAST",
        status="draft",
        period_start=date(2025, 1, 1),
        period_end=date(2026, 12, 31),
        commitments=[
            {
                "text": "HEMLIGT ÅTAGANDE",
                "responsible": ["polis"],
                "themes": ["trafik"],
                "target_quantity": 3,
                "target_per": "år",
            }
        ],
    )
    first, _, third = list(published.commitments.order_by("position", "pk"))
    activities = [
        activity_create(
            commitment=first,
            date=date(2025, 2, 1 + i),
            kind="trygghetsvandring",
            area=area,
            organisation=kalmar,
            description=f"Vandring {i} {SCRIPT}" if i == 0 else f"Vandring {i}",
            links=["https://example.org/vandring"],
            actor=actor,
            today=TODAY,
        )
        for i in range(3)
    ]
    activities.append(
        activity_create(
            commitment=third,
            date=date(2025, 5, 10),
            end_date=date(2025, 5, 12),
            kind="trafikkontroll",
            quantity=2,
            organisation=lpo_kalmar,
            actor=actor,
            today=TODAY,
        )
    )
    draft_activity = activity_create(
        commitment=draft.commitments.get(),
        date=date(2025, 3, 1),
        kind="HEMLIG AKTIVITET",
        actor=actor,
        today=TODAY,
    )
    report = report_create(
        promise=published,
        title="Uppföljning våren 2025",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 5, 31),
        summary=f"Det gick bra. {SCRIPT}",
        actor=actor,
    )
    for step in ("approved", "published"):
        report = report_set_status(report=report, status=step, actor=actor)
    draft_report = report_create(
        promise=published,
        title="HEMLIG RAPPORT",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 5, 31),
        actor=actor,
    )
    return ApiData(
        published=published,
        closed=closed,
        draft=draft,
        report=report,
        draft_report=draft_report,
        activities=activities,
        draft_activity=draft_activity,
        area=area,
    )
