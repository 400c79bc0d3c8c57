"""Template filters that show lägesbild figures, suppressed or not, the same way
on every page and in the exported document; numbers in the page's language
(``lib.numbers``)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from medborgarloften.lib.numbers import format_number

from ..crime_categories import category_label
from ..selectors.analysis import MIN_GROUP, Figure, change_significant

register = template.Library()


def _number(value: float, decimals: int) -> str:
    return format_number(value, decimals)


@register.filter
def figure(value: Figure | None, decimals: int = 0) -> str:
    """'12', '33,5' — or 'färre än 5' for a suppressed figure, '–' when unknown."""
    if value is None or value.value is None:
        return "–"
    if value.suppressed:
        return _("färre än %(n)d") % {"n": MIN_GROUP}
    return _number(float(value.value), int(decimals))


@register.filter
def survey_uncertainty(value: Figure | None, before: Figure | None = None) -> str:
    """'n = 240, ±6,2' after a shown share, and whether it changed significantly
    from the previous round's share (``before``); '' when the share is hidden."""
    if value is None or not value.shown or not value.base:
        return ""
    parts = [
        _("n = %(n)s") % {"n": value.base},
        "±" + _number(float(value.margin or 0), 1),
    ]
    change = change_significant(value, before)
    if change is True:
        parts.append(_("signifikant förändring"))
    elif change is False:
        parts.append(_("ingen säker förändring"))
    return ", ".join(parts)


@register.filter
def number(value: float | None, decimals: int = 0) -> str:
    """``value`` in the page's language with ``decimals`` places ('10 439')."""
    return "–" if value is None else _number(float(value), int(decimals))


@register.filter
def localized(value: object) -> str:
    """``value`` in the page's language with the decimals it has ('557,7', '40');
    '–' when unknown (``lib.numbers.format_number``)."""
    return format_number(value)


@register.filter
def get_item(mapping: dict, key: str) -> object:
    """``mapping|get_item:key`` (None when missing)."""
    return mapping.get(key) if mapping else None


@register.filter
def crime_category(value: str) -> str:
    """A known crime category in the reader's language (``crime_categories``)."""
    return category_label(str(value))
