"""The bar chart of a commitment in a follow-up report: done against target per
period, as HTML with one SVG bar a line (``reports.report_context`` draws it)."""

from __future__ import annotations

import zlib
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .progress import Bucket, Status

STATUS_COLOURS = {
    Status.DONE: "#1a7f37",
    Status.ON_TRACK: "#1f6feb",
    Status.BEHIND: "#b35900",
    Status.NOT_STARTED: "#6e7781",
    Status.OVERDUE: "#b3261e",
    Status.NOT_MEASURABLE: "#6e7781",
}


def bucket_label(bucket: Bucket) -> str:
    """A bucket's name in the page's language: the whole period and a deadline
    are words (progress names them in Swedish); years, terms and areas are names."""
    if bucket.binary and bucket.end is not None:
        return _("Senast %(date)s") % {"date": bucket.end.isoformat()}
    if bucket.label == "Hela perioden":
        return _("Hela perioden")
    return bucket.label


def chart_svg(*, title: str, buckets: list[Bucket]) -> SafeString:
    """One row per bucket: a bar (done, filled and coloured by status, against the
    target, outlined) and beside it — below it on a narrow screen — one line of
    page text with the numbers and the status written out. The text is HTML, not
    SVG text, so it keeps the page's font size when the bar shrinks on a phone
    (and costs WeasyPrint nothing); each bar is an image named by its line."""
    if not buckets:
        return mark_safe("")  # noqa: S308 - empty string
    # The track is the target: a bar stops at its own target's outline however
    # far past it the work went (the line says "12 av 10").
    top = max(b.target for b in buckets) or 1
    key = zlib.crc32(title.encode())
    parts = [
        f'<div class="chart report-chart" role="group" aria-label="{escape(title)}">'
    ]
    for index, bucket in enumerate(buckets):
        done_w = round(100 * min(bucket.done, bucket.target, top) / top, 1)
        target_w = round(100 * bucket.target / top, 1)
        colour = STATUS_COLOURS.get(bucket.status, "#6e7781")
        label = bucket_label(bucket)
        status = _(bucket.label_status)  # a msgid: in the page's language
        line = (
            f"{label} – {status}"
            if bucket.binary
            else _("%(label)s: %(done)s av %(target)s – %(status)s")
            % {
                "label": label,
                "done": bucket.done,
                "target": bucket.target,
                "status": status,
            }
        )
        label_id = f"bar-{key:x}-{index}"
        parts += [
            '<div class="report-bar-row">',
            f'<svg class="report-bar" role="img" aria-labelledby="{label_id}" '
            'viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">',
            f'<rect x="0.2" y="0.5" width="{max(target_w - 0.4, 0)}" height="9" '
            'fill="#ffffff" stroke="#57606a" stroke-width="0.4" '
            'vector-effect="non-scaling-stroke"/>',
            f'<rect x="0" y="0" width="{done_w}" height="10" fill="{colour}"/>',
            "</svg>",
            f'<p class="report-bar-label" id="{label_id}">{escape(line)}</p>',
            "</div>",
        ]
    parts.append("</div>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
