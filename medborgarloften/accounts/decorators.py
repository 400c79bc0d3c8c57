"""The one decorator every staff view uses."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import User

View = Callable[..., HttpResponse]


def staff_view(view: View) -> View:
    """Signed-in staff only (others go to the login page); a refusal renders the
    Swedish 403 page with the reason and what the user may do instead."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            return render(
                request,
                "403.html",
                {"exception": str(exc) if exc.args else ""},
                status=403,
            )

    return wrapper


def signed_in_user(request: HttpRequest) -> User:
    """The user of a ``staff_view`` request, typed as one: ``login_required`` lets
    only a signed-in user through, so an anonymous one here is refused."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
