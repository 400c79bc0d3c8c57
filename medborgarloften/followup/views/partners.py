"""Partners' pages: "Våra åtaganden" — the commitments a partner organisation
reports on — one commitment with its status report and activities, and the
coordinator's page for adding people to a partner organisation."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.access import found
from medborgarloften.lib.forms import announce_saved, apply_service_errors
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Commitment

from .. import partner_selectors, selectors
from ..forms import COMMON_KINDS, ActivityForm
from ..partner_forms import PartnerMemberForm, PartnerReportForm, limit_organisations
from ..permissions import (
    can_add_partner_members,
    partner_ids,
    reporting_partner_ids,
)
from ..services import (
    partner_activity_create,
    partner_member_add,
    partner_report_create,
)


@staff_view
def partner_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "followup/partner_list.html",
        {"rows": partner_selectors.partner_commitments(user=request.user)},
    )


def _commitment_for_partner(request: HttpRequest, pk: int) -> Commitment:
    commitment = found(
        lambda: selectors.commitment_for_staff(pk=pk),
        Commitment.DoesNotExist,
        _("Det finns inget åtagande med det numret."),
    )
    if not partner_ids(request.user, commitment):
        raise PermissionDenied(
            _("Din organisation är inte partner för det här åtagandet.")
        )
    return commitment


def _activity_form(
    commitment: Commitment, partners: list[Organisation], data: Any
) -> ActivityForm:
    areas, _orgs = selectors.activity_choices(commitment=commitment)
    today = timezone.localdate()
    end = commitment.promise.period_end
    form = ActivityForm(
        data,
        prefix="aktivitet",
        areas=areas,
        organisations=partners,
        initial={
            "date": min(today, end) if end else today,
            "submission": uuid.uuid4(),
        },
    )
    limit_organisations(form, partners)
    return form


@staff_view
def partner_commitment(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment_for_partner(request, pk)
    reporting = reporting_partner_ids(request.user, commitment)
    partners = [o for o in commitment.other_parties.all() if o.pk in reporting]
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and not partners:
        raise PermissionDenied(_("Läsare kan se åtagandet men inte rapportera på det."))
    report_form = PartnerReportForm(
        request.POST if action == "status" else None,
        prefix="status",
        organisations=partners,
    )
    activity_form = _activity_form(
        commitment, partners, request.POST if action == "aktivitet" else None
    )
    if action == "status" and report_form.is_valid():
        data = report_form.cleaned_data
        try:
            partner_report_create(
                actor=request.user,
                commitment=commitment,
                organisation=data["organisation"],
                status=data["status"],
                reported_on=data["reported_on"],
                comment=data["comment"],
            )
        except ValidationError as exc:
            apply_service_errors(report_form, exc)
        else:
            messages.success(request, _("Läget är rapporterat."))
            return redirect("followup:partner_commitment", pk=commitment.pk)
    if action == "aktivitet" and activity_form.is_valid():
        kwargs = activity_form.service_kwargs()
        organisation = kwargs.pop("organisation")
        try:
            activity = partner_activity_create(
                commitment=commitment,
                actor=request.user,
                partner=organisation,
                **kwargs,
            )
        except ValidationError as exc:
            apply_service_errors(activity_form, exc)
        else:
            announce_saved(
                request,
                activity,
                saved=_("Aktiviteten är sparad."),
                twice=_(
                    "Aktiviteten var redan sparad; formuläret skickades två gånger."
                ),
            )
            return redirect("followup:partner_commitment", pk=commitment.pk)
    return render(
        request,
        "followup/partner_commitment.html",
        {
            "row": partner_selectors.partner_commitment(
                pk=commitment.pk, organisation_ids=partner_ids(request.user, commitment)
            ),
            "promise": commitment.promise,
            "can_report": bool(partners),
            "report_form": report_form,
            "activity_form": activity_form,
            "kinds": COMMON_KINDS,
        },
    )


@staff_view
def partner_members(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404(_("Det finns ingen organisation med det numret."))
    if not can_add_partner_members(request.user, organisation):
        raise PermissionDenied(
            _(
                "Du får bara lägga till användare i organisationer som är partner "
                "för ett åtagande i ett av dina medborgarlöften."
            )
        )
    form = PartnerMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = partner_member_add(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(user)s kan nu logga in och rapportera för %(org)s.")
                % {"user": user.get_username(), "org": organisation},
            )
            return redirect("followup:partner_members", pk=organisation.pk)
    return render(
        request,
        "followup/partner_members.html",
        {
            "organisation": organisation,
            "members": partner_selectors.partner_members(organisation=organisation),
            "form": form,
        },
    )
