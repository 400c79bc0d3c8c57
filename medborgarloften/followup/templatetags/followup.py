"""Template tags other apps may include to show the follow-up.

``{% load followup %}{% followup_reports promise %}`` lists a public promise's
published follow-up reports (one query), for the public promise page.
"""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.translation import gettext

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


#: A term as progress.periods names it: "VT 2025" (spring), "HT 2025" (autumn).
_TERM = re.compile(r"\b(VT|HT) (\d{4})\b")


@register.filter
def period_label(label: str) -> str:
    """A bucket's label (followup.periods) in the page's language: the Swedish term
    abbreviations VT/HT read "spring 2025"/"autumn 2025" in English; years, weeks
    ("2026-v05") and area names stay as they are."""

    def term(match: re.Match[str]) -> str:
        if match.group(1) == "VT":
            return gettext("VT %(year)s") % {"year": match.group(2)}
        return gettext("HT %(year)s") % {"year": match.group(2)}

    return _TERM.sub(term, str(label))
