"""One archive with the whole installation: database rows, uploaded files, a manifest.

The database is written with Django's ``dumpdata`` (JSON, natural foreign keys for
content types and permissions, primary keys kept) so the same archive restores into
SQLite or PostgreSQL. The dump runs inside one transaction — REPEATABLE READ on
PostgreSQL, the write lock SQLite takes for an IMMEDIATE transaction — so rows written
while the dump runs cannot leave it half-consistent. The manifest holds the format
version, the time, row counts per model and a sha256 per member; restore refuses an
archive whose members do not match it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction

from medborgarloften import __version__
from medborgarloften.lib.fields import keeping_stored_lengths
from medborgarloften.publishing.services import search_index_rebuild

FORMAT = "medborgarloften-backup"
VERSION = 1
DATA_MEMBER = "data.json"
MANIFEST_MEMBER = "manifest.json"
MEDIA_PREFIX = "media/"

#: Rebuilt by migrate (content types, permissions), short-lived (sessions) or derived
#: (the SQLite search index bookkeeping; ``reindex`` rebuilds it after a restore).
EXCLUDED = (
    "contenttypes",
    "auth.permission",
    "sessions",
    "publishing.searchindexedpromise",
    # Rollups kept by triggers: loading the observations and events counts them again.
    "situation.observationcount",
    "situation.policeeventcount",
)


class BackupError(Exception):
    """The archive cannot be written or is not one we can restore."""


@dataclass(frozen=True)
class Manifest:
    created_at: str
    counts: dict[str, int]
    checksums: dict[str, str]
    database: str

    def as_dict(self) -> dict[str, object]:

        return {
            "format": FORMAT,
            "version": VERSION,
            "application_version": __version__,
            "created_at": self.created_at,
            "database": self.database,
            "counts": self.counts,
            "checksums": self.checksums,
        }


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _dump() -> bytes:
    out = io.StringIO()
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=list(EXCLUDED),
        format="json",
        indent=None,
        stdout=out,
    )
    return out.getvalue().encode("utf-8")


def _snapshot() -> bytes:
    """dumpdata inside one transaction; REPEATABLE READ on PostgreSQL when we start it."""
    if connection.in_atomic_block:
        return _dump()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        return _dump()


def media_files() -> list[tuple[str, Path]]:
    """Every uploaded file as (archive name, path), sorted."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            relative = path.relative_to(root).as_posix()
            found.append((MEDIA_PREFIX + relative, path))
    return found


def row_counts(records: list[dict[str, object]]) -> dict[str, int]:
    return dict(sorted(Counter(str(r["model"]) for r in records).items()))


def backup_create(*, path: Path) -> Manifest:
    """Write a complete archive to ``path`` (atomically: a temporary file renamed)."""
    data = _snapshot()
    records = json.loads(data)
    checksums = {DATA_MEMBER: _sha256(data)}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".backup-", suffix=".zip", dir=path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp_name, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(DATA_MEMBER, data)
            for name, file_path in media_files():
                content = file_path.read_bytes()
                checksums[name] = _sha256(content)
                archive.writestr(name, content)
            manifest = Manifest(
                created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                counts=row_counts(records),
                checksums=checksums,
                database=connection.vendor,
            )
            archive.writestr(
                MANIFEST_MEMBER,
                json.dumps(manifest.as_dict(), indent=2, ensure_ascii=False),
            )
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return manifest


def _safe_media_name(name: str) -> PurePosixPath:
    relative = PurePosixPath(name[len(MEDIA_PREFIX) :])
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(f"{name}: otillåten sökväg / unsafe path in archive")
    return relative


def backup_read(*, path: Path) -> tuple[dict[str, object], bytes, dict[str, bytes]]:
    """Open and verify an archive: (manifest, data.json bytes, media name → bytes)."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(f"{path}: filen finns inte / no such file")
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{path}: inte ett zip-arkiv / not a zip archive ({exc})")
    with archive:
        try:
            bad = archive.testzip()
            if bad is not None:
                raise BackupError(f"{bad}: skadad i arkivet / corrupt in the archive")
            manifest = json.loads(archive.read(MANIFEST_MEMBER))
            members = {
                name: archive.read(name)
                for name in archive.namelist()
                if name != MANIFEST_MEMBER and not name.endswith("/")
            }
        except KeyError:
            raise BackupError("manifest.json saknas / missing: not a backup archive")
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise BackupError(f"arkivet är skadat / the archive is corrupt: {exc}")
    if manifest.get("format") != FORMAT:
        raise BackupError("inte en medborgarlöften-backup / not a backup archive")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"okänd version / unknown backup version {manifest.get('version')!r}"
        )
    checksums = manifest.get("checksums") or {}
    if set(checksums) != set(members):
        raise BackupError(
            "arkivets filer stämmer inte med manifestet / "
            "the archive's files do not match the manifest"
        )
    for name, content in members.items():
        if _sha256(content) != checksums[name]:
            raise BackupError(
                f"{name}: kontrollsumman stämmer inte / checksum mismatch"
            )
    media = {}
    for name, content in members.items():
        if name == DATA_MEMBER:
            continue
        if not name.startswith(MEDIA_PREFIX):
            raise BackupError(f"{name}: okänd fil i arkivet / unknown member")
        media[str(_safe_media_name(name))] = content
    return manifest, members[DATA_MEMBER], media


def database_is_empty() -> bool:
    """No row in any model a backup holds (content types and permissions aside)."""
    excluded_apps = {e for e in EXCLUDED if "." not in e}
    excluded_models = {e for e in EXCLUDED if "." in e}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in excluded_apps or label in excluded_models:
            continue
        if not model._meta.managed or model._meta.proxy:
            continue
        if model._default_manager.exists():
            return False
    return True


def backup_restore(*, path: Path, force: bool = False) -> dict[str, object]:
    """Load a verified archive into the database and MEDIA_ROOT in one transaction;
    refuses a non-empty database unless ``force`` (then everything is replaced)."""
    manifest, data, media = backup_read(path=path)
    media_root = Path(settings.MEDIA_ROOT)
    with transaction.atomic():
        if not database_is_empty():
            if not force:
                raise BackupError(
                    "databasen är inte tom / the database is not empty: "
                    "använd / use --force för att ersätta allt / to replace everything"
                )
            call_command("flush", interactive=False, verbosity=0)
        with tempfile.NamedTemporaryFile(suffix=".json") as tmp:
            tmp.write(data)
            tmp.flush()
            try:
                with keeping_stored_lengths():  # an archive from before the limits
                    call_command("loaddata", tmp.name, verbosity=0)
            except (DatabaseError, DeserializationError) as exc:
                raise BackupError(
                    f"raderna gick inte att läsa in / the rows could not be loaded, "
                    f"inget sparat / nothing saved: {exc}"
                )
        for name, content in media.items():
            target = media_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    if connection.vendor == "sqlite":
        search_index_rebuild()
    return manifest
