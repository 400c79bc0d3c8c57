"""Generated status words follow the page's language: the report's per-period lines
and the recorded status changes ("Senaste ändring", the status history) are stored
or computed in Swedish and translated when shown."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from medborgarloften.followup.progress import Bucket, Status, status_legend
from medborgarloften.followup.report_charts import chart_svg
from medborgarloften.followup.status_display import change_label, change_source
from medborgarloften.followup.status_models import StatusChange


def test_the_report_bars_name_their_status_and_part_in_english():
    buckets = [
        Bucket("Hela perioden", None, None, 5, done=2, status=Status.OVERDUE),
        Bucket(
            "Senast 2025-12-31",
            None,
            dt.date(2025, 12, 31),
            1,
            done=1,
            status=Status.DONE,
            binary=True,
        ),
        Bucket("2026", None, None, 10, done=0, status=Status.NOT_STARTED),
    ]
    with translation.override("en"):
        html = str(chart_svg(title="Commitment 1", buckets=buckets))
    for swedish in ("Försenat", "Genomfört", "Inte påbörjat"):
        assert swedish not in html
    assert ": 2 of 5 – Delayed" in html
    assert "2025-12-31 – Done" in html
    assert "2026: 0 of 10 – Not started" in html
    with translation.override("sv"):
        html = str(chart_svg(title="Åtagande 1", buckets=buckets))
    assert "Hela perioden: 2 av 5 – Försenat" in html


def test_a_status_change_recorded_in_swedish_is_shown_in_english():
    change = StatusChange(
        kind="schedule",
        status="running",
        label="Pågår",
        source="aktivitet loggad: 2026-11-02 trygghetsvandring",
    )
    with translation.override("en"):
        assert change_label(change) == "Running"
        assert change_source(change) == "activity logged: 2026-11-02 trygghetsvandring"
    reported = StatusChange(
        kind="reported", status="none", label="Ingen rapporterad status", source="x"
    )
    with translation.override("en"):
        assert "Ingen" not in change_label(reported)
        assert change_source(reported) == "x"  # free text stays as written


def test_the_status_legend_explains_the_statuses_shown_in_a_fixed_order():
    # Invented mixes of statuses, not one page's.
    legend = status_legend({"done", "overdue", "on_track"})
    assert [label for label, _ in legend] == ["I fas", "Försenat", "Genomfört"]
    assert all(meaning for _, meaning in legend)
    # "Done" alone needs no legend; statuses said in their label have none.
    assert status_legend({"done"}) == []
    assert status_legend({"not_measurable", "unrecorded"}) == []
    assert [label for label, _ in status_legend({"behind", "unrecorded"})] == [
        "Efter plan"
    ]
    with translation.override("en"):
        assert translation.gettext(status_legend({"overdue"})[0][0]) == "Delayed"
