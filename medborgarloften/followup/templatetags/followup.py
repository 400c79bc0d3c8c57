"""Template tags other apps may include to show the follow-up.

``{% load followup %}{% followup_reports promise %}`` lists a public promise's
published follow-up reports (one query), for the public promise page.
"""

from __future__ import annotations

from typing import Any

from django import template

from medborgarloften.followup.selectors import published_reports
from medborgarloften.followup.status_display import change_label, change_source

register = template.Library()


@register.inclusion_tag("followup/_public_reports.html")
def followup_reports(promise: Any, heading_level: int = 2) -> dict[str, Any]:
    """The published reports of ``promise``, newest first, with links to HTML/PDF."""
    return {
        "reports": published_reports(promise=promise),
        "heading_tag": f"h{min(max(heading_level, 2), 6)}",
    }


@register.filter
def status_change_label(change: Any) -> str:
    """A recorded status change's new status in the page's language."""
    return change_label(change)


@register.filter
def status_change_source(change: Any) -> str:
    """A recorded status change's source in the page's language (known sources)."""
    return change_source(change)
