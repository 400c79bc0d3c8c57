"""Reads for partners: the commitments a partner organisation reports on ("Våra
åtaganden"), and each partner's latest status report, read in one query for any
number of commitments (the staff dashboard, the public page and the API use it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from medborgarloften.accounts.models import Membership
from medborgarloften.accounts.permissions import member_organisation_ids
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Commitment

from .models import Activity
from .permissions import named_partner_ids
from .status_models import PartnerReport, PartnerStatus

__all__ = [
    "PARTNER_ANNOTATIONS",
    "PartnerCommitment",
    "PartnerLatest",
    "partner_latest",
    "latest_partner_reports",
    "partner_latest_annotations",
    "partner_commitment",
    "partner_commitments",
    "partner_members",
]


def latest_partner_reports(
    commitments: Iterable[Commitment],
) -> dict[int, list[PartnerReport]]:
    """Commitment id → the latest report of each of its partners, by partner name.

    Only commitments with ``annan`` among their responsible can have partners; when
    none of them has, nothing is read."""
    ids = [c.pk for c in commitments if "annan" in (c.responsible or [])]
    if not ids:
        return {}
    latest: dict[tuple[int, int], PartnerReport] = {}
    for report in PartnerReport.objects.filter(commitment_id__in=ids).select_related(
        "organisation"
    ):  # newest first
        latest.setdefault((report.commitment_id, report.organisation_id), report)
    found: dict[int, list[PartnerReport]] = {}
    for (commitment_id, _org), report in latest.items():
        found.setdefault(commitment_id, []).append(report)
    for reports in found.values():
        reports.sort(key=lambda r: r.organisation.name)
    return found


#: Annotation name → the field of the newest partner report it carries.
PARTNER_ANNOTATIONS = {
    "partner_latest_by": "organisation__name",
    "partner_latest_status": "status",
    "partner_latest_on": "reported_on",
    "partner_latest_comment": "comment",
}


def partner_latest_annotations() -> dict[str, Subquery]:
    """Annotations that give each commitment of a queryset the newest report of
    any of its partners, inside the query that reads the commitments (the open-data
    API lists many commitments in a fixed number of queries)."""
    newest = PartnerReport.objects.filter(commitment=OuterRef("pk")).order_by(
        "-reported_on", "-created_at", "-id"
    )
    return {
        name: Subquery(newest.values(column)[:1])
        for name, column in PARTNER_ANNOTATIONS.items()
    }


@dataclass(frozen=True)
class PartnerLatest:
    """The newest report a partner made on a commitment, as pages show it."""

    organisation: str
    status: str
    reported_on: dt.date
    comment: str

    @property
    def label(self) -> str:
        return str(PartnerStatus(self.status).label)


def partner_latest(commitment: Commitment) -> PartnerLatest | None:
    """The newest partner report of a commitment read with
    ``partner_latest_annotations``; None when none was reported (or not read)."""
    status = getattr(commitment, "partner_latest_status", None)
    reported_on = getattr(commitment, "partner_latest_on", None)
    if not status or reported_on is None:
        return None
    return PartnerLatest(
        organisation=getattr(commitment, "partner_latest_by", "") or "",
        status=status,
        reported_on=reported_on,
        comment=getattr(commitment, "partner_latest_comment", "") or "",
    )


@dataclass
class PartnerCommitment:
    """A commitment as its partner sees it: its partners among the user's
    organisations, their latest reports, and (on its own page) the history."""

    commitment: Commitment
    partners: list[Organisation]
    latest: list[PartnerReport] = field(default_factory=list)
    reports: list[PartnerReport] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)


def _with_relations() -> QuerySet[Commitment]:
    return Commitment.objects.select_related("promise").prefetch_related(
        Prefetch("other_parties", queryset=Organisation.objects.order_by("name")),
        "promise__parties",
        "promise__areas",
        "areas",
    )


def partner_commitments(*, user: object) -> list[PartnerCommitment]:
    """Every commitment, across promises and kommuner, on which one of the user's
    organisations is a partner; by promise, then in promise order."""
    members = member_organisation_ids(user)
    if not members:
        return []
    candidates = (
        _with_relations()
        .filter(
            other_parties__in=members,
            responsible__icontains='"annan"',
            promise__reference_for__isnull=True,
        )
        .distinct()
        .order_by("promise__title", "promise_id", "position", "pk")
    )
    rows = []
    for commitment in candidates:
        mine = named_partner_ids(commitment) & members
        if not mine:
            continue
        partners = [o for o in commitment.other_parties.all() if o.pk in mine]
        rows.append(PartnerCommitment(commitment=commitment, partners=partners))
    latest = latest_partner_reports(row.commitment for row in rows)
    for row in rows:
        row.latest = [
            r
            for r in latest.get(row.commitment.pk, [])
            if r.organisation_id in {p.pk for p in row.partners}
        ]
    return rows


def partner_commitment(*, pk: int, organisation_ids: set[int]) -> PartnerCommitment:
    """One commitment with the reports and activities of the given partners
    (the caller has checked they are its partners). Raises DoesNotExist."""
    commitment = _with_relations().get(pk=pk)
    partners = [o for o in commitment.other_parties.all() if o.pk in organisation_ids]
    reports = list(
        PartnerReport.objects.filter(
            commitment=commitment, organisation_id__in=organisation_ids
        ).select_related("organisation", "created_by")
    )
    latest: dict[int, PartnerReport] = {}
    for report in reports:
        latest.setdefault(report.organisation_id, report)
    activities = list(
        Activity.objects.filter(
            commitment=commitment, organisation_id__in=organisation_ids
        ).select_related("organisation", "area", "created_by")
    )
    return PartnerCommitment(
        commitment=commitment,
        partners=partners,
        latest=list(latest.values()),
        reports=reports,
        activities=activities,
    )


def partner_members(*, organisation: Organisation) -> list[Membership]:
    """The people in a partner organisation, by username."""
    return list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__username")
    )
