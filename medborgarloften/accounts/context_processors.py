"""Template context shared by every staff page."""

from __future__ import annotations

from django.http import HttpRequest


def memberships(request: HttpRequest) -> dict[str, object]:
    """The signed-in user's memberships, for the header; nothing for visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_memberships": []}
    return {
        "my_memberships": list(
            user.memberships.select_related("organisation").order_by(
                "organisation__name"
            )
        )
    }
