"""Writes to users and memberships: the only place that creates them outside the admin.

A membership ties a user (accounts) to an organisation named by name or code (the
one lookup, places/lookup.py), so these writes sit in places, above accounts."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from medborgarloften.accounts.models import Membership, Role, User
from medborgarloften.places.lookup import kommun_code, organisation_matches
from medborgarloften.places.models import Organisation

__all__ = [
    "UserMembershipResult",
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
