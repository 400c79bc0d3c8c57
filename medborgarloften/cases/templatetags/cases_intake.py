"""``{% load cases_intake %}``: whether a kommun takes reports in this installation,
for the pages outside the cases app that offer "Tyck till" (the kommun and promise
pages). The definition is ``selectors.receiving_kommun_ids``."""

from __future__ import annotations

from typing import Any

from django import template

from ..selectors import receives_reports as _receives

register = template.Library()


@register.filter
def receives_reports(kommun: Any) -> bool:
    return (
        kommun is not None and bool(getattr(kommun, "pk", None)) and _receives(kommun)
    )
