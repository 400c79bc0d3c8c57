"""A recorded status change in the page's language.

``StatusChange`` stores the label and source as they were shown when recorded (in
the language of whoever caused the change). Pages show the label from the change's
kind and status, translated now, and a source recorded in Swedish translated on
display (the known sources; free text stays as written)."""

from __future__ import annotations

import re

from django.utils.translation import gettext

from .evidence import EVIDENCE_LABELS, SCHEDULE_LABELS
from .models import ManualStatus
from .status_models import StatusChange, StatusKind

#: Sources recorded as fixed Swedish words (msgids, marked where they are recorded).
_FIXED_SOURCES = {
    "slututvärdering",
    "daglig kontroll",
    "bedömning i webben",
    "aktiviteter inlästa från fil",
}
_VERBS = {"loggad", "ändrad", "borttagen"}
_ACTIVITY = re.compile(r"^aktivitet (?P<verb>\S+): (?P<date>\S+) (?P<kind>.*)$", re.S)


def change_label(change: StatusChange) -> str:
    """What the status became, in the page's language."""
    status = change.status
    if change.kind == StatusKind.REPORTED:
        if status in ManualStatus.values:
            return str(ManualStatus(status).label)
        if status == "none":
            return gettext("Ingen rapporterad status")
    elif change.kind == StatusKind.EVIDENCED and status in EVIDENCE_LABELS:
        return gettext(EVIDENCE_LABELS[status])
    elif change.kind == StatusKind.SCHEDULE and status in SCHEDULE_LABELS:
        return gettext(SCHEDULE_LABELS[status])
    return change.label


def change_source(change: StatusChange) -> str:
    """What caused the change, in the page's language where it is a known one."""
    source = change.source
    if source in _FIXED_SOURCES:
        return gettext(source)
    found = _ACTIVITY.match(source)
    if found and found["verb"] in _VERBS:
        return gettext("aktivitet %(verb)s: %(date)s %(kind)s") % {
            "verb": gettext(found["verb"]),
            "date": found["date"],
            "kind": found["kind"],
        }
    return source
