"""Public pages: the "Tyck till" form, "Du sa – vi gjorde", the e-mail links, the
QR poster. Public POSTs count against the "form" rate limit
(operations.middleware), as every public form does."""

from __future__ import annotations

from typing import Any

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from medborgarloften.lib.forms import apply_service_errors
from medborgarloften.lib.siteurl import site_root
from medborgarloften.places.maps import kommun_pick_map
from medborgarloften.places.models import Area, Organisation, OrganisationKind

from . import notify
from .forms import ReportForm
from .models import Case, CaseSource, Moderation, normalised_reference
from .selectors import (
    outcome_counts,
    outcome_groups,
    public_cases,
    receives_reports,
)
from .services import case_check, case_create


def _kommun(code: str) -> Organisation:
    return get_object_or_404(Organisation, kind=OrganisationKind.KOMMUN, code=code)


def _area(kommun: Organisation, raw: str | None) -> Area | None:
    if not raw or not raw.isdigit():
        return None
    return Area.objects.filter(kommun=kommun, pk=int(raw)).first()


def _check_the_rest(form: ReportForm, kommun: Organisation) -> None:
    """The form failed on a field of its own (say, the e-mail address): check what
    the service checks too (photo, theme, text, place), so every error shows at once.
    Fields that failed already are left out."""
    data = form.cleaned_data
    kept: dict[str, Any] = {
        k: data[k] for k in ("theme", "text", "area", "photo") if k in data
    }
    if "latitude" in data and "longitude" in data:
        kept |= {"latitude": data["latitude"], "longitude": data["longitude"]}
    errors = case_check(kommun=kommun, **kept)
    if "theme" not in kept:
        errors.pop("theme", None)
    if "text" not in kept:
        errors.pop("text", None)
    errors = {k: v for k, v in errors.items() if k not in form.errors}
    if errors:
        apply_service_errors(form, ValidationError(errors))


def report(request: HttpRequest, code: str) -> HttpResponse:
    """Tyck till / anmäl en otrygg plats. For a kommun nobody here handles reports
    for, the page says where to turn instead and takes nothing (a POST is a 403)."""
    kommun = _kommun(code)
    if not receives_reports(kommun):
        return render(
            request,
            "cases/report_closed.html",
            {"kommun": kommun},
            status=403 if request.method == "POST" else 200,
        )
    focus = _area(kommun, request.GET.get("omrade"))
    initial = {"area": focus.pk} if focus else {}
    form = ReportForm(
        request.POST or None, request.FILES or None, kommun=kommun, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:  # the honeypot: a script, thanked and dropped
            return redirect("cases:thanks", code=kommun.code)
        data = form.cleaned_data
        try:
            with transaction.atomic():
                case = case_create(
                    kommun=kommun,
                    source=CaseSource.FORM,
                    theme=data["theme"],
                    text=data["text"],
                    area=data["area"],
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    place_text=data["place_text"],
                    photo=data["photo"],
                    email=data["email"] or "",
                )
                site = site_root(request)
                transaction.on_commit(
                    lambda: notify.email_confirmation_send(case=case, site=site)
                )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("cases:receipt", code=kommun.code, reference=case.reference)
    elif form.is_bound:  # an empty POST leaves the form unbound: nothing to check
        _check_the_rest(form, kommun)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "cases/report.html",
        {
            "kommun": kommun,
            "form": form,
            "map": kommun_pick_map(kommun, focus=focus),
            "has_areas": Area.objects.filter(kommun=kommun).exists(),
            "outcomes_url": reverse("cases:public", args=[kommun.code]),
        },
        status=status,
    )


def thanks(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "cases/thanks.html", {"kommun": _kommun(code)})


def _by_reference(reference: str) -> Case:
    return get_object_or_404(
        Case.objects.select_related(
            "kommun", "owner", "area", "activity", "commitment"
        ),
        reference=normalised_reference(reference),
    )


def receipt(request: HttpRequest, code: str, reference: str) -> HttpResponse:
    """The receipt after "Skicka": the case's reference and its status page."""
    case = _by_reference(reference)
    if case.kommun.code != code:
        raise Http404
    return render(
        request,
        "cases/thanks.html",
        {
            "kommun": case.kommun,
            "case": case,
            "placed": bool(
                case.area_id or case.latitude is not None or case.place_text
            ),
            "status_url": request.build_absolute_uri(
                reverse("cases:status", args=[case.reference])
            ),
        },
    )


def status(request: HttpRequest, reference: str) -> HttpResponse:
    """What became of a case, for whoever holds its reference: the status, and —
    once reviewed — the published text, the answer and the outcome. Nothing
    internal (notes, e-mail, the text as sent) and nothing not yet reviewed."""
    case = _by_reference(reference)
    merged_into = case.duplicate_of
    return render(
        request,
        "cases/status.html",
        {
            "case": case,
            "kommun": case.kommun,
            "public": case.moderation == Moderation.PUBLIC and merged_into is None,
            "merged_into": merged_into,
        },
    )


def outcomes(request: HttpRequest, code: str) -> HttpResponse:
    """Du sa – vi gjorde: the kommun's moderated cases by theme, with the outcome."""
    kommun = _kommun(code)
    area = _area(kommun, request.GET.get("omrade"))
    return render(
        request,
        "cases/outcomes.html",
        {
            "kommun": kommun,
            "area": area,
            # Only areas with something to show: a filter that empties the page helps
            # nobody.
            "areas": Area.objects.filter(
                pk__in=public_cases(kommun).values("area_id")
            ).order_by("name"),
            "groups": outcome_groups(kommun, area_id=area.pk if area else None),
            "counts": outcome_counts(kommun),
        },
    )


def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks, POST confirms (a mail scanner following the link confirms
    nothing: the address is confirmed by whoever reads the mail)."""
    if request.method == "POST":
        case = notify.email_confirm(token=token, site=site_root(request))
        return render(
            request, "cases/email.html", {"ok": case is not None, "confirmed": True}
        )
    return render(request, "cases/email_confirm.html", {"token": token})


def email_delete(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks, POST deletes (a mail scanner following the link deletes nothing)."""
    if request.method == "POST":
        ok = notify.email_delete(token=token)
        return render(request, "cases/email.html", {"ok": ok, "deleted": True})
    return render(request, "cases/email_delete.html", {"token": token})


def poster(request: HttpRequest, code: str, area_id: int) -> HttpResponse:
    """A printable poster for a place: its QR code leads to the form for that area;
    the page names the outcomes page too."""
    kommun = _kommun(code)
    area = _area(kommun, str(area_id))
    if area is None:
        raise Http404
    form_url = request.build_absolute_uri(
        reverse("cases:report", args=[kommun.code]) + f"?omrade={area.pk}"
    )
    qr = segno.make(form_url, error="m")
    return render(
        request,
        "cases/poster.html",
        {
            "kommun": kommun,
            "area": area,
            "form_url": form_url,
            "outcomes_url": request.build_absolute_uri(
                reverse("cases:public", args=[kommun.code]) + f"?omrade={area.pk}"
            ),
            "qr_svg": qr.svg_data_uri(scale=8, border=2),
        },
    )
