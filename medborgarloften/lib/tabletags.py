"""Template tags for tables: ``{% load tables %}`` (registered in settings.TEMPLATES)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def column_heads(*labels: str) -> SafeString:
    """One ``<th scope="col">`` a label, for a header row; give the labels as
    ``_("…")`` so that they are translated (and found by makemessages)."""
    return format_html_join(
        "", '<th scope="col">{}</th>', ((label,) for label in labels)
    )
