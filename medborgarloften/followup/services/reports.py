"""Follow-up reports (draft → approved → published) and staff's assessments.

The figures of a report are computed from the activities whenever it is shown; what
is stored are the texts staff write and the workflow. A published report is frozen
in wording: it must go back to draft (and be approved again) to change.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, NotRequired, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.lib.access import recorded_actor
from medborgarloften.promises.models import Commitment, Promise

from ..models import (
    Assessment,
    ManualStatus,
    Report,
    ReportEntry,
    ReportKind,
    ReportStatus,
)
from .statuses import commitment_reported_record

__all__ = [
    "StaleChange",
    "assessment_save",
    "report_create",
    "report_delete",
    "report_entries_save",
    "report_set_status",
    "report_update",
]


class StaleChange(ValidationError):
    """Somebody else saved the same thing after the form was read."""


def _report_errors(
    *, promise: Promise, title: str, period_start: Any, period_end: Any, kind: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Titel: skriv en rubrik för rapporten.")]
    if kind not in ReportKind.values:
        errors["kind"] = [_("Typ: välj uppföljningsrapport eller slututvärdering.")]
    if period_start is None:
        errors["period_start"] = [_("Från: ange första dagen rapporten gäller.")]
    if period_end is None:
        errors["period_end"] = [_("Till: ange sista dagen rapporten gäller.")]
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = [_("Till: slutdatumet ligger före startdatumet.")]
    start, end = promise.period_start, promise.period_end
    period = _("%(start)s – %(end)s") % {
        "start": start.isoformat() if start else "…",
        "end": end.isoformat() if end else "…",
    }
    for key, day, label in (
        ("period_start", period_start, _("Från")),
        ("period_end", period_end, _("Till")),
    ):
        if day and ((start and day < start) or (end and day > end)):
            errors.setdefault(key, []).append(
                _("%(label)s: %(date)s ligger utanför löftets period %(period)s.")
                % {"label": label, "date": day.isoformat(), "period": period}
            )
    return errors


class ReportTexts(TypedDict):
    """What staff write on a report, as ``report_create`` and ``report_update`` take
    it. Without a kind a new report is a follow-up and a changed one keeps its own."""

    title: str
    period_start: dt.date
    period_end: dt.date
    kind: NotRequired[str]
    summary: NotRequired[str]
    process: NotRequired[str]
    effect: NotRequired[str]


def _report_values(
    promise: Promise,
    *,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    kind: str = ReportKind.FOLLOW_UP,
    summary: str = "",
    process: str = "",
    effect: str = "",
) -> dict[str, Any]:
    """The report's texts checked against the promise and trimmed, to be saved."""
    errors = _report_errors(
        promise=promise,
        title=title,
        period_start=period_start,
        period_end=period_end,
        kind=kind,
    )
    if errors:
        raise ValidationError(errors)
    return {
        "title": title.strip(),
        "period_start": period_start,
        "period_end": period_end,
        "kind": kind,
        "summary": summary.strip(),
        "process": process.strip(),
        "effect": effect.strip(),
    }


@transaction.atomic
def report_create(
    *,
    promise: Promise,
    actor: Any = None,
    submission: uuid.UUID | None = None,
    **texts: Unpack[ReportTexts],
) -> Report:
    """A draft report for the promise and date range, with one empty assessment row
    per commitment for staff to complete, all or nothing.

    ``submission`` is the key of the form: when a report with that key exists (the
    same form sent twice), it is returned with ``already_saved`` set and nothing new
    is written."""
    if submission is not None:
        existing = _submitted_report(submission, promise)
        if existing is not None:
            return existing
    values = _report_values(promise, **texts)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                promise=promise,
                created_by=recorded_actor(actor),
                submission=submission,
                **values,
            )
            ReportEntry.objects.bulk_create(
                ReportEntry(report=report, commitment=c)
                for c in promise.commitments.all()
            )
    except IntegrityError:
        # The same form arrived twice at once; the other copy was saved first.
        existing = _submitted_report(submission, promise) if submission else None
        if existing is None:
            raise
        return existing
    return report


def _submitted_report(submission: uuid.UUID, promise: Promise) -> Report | None:
    existing = Report.objects.filter(submission=submission).first()
    if existing is None:
        return None
    if existing.promise_id != promise.pk:
        raise ValidationError(
            {"__all__": [_("Formuläret hör till ett annat löfte; ladda om sidan.")]}
        )
    existing.already_saved = True
    return existing


def _refuse_if_published(report: Report) -> None:
    if report.status == ReportStatus.PUBLISHED:
        raise ValidationError(
            _(
                "Rapporten är publicerad och kan inte ändras. Gör den till utkast "
                "först; den försvinner då från den öppna webbplatsen tills den "
                "publiceras igen."
            )
        )


def _bump(report: Report, version: int, **values: Any) -> None:
    updated = Report.objects.filter(pk=report.pk, version=version).update(
        **values, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise StaleChange(
            _(
                "Någon annan har ändrat rapporten medan du arbetade med den. Dina "
                "ändringar är inte sparade: läs in sidan igen och gör om dem."
            )
        )
    report.refresh_from_db()


@transaction.atomic
def report_update(
    *,
    report: Report,
    version: int,
    actor: Any = None,
    **texts: Unpack[ReportTexts],
) -> Report:
    """Change a draft or approved report's texts; an approved report returns to
    draft (what was approved is no longer what it says). Stale forms are refused."""
    _refuse_if_published(report)
    texts.setdefault("kind", report.kind)
    _bump(
        report,
        version,
        **_report_values(report.promise, **texts),
        status=ReportStatus.DRAFT,
        approved_by=None,
        approved_at=None,
    )
    return report


@transaction.atomic
def report_entries_save(
    *,
    report: Report,
    version: int,
    texts: dict[int, tuple[str, str]],
    actor: Any = None,
) -> Report:
    """Save the written assessment and "what did not happen" per commitment id."""
    _refuse_if_published(report)
    entries = {e.commitment_id: e for e in report.entries.all()}
    commitment_ids = set(report.promise.commitments.values_list("pk", flat=True))
    unknown = set(texts) - commitment_ids
    if unknown:
        raise ValidationError(_("Okänt åtagande i formuläret; läs in sidan igen."))
    _bump(
        report, version, status=ReportStatus.DRAFT, approved_by=None, approved_at=None
    )
    for commitment_id, (assessment, not_done) in texts.items():
        entry = entries.get(commitment_id) or ReportEntry(
            report=report, commitment_id=commitment_id
        )
        entry.assessment = assessment.strip()
        entry.not_done = not_done.strip()
        entry.save()
    return report


@transaction.atomic
def report_delete(*, report: Report, version: int, actor: Any = None) -> None:
    """Delete a draft report (with its assessments per commitment), only if nobody
    changed it since ``version`` was read. An approved or published report must go
    back to draft first: what others approved is not removed in one step."""
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(
            _(
                "Bara ett utkast kan tas bort. Gör rapporten till utkast först om "
                "den ska bort."
            )
        )
    deleted, _counts = Report.objects.filter(
        pk=report.pk, version=version, status=ReportStatus.DRAFT
    ).delete()
    if not deleted:
        raise StaleChange(
            _(
                "Någon annan har ändrat rapporten medan du arbetade med den. Inget "
                "togs bort: läs in sidan igen."
            )
        )


@transaction.atomic
def report_set_status(
    *, report: Report, status: str, actor: Any = None, version: int | None = None
) -> Report:
    """Move a report along draft → approved → published (or back to draft);
    publishing needs the promise itself to be public."""
    if status not in report.allowed_transitions():
        raise ValidationError(
            _("Status: en rapport som är %(from)s kan inte bli %(to)s.")
            % {
                "from": report.get_status_display().lower(),
                "to": ReportStatus(status).label.lower()
                if status in ReportStatus.values
                else status,
            }
        )
    if status == ReportStatus.PUBLISHED and not report.promise.is_public:
        raise ValidationError(
            _(
                "Löftet är inte publicerat, så rapporten kan inte visas för "
                "medborgarna än. Publicera löftet först."
            )
        )
    now = timezone.now()
    values: dict[str, Any] = {"status": status}
    if status == ReportStatus.APPROVED:
        values |= {"approved_by": recorded_actor(actor), "approved_at": now}
    elif status == ReportStatus.PUBLISHED:
        values |= {"published_at": now}
    elif status == ReportStatus.DRAFT:
        values |= {"approved_by": None, "approved_at": None, "published_at": None}
    _bump(report, report.version if version is None else version, **values)
    return report


@transaction.atomic
def assessment_save(
    *,
    commitment: Commitment,
    text: str,
    manual_status: str = "",
    version: int | None = None,
    actor: Any = None,
) -> Assessment:
    """Staff's current assessment of a commitment and the status its owner reports
    (shown beside what the evidence supports); a change of status is recorded with
    its source. A stale form is refused."""
    if manual_status and manual_status not in ManualStatus.values:
        raise ValidationError({"manual_status": [_("Bedömd status: okänt värde.")]})
    assessment = _assessment_write(
        commitment=commitment,
        text=text,
        manual_status=manual_status,
        version=version,
        actor=actor,
    )
    commitment_reported_record(
        commitment=commitment,
        status=manual_status,
        source=_("bedömning i webben"),
        actor=actor,
    )
    return assessment


def _assessment_write(
    *,
    commitment: Commitment,
    text: str,
    manual_status: str,
    version: int | None,
    actor: Any,
) -> Assessment:
    existing = Assessment.objects.filter(commitment=commitment).first()
    if existing is None:
        return Assessment.objects.create(
            commitment=commitment,
            text=text.strip(),
            manual_status=manual_status,
            updated_by=recorded_actor(actor),
        )
    updated = Assessment.objects.filter(
        pk=existing.pk, version=existing.version if version is None else version
    ).update(
        text=text.strip(),
        manual_status=manual_status,
        updated_by=recorded_actor(actor),
        updated_at=timezone.now(),
        version=F("version") + 1,
    )
    if not updated:
        raise StaleChange(
            _(
                "Någon annan har ändrat bedömningen medan du skrev. Din text är inte "
                "sparad: läs in sidan igen."
            )
        )
    existing.refresh_from_db()
    return existing
