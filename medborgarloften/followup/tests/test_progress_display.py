"""What the overview says about progress: per-area-per-year parts missing by name,
report deadlines passed shown as overdue (and the next one after them), citizens
not called told while reports are overdue, bars that stop at their track."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from medborgarloften.followup.evidence import process_quality
from medborgarloften.followup.models import Activity, CommunicationActivity
from medborgarloften.followup.progress import Bucket, Status
from medborgarloften.followup.report_charts import chart_svg
from medborgarloften.followup.selectors import commitment_rows, report_plan
from medborgarloften.promises.models import Commitment

LATE_2026 = dt.date(2026, 12, 7)


@pytest.mark.django_db
def test_a_per_area_per_year_target_names_the_area_and_year_missing(
    promise, berga, funkabo
):
    walks = Commitment.objects.create(
        promise=promise,
        text="Minst 1 trygghetsvandring per år i respektive område.",
        responsible=["kommun"],
        target_quantity=1,
        target_unit="trygghetsvandring",
        target_per="år_och_område",
    )
    for area, day in (
        (berga, dt.date(2025, 4, 1)),
        (funkabo, dt.date(2025, 5, 1)),
        (berga, dt.date(2026, 4, 1)),
    ):
        Activity.objects.create(commitment=walks, date=day, kind="vandring", area=area)
    (row,) = [
        r
        for r in commitment_rows(promise=promise, today=LATE_2026)
        if r.commitment.pk == walks.pk
    ]
    # Funkabo was walked in 2025, not in 2026: it is missing for 2026.
    assert row.progress.missing_parts == ["Funkabo 2026"]
    html = render_to_string("followup/_progress.html", {"progress": row.progress})
    assert "Saknar aktivitet: Funkabo 2026" in html


@pytest.mark.django_db
def test_a_passed_report_deadline_is_overdue_and_the_next_one_follows(
    client, kommun_editor, promise, monkeypatch
):
    plan = report_plan(promise=promise, today=dt.date(2026, 2, 1))
    assert plan.overdue == [dt.date(2025, 12, 31)]
    assert plan.upcoming == dt.date(2026, 12, 31)
    monkeypatch.setattr(
        "django.utils.timezone.localdate",
        lambda value=None, timezone=None: dt.date(2026, 2, 1),
    )
    client.force_login(kommun_editor)
    html = client.get(reverse("followup:dashboard", args=[promise.pk])).content
    text = " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())
    assert "Nästa senast 2025-12-31" not in text
    assert "Försenad: 2025-12-31." in text
    assert "Nästa senast 2026-12-31." in text


@pytest.mark.django_db
def test_citizens_are_not_told_while_promised_reports_are_overdue(promise):
    CommunicationActivity.objects.create(
        promise=promise,
        title="Artikel om uppföljningen",
        channel="webb",
        planned_on=dt.date(2025, 9, 1),
        status="done",
        done_on=dt.date(2025, 9, 1),
        reports_followup=True,
    )
    checks = {c.key: c for c in process_quality(promise=promise, today=LATE_2026)}
    told = checks["told"]
    assert told.ok is False  # no report published, 2025-12-31 overdue
    assert "1 genomförd kommunikationsinsats" in told.detail
    assert "0 publicerade rapporter" in told.detail
    assert "1 redovisning är försenad." in told.detail


def test_a_bar_past_its_target_stops_at_its_track():
    html = str(
        chart_svg(
            title="Åtagande 8",
            buckets=[
                Bucket("VT 2026", None, None, 10, done=5, status=Status.OVERDUE),
                Bucket("HT 2026", None, None, 10, done=12, status=Status.DONE),
            ],
        )
    )
    rects = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', html)
    tracks, bars = rects[0::2], rects[1::2]
    for (tx, track_w), (_bx, bar_w) in zip(tracks, bars, strict=True):
        assert float(bar_w) <= float(tx) + float(track_w) + 0.5
        assert float(bar_w) <= 100
    assert "HT 2026: 12 av 10" in html
