"""Staff pages under /personal/: list, create, edit, status, history of promises.

Each view: a permission helper finds the promise, a form or selector does the work,
a template renders. Refusals are a Swedish 403 page, not Django's default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.access import found, guarded, permitted
from medborgarloften.lib.forms import announce_saved, service_done
from medborgarloften.lib.i18n import in_swedish
from medborgarloften.places.permissions import is_partner_only
from medborgarloften.promises import document
from medborgarloften.promises.document import review_context

from .forms import PromiseEditor
from .models import PartyRequestStatus, Promise, PromiseStatus
from .permissions import (
    can_create_promise,
    can_decide_party_request,
    can_edit_promise,
    can_make_own_draft,
    can_view_promise,
)
from .selectors import (
    promise_checks,
    promise_for_staff,
    promise_history_with_changes,
    promise_list_for_user,
    promise_page,
)
from .services import promise_create as promise_create_service
from .services import (
    promise_delete,
    promise_party_accept,
    promise_party_decline,
    promise_reference_to_draft,
    promise_set_status,
    promise_successor_create,
    promise_update,
    promise_version,
)
from .signals import promise_draft_notes

View = Callable[..., HttpResponse]


def _promise(pk: int) -> Promise:
    return found(
        lambda: promise_for_staff(pk=pk),
        Promise.DoesNotExist,
        _("Det finns inget medborgarlöfte med det numret."),
    )


#: The promise if the user is a member of one of its parties, else 403.
_promise_for_viewer = guarded(
    _promise,
    can_view_promise,
    gettext_lazy("Du är inte medlem i någon av organisationerna bakom det här löftet."),
)

#: The promise if the user is admin or editor in one of its parties, else 403.
_promise_for_editor = guarded(
    _promise,
    can_edit_promise,
    gettext_lazy(
        "Bara administratörer och redaktörer i organisationerna bakom "
        "löftet får ändra det."
    ),
)


STATUS_ACTIONS: dict[str, dict[str, Any]] = {
    PromiseStatus.DRAFT: {
        "verb": gettext_lazy("Gör till utkast igen"),
        "consequence": gettext_lazy("Löftet kan ändras som ett utkast."),
    },
    PromiseStatus.ADOPTED: {
        "verb": gettext_lazy("Anta"),
        "consequence": gettext_lazy(
            "Löftet markeras som antaget av parterna. Det syns inte på den "
            "öppna webbplatsen förrän det publiceras."
        ),
    },
    PromiseStatus.PUBLISHED: {
        "verb": gettext_lazy("Publicera"),
        "consequence": gettext_lazy(
            "Löftet blir synligt för alla på den öppna webbplatsen, utan inloggning."
        ),
    },
    PromiseStatus.CLOSED: {
        "verb": gettext_lazy("Avsluta"),
        "consequence": gettext_lazy(
            "Löftet visas som avslutat. Det finns kvar på den öppna webbplatsen "
            "bland tidigare löften."
        ),
    },
}


def _status_actions(promise: Promise) -> list[dict[str, Any]]:
    actions = []
    for status in promise.allowed_transitions():
        action = dict(STATUS_ACTIONS[status])
        if status == PromiseStatus.ADOPTED and promise.is_public:
            action["verb"] = _("Avpublicera (tillbaka till antaget)")
            action["consequence"] = _(
                "Löftet tas bort från den öppna webbplatsen men finns kvar här."
            )
        if status == PromiseStatus.PUBLISHED and promise.status == "closed":
            action["verb"] = _("Öppna igen")
        actions.append({"status": status, **action})
    return actions


@staff_view
def promise_list(request: HttpRequest) -> HttpResponse:
    if is_partner_only(request.user):
        # A partner's work is its own commitments, not the kommun's promise list.
        return redirect("followup:partner_home")
    status = request.GET.get("status", "")
    if status not in PromiseStatus.values:
        status = ""
    return render(
        request,
        "promises/list.html",
        {
            "sections": promise_list_for_user(user=request.user, status=status),
            "status": status,
            "statuses": PromiseStatus.choices,
            "can_create": can_create_promise(request.user),
        },
    )


@staff_view
def promise_create(request: HttpRequest) -> HttpResponse:
    if not can_create_promise(request.user):
        raise PermissionDenied(
            _("Bara administratörer och redaktörer får skapa medborgarlöften.")
        )
    editor = PromiseEditor(
        user=request.user, data=request.POST if request.method == "POST" else None
    )
    if editor.is_valid():
        try:
            promise = promise_create_service(
                actor=request.user,
                submission=editor.submission,
                **editor.service_input(),
            )
        except ValidationError as exc:
            editor.add_service_errors(exc)
        else:
            announce_saved(
                request,
                promise,
                saved=_("Löftet ”%(title)s” är sparat.") % {"title": promise.title},
                twice=_("Löftet ”%(title)s” var redan sparat; det sparades inte igen.")
                % {"title": promise.title},
            )
            return redirect("promises:detail", pk=promise.pk)
    return render(
        request,
        "promises/form.html",
        {"editor": editor, "promise": None},
    )


@staff_view
def promise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    promise = _promise_for_editor(request, pk)
    editor = PromiseEditor(
        user=request.user,
        promise=promise,
        data=request.POST if request.method == "POST" else None,
    )
    if editor.is_valid():
        try:
            promise = promise_update(
                actor=request.user,
                promise=promise,
                expected_version=editor.expected_version,
                **editor.service_input(),
            )
        except ValidationError as exc:
            editor.add_service_errors(exc)
            if any(e.code == "stale" for e in getattr(exc, "error_list", [])):
                editor.accept_version(promise_version(_promise(pk)))
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("promises:detail", pk=promise.pk)
    return render(
        request,
        "promises/form.html",
        {"editor": editor, "promise": promise},
    )


def _party_answers(request: HttpRequest, promise: Promise) -> list[dict[str, Any]]:
    """The organisations asked to be parties, and whether this user answers for them."""
    return [
        {"request": r, "can_decide": can_decide_party_request(request.user, r)}
        for r in promise.party_requests.all()
    ]


@require_POST
@staff_view
def promise_own_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """A reference becomes a draft of the kommuner it names (see the service)."""
    promise = permitted(
        request.user,
        _promise(pk),
        can_make_own_draft,
        _(
            "Bara administratörer och redaktörer i löftets egna kommuner får "
            "göra referensen till ett eget utkast."
        ),
    )
    done = service_done(
        request,
        lambda: promise_reference_to_draft(actor=request.user, promise=promise),
    )
    if done:
        messages.success(
            request,
            _("”%(title)s” är nu ett vanligt utkast för sina egna parter.")
            % {"title": promise.title},
        )
    return redirect("promises:detail", pk=promise.pk)


@staff_view
def promise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    promise = _promise_for_viewer(request, pk)
    can_edit = can_edit_promise(request.user, promise)
    return render(
        request,
        "promises/detail.html",
        {
            "promise": promise,
            "page": promise_page(promise),
            "checks": promise_checks(promise),
            "draft_notes": _draft_notes(promise),
            "can_edit": can_edit,
            "can_make_own_draft": can_make_own_draft(request.user, promise),
            "status_actions": _status_actions(promise) if can_edit else [],
            "party_answers": _party_answers(request, promise),
            "can_start_next": (
                promise.status != PromiseStatus.DRAFT
                and promise.period_end is not None
                # a promise not yet begun is not the one to follow up on
                and (
                    promise.period_start is None
                    or promise.period_start <= timezone.localdate()
                )
                and not promise.reference_for_id
                and can_create_promise(request.user)
            ),
        },
    )


def _draft_notes(promise: Promise) -> list[str]:
    """What the layers above ask a reviewer of this draft to check (signals)."""
    if promise.status != PromiseStatus.DRAFT:
        return []
    sent = promise_draft_notes.send(sender=Promise, promise=promise)
    return [note for _receiver, notes in sent for note in notes or []]


@staff_view
@require_POST
def promise_party_answer(request: HttpRequest, pk: int, org: int) -> HttpResponse:
    """An organisation asked to be a party accepts, declines or takes back its yes."""
    promise = _promise_for_viewer(request, pk)
    party_request = next(
        (r for r in promise.party_requests.all() if r.organisation_id == org), None
    )
    if party_request is None:
        raise Http404(_("Organisationen är inte tillfrågad om det här löftet."))
    if not can_decide_party_request(request.user, party_request):
        raise PermissionDenied(
            _("Bara administratörer och redaktörer i %(org)s kan svara för %(org)s.")
            % {"org": party_request.organisation}
        )
    answer = request.POST.get("svar", "")
    if answer == "godkann":
        promise_party_accept(actor=request.user, request=party_request)
        messages.success(
            request,
            _(
                "%(org)s står nu som part i löftet. Det syns hos %(org)s på den "
                "öppna webbplatsen när det är publicerat."
            )
            % {"org": party_request.organisation},
        )
    elif answer == "avboj":
        promise_party_decline(actor=request.user, request=party_request)
        messages.success(
            request,
            _(
                "%(org)s står inte som part i löftet och syns inte med det på den "
                "öppna webbplatsen."
            )
            % {"org": party_request.organisation},
        )
    else:
        messages.error(request, _("Välj Godkänn eller Avböj."))
    return redirect("promises:detail", pk=promise.pk)


@staff_view
def promise_status(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    promise = _promise_for_editor(request, pk)
    actions = {a["status"]: a for a in _status_actions(promise)}
    if status not in actions:
        messages.error(
            request,
            _("Ett löfte med status %(status)s kan inte få den statusen.")
            % {"status": promise.get_status_display()},
        )
        return redirect("promises:detail", pk=promise.pk)
    asks_historical = status in (PromiseStatus.ADOPTED, PromiseStatus.PUBLISHED)
    if request.method == "POST":
        historical = bool(request.POST.get("historical")) if asks_historical else None
        done = service_done(
            request,
            lambda: promise_set_status(
                actor=request.user,
                promise=promise,
                status=status,
                historical=historical,
            ),
        )
        if done:
            messages.success(
                request,
                _("Löftet har nu status %(status)s.")
                % {"status": done.value.get_status_display()},
            )
        return redirect("promises:detail", pk=promise.pk)
    warnings: list[str] = []
    if status in (PromiseStatus.ADOPTED, PromiseStatus.PUBLISHED):
        # The checks the promise's page shows, said again before it is adopted or
        # published: undated signatories, a missing police party, and the rest.
        warnings = [c.message for c in promise_checks(promise) if not c.ok]
    return render(
        request,
        "promises/status_confirm.html",
        {
            "promise": promise,
            "action": actions[status],
            "new_status_label": PromiseStatus(status).label,
            "warnings": warnings,
            "asks_historical": asks_historical,
            "suggest_historical": promise.historical
            or (
                promise.period_end is not None
                and promise.period_end < timezone.localdate()
            ),
        },
    )


@staff_view
def promise_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a draft after a confirmation page naming what goes with it."""
    promise = _promise_for_editor(request, pk)
    if promise.status != PromiseStatus.DRAFT:
        messages.error(
            request,
            _(
                "Bara ett utkast kan tas bort. Ett antaget eller publicerat löfte "
                "är parternas beslut och finns kvar."
            ),
        )
        return redirect("promises:detail", pk=promise.pk)
    if request.method == "POST":
        done = service_done(
            request, lambda: promise_delete(actor=request.user, promise=promise)
        )
        if done is None:
            return redirect("promises:detail", pk=promise.pk)
        messages.success(
            request, _("Utkastet ”%(title)s” är borttaget.") % {"title": done.value}
        )
        return redirect("promises:list")
    return render(
        request,
        "promises/delete_confirm.html",
        {
            "promise": promise,
            "asked": [
                r
                for r in promise.party_requests.all()
                if r.status == PartyRequestStatus.PENDING
            ],
        },
    )


@staff_view
@require_POST
def promise_successor(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft for the next period from this promise; then its editor."""
    promise = _promise_for_viewer(request, pk)
    done = service_done(
        request,
        lambda: promise_successor_create(actor=request.user, promise=promise),
    )
    if done is None:
        return redirect("promises:detail", pk=promise.pk)
    messages.success(
        request,
        _(
            "Ett utkast för nästa period är skapat från ”%(title)s”: samma parter, "
            "fokusområden och åtaganden. Gå igenom det mot den nya lägesbilden och "
            "ändra målen där det behövs."
        )
        % {"title": promise.title},
    )
    return redirect("promises:edit", pk=done.value.pk)


@staff_view
def promise_history(request: HttpRequest, pk: int) -> HttpResponse:
    promise = _promise_for_viewer(request, pk)
    return render(
        request,
        "promises/history.html",
        {
            "promise": promise,
            "entries": promise_history_with_changes(promise=promise),
            "can_edit": can_edit_promise(request.user, promise),
        },
    )


# --- The promise document and its review sheet ---------------------------------


@staff_view
def promise_document_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The review sheet: what to look at before signing, apart from the document."""

    promise = _promise_for_viewer(request, pk)
    return render(
        request, "promises/document_review.html", review_context(promise=promise)
    )


@in_swedish
def _document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:

    promise = _promise_for_viewer(request, pk)
    try:
        if fmt == "pdf":
            return document.pdf_response(
                promise=promise, base_url=request.build_absolute_uri("/")
            )
        return document.docx_response(promise=promise)
    except document.DocumentRefused as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("promises:document_review", pk=promise.pk)


@staff_view
def promise_document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _document(request, pk, "pdf")


@staff_view
def promise_document_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _document(request, pk, "docx")
