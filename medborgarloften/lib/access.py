"""The steps every staff view starts with, written once: the object the URL names
(or 404 with a message saying what is missing), then the permission check (or 403
with a message saying why), before anything else runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

__all__ = ["found", "guarded", "permitted", "recorded_actor"]

_Object = TypeVar("_Object")
_Key = TypeVar("_Key")


def permitted(
    user: Any,
    obj: _Object,
    may: Callable[[Any, _Object], bool],
    message: Any,
) -> _Object:
    """``obj`` when ``may(user, obj)``; else ``PermissionDenied`` (a 403 page) that
    says ``message`` — or ``message(obj)`` when it is a function of the object."""
    if not may(user, obj):
        raise PermissionDenied(message(obj) if callable(message) else message)
    return obj


def guarded(
    find: Callable[[_Key], _Object],
    may: Callable[[Any, _Object], bool],
    message: Any,
) -> Callable[[HttpRequest, _Key], _Object]:
    """A view's lookup of the object its URL names, written once: ``find(key)``
    (its own 404), then ``permitted`` for the request's user, with ``message``
    (lazy, or a function of the object) on the 403."""

    def lookup(request: HttpRequest, key: _Key) -> _Object:
        return permitted(request.user, find(key), may, message)

    return lookup


def found(
    lookup: Callable[[], _Object], missing: type[Exception], message: Any
) -> _Object:
    """``lookup()`` (a selector's get); a 404 page that says ``message`` when it
    raises ``missing`` (the model's ``DoesNotExist``)."""
    try:
        return lookup()
    except missing:
        raise Http404(message)


def recorded_actor(actor: Any) -> Any:
    """Who did it, as a row records it (``created_by``, a revision's actor): the
    signed-in user; None for a command, a job or an anonymous visitor."""
    return actor if actor is not None and actor.is_authenticated else None
