"""Template filters for forms: ``{% load forms %}`` (registered in settings.TEMPLATES)."""

from __future__ import annotations

from typing import Any

from django import template

from .forms import names_a_field, with_label

register = template.Library()


@register.filter
def labelled(error: Any, field: Any) -> str:
    """An error as the summary at the top of a form lists it: with the field's label
    in front ("Rubrik: Detta fält måste fyllas i."), unless the message already
    starts with it, as the services' messages do ("Kommentar: högst 2000 tecken"),
    or names what it is about itself ("Position: …" under Latitud)."""
    message = str(error)
    label = str(getattr(field, "label", "") or "").strip()
    if not label or names_a_field(message, label):
        return message
    return with_label(label, message)


@register.filter
def describedby(field: Any) -> str:
    """The ids of a field's help and errors as ``_field.html`` writes them, for its
    ``aria-describedby``: Django's own (``<auto_id>_helptext``, ``<auto_id>_error``),
    the ones Django puts on the input itself."""
    if not field.auto_id or field.is_hidden:
        return ""
    ids = [f"{field.auto_id}_helptext"] if field.help_text else []
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)
