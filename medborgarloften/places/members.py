"""Writes to users and memberships: the only place that creates them outside the admin.

A membership ties a user (accounts) to an organisation named by name or code (the
one lookup, places/lookup.py), so these writes sit in places, above accounts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from medborgarloften.accounts.models import Membership, Role, User
from medborgarloften.places.lookup import kommun_code, organisation_matches
from medborgarloften.places.models import Organisation
from medborgarloften.places.permissions import manageable_roles

__all__ = [
    "UserMembershipResult",
    "member_add",
    "member_change",
    "member_remove",
    "new_username_errors",
    "organisation_resolve",
    "user_create_with_membership",
]


@dataclass(frozen=True)
class UserMembershipResult:
    """What ``user_create_with_membership`` did."""

    user: User
    membership: Membership
    user_created: bool
    membership_created: bool
    role_changed: bool


def _describe(org: Organisation) -> str:
    return f"{org} ({org.get_kind_display()}{', ' + org.code if org.code else ''})"


def organisation_resolve(value: str) -> Organisation:
    """The organisation meant by a kommunkod, a name, 'X kommun' or 'LPO X'.

    An exact name wins over the looser readings, so 'Kalmar' is the kommun and not
    'Lokalpolisområde Kalmar'. Raises ValidationError on 'organisation' when nothing
    or more than one organisation matches.
    """
    text = value.strip()
    code = kommun_code(text)
    if code is not None:
        found = Organisation.objects.kommuner().filter(code=code).first()
        if found is None:
            raise ValidationError(
                {"organisation": f"okänd kommunkod {text} / unknown kommunkod"}
            )
        return found
    found_all = organisation_matches(text)
    if len(found_all) == 1:
        return found_all[0]
    if len(found_all) > 1:
        names = "; ".join(_describe(o) for o in found_all)
        raise ValidationError(
            {
                "organisation": f"{text!r} kan vara flera / is ambiguous: {names}. "
                "Ange kommunkoden eller hela namnet / give the code or full name."
            }
        )
    raise ValidationError(
        {"organisation": f"okänd organisation {text!r} / unknown organisation"}
    )


@transaction.atomic
def user_create_with_membership(
    *,
    username: str,
    organisation: Organisation | str,
    role: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    update_role: bool = False,
) -> UserMembershipResult:
    """Create the user (password checked by Django's validators) or reuse an existing
    one, and give them ``role`` in ``organisation``; all or nothing."""
    if role not in Role.values:
        raise ValidationError(
            {
                "role": f"okänd roll {role!r} / unknown role; "
                f"välj / choose: {', '.join(Role.values)}"
            }
        )
    if isinstance(organisation, str):
        organisation = organisation_resolve(organisation)
    user = User.objects.filter(username=username).first()
    user_created = user is None
    if user is None:
        if not password:
            raise ValidationError(
                {"password": "lösenord krävs / a password is required"}
            )
        user = User(
            username=username, email=email, first_name=first_name, last_name=last_name
        )
        try:
            user.full_clean(exclude=["password", "last_login", "date_joined"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict)
        try:
            validate_password(password, user=user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages})
        user.set_password(password)
        user.save()
    elif password:
        raise ValidationError(
            {
                "password": f"användaren {username!r} finns redan; lösenordet ändras inte "
                "här / the user exists, the password is not changed here"
            }
        )
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    membership_created = membership is None
    role_changed = False
    if membership is None:
        membership = Membership.objects.create(
            user=user, organisation=organisation, role=role
        )
    elif membership.role != role:
        if not update_role:
            raise ValidationError(
                {
                    "role": f"{username} är redan {membership.get_role_display()} i "
                    f"{organisation}; använd --update-role / already has a role, "
                    "use --update-role"
                }
            )
        membership.role = role
        membership.save(update_fields=["role"])
        role_changed = True
    return UserMembershipResult(
        user=user,
        membership=membership,
        user_created=user_created,
        membership_created=membership_created,
        role_changed=role_changed,
    )


# --- Members of an organisation, managed in the staff pages ----------------------


def _refuse(actor: Any, organisation: Organisation, role: str) -> None:
    if role not in manageable_roles(actor, organisation):
        raise PermissionDenied(
            _("Du får inte ge eller ta bort rollen %(role)s i %(org)s.")
            % {
                "role": Role(role).label if role in Role.values else role,
                "org": organisation,
            }
        )


def _keeps_an_admin(membership: Membership) -> bool:
    return (
        membership.role != Role.ADMIN
        or Membership.objects.filter(
            organisation=membership.organisation_id, role=Role.ADMIN
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def new_username_errors(username: str) -> dict[str, list[str]]:
    """What is wrong with ``username`` (stripped) for a new account: none given, or
    taken in any capitalisation — never reused, so nobody is handed another
    person's account."""
    if not username:
        return {"username": [_("Användarnamn: skriv ett användarnamn.")]}
    if User.objects.filter(username__iexact=username).exists():
        return {
            "username": [
                _("Användarnamn: %(name)s är upptaget; välj ett annat.")
                % {"name": username}
            ]
        }
    return {}


@transaction.atomic
def member_add(
    *,
    actor: Any,
    organisation: Organisation,
    username: str,
    role: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    password: str = "",
) -> User:
    """A new user with ``role`` in ``organisation``. With a first password, the
    person signs in with it; without one, an e-mail address is needed and the
    service returns the user with an unusable password, for the caller to mail a
    link to choose one (:func:`medborgarloften.accounts.password_reset.invite`).
    A taken username is refused, never reused: nobody is handed another person's
    account. Permission first, then every field, then one write."""
    _refuse(actor, organisation, role)
    username = (username or "").strip()
    errors = new_username_errors(username)
    if not password and not email:
        errors["email"] = [
            _(
                "E-post: ange en adress dit länken för att välja lösenord skickas, "
                "eller ett första lösenord."
            )
        ]
    if errors:
        raise ValidationError(errors)
    if password:
        return user_create_with_membership(
            username=username,
            organisation=organisation,
            role=role,
            email=email,
            first_name=first_name,
            last_name=last_name,
            password=password,
        ).user
    user = User(
        username=username, email=email, first_name=first_name, last_name=last_name
    )
    user.set_unusable_password()
    try:
        user.full_clean(exclude=["password", "last_login", "date_joined"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict)
    user.save()
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@transaction.atomic
def member_change(*, actor: Any, membership: Membership, role: str) -> Membership:
    """Give a member another role: both the old and the new role must be the actor's
    to give; not one's own, and not the organisation's last admin."""
    organisation = membership.organisation
    _refuse(actor, organisation, membership.role)
    _refuse(actor, organisation, role)
    if membership.user_id == getattr(actor, "pk", None):
        raise ValidationError({"role": [_("Roll: du kan inte ändra din egen roll.")]})
    if role != Role.ADMIN and not _keeps_an_admin(membership):
        raise ValidationError(
            {"role": [_("Roll: organisationen behöver minst en administratör.")]}
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def member_remove(*, actor: Any, membership: Membership) -> None:
    """Take a member out of the organisation (the account stays, for its history);
    not oneself, and not the last admin. An account left with no organisation can no
    longer sign in to anything but its own page."""
    _refuse(actor, membership.organisation, membership.role)
    if membership.user_id == getattr(actor, "pk", None):
        raise ValidationError(
            [_("Du kan inte ta bort dig själv; be en annan administratör.")]
        )
    if not _keeps_an_admin(membership):
        raise ValidationError([_("Organisationen behöver minst en administratör.")])
    membership.delete()
