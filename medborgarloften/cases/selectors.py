"""Reading cases: the staff lists, nearby duplicates, and the one public selector
that feeds "Du sa – vi gjorde", the API, the CSV and Open311 alike."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext

from medborgarloften.accounts.models import Membership
from medborgarloften.accounts.permissions import editing_organisation_ids, is_superuser
from medborgarloften.followup.models import Activity
from medborgarloften.places.models import POLICE_KINDS, Organisation, OrganisationKind
from medborgarloften.promises.models import Commitment, Promise
from medborgarloften.vocabulary import THEMES

from .models import AnswerTemplate, Case, CaseStatus, Moderation, RoutingRule
from .permissions import OWNER_ROLES, owner_organisation_ids

#: Two open cases of one theme closer than this are probably the same place.
NEARBY_METRES = 150
#: The newest activities offered when linking a case (the select stays usable).
ACTIVITY_CHOICES_MAX = 300
#: A promise that ended longer ago than this is not offered when linking a case.
LINK_RECENT_DAYS = 365


def cases_for_user(user: Any) -> QuerySet[Case]:
    """The cases a user may see: those owned by their organisations, and every case
    of a kommun they coordinate."""
    qs = Case.objects.select_related("kommun", "owner", "area")
    if is_superuser(user):
        return qs
    return qs.filter(
        Q(owner_id__in=owner_organisation_ids(user))
        | Q(kommun_id__in=editing_organisation_ids(user))
    )


#: A case someone still has to act on: answer or hand on.
OPEN_STATUSES = (CaseStatus.NEW, CaseStatus.ROUTED)
#: Awaiting the coordinator's review before "Du sa – vi gjorde" may show it (a
#: case merged into another never will be).
AWAITING_REVIEW = Q(moderation=Moderation.PENDING, duplicate_of__isnull=True)
#: The staff list's filter value for the cases awaiting review.
REVIEW = "granska"


def _reviewable(user: Any) -> Q:
    """The cases the user reviews: those of the kommuner they coordinate."""
    if is_superuser(user):
        return AWAITING_REVIEW
    return AWAITING_REVIEW & Q(kommun_id__in=editing_organisation_ids(user))


def open_for_user(user: Any, cases: QuerySet[Case]) -> QuerySet[Case]:
    """The "Öppna" list: cases to answer or hand on, and — for the coordinator —
    cases awaiting review whatever their status (answered by the police, say)."""
    return cases.filter(Q(status__in=OPEN_STATUSES) | _reviewable(user))


def awaiting_review_for_user(user: Any, cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.filter(_reviewable(user))


def coordinated_kommuner(user: Any) -> QuerySet[Organisation]:
    """The kommuner whose cases, rules and templates the user coordinates (for a
    superuser: those with cases or rules)."""
    kommuner = Organisation.objects.kommuner()
    if is_superuser(user):
        return kommuner.filter(
            Q(cases__isnull=False) | Q(routing_rules__isnull=False)
        ).distinct()
    return kommuner.filter(pk__in=editing_organisation_ids(user))


def handles_reports(outer: str = "pk") -> Exists:
    """Whether the kommun (``outer``: its id in the outer query) takes reports
    ("Tyck till", Open311) in this installation: it has a member who handles cases
    (admin, editor or reporter of the kommun), since a case goes to the kommun unless
    a rule — kept by such a member — sends it on. Anywhere else a report would reach
    nobody who works in the service. The one definition the form, the kommun and
    promise pages and Open311 all ask (an expression, to annotate a list)."""
    return Exists(
        Membership.objects.filter(organisation_id=OuterRef(outer), role__in=OWNER_ROLES)
    )


def receives_reports(kommun: Organisation) -> bool:
    """:func:`handles_reports` for one kommun (``takes_reports`` if annotated)."""
    annotated = getattr(kommun, "takes_reports", None)
    if annotated is not None:
        return bool(annotated)
    return Organisation.objects.filter(pk=kommun.pk).filter(handles_reports()).exists()


def routing_rules_of(kommun: Organisation) -> QuerySet[RoutingRule]:
    return RoutingRule.objects.filter(kommun=kommun).select_related("area", "owner")


def answer_templates_of(kommun: Organisation) -> QuerySet[AnswerTemplate]:
    return AnswerTemplate.objects.filter(kommun=kommun).select_related("organisation")


def answer_templates_for_case(case: Case) -> QuerySet[AnswerTemplate]:
    """The templates an owner may start from: the kommun's for every owner or for
    this owner, and the owner's own (kept in the admin)."""
    if case.owner_id is None:
        return AnswerTemplate.objects.none()
    return AnswerTemplate.objects.filter(
        Q(kommun_id=case.kommun_id, organisation__isnull=True)
        | Q(kommun_id=case.kommun_id, organisation_id=case.owner_id)
        | Q(kommun__isnull=True, organisation_id=case.owner_id)
    )


def owner_choices(kommun: Organisation) -> QuerySet[Organisation]:
    """Who may own the kommun's cases — for a routing rule, an answer template or
    "Lämna vidare": the kommun itself, the police units that serve it, and any
    organisation that is neither a kommun nor police (förvaltning, bostadsbolag,
    förening, Trafikverket …). Not the country's other kommuner and police areas."""
    return (
        Organisation.objects.filter(
            Q(pk=kommun.pk)
            | Q(kind__in=POLICE_KINDS, serves=kommun)
            | (~Q(kind=OrganisationKind.KOMMUN) & ~Q(kind__in=POLICE_KINDS))
        )
        .distinct()
        .order_by("name")
    )


def metres_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def nearby_duplicates(case: Case, *, metres: float = NEARBY_METRES) -> list[Case]:
    """Other cases of the kommun with the same theme near the same point (or in
    the same area when neither has a point), not already merged."""
    others = Case.objects.filter(
        kommun_id=case.kommun_id, theme=case.theme, duplicate_of__isnull=True
    ).exclude(pk=case.pk)
    if case.latitude is None or case.longitude is None:
        if case.area_id is None:
            return []
        return list(others.filter(area_id=case.area_id, latitude__isnull=True)[:10])
    span = metres / 111_000
    box = others.filter(
        latitude__range=(case.latitude - span, case.latitude + span),
        longitude__range=(case.longitude - 2 * span, case.longitude + 2 * span),
    )
    here = (case.latitude, case.longitude)
    return [
        c
        for c in box
        if metres_between(here, (c.latitude, c.longitude)) <= metres  # type: ignore[arg-type]
    ]


def _commitment_number() -> Subquery:
    """The linked commitment's number in its promise (1..n in the promise's order,
    as on the promise and follow-up pages), read in the cases' own query."""
    before = Q(position__lt=OuterRef("commitment__position")) | Q(
        position=OuterRef("commitment__position"), pk__lte=OuterRef("commitment_id")
    )
    return Subquery(
        Commitment.objects.filter(promise_id=OuterRef("commitment__promise_id"))
        .filter(before)
        .order_by()
        .values("promise_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )


def public_cases(kommun: Organisation | None = None) -> QuerySet[Case]:
    """Moderated cases, as the public may see them (screened text, no e-mail)."""
    qs = (
        Case.objects.public()
        .select_related("kommun", "area", "owner", "activity", "commitment")
        .annotate(commitment_number=_commitment_number())
    )
    if kommun is not None:
        qs = qs.filter(kommun=kommun)
    return qs.order_by("-created_at", "-id")


@dataclass
class ThemeGroup:
    theme: str
    label: str
    cases: list[Case] = field(default_factory=list)


def outcome_groups(
    kommun: Organisation, *, area_id: int | None = None
) -> list[ThemeGroup]:
    """The kommun's public cases grouped by theme, for "Du sa – vi gjorde"."""
    qs = public_cases(kommun)
    if area_id is not None:
        qs = qs.filter(area_id=area_id)
    groups: dict[str, ThemeGroup] = {}
    for case in qs:
        if case.theme not in groups:
            groups[case.theme] = ThemeGroup(case.theme, THEMES.get(case.theme, ""))
        groups[case.theme].cases.append(case)
    return [groups[t] for t in THEMES if t in groups]


def outcome_counts(kommun: Organisation) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for status in public_cases(kommun).values_list("status", flat=True):
        counts[status] += 1
    counts["done"] = counts[CaseStatus.ANSWERED] + counts[CaseStatus.CLOSED]
    return dict(counts)


def public_row(case: Case) -> dict[str, Any]:
    """One case as open data: no e-mail, no photo unless approved, screened text."""
    return {
        "id": case.pk,
        "kommun_code": case.kommun.code,
        "theme": case.theme,
        "area": case.area.name if case.area else None,
        "latitude": round(case.latitude, 4) if case.latitude is not None else None,
        "longitude": round(case.longitude, 4) if case.longitude is not None else None,
        "text": case.public_text,
        "status": case.status,
        "responsible_organisation": case.owner.name if case.owner else None,
        # screened as on the public page and in Open311 (Case.public_answer)
        "answer": case.public_answer,
        "outcome": case.outcome or None,
        "close_reason": case.public_close_reason,
        "commitment_id": case.commitment_id,
        "commitment_number": (
            getattr(case, "commitment_number", None) if case.commitment_id else None
        ),
        "activity_id": case.activity_id,
        # the day in Sweden, not in UTC (a case sent at 00:30 came in that day)
        "received_on": timezone.localdate(case.created_at).isoformat(),
        "answered_on": (
            timezone.localdate(case.answered_at).isoformat()
            if case.answered_at
            else None
        ),
    }


def _promise_label(promise: Promise) -> str:
    """The promise's name as a group label, with its period: two promises of the
    kommun may share a title."""
    start, end = promise.period_start, promise.period_end
    if start and end:
        years = (
            f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
        )
        return f"{promise.title} ({years})"
    return promise.title


def link_choices(
    kommun_id: int, *, today: dt.date | None = None
) -> tuple[list[Any], list[Any]]:
    """The commitments and activities a case of the kommun may be linked to, as
    select choices grouped by promise (named, newest first): the kommun's current
    and recent promises only (running, or ended within ``LINK_RECENT_DAYS``);
    "Åtagande N – text", numbered in the promise as on the follow-up pages and in
    the activity import (1..n); activities newest first, only those in the kommun
    (no other kommun's area or organisation)."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=LINK_RECENT_DAYS)
    promises = list(
        Promise.objects.filter(parties=kommun_id)
        .filter(Q(period_end__isnull=True) | Q(period_end__gte=since))
        .prefetch_related("commitments")
        .order_by("-period_start", "title", "pk")
    )
    commitment_groups: list[Any] = []
    labels: dict[int, str] = {}
    for promise in promises:
        options = []
        for number, commitment in enumerate(promise.commitments.all(), start=1):
            label = gettext("Åtagande %(n)s") % {"n": number}
            labels[commitment.pk] = label
            options.append((commitment.pk, f"{label} – {commitment.text[:80]}"))
        if options:
            commitment_groups.append((_promise_label(promise), options))
    activities = (
        Activity.objects.filter(commitment_id__in=labels)
        .filter(Q(area__isnull=True) | Q(area__kommun_id=kommun_id))
        .exclude(
            Q(organisation__kind=OrganisationKind.KOMMUN)
            & ~Q(organisation_id=kommun_id)
        )
        .select_related("commitment", "area")
        .order_by("-date", "-id")[:ACTIVITY_CHOICES_MAX]
    )
    by_promise: dict[int, list[Any]] = defaultdict(list)
    for activity in activities:
        where = f", {activity.area.name}" if activity.area else ""
        by_promise[activity.commitment.promise_id].append(
            (
                activity.pk,
                f"{activity.date:%Y-%m-%d} {activity.kind}{where} "
                f"({labels[activity.commitment_id]})",
            )
        )
    activity_groups = [
        (_promise_label(p), by_promise[p.pk]) for p in promises if by_promise[p.pk]
    ]
    return commitment_groups, activity_groups
