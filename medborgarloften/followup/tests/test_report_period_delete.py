"""A report's period lies within its promise's; a draft report can be deleted (only
a draft, by an editor, after a confirmation, by POST)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from medborgarloften.followup.models import Report, ReportStatus
from medborgarloften.followup.services import (
    StaleChange,
    report_create,
    report_delete,
    report_set_status,
    report_update,
)

pytestmark = pytest.mark.django_db


def _draft(promise, start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30)):
    return report_create(
        promise=promise, title="Halvår", period_start=start, period_end=end
    )


@pytest.mark.parametrize(
    ("start", "end", "key"),
    [
        (dt.date(2024, 1, 1), dt.date(2026, 6, 30), "period_start"),
        (dt.date(2025, 7, 1), dt.date(2027, 6, 30), "period_end"),
        (dt.date(2024, 12, 31), dt.date(2025, 1, 31), "period_start"),
    ],
)
def test_a_period_reaching_outside_the_promise_is_refused(promise, start, end, key):
    # the promise runs 2025-01-01 – 2026-12-31
    with pytest.raises(ValidationError) as excinfo:
        _draft(promise, start, end)
    message = " ".join(excinfo.value.message_dict[key])
    assert "ligger utanför löftets period 2025-01-01 – 2026-12-31" in message
    assert not Report.objects.exists()


def test_the_whole_promise_period_is_accepted(promise):
    assert _draft(promise, dt.date(2025, 1, 1), dt.date(2026, 12, 31)).pk


def test_changing_a_report_to_a_period_outside_is_refused(promise):
    report = _draft(promise)
    with pytest.raises(ValidationError):
        report_update(
            report=report,
            version=report.version,
            title=report.title,
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2027, 6, 30),
        )


def test_a_draft_is_deleted_with_its_entries(promise, walks):
    report = _draft(promise)
    assert report.entries.exists()
    report_delete(report=report, version=report.version)
    assert not Report.objects.filter(pk=report.pk).exists()


def test_an_approved_report_is_not_deleted(promise, kommun_editor):
    report = _draft(promise)
    report_set_status(report=report, status=ReportStatus.APPROVED, actor=kommun_editor)
    with pytest.raises(ValidationError, match="Bara ett utkast kan tas bort"):
        report_delete(report=report, version=report.version)
    assert Report.objects.filter(pk=report.pk).exists()


def test_a_stale_delete_is_refused(promise):
    report = _draft(promise)
    with pytest.raises(StaleChange):
        report_delete(report=report, version=report.version - 1)


def test_the_staff_page_confirms_then_deletes_by_post(
    client, promise, kommun_editor, kommun_viewer
):
    report = _draft(promise)
    url = reverse("followup:report_delete", args=[report.pk])
    client.force_login(kommun_viewer)
    assert client.post(url, {"version": report.version}).status_code == 403
    client.force_login(kommun_editor)
    page = client.get(reverse("followup:report", args=[report.pk])).content.decode()
    assert url in page
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert 'method="post"' in confirm.content.decode()
    assert Report.objects.filter(pk=report.pk).exists()
    response = client.post(url, {"version": report.version})
    assert response.status_code == 302
    assert not Report.objects.filter(pk=report.pk).exists()
