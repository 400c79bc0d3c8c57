"""Reads for promises: staff lists, one promise with everything it owns, history diffs.

Public pages read through ``publishing.selectors``, which builds on
``promise_with_contents`` and ``commitment_groups`` here so staff and citizens see a
promise laid out the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from medborgarloften.places.models import (
    POLICE_KINDS,
    Area,
    Organisation,
    OrganisationKind,
)
from medborgarloften.vocabulary import EVIDENCE_SOURCES, THEMES

from .history import (
    Change,
    HistoryEntry,
    changed_sections,
    promise_history,
    promise_history_with_changes,
    record_diff,
)
from .models import (
    Commitment,
    FocusArea,
    PartyRequest,
    Promise,
    PromiseQuerySet,
    PromiseStatus,
    Signatory,
)
from .permissions import promises_visible_to

# The history's reads live in history.py; views and tests import them from here.
__all__ = [
    "Change",
    "HistoryEntry",
    "changed_sections",
    "promise_history",
    "promise_history_with_changes",
    "record_diff",
]

# --- Lists ---------------------------------------------------------------------------


@dataclass
class OrganisationPromises:
    """One section of the staff list: an organisation and its promises, and the
    promises of others that ask it to be a party (``awaiting``: not accepted yet)."""

    organisation: Organisation | None
    role_label: str
    promises: list[Promise]
    awaiting: list[Promise] = field(default_factory=list)


def _with_parties(queryset: QuerySet[Promise]) -> QuerySet[Promise]:
    return queryset.prefetch_related(
        Prefetch("parties", queryset=Organisation.objects.order_by("kind", "name")),
        _party_requests(),
    )


def promise_list_for_user(*, user: Any, status: str = "") -> list[OrganisationPromises]:
    """The staff list: for each of the user's organisations, its promises, newest first.

    A superuser gets one section with every promise.
    """
    queryset = _with_parties(promises_visible_to(user)).order_by(
        "-period_start", "title", "pk"
    )
    if status in PromiseStatus.values:
        queryset = queryset.filter(status=status)
    promises = list(queryset)
    if user.is_superuser:
        return [OrganisationPromises(None, "", promises)]
    memberships = list(
        user.memberships.select_related("organisation").order_by("organisation__name")
    )
    return [
        OrganisationPromises(
            organisation=m.organisation,
            role_label=m.get_role_display(),
            promises=[
                p
                for p in promises
                if any(party.pk == m.organisation_id for party in p.parties.all())
            ],
            awaiting=[
                p
                for p in promises
                if any(
                    r.organisation_id == m.organisation_id
                    for r in p.open_party_requests()
                )
            ],
        )
        for m in memberships
    ]


def status_counts(promises: Iterable[Promise]) -> dict[str, int]:
    counts = dict.fromkeys(PromiseStatus.values, 0)
    for promise in promises:
        counts[promise.status] = counts.get(promise.status, 0) + 1
    return counts


# --- One promise ---------------------------------------------------------------------


def promise_with_contents(
    queryset: PromiseQuerySet | QuerySet[Promise],
    *,
    commitment_related: tuple[str, ...] = (),
    commitment_annotations: dict[str, Any] | None = None,
    party_annotations: dict[str, Any] | None = None,
) -> Any:
    """The promise queryset with everything a promise page shows, in a fixed number
    of queries however many focus areas, commitments and signatories it has.
    ``commitment_related``: one-to-one relations read with each commitment, in the
    same query (the public page's assessments); ``commitment_annotations``: values
    read with each commitment, in the same query (the partners' newest reports);
    ``party_annotations``: values read with each party (whether a kommun takes
    reports)."""
    parties = Organisation.objects.order_by("kind", "name")
    if party_annotations:
        parties = parties.annotate(**party_annotations)
    return queryset.prefetch_related(
        Prefetch("parties", queryset=parties),
        Prefetch(
            "focus_areas",
            queryset=FocusArea.objects.prefetch_related(
                Prefetch("areas", queryset=Area.objects.order_by("name"))
            ).order_by("position", "id"),
        ),
        Prefetch(
            "commitments",
            queryset=Commitment.objects.select_related(*commitment_related)
            .annotate(**(commitment_annotations or {}))
            .prefetch_related(
                Prefetch("areas", queryset=Area.objects.order_by("name")),
                Prefetch(
                    "other_parties", queryset=Organisation.objects.order_by("name")
                ),
            )
            .order_by("position", "id"),
        ),
        Prefetch(
            "signatories",
            queryset=Signatory.objects.select_related("organisation").order_by(
                "position", "id"
            ),
        ),
    )


@dataclass
class CommitmentGroup:
    """Commitments under one focus area, or under none (``focus_area`` is None)."""

    focus_area: FocusArea | None
    commitments: list[Commitment] = field(default_factory=list)


def commitment_groups(promise: Promise) -> list[CommitmentGroup]:
    """Commitments grouped by focus area in the promise's order; commitments without a
    focus area come last. Uses the prefetched rows of ``promise_with_contents``."""
    focus_areas = list(promise.focus_areas.all())
    groups: dict[int | None, CommitmentGroup] = {
        fa.pk: CommitmentGroup(fa) for fa in focus_areas
    }
    loose = CommitmentGroup(None)
    for commitment in promise.commitments.all():
        group = groups.get(commitment.focus_area_id, loose)
        group.commitments.append(commitment)
    result = [groups[fa.pk] for fa in focus_areas]
    if loose.commitments:
        result.append(loose)
    return result


@dataclass
class PromisePage:
    """Everything a promise page shows, labels resolved, rows grouped."""

    promise: Promise
    groups: list[CommitmentGroup]
    kommuner: list[Organisation]
    police: list[Organisation]
    other_parties: list[Organisation]
    evidence: list[str]
    themes: list[str]
    #: Organisations that report on their own commitments (named where ``annan``
    #: is responsible), by name.
    partners: list[Organisation] = field(default_factory=list)

    @property
    def focus_without_commitments(self) -> bool:
        """No commitment sits under a focus area: the document named its focus areas
        once, at the top. Then they are no empty sections, and the commitments are
        simply "Åtaganden", not "Övriga åtaganden"."""
        return not any(g.commitments for g in self.groups if g.focus_area is not None)


def _partners(promise: Promise) -> list[Organisation]:
    found = {
        o.pk: o
        for c in promise.commitments.all()
        if "annan" in (c.responsible or [])
        for o in c.other_parties.all()
    }
    return sorted(found.values(), key=lambda o: o.name)


def promise_page(promise: Promise) -> PromisePage:
    """Lay out a promise loaded through ``promise_with_contents``; no extra queries."""
    return PromisePage(
        promise=promise,
        groups=commitment_groups(promise),
        kommuner=promise.kommuner(),
        police=promise.police_areas(),
        other_parties=promise.other_parties(),
        evidence=[
            _(EVIDENCE_SOURCES[code])
            for code in promise.evidence_sources
            if code in EVIDENCE_SOURCES
        ],
        themes=[_(THEMES[code]) for code in promise.themes if code in THEMES],
        partners=_partners(promise),
    )


def _party_requests() -> Prefetch:
    return Prefetch(
        "party_requests",
        queryset=PartyRequest.objects.select_related(
            "organisation", "requested_by", "decided_by"
        ).order_by("requested_at", "pk"),
    )


def promise_for_staff(*, pk: int) -> Promise:
    """One promise with all its contents and the organisations asked to be parties,
    any status. Raises Promise.DoesNotExist."""
    return (
        promise_with_contents(Promise.objects.all())
        .prefetch_related(_party_requests())
        .get(pk=pk)
    )


def kommun_areas(kommun_ids: Iterable[int]) -> QuerySet[Area]:
    """The areas one may tie a promise's focus areas and commitments to."""
    return (
        Area.objects.filter(kommun_id__in=set(kommun_ids))
        .select_related("kommun")
        .order_by("kommun__name", "name")
    )


def organisations_for_parties() -> dict[str, QuerySet[Organisation]]:
    """The choices for a promise's parties, by the part they play."""
    return {
        "kommuner": Organisation.objects.kommuner().order_by("name"),
        "police": Organisation.objects.police().order_by("kind", "name"),
        "others": Organisation.objects.exclude(
            kind__in=[OrganisationKind.KOMMUN, *POLICE_KINDS]
        ).order_by("name"),
    }


# --- Export (medborgarlöfte JSON; appended by the exchange-format helper) -------------


def promises_for_export(
    *, uid: Any = None, kommun: Organisation | None = None
) -> QuerySet[Promise]:
    """Promises to export, in the format's fixed order: period start, title, id.

    All promises by default; one by ``uid``; or those where ``kommun`` is a party.
    Every status is included: export is a staff tool, not a public page.
    """
    from django.db.models import F

    queryset = Promise.objects.all()
    if uid is not None:
        queryset = queryset.filter(uid=uid)
    if kommun is not None:
        queryset = queryset.filter(parties=kommun).distinct()
    return queryset.prefetch_related("parties", "areas").order_by(
        F("period_start").asc(nulls_first=True), "title", "uid"
    )


@dataclass(frozen=True)
class PromiseCheck:
    """One document-level check: what a followed-up promise needs, and whether it has it."""

    code: str
    ok: bool
    message: str


def promise_checks(promise: Promise) -> list[PromiseCheck]:
    """The importer's document-level check applied to a promise being written: a
    period, kommun and police as parties, a follow-up clause, dated signatures, and
    every commitment with a checkable target (Brå's advice). Uses prefetched rows."""
    parties = list(promise.parties.all())
    has_kommun = any(p.kind == OrganisationKind.KOMMUN for p in parties)
    has_police = any(p.is_police for p in parties)
    signatories = list(promise.signatories.all())
    commitments = list(promise.commitments.all())
    unmeasurable = sum(1 for c in commitments if not c.measurable)
    undated = [s.name for s in signatories if s.signed_on is None]
    has_period = bool(promise.period_start and promise.period_end)
    has_follow_up = bool(promise.follow_up_text.strip() or promise.reports_per_period)
    if not signatories:
        signatures = _("Lägg till undertecknare.")
    elif undated:
        signatures = _("Datum saknas för: %(names)s.") % {"names": ", ".join(undated)}
    else:
        signatures = _("Undertecknarna har datum.")
    if not commitments:
        measurable = _("Lägg till åtaganden.")
    elif unmeasurable:
        measurable = _(
            "%(n)s av %(total)s åtaganden saknar mätbart mål "
            "(antal, hur ofta eller ett datum)."
        ) % {"n": unmeasurable, "total": len(commitments)}
    else:
        measurable = _("Alla åtaganden har ett mätbart mål.")
    return [
        PromiseCheck(
            "period",
            has_period,
            _("Löftesperioden är angiven.")
            if has_period
            else _("Ange löftesperiodens början och slut."),
        ),
        PromiseCheck(
            "parties",
            has_kommun and has_police,
            _("Kommun och polis är parter.")
            if has_kommun and has_police
            else _("Ett medborgarlöfte har både kommunen och polisen som parter."),
        ),
        PromiseCheck(
            "follow_up",
            has_follow_up,
            _("Det står hur löftet följs upp.")
            if has_follow_up
            else _(
                "Skriv hur och hur ofta löftet följs upp och redovisas, "
                "t.ex. minst två gånger under perioden."
            ),
        ),
        PromiseCheck("signatures", bool(signatories) and not undated, signatures),
        PromiseCheck("measurable", bool(commitments) and unmeasurable == 0, measurable),
    ]


def focus_area_texts(promise_ids: list[int]) -> dict[int, list[str]]:
    """Each promise's focus areas as searchable text ("title: description"), in
    their order: a resident looks for "stadskärnan" as much as for a commitment."""
    texts: dict[int, list[str]] = {}
    for promise_id, title, description in (
        FocusArea.objects.filter(promise_id__in=promise_ids)
        .order_by("position", "pk")
        .values_list("promise_id", "title", "description")
    ):
        texts.setdefault(promise_id, []).append(
            f"{title}: {description}" if description.strip() else title
        )
    return texts
