"""An organisation's users, at /personal/organisationer/<pk>/anvandare/: who is a
member with which role, a new member (a link by e-mail to choose a password), another
role, out of the organisation. Admins manage every role, editors reporters and
viewers (``permissions.manageable_roles``); the services check it again."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.accounts.models import Membership, Role, User
from medborgarloften.accounts.password_reset import invite
from medborgarloften.lib.forms import form_submit, service_done

from .member_forms import MemberAddForm, MemberRoleForm
from .members import member_add, member_change, member_remove
from .models import Organisation
from .permissions import manageable_roles


def _organisation(request: HttpRequest, pk: int) -> tuple[Organisation, list[str]]:
    organisation = get_object_or_404(Organisation, pk=pk)
    roles = manageable_roles(request.user, organisation)
    if not roles:
        raise PermissionDenied(
            _(
                "Bara organisationens administratörer och redaktörer kan se och "
                "lägga till dess användare."
            )
        )
    return organisation, roles


def _invite(request: HttpRequest, user: User, organisation: Organisation) -> None:
    membership = Membership.objects.get(user=user, organisation=organisation)
    invite(
        request,
        user,
        organisation=str(organisation),
        role=membership.get_role_display().lower(),
        by=_name(request.user),
    )


def _name(user: object) -> str:
    full = getattr(user, "get_full_name", lambda: "")()
    return full or getattr(user, "get_username", lambda: "")()


@staff_view
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, roles = _organisation(request, pk)
    form = MemberAddForm(request.POST or None, roles=roles)
    saved = form_submit(
        request,
        form,
        lambda data: member_add(actor=request.user, organisation=organisation, **data),
    )
    if saved:
        user = saved.value
        if user.has_usable_password():
            messages.success(
                request,
                _("%(user)s kan nu logga in med det första lösenordet.")
                % {"user": user.get_username()},
            )
        else:
            _invite(request, user, organisation)
            messages.success(
                request,
                _("%(user)s har fått en länk till %(email)s för att välja lösenord.")
                % {"user": user.get_username(), "email": user.email},
            )
        return redirect("places:members", pk=organisation.pk)
    listed = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__username")
    )
    return render(
        request,
        "places/members.html",
        {
            "organisation": organisation,
            "members": listed,
            "roles": roles,
            "form": form,
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, pk: int, membership: int) -> HttpResponse:
    organisation, roles = _organisation(request, pk)
    member = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=membership,
        organisation=organisation,
    )
    if member.role not in roles:
        raise PermissionDenied(
            _("Du får inte ändra en %(role)s.") % {"role": member.get_role_display()}
        )
    back = redirect("places:members", pk=organisation.pk)
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "remove":
        if service_done(
            request,
            lambda: member_remove(actor=request.user, membership=member),
            _("%(user)s är inte längre med i %(org)s.")
            % {"user": member.user.get_username(), "org": organisation},
        ):
            return back
        return redirect("places:member_edit", pk=organisation.pk, membership=member.pk)
    if request.method == "POST" and action == "invite":
        user = member.user
        if user.email and not user.has_usable_password():
            _invite(request, user, organisation)
            messages.success(
                request,
                _("En ny länk är skickad till %(email)s.") % {"email": user.email},
            )
        return back
    form = MemberRoleForm(
        request.POST or None, roles=roles, initial={"role": member.role}
    )
    if form_submit(
        request,
        form,
        lambda data: member_change(
            actor=request.user, membership=member, role=data["role"]
        ),
        _("%(user)s är nu %(role)s.")
        % {
            "user": member.user.get_username(),
            "role": Role(request.POST.get("role", member.role)).label
            if request.POST.get("role", member.role) in Role.values
            else "",
        },
    ):
        return back
    return render(
        request,
        "places/member_edit.html",
        {
            "organisation": organisation,
            "member": member,
            "form": form,
            "is_self": member.user_id == request.user.pk,
        },
    )
