"""Template filters that show lägesbild figures, suppressed or not, the same way
on every page and in the exported document."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from ..selectors.analysis import MIN_GROUP, Figure

register = template.Library()


def _number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    return text


@register.filter
def figure(value: Figure | None, decimals: int = 0) -> str:
    """'12', '33,5' — or 'färre än 5' for a suppressed figure, '–' when unknown."""
    if value is None or value.value is None:
        return "–"
    if value.suppressed:
        return _("färre än %(n)d") % {"n": MIN_GROUP}
    return _number(float(value.value), int(decimals))


@register.filter
def number(value: float | None, decimals: int = 0) -> str:
    return "–" if value is None else _number(float(value), int(decimals))


@register.filter
def get_item(mapping: dict, key: str) -> object:
    """``mapping|get_item:key`` (None when missing)."""
    return mapping.get(key) if mapping else None
