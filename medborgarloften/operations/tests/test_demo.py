"""The Kalmar demo: complete, written through the services, idempotent, replaceable."""

from __future__ import annotations

import datetime as dt
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from medborgarloften.accounts.models import Membership, User
from medborgarloften.followup.models import Activity
from medborgarloften.operations.demo import (
    DEMO_DIR,
    DEMO_PASSWORD,
    DEMO_USERS,
    PROMISE_FILES,
    demo_load,
)
from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.models import Promise, PromiseStatus
from medborgarloften.situation.models import Observation

TODAY = dt.date(2026, 11, 1)
SHARED = Path("/work/shared")


def _promise(period_start: str) -> Promise:
    return Promise.objects.get(period_start=period_start)


@pytest.mark.django_db
def test_it_loads_kalmar_with_real_areas_and_three_promises():
    summary = demo_load(today=TODAY)
    kalmar = Organisation.objects.kommuner().get(code="0880")
    assert summary.kommun == kalmar
    names = set(kalmar.areas.values_list("name", flat=True))
    assert {"Kvarnholmen", "Norrliden", "Berga", "Funkabo", "Lindsdal"} <= names
    assert "Färjestaden" not in names  # Mörbylånga, not Kalmar
    assert Area.objects.get(name="Berga").aliases == ["Berga/Funkabo"]

    current = _promise("2025-01-01")
    assert current.status == PromiseStatus.PUBLISHED
    assert current.period_end == dt.date(2026, 12, 31)
    assert current.situation_summary
    assert {p.name for p in current.parties.all()} >= {
        "Kalmar",
        "Lokalpolisområde Kalmar",
    }
    commitments = list(current.commitments.all())
    assert any(c.measurable for c in commitments)
    assert any(not c.measurable for c in commitments)
    targets = {c.target_display() for c in commitments}
    assert "minst 100 kvällar per år" in targets
    assert "minst 2 redovisningar under hela perioden" in targets
    assert current.focus_areas.count() == 3
    assert current.signatories.count() == 2

    past = _promise("2023-01-01")
    assert past.status == PromiseStatus.CLOSED
    assert past.situation_summary and past.signatories.exists()
    assert past.focus_areas.exists()
    draft = _promise("2027-01-01")
    assert draft.status == PromiseStatus.DRAFT
    assert Promise.objects.public().count() == 2


@pytest.mark.django_db
def test_it_reports_follow_up_across_2025_and_2026():
    summary = demo_load(today=TODAY)
    current = _promise("2025-01-01")
    activities = Activity.objects.filter(commitment__promise=current)
    years = {a.date.year for a in activities}
    assert years == {2025, 2026}
    assert summary.activities == Activity.objects.count()
    walks = activities.filter(kind="trygghetsvandring")
    assert {w.area.name for w in walks} == {"Berga", "Funkabo", "Norrliden"}
    assert all(a.source == "demo" and a.created_by for a in activities)
    observations = Observation.objects.all()
    assert observations.count() == summary.observations > 20
    categories = set(observations.values_list("category", flat=True))
    assert {"skadegorelse", "otrygg_plats", "belysning"} <= categories
    assert all(o.area.kommun == current.kommuner()[0] for o in observations)


@pytest.mark.django_db
def test_it_creates_nothing_dated_after_today():
    demo_load(today=dt.date(2025, 6, 30))
    assert not Activity.objects.filter(date__gt=dt.date(2025, 6, 30)).exists()
    assert not Activity.objects.filter(end_date__gt=dt.date(2025, 6, 30)).exists()
    assert not Observation.objects.filter(observed_at__date__gt="2025-06-30").exists()
    assert Activity.objects.exists() and Observation.objects.exists()


@pytest.mark.django_db
def test_it_creates_demo_users_with_the_known_password_and_roles():
    demo_load(today=TODAY)
    for demo in DEMO_USERS:
        user = User.objects.get(username=demo.username)
        assert user.check_password(DEMO_PASSWORD)
        assert not user.is_superuser and not user.is_staff
        membership = Membership.objects.get(user=user)
        assert membership.role == demo.role
    assert Membership.objects.get(user__username="kommunpolis").organisation.name == (
        "Lokalpolisområde Kalmar"
    )
    assert {d.role for d in DEMO_USERS} == {"admin", "editor", "reporter", "viewer"}


@pytest.mark.django_db
def test_it_adds_nothing_when_run_again():
    demo_load(today=TODAY)
    counts = (
        Promise.objects.count(),
        Activity.objects.count(),
        Observation.objects.count(),
        Area.objects.count(),
        User.objects.count(),
    )
    summary = demo_load(today=TODAY)
    assert (summary.promises, summary.activities, summary.observations) == (0, 0, 0)
    assert (summary.areas, summary.users) == (0, 0)
    assert counts == (
        Promise.objects.count(),
        Activity.objects.count(),
        Observation.objects.count(),
        Area.objects.count(),
        User.objects.count(),
    )


@pytest.mark.django_db
def test_it_replaces_the_demo_on_reset():
    demo_load(today=TODAY)
    current = _promise("2025-01-01")
    Promise.objects.filter(pk=current.pk).update(title="Ändrad titel")
    user = User.objects.get(username="samordnare")
    user.set_password("nytt-losenord-123")
    user.save()
    activities = Activity.objects.count()
    summary = demo_load(reset=True, today=TODAY)
    assert summary.removed_promises == 3
    assert _promise("2025-01-01").title == "Medborgarlöfte Kalmar 2025–2026"
    assert User.objects.get(username="samordnare").check_password(DEMO_PASSWORD)
    assert Activity.objects.count() == activities
    assert Promise.objects.count() == 3


@pytest.mark.django_db
def test_the_command_prints_the_demo_logins():
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "3 nya medborgarlöften" in text
    assert "samordnare" in text and DEMO_PASSWORD in text
    assert "kommunpolis" in text


@pytest.mark.django_db
def test_the_command_saves_nothing_in_a_dry_run():
    out = StringIO()
    call_command("demo", "--dry-run", stdout=out)
    assert "inget sparat" in out.getvalue()
    assert not Promise.objects.exists() and not Organisation.objects.exists()


def _demo_texts() -> list[str]:
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in DEMO_DIR.glob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return texts


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


@pytest.mark.skipif(
    not (SHARED / "corpus" / "docs").is_dir(),
    reason="/work/shared (the published examples to compare with) is not here",
)
def test_its_texts_are_not_copied_from_published_promises():
    published = " ".join(
        " ".join(_words(path.read_text(encoding="utf-8", errors="replace")))
        for path in [
            *(SHARED / "corpus" / "docs").glob("*.txt"),
            SHARED / "data" / "medborgarloften" / "exempel_medborgarloften.json",
        ]
        if path.exists()
    )
    copied = []
    for text in _demo_texts():
        words = _words(text)
        for i in range(len(words) - 7):
            phrase = " ".join(words[i : i + 8])
            if f" {phrase} " in f" {published} ":
                copied.append(phrase)
    assert copied == []


def test_it_ships_every_promise_file():
    for name in PROMISE_FILES:
        assert (DEMO_DIR / name).exists()


@pytest.mark.django_db
def test_it_gives_every_demo_area_an_approximate_shape_inside_kalmar():
    from shapely.geometry import shape

    from medborgarloften.places.outlines import kommun_outline
    from medborgarloften.situation.services.observations import area_at

    demo_load(today=TODAY)
    outline = shape(kommun_outline("0880")).buffer(0.01)
    areas = list(Area.objects.filter(kommun__code="0880"))
    assert len(areas) == 23
    for area in areas:
        assert area.geometry and shape(area.geometry).is_valid, area.name
        assert outline.contains(shape(area.geometry)), area.name
        assert "Ungefärlig" in area.geometry_source and "demon" in area.geometry_source
    kalmar = Organisation.objects.kommuner().get(code="0880")
    # The stadsdelar do not overlap, so a point belongs to one of them.
    assert area_at(kommun=kalmar, latitude=56.685, longitude=16.322).name == "Berga"


@pytest.mark.django_db
def test_it_never_replaces_a_boundary_the_kommun_imported(kalmar):
    demo_load(today=TODAY)
    berga = Area.objects.get(kommun=kalmar, name="Berga")
    own = {
        "type": "Polygon",
        "coordinates": [
            [[16.31, 56.68], [16.33, 56.68], [16.33, 56.69], [16.31, 56.68]]
        ],
    }
    Area.objects.filter(pk=berga.pk).update(geometry=own, geometry_source="berga.gpkg")
    demo_load(today=TODAY, reset=True)
    berga.refresh_from_db()
    assert berga.geometry == own and berga.geometry_source == "berga.gpkg"


@pytest.mark.django_db
def test_its_reports_have_points_inside_their_areas_and_show_as_hot_spots():
    from shapely.geometry import Point, shape

    from medborgarloften.situation.periods import parse_period
    from medborgarloften.situation.selectors.hotspots import spots

    demo_load(today=TODAY)
    reports = list(Observation.objects.select_related("area"))
    assert reports
    for report in reports:
        assert report.latitude is not None, report.text
        point = Point(report.longitude, report.latitude)
        assert shape(report.area.geometry).contains(point), report.area.name
    kalmar = Organisation.objects.kommuner().get(code="0880")
    found, _left_out = spots(
        kommun=kalmar, period=parse_period("2025"), kinds=["rapporter"]
    )
    assert len(found) == Observation.objects.filter(observed_at__year=2025).count()
    assert {spot.area for spot in found} >= {"Berga"}
    # The same points every time the demo is loaded.
    first = sorted(Observation.objects.values_list("latitude", "longitude"))
    demo_load(today=TODAY, reset=True)
    assert sorted(Observation.objects.values_list("latitude", "longitude")) == first


@pytest.mark.django_db
def test_it_loads_the_real_police_events_of_kalmar_up_to_today():
    from medborgarloften.situation.models import PoliceEvent

    summary = demo_load(today=dt.date(2025, 6, 30))
    events = PoliceEvent.objects.filter(kommun__code="0880")
    assert summary.police_events == events.count() > 100
    assert not events.filter(published_at__date__gt=dt.date(2025, 6, 30)).exists()
    assert demo_load(today=dt.date(2025, 6, 30)).police_events == 0


@pytest.mark.django_db
def test_its_adopted_promises_have_a_frozen_baseline():
    """Loaded as they stand, not adopted here: the demo freezes their baseline as
    adoption would have, so follow-up and evaluation compare against something."""
    demo_load(today=TODAY)
    current = _promise("2025-01-01")
    values = list(current.baseline_values.all())
    assert values, "the published demo promise has no baseline"
    assert {v.focus_area_id for v in values} <= set(
        current.focus_areas.values_list("pk", flat=True)
    )
    assert not _promise("2027-01-01").baseline_values.exists()  # the draft
    # Run again: frozen once, the same values.
    frozen = {(v.pk, v.frozen_at) for v in values}
    demo_load(today=TODAY)
    assert {(v.pk, v.frozen_at) for v in current.baseline_values.all()} == frozen
