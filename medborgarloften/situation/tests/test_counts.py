"""The lägesbild rollups (observations and police events per kommun and month) stay
equal to a recount whatever writes: services, edits, deletes, the events loader,
walk moderation, retention and forget jobs, backup and restore, raw SQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from medborgarloften.places.models import Area
from medborgarloften.situation import counts
from medborgarloften.situation.models import (
    Observation,
    ObservationCount,
    PoliceEvent,
    PoliceEventCount,
)
from medborgarloften.situation.selectors import national_counts
from medborgarloften.situation.services import events_store, observation_create

from .conftest import at
from .test_events import _records, places  # noqa: F401  (fixture)


def assert_exact() -> None:
    assert counts.differences() == {counts.OBS_COUNT: [], counts.EVENT_COUNT: []}


def _rollup() -> dict[tuple, int]:
    return {
        (r.kommun_id, r.month, r.area_key, r.category): r.n
        for r in ObservationCount.objects.all()
    }


def _report(kalmar, category="klotter", when=(2025, 3, 10, 12), **extra):
    return observation_create(
        kommun=kalmar, category=category, observed_at=at(*when), **extra
    )


@pytest.mark.django_db
def test_creating_observations_counts_them_by_kommun_month_area_and_category(
    kalmar, areas
):
    norrliden = areas["Norrliden"]
    for _ in range(3):
        _report(kalmar, area=norrliden)
    _report(kalmar, category="brand")
    # 00:30 on 1 April in Kalmar is still 31 March in UTC: the local month counts.
    _report(kalmar, when=(2025, 4, 1, 0, 30), area=norrliden)
    assert _rollup() == {
        (kalmar.pk, 202503, norrliden.pk, "klotter"): 3,
        (kalmar.pk, 202503, 0, "brand"): 1,
        (kalmar.pk, 202504, norrliden.pk, "klotter"): 1,
    }
    assert_exact()


@pytest.mark.django_db
def test_editing_moves_the_count_and_deleting_removes_it(kalmar, areas):
    first = _report(kalmar, area=areas["Norrliden"])
    second = _report(kalmar, area=areas["Norrliden"])
    first.category = "brand"
    first.area = areas["Oxhagen"]
    first.save()
    assert_exact()
    Observation.objects.filter(pk=second.pk).update(month=202504, category="annat")
    assert_exact()
    Observation.objects.filter(pk=second.pk).update(text="bara texten ändras")
    assert_exact()
    first.delete()
    assert_exact()
    assert _rollup() == {(kalmar.pk, 202504, areas["Norrliden"].pk, "annat"): 1}
    second.delete()
    assert ObservationCount.objects.count() == 0


@pytest.mark.django_db
def test_deleting_an_area_moves_its_reports_to_no_area(kalmar, areas):
    for _ in range(2):
        _report(kalmar, area=areas["Oxhagen"])
    areas["Oxhagen"].delete()
    assert _rollup() == {(kalmar.pk, 202503, 0, "klotter"): 2}
    assert_exact()


@pytest.mark.django_db
def test_deleting_a_kommun_removes_its_counts(kalmar, areas):
    from medborgarloften.places.models import Organisation, OrganisationKind

    nybro = Organisation.objects.create(
        kind=OrganisationKind.KOMMUN, code="0881", name="Nybro"
    )
    _report(nybro)
    _report(kalmar)
    nybro.delete()
    assert set(ObservationCount.objects.values_list("kommun_id", flat=True)) == {
        kalmar.pk
    }
    assert_exact()


@pytest.mark.django_db
def test_bulk_and_raw_writes_are_counted_too(kalmar, areas):
    Observation.objects.bulk_create(
        [
            Observation(
                kommun=kalmar,
                category="klotter",
                area=areas["Centrum"] if i % 2 else None,
                observed_at=at(2025, 5, 2),
                month=202505,
            )
            for i in range(7)
        ]
    )
    assert_exact()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE situation_observation SET category = 'brand' WHERE area_id IS NULL"
        )
        cursor.execute(
            "DELETE FROM situation_observation WHERE id IN "
            "(SELECT MIN(id) FROM situation_observation)"
        )
    assert_exact()
    assert sum(_rollup().values()) == 6


@pytest.mark.django_db
def test_walk_points_approved_and_withdrawn_keep_the_counts(
    kalmar, areas, kommun_editor
):
    from medborgarloften.situation.surveys.services import (
        walk_point_moderate,
        walk_point_submit,
    )

    from .survey_helpers import open_survey

    walk = open_survey(kalmar, kind="vandring", keys=[], areas=[areas["Oxhagen"]])
    point = walk_point_submit(
        survey=walk, reasons=["ode"], latitude=56.685, longitude=16.345
    )
    walk_point_moderate(point=point, approve=True, actor=kommun_editor)
    assert sum(_rollup().values()) == 1
    assert_exact()
    walk_point_moderate(point=point, approve=False, actor=kommun_editor)
    assert ObservationCount.objects.count() == 0
    assert_exact()


@pytest.mark.django_db
def test_retention_and_forget_jobs_leave_the_counts_exact(kalmar, areas, kommun_editor):
    from medborgarloften.operations.services import free_text_purge, person_forget

    _report(kalmar, text="Anna Andersson såg det", reporter=kommun_editor)
    _report(kalmar, when=(2024, 1, 5), text="gammal text")
    before = _rollup()
    free_text_purge(days=30, today=dt.date(2025, 3, 20))
    person_forget(username=kommun_editor.username, name="Anna Andersson")
    assert Observation.objects.exclude(text="").count() == 1
    assert _rollup() == before
    assert_exact()


@pytest.mark.django_db
def test_the_events_loader_counts_placed_events_without_digests(
    places,  # noqa: F811  (the fixture imported above)
    kalmar,
):
    events_store(records=_records())
    events_store(records=_records())  # again: nothing new, nothing counted twice
    assert_exact()
    counted = sum(PoliceEventCount.objects.values_list("n", flat=True))
    assert (
        counted
        == PoliceEvent.objects.filter(kommun__isnull=False, is_summary=False).count()
    )
    assert counted > 0
    event = PoliceEvent.objects.filter(kommun__isnull=False).first()
    event.is_summary = True
    event.save()
    assert_exact()
    PoliceEvent.objects.filter(pk=event.pk).update(is_summary=False, kommun=None)
    assert_exact()
    PoliceEvent.objects.all().delete()
    assert PoliceEventCount.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_keep_the_counts_exact(kalmar, areas, tmp_path):
    from medborgarloften.operations.backup import backup_create, backup_restore

    for category in ("klotter", "klotter", "brand"):
        _report(kalmar, category=category, area=areas["Norrliden"])
    before = _rollup()
    backup_create(path=tmp_path / "backup.zip")
    backup_restore(path=tmp_path / "backup.zip", force=True)
    after = {(k[1], k[3]): n for k, n in _rollup().items()}
    assert after == {(k[1], k[3]): n for k, n in before.items()}
    assert_exact()


@pytest.mark.django_db
def test_rebuildcounts_finds_and_repairs_a_wrong_rollup(kalmar, areas, capsys):
    _report(kalmar)
    call_command("rebuildcounts", "--check")
    ObservationCount.objects.update(n=7)
    PoliceEventCount.objects.create(kommun_id=kalmar.pk, month=202501, type="Rån", n=2)
    with pytest.raises(CommandError, match="2 avvikelser"):
        call_command("rebuildcounts", "--check")
    call_command("rebuildcounts")
    assert_exact()
    assert _rollup() == {(kalmar.pk, 202503, 0, "klotter"): 1}
    call_command("rebuildcounts", "--check")
    assert "stämmer" in capsys.readouterr().out


@pytest.mark.django_db
def test_migrate_puts_back_triggers_a_table_rebuild_dropped(kalmar):
    counts.drop_triggers()
    call_command("migrate", "situation", verbosity=0)
    _report(kalmar)
    assert sum(_rollup().values()) == 1


@pytest.mark.django_db
def test_national_counts_equal_a_group_by_of_the_observations(kalmar, areas):
    Area.objects.create(kommun=kalmar, name="Tomt")
    for i in range(12):
        _report(
            kalmar,
            category=("klotter", "brand", "annat")[i % 3],
            when=(2025, 1 + i % 4, 3),
            area=areas["Norrliden"] if i % 2 else None,
        )
    expected = {
        (row["kommun_id"], row["month"], row["category"]): row["n"]
        for row in Observation.objects.values("kommun_id", "month", "category")
        .annotate(n=Count("*"))
        .order_by()
    }
    assert national_counts() == expected
    assert national_counts(months=[202502]) == {
        k: n for k, n in expected.items() if k[1] == 202502
    }


@pytest.mark.django_db
def test_a_save_outside_the_services_keeps_the_local_month(kalmar):
    observation = Observation(
        kommun=kalmar, category="klotter", observed_at=at(2025, 6, 1, 0, 30)
    )
    observation.save()  # as the admin does: no month given
    assert observation.month == 202506
    observation.observed_at = at(2025, 7, 2)
    observation.save()
    assert _rollup() == {(kalmar.pk, 202507, 0, "klotter"): 1}
    assert_exact()
