"""Issue 18, item 3: reported vs evidenced status, the schedule, the history of
each change with its source, process quality and the evaluation in three layers."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from medborgarloften.followup.evidence import (
    IndicatorChange,
    effect_of,
    evidence_rows,
    process_quality,
)
from medborgarloften.followup.models import (
    Evaluation,
    ManualStatus,
    Report,
    StatusChange,
    StatusKind,
)
from medborgarloften.followup.services import (
    activity_create,
    assessment_save,
    evaluation_record,
)
from medborgarloften.promises.models import FocusArea
from medborgarloften.situation.models import BaselineValue

from .conftest import TODAY


def _row(rows, commitment):
    return next(r for r in rows if r.row.commitment.pk == commitment.pk)


@pytest.mark.django_db
def test_it_flags_a_reported_status_the_activities_do_not_support(
    promise, patrols, kommun_editor
):
    activity_create(commitment=patrols, date=dt.date(2025, 3, 1), kind="patrull")
    assessment_save(
        commitment=patrols,
        text="",
        manual_status=ManualStatus.DONE,
        actor=kommun_editor,
    )
    row = _row(evidence_rows(promise=promise, today=TODAY), patrols)
    assert row.reported == "done"
    assert row.evidenced == "behind"  # 1 of ~50 expected by midsummer
    assert row.disagrees
    assessment_save(
        commitment=patrols, text="", manual_status=ManualStatus.BEHIND, actor=None
    )
    row = _row(evidence_rows(promise=promise, today=TODAY), patrols)
    assert not row.disagrees


@pytest.mark.django_db
def test_it_says_when_a_commitment_without_target_has_no_evidence(promise, dialogue):
    row = _row(evidence_rows(promise=promise, today=TODAY), dialogue)
    assert row.evidenced == "no_activity"
    activity_create(commitment=dialogue, date=dt.date(2025, 4, 1), kind="möte")
    row = _row(evidence_rows(promise=promise, today=TODAY), dialogue)
    assert row.evidenced == "activity_only"


@pytest.mark.django_db
def test_it_records_each_status_change_once_with_its_source(
    promise, patrols, kommun_editor
):
    activity_create(
        commitment=patrols,
        date=dt.date(2025, 3, 1),
        kind="patrull",
        actor=kommun_editor,
    )
    evidenced = StatusChange.objects.get(commitment=patrols, kind=StatusKind.EVIDENCED)
    assert evidenced.status == "behind"
    assert "2025-03-01 patrull" in evidenced.source
    assert evidenced.actor == kommun_editor
    # another activity that changes nothing records nothing
    activity_create(commitment=patrols, date=dt.date(2025, 3, 2), kind="patrull")
    assert (
        StatusChange.objects.filter(commitment=patrols, kind="evidenced").count() == 1
    )
    # the owner's report is recorded, and only when it changes
    assessment_save(commitment=patrols, text="", manual_status="", actor=kommun_editor)
    assert not StatusChange.objects.filter(kind=StatusKind.REPORTED).exists()
    for _ in range(2):
        assessment_save(
            commitment=patrols,
            text="Bra",
            manual_status="on_track",
            actor=kommun_editor,
        )
    reported = StatusChange.objects.get(kind=StatusKind.REPORTED)
    assert (reported.status, reported.actor) == ("on_track", kommun_editor)


@pytest.mark.django_db
def test_it_shows_the_schedule_until_the_period_is_evaluated(
    promise, patrols, kommun_editor
):
    promise.period_end = dt.date(2025, 5, 31)
    promise.save()
    patrols.target_per = ""
    patrols.target_quantity = None
    patrols.save()
    row = _row(evidence_rows(promise=promise, today=TODAY), patrols)
    assert row.schedule == "awaiting_evaluation"
    evaluation_record(
        actor=kommun_editor,
        promise=promise,
        period_start=promise.period_start,
        period_end=promise.period_end,
        implementation="partly",
        output="partly",
        outcome="unknown",
    )
    row = _row(evidence_rows(promise=promise, today=TODAY), patrols)
    assert row.schedule == "running"
    change = StatusChange.objects.get(commitment=patrols, kind=StatusKind.SCHEDULE)
    assert change.source == "slututvärdering"


@pytest.mark.django_db
def test_it_compares_the_focus_areas_indicators_with_the_frozen_baseline(
    promise, patrols
):
    focus = FocusArea.objects.create(
        promise=promise, title="Skadegörelse", themes=["skadegorelse"]
    )
    patrols.focus_area = focus
    patrols.save()
    BaselineValue.objects.create(
        promise=promise,
        focus_area=focus,
        key="rapporter:skadegorelse",
        label="EST-rapporter, tema skadegörelse",
        period="2024",
        value=12.0,
        unit="rapporter",
        frozen_at=timezone.now(),
    )
    row = _row(evidence_rows(promise=promise, today=TODAY), patrols)
    reports = [i for i in row.indicators if i.label.startswith("EST")]
    assert [(i.baseline, i.current) for i in reports] == [(12.0, 0.0)]
    assert row.effect == "improved"


def test_it_sums_up_indicators_lower_being_better():
    assert effect_of([IndicatorChange("a", 5, 3)]) == "improved"
    assert effect_of([IndicatorChange("a", 5, 7)]) == "worsened"
    assert (
        effect_of([IndicatorChange("a", 5, 3), IndicatorChange("b", 1, 2)]) == "mixed"
    )
    assert effect_of([IndicatorChange("a", 5, 5)]) == "unchanged"
    assert effect_of([IndicatorChange("a", None, 5)]) == "no_data"


@pytest.mark.django_db
def test_it_answers_the_process_quality_questions(promise, patrols):
    checks = {c.key: c for c in process_quality(promise=promise, today=TODAY)}
    assert checks["cadence"].ok is True  # nothing due before 2025-12-31
    assert checks["told"].ok is False
    assert checks["evaluated"].ok is None
    late = {
        c.key: c for c in process_quality(promise=promise, today=dt.date(2026, 2, 1))
    }
    assert late["cadence"].ok is False
    Report.objects.create(
        promise=promise,
        title="Rapport",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        status="published",
    )
    checks = {
        c.key: c for c in process_quality(promise=promise, today=dt.date(2026, 2, 1))
    }
    assert checks["told"].ok is True
    assert checks["cadence"].ok is True


@pytest.mark.django_db
def test_it_refuses_an_evaluation_with_errors_and_saves_nothing(
    promise, kommun_editor, kommun_viewer
):
    with pytest.raises(ValidationError) as excinfo:
        evaluation_record(
            actor=kommun_editor,
            promise=promise,
            period_start=dt.date(2025, 6, 1),
            period_end=dt.date(2025, 1, 1),
            implementation="bra",
            output="reached",
            outcome="improved",
        )
    assert set(excinfo.value.message_dict) == {"period_end", "implementation"}
    with pytest.raises(PermissionDenied):
        evaluation_record(
            actor=kommun_viewer,
            promise=promise,
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2025, 6, 1),
            implementation="partly",
            output="reached",
            outcome="improved",
        )
    assert not Evaluation.objects.exists()


@pytest.mark.django_db
def test_it_shows_reported_and_evidenced_side_by_side_on_the_dashboard(
    client, promise, patrols, kommun_editor
):
    assessment_save(commitment=patrols, text="", manual_status="done")
    client.force_login(kommun_editor)
    body = client.get(reverse("followup:dashboard", args=[promise.pk])).content.decode()
    assert "Rapporterat och belagt" in body
    assert "Underlaget stöder inte den rapporterade statusen." in body
    assert "Uppföljt i den takt löftet lovar" in body


@pytest.mark.django_db
def test_it_saves_an_evaluation_from_the_form_and_lists_it(
    client, promise, patrols, kommun_editor, kommun_viewer
):
    url = reverse("followup:evaluation", args=[promise.pk])
    data = {
        "period_start": "2025-01-01",
        "period_end": "2025-06-30",
        "implementation": "partly",
        "implementation_text": "Hälften av patrullerna blev av.",
        "output": "partly",
        "output_text": "",
        "outcome": "unknown",
        "outcome_text": "För tidigt att säga.",
    }
    client.force_login(kommun_viewer)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    client.force_login(kommun_editor)
    response = client.post(url, data)
    assert response.status_code == 302
    body = client.get(url).content.decode()
    assert "Hälften av patrullerna blev av." in body
    assert Evaluation.objects.get().created_by == kommun_editor
    history = client.get(reverse("followup:history", args=[promise.pk]))
    assert "slututvärdering" in history.content.decode()


@pytest.mark.django_db
def test_it_shows_reported_and_evidenced_calmly_on_the_public_report(
    client, promise, patrols
):
    assessment_save(commitment=patrols, text="", manual_status="on_track")
    report = Report.objects.create(
        promise=promise,
        title="Halvårsrapport",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 6, 30),
        status="published",
    )
    body = client.get(reverse("publishing:report", args=[report.uid])).content.decode()
    assert "Rapporterat och vad underlaget visar" in body
    assert "Pågår enligt plan" in body
    assert "Senaste ändring" not in body  # who changed what stays on staff pages


@pytest.mark.django_db
def test_it_shows_every_wording_of_a_reworded_commitment(
    client, promise, patrols, kommun_editor
):
    from medborgarloften.promises.services.versions import commitment_versions_record

    commitment_versions_record(promise=promise)
    patrols.target_quantity = 60
    patrols.save()
    commitment_versions_record(promise=promise, actor=kommun_editor, source="webb")
    row = _row(evidence_rows(promise=promise, today=TODAY), patrols)
    assert [v.target_quantity for v in row.versions] == [100, 60]
    client.force_login(kommun_editor)
    body = client.get(reverse("followup:dashboard", args=[promise.pk])).content.decode()
    assert "Lydelsen har ändrats" in body
    assert "minst 100 kvällar per år" in body  # the original target, still shown


@pytest.mark.django_db
def test_the_daily_run_records_what_time_changed(promise, patrols):
    from django.core.management import call_command

    from medborgarloften.followup.services import current_statuses_refresh

    current_statuses_refresh(today=TODAY)
    before = StatusChange.objects.get(commitment=patrols, kind=StatusKind.SCHEDULE)
    assert before.status == "running"  # the 2025 count is due at New Year
    call_command("reminders", today="2027-02-01", stdout=io.StringIO())
    after = StatusChange.objects.filter(commitment=patrols, kind=StatusKind.SCHEDULE)
    assert after.first().status == "overdue"
    assert after.first().source == "daglig kontroll"
