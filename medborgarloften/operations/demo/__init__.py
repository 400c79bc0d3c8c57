"""Demo content for one real kommun: Kalmar (0880) and Lokalpolisområde Kalmar.

The areas are real stadsdelar, tätorter and platser of Kalmar; the promises, activities,
observations, people and signatories are invented for the demo (written for this
project, not copied from any published medborgarlöfte). The files beside this module
hold the content; ``demo_load`` writes it through the services, so the demo obeys the
same rules as real data. Idempotent: a second run adds nothing; ``reset`` replaces it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from medborgarloften.accounts.models import Role, User
from medborgarloften.followup.models import Activity, RecurringEvent
from medborgarloften.followup.services import (
    activity_create,
    partner_activity_create,
    partner_report_create,
)
from medborgarloften.followup.services.communication import (
    communication_create,
    communication_set_status,
)
from medborgarloften.followup.services.plans import (
    planned_activity_create,
    planned_activity_tick,
    recurring_event_create,
)
from medborgarloften.operations.demo.coordination import coordination_demo
from medborgarloften.places.members import user_create_with_membership
from medborgarloften.places.models import Area, Organisation
from medborgarloften.places.services import (
    area_create,
    area_update,
    reference_data_load,
)
from medborgarloften.promises.models import Promise, PromiseStatus
from medborgarloften.promises.services import promise_load_record
from medborgarloften.situation.models import Observation
from medborgarloften.situation.services import baseline_freeze, observation_create

from .events import police_events_load
from .planning import planning_load, planning_remove
from .points import point_in
from .statistics import statistics_load, statistics_remove

DEMO_DIR = Path(__file__).resolve().parent
KOMMUNKOD = "0880"
LPO_NAME = "Lokalpolisområde Kalmar"
#: Every demo account has this password; ``serve`` prints it while it still works.
DEMO_PASSWORD = "demo-medborgarlofte"  # noqa: S105 - a published demo password
#: The account ``serve`` shows first.
DEMO_MAIN_USER = "samordnare"
PROMISE_FILES = (
    "lofte_kalmar_2023_2024.json",
    "lofte_kalmar_2025_2026.json",
    "lofte_kalmar_2027_2028_utkast.json",
)
DEMO_SOURCE = "demo"
#: The promise whose commitments implement the demo's åtgärdsplan (``planning.py``).
PLANNING_PROMISE = "lofte_kalmar_2025_2026.json"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    organisation: str  # "kommun", "polis" or "partner" (PARTNER_NAME)
    role: str


DEMO_USERS = (
    DemoUser("samordnare", "Sara", "Samordnare", "kommun", Role.EDITOR),
    DemoUser("kommunpolis", "Kim", "Kommunpolis", "polis", Role.EDITOR),
    DemoUser("admin", "Alva", "Administratör", "kommun", Role.ADMIN),
    DemoUser("rapportor", "Rami", "Rapportör", "kommun", Role.REPORTER),
    DemoUser("lasare", "Lo", "Läsare", "kommun", Role.VIEWER),
    DemoUser("partner", "Petra", "Partner", "partner", Role.REPORTER),
)
#: The partner (``annan``) named on the current promise's grannsamverkan
#: commitment; the demo promise's loader creates it, ``partner`` reports for it.
PARTNER_NAME = "Bostadsbolagen i Kalmar"
PARTNER_COMMITMENT = 6  # in PLANNING_PROMISE, by position


@dataclass
class DemoSummary:
    """What ``demo_load`` created (and, with ``reset``, removed first)."""

    kommun: Organisation | None = None
    areas: int = 0
    users: int = 0
    promises: int = 0
    activities: int = 0
    observations: int = 0
    police_events: int = 0
    removed_promises: int = 0
    skipped_future: int = 0
    logins: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        counts = [
            ngettext("%(n)d nytt område", "%(n)d nya områden", self.areas),
            ngettext(
                "%(n)d nytt medborgarlöfte", "%(n)d nya medborgarlöften", self.promises
            ),
            ngettext("%(n)d ny aktivitet", "%(n)d nya aktiviteter", self.activities),
            ngettext(
                "%(n)d ny observation", "%(n)d nya observationer", self.observations
            ),
            ngettext("%(n)d ny användare", "%(n)d nya användare", self.users),
            ngettext(
                "%(n)d ny polishändelse", "%(n)d nya polishändelser", self.police_events
            ),
        ]
        values = (
            self.areas,
            self.promises,
            self.activities,
            self.observations,
            self.users,
            self.police_events,
        )
        return f"{self.kommun}: " + ", ".join(
            text % {"n": n} for text, n in zip(counts, values, strict=True)
        )


def _read(name: str) -> Any:
    with (DEMO_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def demo_promise_ids() -> list[str]:
    return [_read(name)["id"] for name in PROMISE_FILES]


def _parties() -> tuple[Organisation, Organisation]:

    kommun = Organisation.objects.kommuner().filter(code=KOMMUNKOD).first()
    lpo = Organisation.objects.lpos().filter(name=LPO_NAME).first()
    if kommun is None or lpo is None:
        reference_data_load()
        kommun = Organisation.objects.kommuner().get(code=KOMMUNKOD)
        lpo = Organisation.objects.lpos().get(name=LPO_NAME)
    return kommun, lpo


def _remove(kommun: Organisation) -> None:

    usernames = [u.username for u in DEMO_USERS]
    Observation.objects.filter(kommun=kommun, reporter__username__in=usernames).delete()
    planning_remove(kommun)
    statistics_remove(kommun)
    Promise.objects.filter(uid__in=demo_promise_ids()).delete()
    User.objects.filter(username__in=usernames, is_superuser=False).delete()


def _areas(kommun: Organisation, summary: DemoSummary, reset: bool) -> dict[str, Area]:

    existing = {a.name.casefold(): a for a in kommun.areas.all()}
    data = _read("omraden.json")
    # The demo's boundaries are approximate and say so (Area.geometry_source); a
    # boundary the kommun imported itself is never replaced by them.
    approximate = data["geometry_source"]
    for item in data["areas"]:
        area = existing.get(item["name"].casefold())
        if area is None:
            area = area_create(
                kommun=kommun,
                name=item["name"],
                kind=item["kind"],
                aliases=item["aliases"],
                geometry=item["geometry"],
                geometry_source=approximate,
            )
            existing[area.name.casefold()] = area
            summary.areas += 1
        elif reset or not area.geometry:
            ours = not area.geometry or area.geometry_source == approximate
            area_update(
                area=area,
                name=item["name"] if reset else area.name,
                kind=item["kind"] if reset else area.kind,
                code=area.code,
                aliases=item["aliases"] if reset else area.aliases,
                geometry=item["geometry"] if ours else area.geometry,
                geometry_source=approximate if ours else area.geometry_source,
            )
    return {a.name: a for a in kommun.areas.all()}


def _users(
    kommun: Organisation, lpo: Organisation, summary: DemoSummary
) -> dict[str, User]:

    users: dict[str, User] = {}
    for demo in DEMO_USERS:
        user = User.objects.filter(username=demo.username).first()
        if user is None and demo.organisation == "partner":
            continue  # after the promises, which name the partner (_partner)
        if user is None:
            user = user_create_with_membership(
                username=demo.username,
                first_name=demo.first_name,
                last_name=demo.last_name,
                organisation=kommun if demo.organisation == "kommun" else lpo,
                role=demo.role,
                password=DEMO_PASSWORD,
            ).user
            summary.users += 1
        users[demo.username] = user
    return users


def _activities(
    loaded: dict[str, Any],
    kommun: Organisation,
    lpo: Organisation,
    areas: dict[str, Area],
    users: dict[str, User],
    summary: DemoSummary,
    today: dt.date,
) -> None:

    commitments = {
        uid: list(promise.commitments.order_by("position", "pk"))
        for uid, promise in loaded.items()
    }
    actors = {"kommun": users["samordnare"], "polis": users["kommunpolis"]}
    for item in _read("aktiviteter.json")["activities"]:
        if item["promise"] not in commitments:
            continue
        date = dt.date.fromisoformat(item["date"])
        if date > today:
            summary.skipped_future += 1
            continue
        end = item.get("end_date")
        activity_create(
            commitment=commitments[item["promise"]][item["commitment"]],
            date=date,
            end_date=min(dt.date.fromisoformat(end), today) if end else None,
            kind=item["kind"],
            area=areas[item["area"]] if item.get("area") else None,
            quantity=item.get("quantity", 1),
            participants=item.get("participants"),
            organisation=kommun if item["by"] == "kommun" else lpo,
            description=item.get("description", ""),
            actor=actors[item["by"]],
            source=DEMO_SOURCE,
            today=today,
        )
        summary.activities += 1


def _partner(
    loaded: dict[str, Any], areas: dict[str, Area], summary: DemoSummary, today: dt.date
) -> Organisation | str:
    """The partner's user, and on a newly loaded promise the partner's own status
    report and activity on its commitment ("Våra åtaganden")."""
    uid = _read(PLANNING_PROMISE)["id"]
    promise = Promise.objects.filter(uid=uid).first()
    commitment = (
        promise.commitments.order_by("position", "pk")[PARTNER_COMMITMENT]
        if promise is not None
        else None
    )
    partner = (
        commitment.other_parties.filter(name=PARTNER_NAME).first()
        if commitment is not None
        else None
    )
    if commitment is None or partner is None:
        return PARTNER_NAME
    demo = next(d for d in DEMO_USERS if d.organisation == "partner")
    user = User.objects.filter(username=demo.username).first()
    if user is None:
        user = user_create_with_membership(
            username=demo.username,
            first_name=demo.first_name,
            last_name=demo.last_name,
            organisation=partner,
            role=demo.role,
            password=DEMO_PASSWORD,
        ).user
        summary.users += 1
    day = min(today, dt.date(2025, 10, 15))
    if uid not in loaded or day < dt.date(2025, 2, 1):
        return partner
    partner_activity_create(
        commitment=commitment,
        partner=partner,
        date=day - dt.timedelta(days=14),
        kind="Informationsmöte om grannsamverkan",
        area=areas.get("Rinkabyholm"),
        participants=35,
        description="Boende i Rinkabyholm bjöds in till möte i kvarterslokalen.",
        actor=user,
        source=DEMO_SOURCE,
        today=today,
    )
    summary.activities += 1
    partner_report_create(
        actor=user,
        commitment=commitment,
        organisation=partner,
        status="half_or_more",
        reported_on=day,
        comment="Grannsamverkan har startat i tre av fem planerade områden.",
        today=today,
    )
    return partner


def _observations(
    kommun: Organisation,
    areas: dict[str, Area],
    reporter: User,
    summary: DemoSummary,
    today: dt.date,
) -> None:

    if Observation.objects.filter(kommun=kommun, reporter=reporter).exists():
        return
    for item in _read("observationer.json")["observations"]:
        at = timezone.make_aware(dt.datetime.fromisoformat(item["observed_at"]))
        if at.date() > today or at > timezone.now():
            summary.skipped_future += 1
            continue
        area = areas[item["area"]]
        latitude, longitude = point_in(area, seed=item["observed_at"] + item["text"])
        observation_create(
            kommun=kommun,
            category=item["category"],
            observed_at=at,
            area=area,
            latitude=latitude,
            longitude=longitude,
            text=item["text"],
            reporter=reporter,
            organisation=kommun,
        )
        summary.observations += 1


@transaction.atomic
def demo_load(*, reset: bool = False, today: dt.date | None = None) -> DemoSummary:
    """Make sure the Kalmar demo exists once: areas, users, promises, follow-up, lägesbild.

    Loads the reference data first if Kalmar or its LPO is missing. Nothing dated after
    ``today`` is created, so the demo never reports the future. With ``reset``, the demo
    promises, their activities, the demo users and their observations are removed and
    written again (areas are updated in place, since real data may point at them).
    """

    today = today or timezone.localdate()
    summary = DemoSummary()
    kommun, lpo = _parties()
    summary.kommun = kommun
    if reset:
        summary.removed_promises = Promise.objects.filter(
            uid__in=demo_promise_ids()
        ).count()
        _remove(kommun)
    areas = _areas(kommun, summary, reset)
    users = _users(kommun, lpo, summary)

    loaded: dict[str, Any] = {}
    for name in PROMISE_FILES:
        record = _read(name)
        if Promise.objects.filter(uid=record["id"]).exists():
            continue
        loaded[record["id"]] = promise_load_record(
            record=record, source=f"{DEMO_SOURCE}:{name}"
        )
        summary.promises += 1
    _activities(loaded, kommun, lpo, areas, users, summary, today)
    partner = _partner(loaded, areas, summary, today)
    _observations(kommun, areas, users["rapportor"], summary, today)
    summary.police_events = police_events_load(today=today)
    _plans(loaded, kommun, lpo, areas, today)
    # Before the lägesbild is adopted: adoption keeps the figures of the day.
    statistics_load(kommun=kommun, actor=users[DEMO_MAIN_USER])
    _baselines(loaded)
    planning_load(
        kommun=kommun,
        lpo=lpo,
        actor=users[DEMO_MAIN_USER],
        promise_uid=_read(PLANNING_PROMISE)["id"],
        today=today,
    )
    coordination_demo(kommun=kommun, lpo=lpo, actor=users["samordnare"], today=today)
    organisations = {"kommun": kommun, "polis": lpo, "partner": partner}
    summary.logins = [
        (
            demo.username,
            f"{Role(demo.role).label.lower()}, {organisations[demo.organisation]}",
        )
        for demo in DEMO_USERS
    ]
    return summary


def _baselines(loaded: dict[str, Any]) -> None:
    """The demo's adopted promises were loaded as they stand, not adopted here: their
    baseline is frozen as adoption would have (on the adoption day, else the period's
    start), from the lägesbild loaded above, so follow-up and evaluation have one."""
    for promise in loaded.values():
        if promise.status != PromiseStatus.DRAFT and not promise.reference_for_id:
            baseline_freeze(
                promise=promise, on=promise.adopted_on or promise.period_start
            )


def _plans(
    loaded: dict[str, Any],
    kommun: Organisation,
    lpo: Organisation,
    areas: dict[str, Area],
    today: dt.date,
) -> None:
    """The current promise's plan for 2025 (ticked off by demo activities), its
    communication plan, and the kommun's recurring dates for the årshjul (once)."""

    data = _read("planer.json")
    if not RecurringEvent.objects.filter(organisation=kommun).exists():
        for item in data["events"]:
            recurring_event_create(
                organisation=kommun,
                title=item["title"],
                starts_on=dt.date.fromisoformat(item["starts_on"]),
                ends_on=dt.date.fromisoformat(item["ends_on"])
                if item.get("ends_on")
                else None,
                yearly=item["yearly"],
            )
    promise = loaded.get(data["promise"])
    if promise is None:  # already loaded earlier: its plan is there
        return
    parties = {"kommun": kommun, "polis": lpo}
    commitments = list(promise.commitments.order_by("position", "pk"))
    for item in data["plan"]:
        commitment = commitments[item["commitment"]]
        line = planned_activity_create(
            commitment=commitment,
            year=item["year"],
            kind=item["kind"],
            when=item["when"],
            starts_on=dt.date.fromisoformat(item["starts_on"]),
            quantity=item["quantity"],
            area=areas[item["area"]] if item.get("area") else None,
            organisation=parties[item["by"]],
            responsible=item["responsible"],
        )
        for ref in item["done_by"]:
            done = Activity.objects.filter(
                commitment=commitment, date=ref["date"], kind=ref["kind"]
            ).first()
            if done is not None:  # absent when dated after ``today``
                planned_activity_tick(
                    activity=done, planned=[*done.planned_activities.all(), line]
                )
    for item in data["communication"]:
        entry = communication_create(
            promise=promise,
            title=item["title"],
            channel=item["channel"],
            planned_on=dt.date.fromisoformat(item["planned_on"]),
            audience=item["audience"],
            organisation=parties[item["by"]],
            responsible=item["responsible"],
            reports_followup=item.get("reports_followup", False),
        )
        done_on = item.get("done_on")
        if done_on and dt.date.fromisoformat(done_on) <= today:
            communication_set_status(
                item=entry, status="done", done_on=dt.date.fromisoformat(done_on)
            )
