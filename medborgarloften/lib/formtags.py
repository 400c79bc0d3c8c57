"""Template filters for forms: ``{% load forms %}`` (registered in settings.TEMPLATES)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def labelled(error: Any, field: Any) -> str:
    """An error as the summary at the top of a form lists it: with the field's label
    in front ("Rubrik: Detta fält måste fyllas i."), unless the message already
    starts with it, as the services' messages do ("Kommentar: högst 2000 tecken")."""
    message = str(error)
    label = str(getattr(field, "label", "") or "").strip()
    if not label or message.casefold().startswith(label.casefold()):
        return message
    return f"{label}: {message}"
