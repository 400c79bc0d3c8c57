"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


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
