"""The follow-up dashboard, activities (log, change, remove, import) and assessments."""

from __future__ import annotations

import base64
import binascii
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.accounts.permissions import organisation_roles
from medborgarloften.followup.plan_selectors import communication_late
from medborgarloften.followup.reminders import reminders_for_user
from medborgarloften.lib.forms import (
    announce_saved,
    apply_service_errors,
    form_saved,
    form_submit,
)
from medborgarloften.lib.todo import todo_for
from medborgarloften.promises.models import Commitment

from .. import evidence, selectors
from ..forms import COMMON_KINDS, ActivityForm, AssessmentForm, ImportForm
from ..models import Assessment
from ..permissions import (
    can_edit_promise,
    can_log_activity,
)
from ..services import (
    COLUMN_HELP,
    ImportRefused,
    StaleActivity,
    activities_import,
    activities_import_check,
    activity_create,
    activity_delete,
    activity_update,
    assessment_save,
)
from ..tables import MAX_BYTES
from ._common import (
    CANNOT_LOG,
    _activity_for_changer,
    _commitment_for_logger,
    _promise,
    _require_editor,
    delete_page,
)

# --- Dashboard and activities ------------------------------------------------------


@staff_view
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    promise = _promise(request, pk)
    board = selectors.promise_dashboard(promise=promise)
    rows = evidence.evidence_rows(promise=promise, today=board.today, rows=board.rows)

    return render(
        request,
        "followup/dashboard.html",
        {
            "promise": promise,
            "board": board,
            "evidence": rows,
            "quality": evidence.process_quality(
                promise=promise, today=board.today, plan=board.plan
            ),
            "late_communication": communication_late(promise=promise),
            "can_edit": can_edit_promise(request.user, promise),
            "can_log": can_log_activity(request.user, promise),
        },
    )


@staff_view
def activity_list(request: HttpRequest, pk: int) -> HttpResponse:
    promise = _promise(request, pk)
    raw = request.GET.get("atagande", "")
    commitment_id = int(raw) if raw.isdecimal() else None
    return render(
        request,
        "followup/activity_list.html",
        {
            "promise": promise,
            "activities": selectors.activities_for_promise(
                promise=promise, commitment_id=commitment_id
            ),
            "can_edit": can_edit_promise(request.user, promise),
        },
    )


def _activity_form(commitment: Commitment, *args: Any, **kwargs: Any) -> ActivityForm:
    areas, organisations = selectors.activity_choices(commitment=commitment)
    return ActivityForm(*args, areas=areas, organisations=organisations, **kwargs)


def _progress_row(commitment: Commitment) -> Any:
    rows = selectors.commitment_rows(promise=commitment.promise)
    return next((r for r in rows if r.commitment.pk == commitment.pk), None)


def _render_activity_form(
    request: HttpRequest,
    commitment: Commitment,
    form: Any,
    *,
    row: Any = None,
    activity: Any = None,
    stale: bool = False,
) -> HttpResponse:
    """The new/edit activity page; 409 when the edit lost to a newer version."""
    context: dict[str, Any] = {
        "commitment": commitment,
        "promise": commitment.promise,
        "form": form,
        "kinds": COMMON_KINDS,
        "row": row,
        "activity": activity,
    }
    if activity is not None:
        context["stale"] = stale
    return render(
        request,
        "followup/activity_form.html",
        context,
        status=409 if stale else 200,
    )


@staff_view
def activity_new(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment_for_logger(request, pk)
    # The user's own organisation is the likeliest "utförd av".
    own = organisation_roles(request.user)
    initial: dict[str, Any] = {
        "organisation": next(
            (p.pk for p in commitment.promise.parties.all() if p.pk in own), None
        )
    }
    # After a promise ended, late entries belong to its last day, not to today.
    today = timezone.localdate()
    end = commitment.promise.period_end
    initial["date"] = min(today, end) if end else today
    initial["submission"] = uuid.uuid4()
    form = _activity_form(commitment, request.POST or None, initial=initial)
    done = form_submit(
        request,
        form,
        lambda _data: activity_create(
            commitment=commitment, actor=request.user, **form.service_kwargs()
        ),
    )
    if done is not None:
        announce_saved(
            request,
            done.value,
            saved=_("Aktiviteten är sparad."),
            twice=_("Aktiviteten var redan sparad; formuläret skickades två gånger."),
        )
        reason = selectors.activity_not_counted(done.value)
        if reason:
            messages.warning(request, reason)
        return redirect("followup:activity_new", pk=commitment.pk)
    return _render_activity_form(
        request, commitment, form, row=_progress_row(commitment)
    )


@staff_view
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_for_changer(request, pk)
    commitment = selectors.commitment_for_staff(pk=activity.commitment_id)
    initial = {
        "date": activity.date,
        "end_date": activity.end_date,
        "kind": activity.kind,
        "area": activity.area_id,
        "quantity": activity.quantity,
        "participants": activity.participants,
        "organisation": activity.organisation_id,
        "description": activity.description,
        "links": "\n".join(activity.links),
        "hours": activity.hours,
        "cost": activity.cost,
        "version": activity.version,
    }
    form = _activity_form(commitment, request.POST or None, initial=initial)
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            activity_update(
                activity=activity,
                version=form.cleaned_data.get("version") or 0,
                actor=request.user,
                **form.service_kwargs(new=False),
            )
        except StaleActivity as exc:
            stale = True
            form.add_error(None, exc.messages[0])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Ändringen är sparad."))
            return redirect("followup:activities", pk=commitment.promise_id)
    return _render_activity_form(
        request, commitment, form, activity=activity, stale=stale
    )


@staff_view
def activity_remove(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_for_changer(request, pk)
    promise_id = activity.commitment.promise_id
    return delete_page(
        request,
        lambda version: activity_delete(
            activity=activity, version=version, actor=request.user
        ),
        removed=_("Aktiviteten är borttagen."),
        done=reverse("followup:activities", kwargs={"pk": promise_id}),
        template="followup/activity_delete.html",
        context={"activity": activity},
    )


@staff_view
def activity_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → preview with row errors → save all (the file rides along, base64,
    and is checked again on save)."""
    promise = _promise(request, pk)
    if not can_log_activity(request.user, promise):
        raise PermissionDenied(CANNOT_LOG)
    check = None
    form = ImportForm()
    payload = filename = ""
    if request.method == "POST" and "payload" in request.POST:
        filename = request.POST.get("filename", "")[:200]
        try:
            data = base64.b64decode(request.POST["payload"], validate=True)
        except (binascii.Error, ValueError):
            data = b""
        if len(data) > MAX_BYTES:
            data = b""
        try:
            submission = uuid.UUID(request.POST.get("submission", ""))
        except ValueError:
            submission = None
        try:
            created = activities_import(
                promise=promise,
                data=data,
                filename=filename,
                actor=request.user,
                submission=submission,
            )
        except ImportRefused as exc:
            check = exc.check
            payload = request.POST["payload"]
        else:
            announce_saved(
                request,
                created[0] if created else None,
                saved=ngettext(
                    "%(n)s aktivitet är sparad.",
                    "%(n)s aktiviteter är sparade.",
                    len(created),
                )
                % {"n": len(created)},
                twice=_(
                    "Aktiviteterna var redan sparade; bekräftelsen skickades "
                    "två gånger."
                ),
            )
            return redirect("followup:dashboard", pk=promise.pk)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_BYTES:
                form.add_error(
                    "file",
                    _("Fil: högst %(kb)s kB; dela upp den.")
                    % {"kb": MAX_BYTES // 1024},
                )
            else:
                data = upload.read()
                filename = upload.name
                check = activities_import_check(
                    promise=promise, data=data, filename=filename
                )
                payload = base64.b64encode(data).decode("ascii")
    return render(
        request,
        "followup/import.html",
        {
            "promise": promise,
            "form": form,
            "check": check,
            "payload": payload,
            "filename": filename,
            "submission": uuid.uuid4(),
            "columns": COLUMN_HELP,
        },
    )


@staff_view
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment_for_logger(request, pk)
    _require_editor(request, commitment.promise)
    existing = Assessment.objects.filter(commitment=commitment).first()
    initial = (
        {
            "text": existing.text,
            "manual_status": existing.manual_status,
            "version": existing.version,
        }
        if existing
        else {}
    )
    form = AssessmentForm(request.POST or None, initial=initial)
    if form_saved(
        request,
        form,
        lambda data: assessment_save(
            commitment=commitment,
            text=data["text"],
            manual_status=data["manual_status"],
            version=data.get("version"),
            actor=request.user,
        ),
        _("Bedömningen är sparad."),
    ):
        return redirect("followup:dashboard", pk=commitment.promise_id)
    return render(
        request,
        "followup/assessment_form.html",
        {"commitment": commitment, "promise": commitment.promise, "form": form},
    )


# --- Reminders ---------------------------------------------------------------------


@staff_view
def reminders(request: HttpRequest) -> HttpResponse:

    return render(
        request,
        "followup/reminders.html",
        {
            "groups": reminders_for_user(user=request.user),
            # Work the apps above followup register (cases awaiting review …).
            "todo": todo_for(request.user),
        },
    )
