"""Backup and restore: every row and uploaded file comes back, on SQLite and PostgreSQL.

The suite runs on both databases in CI, so the round trip below proves both.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from medborgarloften.followup.models import Activity, Report
from medborgarloften.followup.services.reports import report_create
from medborgarloften.operations.backup import EXCLUDED, database_is_empty
from medborgarloften.promises.exchange import promise_to_record
from medborgarloften.promises.models import Promise, Revision
from medborgarloften.promises.selectors import promises_for_export
from medborgarloften.situation.models import Observation
from medborgarloften.situation.services.observations import observation_create


def _counts() -> dict[str, int]:
    skip_apps = {e for e in EXCLUDED if "." not in e}
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in skip_apps
        and model._meta.label_lower not in EXCLUDED
        and model._meta.managed
        and not model._meta.proxy
    }


def _exported() -> list[dict]:
    return sorted(
        (promise_to_record(p) for p in promises_for_export()),
        key=lambda r: json.dumps(r, sort_keys=True, default=str),
    )


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = settings.MEDIA_ROOT / "dokument" / "2025" / "löfte.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4 medborgarl\xc3\xb6fte")
    return upload


@pytest.fixture
def demo_installation(media):
    call_command("demo", stdout=io.StringIO())
    promise = (
        Promise.objects.filter(commitments__isnull=False, period_start__isnull=False)
        .distinct()
        .first()
    )
    report_create(
        promise=promise,
        title="Uppföljning",
        period_start=promise.period_start,
        period_end=promise.period_end,
    )
    observation_create(
        kommun=promise.kommuner()[0],
        category="klotter",
        observed_at=dt.datetime(2025, 6, 1, 20, tzinfo=dt.UTC),
        text="Klotter på gångtunneln vid stationen",
    )
    assert Promise.objects.exists() and Activity.objects.exists()
    assert Report.objects.exists() and Observation.objects.exists()
    assert Revision.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_restores_every_row_and_file_into_an_empty_installation(
    demo_installation, media, tmp_path
):
    before, exported = _counts(), _exported()
    archive = tmp_path / "backup.zip"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    media.unlink()
    assert database_is_empty()

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Återställde" in out.getvalue()
    assert _counts() == before
    assert _exported() == exported
    assert media.read_bytes() == b"%PDF-1.4 medborgarl\xc3\xb6fte"


@pytest.mark.django_db(transaction=True)
def test_it_writes_a_manifest_with_counts_and_checksums(demo_installation, tmp_path):
    archive = tmp_path / "backup.zip"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    with zipfile.ZipFile(archive) as z:
        manifest = json.loads(z.read("manifest.json"))
        names = set(z.namelist())
    assert manifest["format"] == "medborgarloften-backup"
    assert manifest["version"] == 1
    assert manifest["counts"]["promises.promise"] == Promise.objects.count()
    assert manifest["counts"]["followup.activity"] == Activity.objects.count()
    assert set(manifest["checksums"]) == names - {"manifest.json"}
    assert "media/dokument/2025/löfte.pdf" in names


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_non_empty_database_unless_forced(demo_installation, tmp_path):
    archive = tmp_path / "backup.zip"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    before = _counts()
    with pytest.raises(CommandError, match="inte tom"):
        call_command("restore", str(archive), stdout=io.StringIO())
    Activity.objects.all().delete()
    call_command("restore", str(archive), "--force", stdout=io.StringIO())
    assert _counts() == before


def _tampered(source: Path, target: Path, member: str, content: bytes) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            new.writestr(name, content if name == member else old.read(name))


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_corrupt_archive_and_saves_nothing(demo_installation, tmp_path):
    archive = tmp_path / "backup.zip"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)

    changed = tmp_path / "changed.zip"
    _tampered(archive, changed, "data.json", b"[]")
    with pytest.raises(CommandError, match="kontrollsumman"):
        call_command("restore", str(changed), stdout=io.StringIO())

    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(archive.read_bytes()[:2000])
    with pytest.raises(CommandError, match="restore refused"):
        call_command("restore", str(truncated), stdout=io.StringIO())

    with pytest.raises(CommandError, match="finns inte"):
        call_command("restore", str(tmp_path / "missing.zip"), stdout=io.StringIO())
    assert database_is_empty()


@pytest.mark.django_db(transaction=True)
def test_it_rolls_back_a_restore_that_fails_half_way(demo_installation, tmp_path):
    archive = tmp_path / "backup.zip"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    with zipfile.ZipFile(archive) as z:
        records = json.loads(z.read("data.json"))
    # A valid archive whose last row points at a promise that does not exist.
    records.append(
        {
            "model": "promises.revision",
            "pk": 999999,
            "fields": {**records_of(records, "promises.revision")[0], "promise": 999},
        }
    )
    broken = tmp_path / "broken.zip"
    _rewrite(archive, broken, json.dumps(records).encode())
    with pytest.raises(CommandError, match="inget sparat"):
        call_command("restore", str(broken), stdout=io.StringIO())
    assert database_is_empty()


def records_of(records: list[dict], model: str) -> list[dict]:
    return [r["fields"] for r in records if r["model"] == model]


def _rewrite(source: Path, target: Path, data: bytes) -> None:
    """A consistent archive (manifest checksum updated) with other database rows."""
    import hashlib

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        manifest = json.loads(old.read("manifest.json"))
        manifest["checksums"]["data.json"] = hashlib.sha256(data).hexdigest()
        for name in old.namelist():
            if name == "data.json":
                new.writestr(name, data)
            elif name == "manifest.json":
                new.writestr(name, json.dumps(manifest))
            else:
                new.writestr(name, old.read(name))
