"""Declarations many models repeat, written once: the link to the row this one
belongs to, an optional link (cleared when its target goes, unless it says
otherwise), "who did it", a choice column the database
checks, a period whose end does not come before its start, the record of a
decision (the body that made it, its diarienummer), the version a stale form is
refused by, and the key of the form that created a row.

Each returns the same field or constraint the models spelled out before, so the
migrations see no change (``makemigrations --check`` stays clean).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .fields import PlainCharField

__all__ = [
    "belongs_to",
    "choices_check",
    "decision_body_field",
    "diarienummer_field",
    "end_after_start",
    "lock_version",
    "optional_link",
    "optional_user",
    "submission_key",
]


def belongs_to(
    to: Any, verbose_name: Any, related_name: str, **kwargs: Any
) -> models.ForeignKey[Any, Any]:
    """A required ``ForeignKey`` to the row this one belongs to: the row goes
    (``CASCADE``) when that one is deleted. Apps bind ``to`` and ``verbose_name``
    once for their own parents (``places.models.kommun_link``)."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        on_delete=models.CASCADE,
        related_name=related_name,
        **kwargs,
    )


def optional_link(
    to: Any,
    verbose_name: Any = None,
    *,
    on_delete: Any = models.SET_NULL,
    one_to_one: bool = False,
    **kwargs: Any,
) -> models.ForeignKey[Any, Any]:
    """A ``ForeignKey`` (with ``one_to_one``, a ``OneToOneField``) that may be empty.
    By default it is cleared (``SET_NULL``) when the row it points at is deleted;
    ``on_delete=models.CASCADE`` makes the row go with its target,
    ``models.PROTECT`` keeps the target."""
    field_class = models.OneToOneField if one_to_one else models.ForeignKey
    return field_class(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=on_delete,
        **kwargs,
    )


def optional_user(
    verbose_name: Any = None, **kwargs: Any
) -> models.ForeignKey[Any, Any]:
    """Who did it: an :func:`optional_link` to the user, kept when the user goes."""
    return optional_link(settings.AUTH_USER_MODEL, verbose_name, **kwargs)


def choices_check(
    name: str, choices: type[Enum], field: str = "status"
) -> models.CheckConstraint:
    """The database refuses a value of ``field`` that ``choices`` does not name."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": [c.value for c in choices]}), name=name
    )


def end_after_start(
    name: str,
    start: str = "starts_on",
    end: str = "ends_on",
    *,
    open_start: bool = False,
    open_end: bool = True,
) -> models.CheckConstraint:
    """An open period (no ``end``; with ``open_start`` also no ``start``) or one
    whose ``end`` is not before its ``start``. With ``open_end=False`` only the
    order is checked, for a period whose fields require both dates."""
    in_order = Q(**{f"{end}__gte": F(start)})
    if not open_end:
        return models.CheckConstraint(condition=in_order, name=name)
    condition = Q(**{f"{end}__isnull": True})
    if open_start:
        condition |= Q(**{f"{start}__isnull": True})
    return models.CheckConstraint(condition=condition | in_order, name=name)


def decision_body_field() -> PlainCharField:
    """The body that made a decision (an adoption, an agreement), as recorded."""
    return PlainCharField(
        _("beslutande organ"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. kommunstyrelsen eller kommunfullmäktige."),
    )


def diarienummer_field() -> PlainCharField:
    """The decision's registration number in the kommun's diarium."""
    return PlainCharField(_("diarienummer"), max_length=60, blank=True)


def lock_version() -> models.PositiveIntegerField[int, int]:
    """Optimistic locking: every save through the services increments it, and a
    form that read an older version is refused instead of overwriting somebody
    else's change."""
    return models.PositiveIntegerField(_("version"), default=1)


def submission_key() -> models.UUIDField[Any, Any]:
    """The key of the form (or API request, or import row) that created the row:
    the same form sent twice (a double tap, a resend after a lost answer) saves
    once."""
    return models.UUIDField(null=True, blank=True, unique=True, editable=False)


def translated_choices(vocabulary: dict[str, str]) -> list[tuple[str, Any]]:
    """A vocabulary (``medborgarloften.vocabulary``: Swedish labels, Django-free for
    the extractor) as a model field's choices whose labels are translated when shown:
    ``get_theme_display()`` on an English page says "Drugs", not "Narkotika"."""
    return [(code, _(label)) for code, label in vocabulary.items()]
