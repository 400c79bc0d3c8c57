"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from medborgarloften.accounts.models import EDITING_ROLES
from medborgarloften.accounts.permissions import (
    is_superuser,
    organisation_roles,
)
from medborgarloften.places.permissions import (
    can_manage_organisations,
    is_partner_member,
    is_partner_only,
)


def memberships(request: HttpRequest) -> dict[str, object]:
    """The signed-in user's memberships, for the header; queried only if a template
    uses them, so public pages stay within their query budget."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_memberships": []}
    return {
        "my_memberships": SimpleLazyObject(
            lambda: list(
                user.memberships.select_related("organisation").order_by(
                    "organisation__name"
                )
            )
        )
    }


def staff_navigation(request: HttpRequest) -> dict[str, object]:
    """Which staff sections the header links to; computed only when rendered."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "nav_can_manage_organisations": False,
            "nav_can_edit": False,
            "nav_is_partner": False,
            "nav_is_partner_only": False,
        }

    def _can_manage() -> bool:

        return can_manage_organisations(user)

    def _can_edit() -> bool:

        roles = organisation_roles(user).values()
        return is_superuser(user) or any(role in EDITING_ROLES for role in roles)

    return {
        "nav_can_manage_organisations": SimpleLazyObject(_can_manage),
        "nav_can_edit": SimpleLazyObject(_can_edit),
        "nav_is_partner": SimpleLazyObject(lambda: is_partner_member(user)),
        # Only partner memberships: no kommun sections in the header.
        "nav_is_partner_only": SimpleLazyObject(lambda: is_partner_only(user)),
    }
