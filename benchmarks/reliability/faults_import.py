"""The import-kill fault (faults.py): ``medborgarloften import`` killed mid-run
against an uninterrupted reference run. Not a test."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
from faults_checks import (  # noqa: E402
    DB,
    DB_REF,
    check,
    open_transaction,
    sql,
)

# --- import-kill -----------------------------------------------------------------

PROMISE = """Medborgarlöfte för Bänkeby kommun {year}

Lokalpolisområde Bänkeby och Bänkeby kommun har tagit fram lägesbilden tillsammans.
Dokument nummer {n}.

Polisen lovar att:
- genomföra minst {a} trygghetsvandringar i Norrby per år
- vara synlig vid skolorna i Söderby på eftermiddagarna

Kommunen lovar att:
- hålla {b} dialogmöten med boende i centrum under {year}
- sanera klotter inom ett dygn i Västby

Uppföljning sker två gånger per år.

Anna Andersson {n}
Kommunstyrelsens ordförande

Per Persson
Lokalpolisområdeschef
"""


def import_setup(url: str, data_dir: str) -> dict:
    common.recreate_database(url)
    env = common.environment(url, data_dir)
    subprocess.run(
        [str(Path(sys.executable).parent / "medborgarloften"), "migrate"],
        env=env,
        check=True,
        capture_output=True,
    )
    script = (
        "import django; django.setup()\n"
        "from medborgarloften.places.models import Organisation, OrganisationKind\n"
        "Organisation.objects.create(kind=OrganisationKind.KOMMUN, code='9990',"
        " name='Bänkeby')\n"
        "Organisation.objects.create(kind=OrganisationKind.LOKALPOLISOMRADE,"
        " name='Lokalpolisområde Bänkeby')\n"
    )
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    return env


def import_cli(env: dict, folder: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "medborgarloften"),
            "import",
            str(folder),
            "--kommun",
            "9990",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )


FINGERPRINT = """
SELECT d.sha256, p.title,
  (SELECT count(*) FROM promises_commitment c WHERE c.promise_id = p.id),
  (SELECT count(*) FROM promises_focusarea f WHERE f.promise_id = p.id),
  (SELECT count(*) FROM promises_signatory s WHERE s.promise_id = p.id),
  (SELECT count(*) FROM promises_promise_parties x WHERE x.promise_id = p.id)
FROM documents_extractionrun r
JOIN documents_sourcedocument d ON d.id = r.document_id
JOIN promises_promise p ON p.id = r.promise_id
ORDER BY d.sha256
"""


def import_state(url: str, media: Path) -> dict:
    documents = sql(url, "SELECT sha256, raw FROM documents_sourcedocument")
    referenced = {raw for _, raw in documents}
    torn = [
        raw
        for sha, raw in documents
        if not (media / raw).is_file()
        or hashlib.sha256((media / raw).read_bytes()).hexdigest() != sha
    ]
    files = (
        {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}
        if media.exists()
        else set()
    )
    return {
        "documents": len(documents),
        "promises": sql(url, "SELECT count(*) FROM promises_promise")[0][0],
        "documents_without_run": sql(
            url,
            "SELECT count(*) FROM documents_sourcedocument d WHERE NOT EXISTS "
            "(SELECT 1 FROM documents_extractionrun r WHERE r.document_id = d.id)",
        )[0][0],
        "promises_without_run": sql(
            url,
            "SELECT count(*) FROM promises_promise p WHERE NOT EXISTS "
            "(SELECT 1 FROM documents_extractionrun r WHERE r.promise_id = p.id)",
        )[0][0],
        "failed_runs": sql(
            url, "SELECT count(*) FROM documents_extractionrun WHERE status <> 'ok'"
        )[0][0],
        "torn_files": torn,
        "orphan_files": sorted(files - referenced),
        "temporary_files": sorted(f for f in files if ".tmp-" in f),
        "fingerprint": sql(url, FINGERPRINT),
    }


def import_kill(documents: int) -> None:
    print(f"\nimport-kill: {documents} documents, SIGKILL past half-way", flush=True)
    work = Path(tempfile.mkdtemp(prefix="faults_import_"))
    folder = work / "in"
    folder.mkdir()
    for n in range(documents):
        (folder / f"lofte-{n:04d}.txt").write_text(
            PROMISE.format(year=2030 + n % 5, n=n, a=2 + n % 7, b=1 + n % 4),
            encoding="utf-8",
        )
    ref_env = import_setup(DB_REF, str(work / "ref"))
    started = time.monotonic()
    reference = import_cli(ref_env, folder)
    out, _ = reference.communicate()
    elapsed = time.monotonic() - started
    ref = import_state(DB_REF, work / "ref" / "media")
    print(
        f"  reference run: exit {reference.returncode}, {ref['promises']} drafts in "
        f"{elapsed:.0f} s",
        flush=True,
    )
    check(
        reference.returncode == 0 and ref["promises"] == documents,
        f"the uninterrupted run imports all {documents} (exit {reference.returncode})",
    )

    env = import_setup(DB, str(work / "run"))
    media = work / "run" / "media"
    victim = import_cli(env, folder)
    killed_at = None
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and victim.poll() is None:
        done = sql(DB, "SELECT count(*) FROM promises_promise")[0][0]
        if done >= documents // 2 and open_transaction(DB):
            os.killpg(victim.pid, signal.SIGKILL)
            killed_at = done
            break
        time.sleep(0.01)
    victim.wait()
    check(killed_at is not None, f"killed with a transaction open after {killed_at}")
    after = import_state(DB, media)
    print(
        f"  after the kill: {after['documents']} documents, {after['promises']} drafts,"
        f" {len(after['orphan_files'])} files without a row",
        flush=True,
    )
    check(after["documents_without_run"] == 0, "no document without its run")
    check(after["promises_without_run"] == 0, "no draft without its run")
    check(after["documents"] == after["promises"], "one draft per stored document")
    check(after["failed_runs"] == 0, "no failed run left by the kill")
    ref_by_sha = {row[0]: row for row in ref["fingerprint"]}
    check(
        all(ref_by_sha.get(row[0]) == row for row in after["fingerprint"]),
        "every draft present is complete (same title, commitments, focus areas, "
        "signatories and parties as in the reference run)",
    )
    check(not after["torn_files"], "no stored file differs from its sha256")
    check(not after["temporary_files"], "no temporary file left")

    rerun = import_cli(env, folder)
    out, _ = rerun.communicate()
    final = import_state(DB, media)
    check(rerun.returncode == 0, f"the re-run exits 0 ({out.strip().splitlines()[0]})")
    check(final["fingerprint"] == ref["fingerprint"], "the result equals the reference")
    check(final["promises"] == documents, f"{documents} drafts, each document once")
    check(not final["torn_files"] and not final["orphan_files"], "no stray file")
    common.drop_database(DB)
    common.drop_database(DB_REF)
    shutil.rmtree(work, ignore_errors=True)
