"""Reads for the public pages, feeds and widget: only ``Promise.objects.public()``, in
a fixed number of queries however large a promise is (the query-budget tests hold
this). Pages, Atom feeds and the embeddable widget read through these functions, so
they cannot disagree about what is public."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from itertools import chain
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from medborgarloften.cases.selectors import handles_reports
from medborgarloften.coordination.models import Meeting
from medborgarloften.followup.models import Activity, Report
from medborgarloften.followup.progress import status_legend
from medborgarloften.followup.selectors import (
    CommitmentRow,
    ReportPlan,
    commitment_rows,
    partner_latest_annotations,
    report_plan,
)
from medborgarloften.places.lookup import KommunIndex, fold, fold_marks
from medborgarloften.places.models import Area, County, Organisation
from medborgarloften.promises.models import (
    Commitment,
    FocusArea,
    Promise,
    PromiseStatus,
    public_q,
)
from medborgarloften.promises.selectors import (
    PromisePage,
    promise_page,
    promise_with_contents,
)

from .maps import SwedenOutline, sweden_outline

ACTIVITIES_PER_PAGE = 20


def _current_filter(today: dt.date, prefix: str = "") -> Q:
    """A published promise whose period has begun and not ended: "gällande"."""
    return (
        public_q(prefix)
        & Q(**{f"{prefix}status": PromiseStatus.PUBLISHED})
        & (
            Q(**{f"{prefix}period_end__isnull": True})
            | Q(**{f"{prefix}period_end__gte": today})
        )
        & (
            Q(**{f"{prefix}period_start__isnull": True})
            | Q(**{f"{prefix}period_start__lte": today})
        )
    )


# --- Start page ----------------------------------------------------------------


@dataclass(frozen=True)
class KommunEntry:
    kommun: Organisation
    promise_count: int  # public promises, current or past
    current_count: int  # published promises whose period has begun, not ended

    @property
    def has_current(self) -> bool:
        return self.current_count > 0


@dataclass
class CountyGroup:
    county: County | None  # None: kommuner without a län on record
    kommuner: list[KommunEntry] = field(default_factory=list)

    @property
    def current_count(self) -> int:
        return sum(1 for entry in self.kommuner if entry.has_current)


@dataclass(frozen=True)
class MapShape:
    code: str
    d: str
    label: str
    has_current: bool


@dataclass
class KommunFinder:
    """What the start page shows: search hits, every län with its kommuner, a map."""

    query: str
    matches: list[KommunEntry]
    counties: list[CountyGroup]
    width: int
    height: int
    shapes: list[MapShape]

    @property
    def current_count(self) -> int:
        return sum(group.current_count for group in self.counties)


def kommun_entries(*, today: dt.date | None = None) -> list[KommunEntry]:
    """Every kommun with a kommunkod, by name, with its public and current promises
    counted in the same query."""
    today = today or timezone.localdate()
    public = public_q("promises__")
    kommuner = (
        Organisation.objects.kommuner()
        .exclude(code="")
        .annotate(
            public_count=Count("promises", filter=public, distinct=True),
            current_count=Count(
                "promises", filter=_current_filter(today, "promises__"), distinct=True
            ),
        )
        .order_by("name", "code")
    )
    return [KommunEntry(k, k.public_count, k.current_count) for k in kommuner]


def kommuner_with_public_promises(*, query: str = "") -> list[KommunEntry]:
    """Kommuner party to at least one public promise; ``query`` keeps those it
    names (``_search``)."""
    return [
        entry for entry in _search(kommun_entries(), query) if entry.promise_count > 0
    ]


def _search(entries: list[KommunEntry], query: str) -> list[KommunEntry]:
    """The kommuner whose name contains ``query`` (case ignored, å/ä/ö letters of
    their own), and the one ``places.lookup`` reads it as: "0880", "Kalmar kommun",
    "Kalmars". Only when that finds nothing, the names compared without diacritics:
    typed without å/ä/ö, "goteborg" and "Malmo" find Göteborg and Malmö."""
    needle = fold(query)
    if not needle:
        return entries
    named = KommunIndex(e.kommun for e in entries).find(query)
    found = [
        e
        for e in entries
        if needle in fold(e.kommun.name) or needle == e.kommun.code or e.kommun == named
    ]
    if found:
        return found
    plain = fold_marks(query)
    return [e for e in entries if plain in fold_marks(e.kommun.name)]


def kommun_finder(*, query: str = "", today: dt.date | None = None) -> KommunFinder:
    """The start page in two queries: the kommuner (with counts) and the län."""
    entries = kommun_entries(today=today)
    by_county: dict[int | None, CountyGroup] = {
        county.pk: CountyGroup(county) for county in County.objects.order_by("name")
    }
    for entry in entries:
        group = by_county.get(entry.kommun.county_id)
        if group is None:
            group = by_county.setdefault(None, CountyGroup(None))
        group.kommuner.append(entry)
    outline: SwedenOutline = sweden_outline()
    known = {entry.kommun.code: entry for entry in entries}
    shapes = []
    for shape in outline.shapes:
        found = known.get(shape.code)
        # The name alone (the map is of kommuner): "Kalmar, har ett gällande …".
        name = found.kommun.name if found else shape.name
        if found and found.has_current:
            label = _("%(name)s, har ett gällande medborgarlöfte") % {"name": name}
        else:
            label = _("%(name)s, inget gällande medborgarlöfte") % {"name": name}
        shapes.append(
            MapShape(shape.code, shape.d, label, bool(found and found.has_current))
        )
    return KommunFinder(
        query=query,
        matches=_search(entries, query) if fold(query) else [],
        counties=list(by_county.values()),
        width=outline.width,
        height=outline.height,
        shapes=shapes,
    )


# --- Kommun page -----------------------------------------------------------------


@dataclass
class KommunPromises:
    kommun: Organisation
    current: list[Promise]
    past: list[Promise]
    areas: list[Area] = field(default_factory=list)
    coming: list[Promise] = field(default_factory=list)


def kommun_public_promises(
    *, code: str, today: dt.date | None = None
) -> KommunPromises:
    """A kommun's public promises: current (published, period begun and not over),
    coming (published, period starting after today; soonest first) and past (closed,
    or the period has ended), and the areas those promises name. Raises
    Organisation.DoesNotExist."""
    kommun = (
        Organisation.objects.kommuner()
        # in the same query: whether the page links samordning meetings (views)
        .annotate(
            has_meetings=Exists(
                Meeting.objects.published().filter(kommun=OuterRef("pk"))
            ),
            # and whether it takes reports (the "Tyck till" button)
            takes_reports=handles_reports(),
        )
        .get(code=code)
    )
    today = today or timezone.localdate()
    promises = list(
        Promise.objects.public()
        .filter(parties=kommun)
        .prefetch_related(
            # A plain list per promise (``listed_parties``): no related manager and
            # queryset built for each row of the list.
            Prefetch(
                "parties",
                queryset=Organisation.objects.order_by("kind", "name"),
                to_attr="listed_parties",
            )
        )
        .order_by("-period_start", "title", "pk")
    )
    lists: dict[str, list[Promise]] = {"current": [], "coming": [], "past": []}
    for promise in promises:
        ongoing = promise.period_end is None or promise.period_end >= today
        begun = promise.period_start is None or promise.period_start <= today
        if promise.status != PromiseStatus.PUBLISHED or not ongoing:
            lists["past"].append(promise)
        else:
            lists["current" if begun else "coming"].append(promise)
    areas = _public_areas(kommun, [p.pk for p in promises]) if promises else []
    # Coming ones newest start first from the query: the soonest comes first.
    coming = lists["coming"][::-1]
    return KommunPromises(kommun, lists["current"], lists["past"], areas, coming)


def _public_areas(kommun: Organisation, promise_ids: list[int]) -> list[Area]:
    """The kommun's areas its public promises (``promise_ids``: those it is a party
    to; one it has not accepted, promises.PartyRequest, speaks for nobody there)
    name: themselves, in a focus area or a commitment. One query: the three link
    tables' area ids as subqueries, no joins and no DISTINCT over areas."""
    links = (
        Promise.areas.through.objects.filter(promise_id__in=promise_ids),
        FocusArea.areas.through.objects.filter(focusarea__promise_id__in=promise_ids),
        Commitment.areas.through.objects.filter(commitment__promise_id__in=promise_ids),
    )
    named = Q()
    for link in links:
        named |= Q(pk__in=link.values("area_id"))
    return list(Area.objects.filter(named, kommun=kommun).order_by("name"))


def public_area_links() -> list[tuple[str, int]]:
    """(kommunkod, area id) of every area a public page links to: an area named by
    a public promise its own kommun is a party to (``_public_areas`` for every
    kommun in one query), for the sitemap."""
    public = Promise.objects.public()
    kommun = F("area__kommun")
    links = (
        Promise.areas.through.objects.filter(
            promise__in=public, promise__parties=kommun
        ),
        FocusArea.areas.through.objects.filter(
            focusarea__promise__in=public, focusarea__promise__parties=kommun
        ),
        Commitment.areas.through.objects.filter(
            commitment__promise__in=public, commitment__promise__parties=kommun
        ),
    )
    named = Q()
    for link in links:
        named |= Q(pk__in=link.values("area_id"))
    rows = (
        Area.objects.filter(named)
        .exclude(kommun__code="")
        .values_list("kommun__code", "pk")
        .order_by("kommun__code", "pk")
    )
    return [(code, pk) for code, pk in rows]


# --- Promise page ----------------------------------------------------------------


@dataclass
class PublicPromise:
    """A public promise with its progress, reports, plan and activity timeline."""

    page: PromisePage
    rows: list[CommitmentRow]
    reports: list[Report]
    plan: ReportPlan
    activities: Page | None  # None for the widget, which shows no timeline
    today: dt.date

    @property
    def promise(self) -> Promise:
        return self.page.promise

    @property
    def statuses(self) -> set[str]:
        """The statuses the page shows (its legend explains only these)."""
        return {str(row.status) for row in self.rows}

    @property
    def status_legend(self) -> list[tuple[str, str]]:
        """(label, meaning) msgids of the statuses the page shows."""
        return status_legend(self.statuses)


def public_activities(*, promises: QuerySet[Promise] | list[Promise]) -> QuerySet:
    """Activities against the commitments of public promises, newest first."""
    return (
        Activity.objects.public()
        .filter(commitment__promise__in=promises)
        .select_related("commitment__promise", "area", "organisation")
        .order_by("-date", "-pk")
    )


def public_promise(
    *, uid: UUID | str, page: str | int | None = 1, today: dt.date | None = None
) -> PublicPromise:
    """One public promise laid out for its page, with page ``page`` of its activity
    timeline (none when ``page`` is None). Drafts and adopted promises do not exist
    here: raises Promise.DoesNotExist."""
    today = today or timezone.localdate()
    promise = promise_with_contents(
        Promise.objects.public().prefetch_related(
            Prefetch("areas", queryset=Area.objects.order_by("name"))
        ),
        # commitment_rows reads each assessment and the partners' newest report:
        # with its commitment, no own query.
        commitment_related=("assessment",),
        commitment_annotations=partner_latest_annotations(),
        # whether each kommun takes reports (its "Tyck till" link), in the same query
        party_annotations={"takes_reports": handles_reports()},
    ).get(uid=uid)
    _link_areas(promise)
    commitments = list(promise.commitments.all())
    rows = commitment_rows(promise=promise, today=today, commitments=commitments)
    by_id = {row.commitment.pk: row for row in rows}
    # The template finds each commitment's progress on the commitment itself.
    for commitment in commitments:
        commitment.public_progress = by_id.get(commitment.pk)
    reports = list(
        Report.objects.published().filter(promise=promise).order_by("-period_end")
    )
    activities = None
    if page is not None:
        paginator = Paginator(
            Activity.objects.filter(commitment__promise=promise)
            .select_related("commitment", "area", "organisation")
            .order_by("-date", "-pk"),
            ACTIVITIES_PER_PAGE,
        )
        # commitment_rows counted every activity of the promise already.
        paginator.count = sum(row.activity_count for row in rows)
        activities = paginator.get_page(page)
    return PublicPromise(
        page=promise_page(promise),
        rows=rows,
        reports=reports,
        plan=report_plan(promise=promise, today=today, published=len(reports)),
        activities=activities,
        today=today,
    )


def promise_progress(*, uid: UUID | str, today: dt.date | None = None) -> PublicPromise:
    """The widget's view of a public promise: progress, no timeline."""
    return public_promise(uid=uid, page=None, today=today)


def promise_areas(promise: Promise) -> list[Area]:
    """Every area a public promise names (its own, its focus areas' and its
    commitments'), once each, by name; from the prefetched relations."""
    found = {
        area.pk: area
        for area in chain(
            promise.areas.all(),
            *(f.areas.all() for f in promise.focus_areas.all()),
            *(c.areas.all() for c in promise.commitments.all()),
        )
    }
    return sorted(found.values(), key=lambda a: a.name)


def _link_areas(promise: Promise) -> None:
    """Give each prefetched area of the promise its public URL (``public_url``),
    from the kommunkoder of the parties already loaded: no query per area."""
    codes = {p.pk: p.code for p in promise.parties.all() if p.is_kommun and p.code}
    areas = chain(
        promise.areas.all(),
        *(f.areas.all() for f in promise.focus_areas.all()),
        *(c.areas.all() for c in promise.commitments.all()),
    )
    for area in areas:
        code = codes.get(area.kommun_id)
        # An attribute for the template only, not a field of Area.
        area.public_url = (  # type: ignore[attr-defined]
            reverse("publishing:area", args=[code, area.pk]) if code else ""
        )


# --- Area page -------------------------------------------------------------------


@dataclass
class AreaPage:
    area: Area
    promises: list[Promise]
    commitments: list[Commitment]
    activities: Page


def area_slug(area: Area) -> str:
    """The area's name as an address part, å/ä/ö kept: "Södra Oxhagen" →
    "södra-oxhagen"."""
    return slugify(unicodedata.normalize("NFC", area.name), allow_unicode=True)


def _area_by_slug(code: str, slug: str) -> Area:
    wanted = fold(slug)
    for area in Area.objects.select_related("kommun").filter(kommun__code=code):
        if area_slug(area) == wanted:
            return area
    raise Area.DoesNotExist


def public_area(
    *,
    code: str,
    area_id: int | None = None,
    slug: str = "",
    page: str | int | None = 1,
) -> AreaPage:
    """What public promises promise and what was done in one area of a kommun, found
    by id or by its name's slug. Raises Area.DoesNotExist for an unknown area or
    one that is in another kommun."""
    if area_id is not None:
        area = Area.objects.select_related("kommun").get(pk=area_id, kommun__code=code)
    else:
        area = _area_by_slug(code, slug)
    # Only promises the area's kommun is a party to: a promise that names the area
    # but waits for the kommun's acceptance (promises.PartyRequest) is not shown.
    public = Promise.objects.public().filter(parties=area.kommun_id)
    commitments = list(
        Commitment.objects.filter(promise__in=public)
        .filter(Q(areas=area) | Q(focus_area__areas=area))
        .select_related("promise", "focus_area")
        .distinct()
        .order_by("-promise__period_start", "promise__title", "position", "pk")
    )
    promise_ids = {c.promise_id for c in commitments}
    promises = list(
        public.filter(Q(pk__in=promise_ids) | Q(areas=area))
        .distinct()
        .order_by("-period_start", "title", "pk")
    )
    activities = Paginator(
        Activity.objects.filter(area=area, commitment__promise__in=public)
        .select_related("commitment__promise", "area", "organisation")
        .order_by("-date", "-pk"),
        ACTIVITIES_PER_PAGE,
    ).get_page(page)
    return AreaPage(
        area=area, promises=promises, commitments=commitments, activities=activities
    )
