"""Many documents at once, and the sweep of stuck imports.

A bulk import (the web form "Importera flera", up to ``BULK_MAX_ITEMS`` files and
addresses) keeps each document as an :class:`ImportJob` and one background job
reads them in turn: its status page counts them and ends with what was read, what
will be tried again and why the others failed. Each document keeps its own rules
(``jobs.import_job_run``): a transient failure is retried by itself, a failure
leaves nothing behind, a success waits for review on the import page.

``import_jobs_sweep`` (periodic, with the other sweeps): an import RUNNING with no
change for ``IMPORT_JOB_TIMEOUT_MINUTES`` (its worker died or hung) is queued again
while attempts are left, else failed with the reason.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from medborgarloften.jobs import registry
from medborgarloften.jobs.models import Job
from medborgarloften.jobs.services import SweepSummary, job_create
from medborgarloften.lib.i18n import bilingual_half
from medborgarloften.places.models import Organisation

from .jobs import MAX_ATTEMPTS, import_job_run
from .models import ImportJob, ImportJobStage, ImportJobStatus
from .selectors import promises_from_same_bytes

KIND = "bulk_import"
#: Files and addresses in one bulk import.
BULK_MAX_ITEMS = 50


@dataclass(frozen=True)
class BulkItem:
    filename: str = ""
    data: bytes = b""
    content_type: str = ""
    url: str = ""


def bulk_import_create(
    *, kommun: Organisation, actor: Any, items: list[BulkItem]
) -> Job:
    """One import per item and the background job that reads them, all saved
    together or none; raises ValueError for none or too many items."""
    if not items:
        raise ValueError(_("Välj minst en fil eller skriv minst en webbadress."))
    if len(items) > BULK_MAX_ITEMS:
        raise ValueError(_("Högst %(n)d dokument åt gången.") % {"n": BULK_MAX_ITEMS})
    with translation.override(settings.LANGUAGE_CODE):  # as the worker writes
        title = _("Import av %(n)d dokument till %(kommun)s") % {
            "n": len(items),
            "kommun": kommun,
        }
    items, duplicates = _without_repeats(items)
    with transaction.atomic():
        imports = ImportJob.objects.bulk_create(
            ImportJob(
                kommun=kommun,
                actor=actor if getattr(actor, "pk", None) else None,
                data=item.data if not item.url else b"",
                filename=item.filename[:300],
                content_type=item.content_type[:200],
                url=item.url,
            )
            for item in items
        )
        return job_create(
            kind=KIND,
            title=title,
            params={"imports": [job.pk for job in imports], "duplicates": duplicates},
            actor=actor,
            kommun=kommun,
        )


def _without_repeats(items: list[BulkItem]) -> tuple[list[BulkItem], list[list[str]]]:
    """The items with each file (the same bytes, whatever its name) and each address
    once, and the repeats left out as ``[repeat, the one kept]`` names."""
    kept: list[BulkItem] = []
    seen: dict[str, str] = {}
    repeats: list[list[str]] = []
    for item in items:
        key = item.url or "sha256:" + hashlib.sha256(item.data).hexdigest()
        label = item.url or item.filename
        if key in seen:
            repeats.append([label, seen[key]])
            continue
        seen[key] = label
        kept.append(item)
    return kept, repeats


def bulk_import(job: Job, progress: registry.Progress) -> registry.Output:
    """Read each import of the batch not yet finished; see the module."""
    ids: list[int] = job.params["imports"]
    progress(total=len(ids))
    for number, import_id in enumerate(ids, 1):
        progress(
            step=_("Läser dokument %(n)d av %(of)d") % {"n": number, "of": len(ids)}
        )
        import_job_run(job_id=import_id)
        progress(done=number)
    imports = list(ImportJob.objects.filter(pk__in=ids).defer("data").order_by("pk"))
    done = [i for i in imports if i.status == ImportJobStatus.DONE]
    failed = [i for i in imports if i.status == ImportJobStatus.FAILED]
    again = len(imports) - len(done) - len(failed)
    # The worker writes in Swedish (the job's title too); each document's reason
    # in the reader's language is on the status page (bulk_import_results).
    reasons = "; ".join(
        f"{i.label}: {i.error.partition(' / ')[0].strip()}" for i in failed[:10]
    )
    summary = _(
        "%(done)d inlästa och klara att granska på importsidan, %(again)d försöks "
        "igen, %(failed)d misslyckades."
    ) % {"done": len(done), "again": again, "failed": len(failed)}
    if failed and not done and not again:
        raise registry.Fail(f"{summary} {reasons}")
    return registry.Output(message=f"{summary} {reasons}".strip())


def bulk_import_results(job: Job) -> list[registry.Result]:
    """Each document of the batch: a link to its review when it was read, else to
    its import with why it failed, or that it will be tried again."""
    results = [
        registry.Result(
            repeat, "", _("samma fil som %(kept)s; hoppades över") % {"kept": kept}
        )
        for repeat, kept in job.params.get("duplicates", [])
    ]
    imports = ImportJob.objects.filter(pk__in=job.params.get("imports", []))
    for item in imports.defer("data").order_by("pk").select_related("run__document"):
        if item.status == ImportJobStatus.DONE and item.run is not None:
            url = reverse("documents:review", args=[item.run_id])
            note = _("klar att granska")
            same = promises_from_same_bytes(sha256=item.run.document.sha256)
            if same.exclude(pk=item.run.promise_id).exists():
                note = _("klar att granska – löftet kan redan finnas")
            results.append(registry.Result(item.label, url, note))
            continue
        url = reverse("documents:job", args=[item.pk])
        if item.status == ImportJobStatus.FAILED:
            reason = bilingual_half(item.error)
            results.append(registry.Result(item.label, url, reason, failed=True))
        else:
            results.append(registry.Result(item.label, url, _("försöks igen")))
    return results


def import_jobs_sweep(*, now: datetime | None = None) -> SweepSummary:
    """Imports stuck RUNNING: queued again while attempts are left, else failed."""
    from .tasks import import_document

    now = now or timezone.now()
    minutes = settings.IMPORT_JOB_TIMEOUT_MINUTES
    summary = SweepSummary()
    stuck = ImportJob.objects.filter(
        status=ImportJobStatus.RUNNING, updated_at__lt=now - timedelta(minutes=minutes)
    )
    for job in stuck.only("pk", "attempts"):
        still = ImportJob.objects.filter(pk=job.pk, status=ImportJobStatus.RUNNING)
        if job.attempts < MAX_ATTEMPTS:
            with transaction.atomic():
                if still.update(
                    status=ImportJobStatus.QUEUED,
                    stage=ImportJobStage.RETRYING,
                    updated_at=now,
                    error=_(
                        "Importen stod still i mer än %(m)d minuter och startas om."
                    )
                    % {"m": minutes},
                ):
                    import_document.enqueue(job_id=job.pk)
                    summary.retried += 1
        elif still.update(
            status=ImportJobStatus.FAILED,
            stage=ImportJobStage.FINISHED,
            updated_at=now,
            data=b"",
            error=_(
                "Importen stod still i mer än %(m)d minuter och har avbrutits efter "
                "%(n)d försök; inget har sparats."
            )
            % {"m": minutes, "n": job.attempts},
        ):
            summary.failed += 1
    return summary


def register() -> None:
    registry.register(
        registry.JobKind(
            KIND,
            bulk_import,
            max_attempts=2,
            timeout=timedelta(hours=2),
            results=bulk_import_results,
        )
    )
    registry.register_periodic(
        registry.Periodic(
            "import_sweep",
            every=registry.every_minutes("JOB_SWEEP_MINUTES"),
            enqueue=import_jobs_sweep,
        )
    )
