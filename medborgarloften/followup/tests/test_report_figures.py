"""A report's figures are the commitment's progress to date (cumulative since the
promise began, as the dashboard counts), with the report period's own share shown
apart; one status per commitment; no future deadline called late."""

from __future__ import annotations

import datetime as dt

import pytest

from medborgarloften.followup.evidence import evidence_rows
from medborgarloften.followup.models import Activity
from medborgarloften.followup.reports import (
    report_context,
    report_docx_bytes,
)
from medborgarloften.followup.selectors import commitment_rows
from medborgarloften.followup.services import report_create
from medborgarloften.promises.models import Commitment

LATE_2026 = dt.date(2026, 12, 7)


def _log(commitment, day, quantity=1, kind="insats", area=None):
    return Activity.objects.create(
        commitment=commitment, date=day, kind=kind, quantity=quantity, area=area
    )


@pytest.fixture
def commitments(promise):
    lighting = Commitment.objects.create(
        promise=promise,
        text="Belysningen vid stationen byts.",
        responsible=["kommun"],
        target_deadline=dt.date(2025, 12, 31),
        position=10,
    )
    watch = Commitment.objects.create(
        promise=promise,
        text="Grannsamverkan startas i fem områden.",
        responsible=["kommun"],
        target_quantity=5,
        target_unit="områden",
        position=11,
    )
    patrols = Commitment.objects.create(
        promise=promise,
        text="Minst 100 kvällspatruller per år.",
        responsible=["polis"],
        target_quantity=100,
        target_unit="kvällar",
        target_per="år",
        position=12,
    )
    _log(lighting, dt.date(2025, 11, 10))
    _log(watch, dt.date(2025, 5, 1), 3)
    _log(watch, dt.date(2026, 2, 1), 2)
    _log(patrols, dt.date(2025, 9, 1), 100)
    _log(patrols, dt.date(2026, 3, 1), 85)
    return lighting, watch, patrols


@pytest.fixture
def report_2026(promise, commitments):
    return report_create(
        promise=promise,
        title="Uppföljning 2026",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )


def _items(report):
    context = report_context(report=report, today=LATE_2026)
    return {item.row.commitment.text: item for item in context["items"]}, context


@pytest.mark.django_db
def test_a_report_counts_progress_to_date_not_only_its_own_period(report_2026):
    items, _context = _items(report_2026)
    lighting = items["Belysningen vid stationen byts."]
    watch = items["Grannsamverkan startas i fem områden."]
    patrols = items["Minst 100 kvällspatruller per år."]
    # Done in November 2025: done, not "Försenat 0/1", in the 2026 report.
    assert lighting.row.status == "done"
    assert lighting.in_period == 0
    # Five of five since the promise began; two of them in this report's period.
    assert (watch.counted, watch.target, watch.in_period) == (5, 5, 2)
    assert watch.row.status == "done"
    # The same figures as the dashboard's and the evidence table's (85/200 is not
    # shown beside "85 av 100").
    assert (patrols.counted, patrols.target, patrols.in_period) == (185, 200, 85)
    board = {
        r.commitment.pk: r
        for r in commitment_rows(promise=report_2026.promise, today=LATE_2026)
    }
    for item in items.values():
        row = board[item.row.commitment.pk]
        assert (item.counted, item.target) == (
            row.progress.counted,
            row.progress.target,
        )
        assert item.row.status == row.status


@pytest.mark.django_db
def test_the_report_page_and_word_file_show_the_period_share_apart(report_2026):
    from django.template.loader import render_to_string

    _items_, context = _items(report_2026)
    html = render_to_string("followup/_report_body.html", context)
    assert "Utfört hittills 5 av 5." in html
    assert "Under rapportperioden: 2 utförda." in html
    assert "Utfört 2 av 5" not in html
    import io

    from docx import Document

    document = Document(io.BytesIO(report_docx_bytes(report=report_2026)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Utfört hittills 5 av 5. Under rapportperioden: 2." in text
    assert "Utfört hittills 185 av 200. Under rapportperioden: 85." in text


@pytest.mark.django_db
def test_an_overdue_commitment_names_the_missed_date_not_a_future_one(
    promise, report_2026
):
    late = Commitment.objects.create(
        promise=promise,
        text="Minst 10 möten per år.",
        responsible=["kommun"],
        target_quantity=10,
        target_unit="möten",
        target_per="år",
        position=13,
    )
    _log(late, dt.date(2025, 3, 1), 2)  # 2025 missed
    rows = evidence_rows(promise=promise, today=LATE_2026)
    (row,) = [r for r in rows if r.row.commitment.pk == late.pk]
    assert row.schedule == "overdue"
    assert row.schedule_date == dt.date(2025, 12, 31)
    for other in rows:
        if other.schedule == "overdue" and other.schedule_date is not None:
            assert other.schedule_date < LATE_2026


@pytest.mark.django_db
def test_a_late_part_before_the_period_is_named_beside_the_status(promise, report_2026):
    """The one status may come from a part before the report's period (2025
    missed): the report names it, so "Försenat" does not stand unexplained next to
    bars of 2026 alone."""
    from django.template.loader import render_to_string

    late = Commitment.objects.create(
        promise=promise,
        text="Minst 10 möten per år.",
        responsible=["kommun"],
        target_quantity=10,
        target_unit="möten",
        target_per="år",
        position=13,
    )
    _log(late, dt.date(2025, 3, 1), 2)
    _log(late, dt.date(2026, 3, 1), 10)
    items, context = _items(report_2026)
    item = items["Minst 10 möten per år."]
    assert item.row.status == "overdue"
    assert item.late_parts == ["2025 (2 av 10)"]
    html = render_to_string("followup/_report_body.html", context)
    assert "Efter plan: 2025 (2 av 10)." in html
