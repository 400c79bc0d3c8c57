"""The import review screen: upload a document (or a URL), review, create a draft.

Upload → ``document_upload`` stores the document and an extraction run (no promise);
the review page of that run (a stable URL) shows the text with every extracted span
marked beside the editable fields; "Skapa utkast" → ``extraction_run_draft_create``
loads the reviewed record as a draft and links the run to it. Only editors of the
document's kommun (or of a lokalpolisområde serving it) get in.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.accounts.permissions import is_superuser
from medborgarloften.extract.readers.ocr import ocr_available
from medborgarloften.lib.access import found
from medborgarloften.lib.forms import service_done
from medborgarloften.lib.i18n import bilingual_half
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Promise

from . import bulk, jobs, services
from .forms import BulkUploadForm, ReviewEditor, UploadForm
from .models import (
    ExtractionRun,
    ExtractionRunStatus,
    ImportJob,
    ImportJobStage,
    ImportJobStatus,
)
from .review import document_reading_warnings, highlight_html, mark_links
from .selectors import (
    duplicate_promises,
    earlier_draft,
    extraction_run_get,
    extraction_runs_visible_to,
    import_channel,
    import_jobs_pending_for_kommuner,
    kommuner_for_import,
    open_reviews_of_same_bytes,
)


def _swedish(reason: str) -> str:
    """The Swedish half of a 'Swedish / English' reason line."""
    return reason.split(" / ", 1)[0].strip() or reason


def _reused_message(request: HttpRequest, job: ImportJob) -> None:
    if not job.reused_document:
        return
    earlier = earlier_draft(run=job.run) if job.run is not None else None
    if earlier is None:
        messages.info(
            request, _("Samma dokument har importerats förut; det återanvänds.")
        )
        return
    messages.info(
        request,
        format_html(
            _(
                "Samma dokument har importerats förut och blev då utkastet "
                '<a href="{url}">{title}</a>.'
            ),
            url=reverse("promises:detail", args=[earlier.pk]),
            title=earlier.title,
        ),
    )


def _job_for_editor(request: HttpRequest, pk: int) -> ImportJob:
    """The job if the user may import for its kommun, else 404/403."""
    job = ImportJob.objects.select_related("kommun").filter(pk=pk).first()
    if job is None:
        raise Http404(_("Det finns ingen import med det numret."))
    allowed = is_superuser(request.user) or (
        kommuner_for_import(user=request.user).filter(pk=job.kommun_id).exists()
    )
    if not allowed:
        raise PermissionDenied(
            _("Bara administratörer och redaktörer i kommunen får se importen.")
        )
    return job


def _run_for_editor(request: HttpRequest, pk: int) -> ExtractionRun:
    """The run if the user may import for its document's kommun, else 403."""
    run = found(
        lambda: extraction_run_get(pk=pk),
        ExtractionRun.DoesNotExist,
        _("Det finns ingen import med det numret."),
    )
    kommun = run.document.kommun
    allowed = is_superuser(request.user) or (
        kommun is not None
        and kommuner_for_import(user=request.user).filter(pk=kommun.pk).exists()
    )
    if not allowed:
        raise PermissionDenied(
            _(
                "Bara administratörer och redaktörer i dokumentets kommun eller "
                "lokalpolisområde får granska importen."
            )
        )
    return run


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops reading an upload once it passes the document size limit, so a 500 MB
    file is neither kept in memory nor written to a temporary file; the rest of the
    request is read and thrown away, and the view says why."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.request.upload_too_large = True  # type: ignore[union-attr]  # the upload handler runs with a request
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _too_large_message() -> str:
    return _("Filen är större än %(mb)s MB.") % {
        "mb": services.reading.MAX_DOCUMENT_BYTES // (1024 * 1024)
    }


_UploadFormT = TypeVar("_UploadFormT", UploadForm, BulkUploadForm)


def _upload_form(
    request: HttpRequest, form_class: type[_UploadFormT]
) -> tuple[QuerySet[Organisation], _UploadFormT, str]:
    """The kommuner the user may import for (none: PermissionDenied), the upload
    form bound to a POST that kept within the size limit, and the size error."""
    kommuner = kommuner_for_import(user=request.user)
    if not kommuner.exists():
        raise PermissionDenied(
            _("Bara administratörer och redaktörer får importera medborgarlöften.")
        )
    if request.method == "POST":
        request.FILES  # noqa: B018 - parse the body now, through the size limit
    too_large = getattr(request, "upload_too_large", False)
    posted = request.method == "POST" and not too_large
    form = form_class(
        data=request.POST if posted else None,
        files=request.FILES if posted else None,
        kommuner=kommuner,
    )
    return kommuner, form, _too_large_message() if too_large else ""


@csrf_exempt
def import_start(request: HttpRequest) -> HttpResponse:
    # The size limit must be in place before anything reads the body, the CSRF
    # check included; hence csrf_exempt here and csrf_protect on the view itself.
    request.upload_handlers.insert(
        0, SizeLimitUploadHandler(request, services.reading.MAX_DOCUMENT_BYTES)
    )
    return _import_start(request)


@csrf_protect
@staff_view
def _import_start(request: HttpRequest) -> HttpResponse:
    kommuner, form, error = _upload_form(request, UploadForm)
    not_stored = False
    if form.is_valid():
        upload = form.cleaned_data.get("file")
        data = b""
        if upload is not None:
            if upload.size > services.reading.MAX_DOCUMENT_BYTES:
                error = _too_large_message()
            else:
                data = upload.read()
        if not error:
            job = jobs.import_job_create(
                kommun=form.cleaned_data["kommun"],
                data=data,
                filename=upload.name if upload is not None else "",
                content_type=upload.content_type if upload is not None else None,
                url=form.cleaned_data.get("url") or "",
                actor=request.user,
            )
            if job.status == ImportJobStatus.FAILED:
                # Finished already (TASKS_BACKEND=immediate): say why on the form.
                error = bilingual_half(job.error)
                not_stored = job.not_stored
            elif job.status == ImportJobStatus.DONE and job.run_id is not None:
                _reused_message(request, job)
                return redirect("documents:review", pk=job.run_id)
            else:
                return redirect("documents:job", pk=job.pk)
    response = render(
        request,
        "documents/import.html",
        {
            "form": form,
            "error": error,
            **_earlier_imports(request),
            "jobs": import_jobs_pending_for_kommuner(kommuner=kommuner),
            "max_mb": services.reading.MAX_DOCUMENT_BYTES // (1024 * 1024),
            "ocr_available": ocr_available(),
        },
        # A full disk is the server's fault and passes: 503, try again later.
        status=503 if not_stored else 400 if error else 200,
    )
    if not_stored:
        response["Retry-After"] = "300"
    return response


#: Earlier imports per page of the import page.
IMPORTS_PER_PAGE = 25


def _earlier_imports(request: HttpRequest) -> dict[str, object]:
    """The import page's "Tidigare importer": every import the user may see, web
    and command line, a page at a time (?sida=), each with how it was made."""
    page = Paginator(
        extraction_runs_visible_to(user=request.user), IMPORTS_PER_PAGE
    ).get_page(request.GET.get("sida"))
    channels = {"webb": _("Webb"), "kommandorad": _("Kommandorad")}
    return {
        "runs": [{"run": r, "channel": channels[import_channel(r)]} for r in page],
        "runs_page": page,
    }


def _review_write(
    request: HttpRequest, run: ExtractionRun, editor: ReviewEditor, *, create: bool
) -> Promise | None:
    """ "Skapa utkast" saves the reviewed draft; "Kontrollera" runs the very same
    checks (the forms', then the writer's, rolled back) and saves nothing. Errors go
    on the editor's fields; the saved promise, if any, is returned."""
    if not editor.is_valid():
        return None
    draft = editor.reviewed_draft()
    service = (
        services.extraction_run_draft_create
        if create
        else services.extraction_run_draft_check
    )
    try:
        promise = service(
            run=run,
            draft=draft,
            actor=request.user,
            create_missing_police_area=editor.create_police_area(),
            as_reference=editor.as_reference(),
        )
    except ValidationError as exc:
        editor.add_service_error(exc)
        return None
    return promise if create else None


@staff_view
def import_review(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_for_editor(request, pk)
    usable = run.status == ExtractionRunStatus.OK and run.promise_id is None
    editor = ReviewEditor(
        run=run,
        data=request.POST if request.method == "POST" and usable else None,
        may_create_police=is_superuser(request.user),
        user=request.user,
    )
    posted = usable and request.method == "POST"
    creating = posted and "create" in request.POST
    promise = _review_write(request, run, editor, create=creating) if posted else None
    if promise is not None:
        text = _("Utkastet ”%(title)s” är skapat.") % {"title": promise.title}
        if promise.is_reference:
            text += " " + _(
                "Det är sparat som referens för jämförelse och publiceras aldrig."
            )
        if editor.asked_parties and not promise.is_reference:
            # a reference is never published: nobody is asked to stand behind it
            text += " " + ngettext(
                "%(names)s är tillfrågad att stå som part och blir part när "
                "den godkänner.",
                "%(names)s är tillfrågade att stå som parter och blir parter när "
                "de godkänner.",
                len(editor.asked_parties),
            ) % {"names": ", ".join(editor.asked_parties)}
        if editor.left_out:
            text += " " + _(
                "Platser som inte blev nya områden togs inte med: %(names)s."
            ) % {"names": ", ".join(editor.left_out)}
        messages.success(request, text)
        return redirect("promises:edit", pk=promise.pk)
    return render(
        request,
        "documents/review.html",
        {
            "run": run,
            "document": run.document,
            "editor": editor,
            "usable": usable,
            "source_html": highlight_html(editor.text, editor.marks),
            "mark_links": mark_links(editor.text, editor.marks),
            "reading_warnings": document_reading_warnings(run.document, run.record),
            "similar": duplicate_promises(run=run, user=request.user) if usable else [],
            # Said when the review is opened (the check keeps its query budget).
            "same_reviews": (
                open_reviews_of_same_bytes(run=run, user=request.user)
                if usable and request.method == "GET"
                else []
            ),
            "checked": request.method == "POST" and usable,
            "creating": creating,
        },
        status=400 if editor.error_summary else 200,
    )


@csrf_exempt
def bulk_import_start(request: HttpRequest) -> HttpResponse:
    """Many documents at once, read by the worker (documents/bulk.py); the size
    limit of one document holds for each file."""
    request.upload_handlers.insert(
        0, SizeLimitUploadHandler(request, services.MAX_DOCUMENT_BYTES)
    )
    return _bulk_import_start(request)


@csrf_protect
@staff_view
def _bulk_import_start(request: HttpRequest) -> HttpResponse:
    _kommuner, form, error = _upload_form(request, BulkUploadForm)
    if form.is_valid():
        items = [
            bulk.BulkItem(
                filename=upload.name,
                data=upload.read(),
                content_type=upload.content_type or "",
            )
            for upload in form.cleaned_data["uploads"]
        ] + [bulk.BulkItem(url=url) for url in form.cleaned_data["urls"]]
        try:
            job = bulk.bulk_import_create(
                kommun=form.cleaned_data["kommun"], actor=request.user, items=items
            )
        except ValueError as exc:
            error = str(exc)
        else:
            if form.empty_files:
                messages.warning(
                    request,
                    _("Tomma filer hoppades över: %(names)s.")
                    % {"names": ", ".join(form.empty_files)},
                )
            return redirect("jobs:job", pk=job.pk)
    return render(
        request,
        "documents/bulk.html",
        {
            "form": form,
            "error": error,
            "max_items": bulk.BULK_MAX_ITEMS,
            "max_mb": services.MAX_DOCUMENT_BYTES // (1024 * 1024),
        },
        status=400 if error or form.errors else 200,
    )


#: How often the status page of a running import reloads itself (a meta refresh:
#: the CSP allows no inline script).
JOB_REFRESH_SECONDS = 2
#: After this long in the queue the page says the worker may not be running.
STALE_SECONDS = 60


@staff_view
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """Where a background import stands: refreshes itself while it runs, goes on to
    the review page when it is done, and says why when it failed."""
    job = _job_for_editor(request, pk)
    if job.status == ImportJobStatus.DONE and job.run_id is not None:
        _reused_message(request, job)
        return redirect("documents:review", pk=job.run_id)
    return render(
        request,
        "documents/job.html",
        {
            "job": job,
            "error": bilingual_half(job.error) if job.error else "",
            "refresh": 0 if job.finished else JOB_REFRESH_SECONDS,
            "ocr_available": ocr_available(),
            # Still waiting for a worker after a minute: perhaps none runs.
            "no_worker": job.stage == ImportJobStage.WAITING
            and job.created_at < timezone.now() - timedelta(seconds=STALE_SECONDS),
        },
    )


@require_POST
@staff_view
def import_job_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Clear a failed import from "Importer i bakgrunden"."""
    job = _job_for_editor(request, pk)
    service_done(
        request,
        lambda: jobs.import_job_delete(job=job),
        _("Den misslyckade importen av ”%(name)s” är borttagen.") % {"name": job.label},
    )
    return redirect("documents:import")
