"""The follow-up report's effect table (issue #18 item 7): theme labels, not codes;
each indicator once; a baseline from before the promise; each focus area's own
themes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from medborgarloften.followup.reports import report_context
from medborgarloften.followup.services import report_create
from medborgarloften.promises.models import FocusArea
from medborgarloften.situation.models import BaselineValue, Observation
from medborgarloften.situation.services import baseline_freeze


@pytest.fixture
def report(promise, kommun_editor):
    return report_create(
        promise=promise,
        title="Uppföljning våren 2025",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 6, 30),
        actor=kommun_editor,
    )


def _observe(kommun, area, category, day):
    Observation.objects.create(
        kommun=kommun,
        category=category,
        area=area,
        observed_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12))),
    )


@pytest.mark.django_db
def test_it_labels_indicators_with_the_theme_name_not_its_code(report, berga):
    focus = FocusArea.objects.create(
        promise=report.promise,
        title="Trygg stadskärna",
        themes=["trygghet_offentlig_miljo"],
    )
    focus.areas.set([berga])
    baseline_freeze(promise=report.promise, on=dt.date(2025, 1, 1))
    labels = [i.label for i in report_context(report=report)["effect"].indicators]
    assert labels
    assert not [label for label in labels if "trygghet_offentlig_miljo" in label]
    assert "EST-rapporter, tema trygghet i offentlig miljö, Berga" in labels


@pytest.mark.django_db
def test_it_writes_out_codes_a_baseline_frozen_earlier_stored(report, berga):
    focus = FocusArea.objects.create(
        promise=report.promise, title="Trygg stadskärna", themes=[]
    )
    BaselineValue.objects.create(
        promise=report.promise,
        focus_area=focus,
        frozen_at=timezone.now(),
        key="handelser:trygghet_offentlig_miljo",
        label="Polisens händelser, tema trygghet_offentlig_miljo",
        area=None,
        period="2024-01-01–2024-12-31",
        value=4.0,
        unit="händelser",
        base=4,
    )
    (indicator,) = report_context(report=report)["effect"].indicators
    assert indicator.label == "Polisens händelser, tema trygghet i offentlig miljö"


@pytest.mark.django_db
def test_it_lists_an_indicator_two_focus_areas_share_once(report):
    for title in ("Trygg stadskärna", "Tryggt på kvällen"):
        FocusArea.objects.create(
            promise=report.promise, title=title, themes=["ordningsstorningar"]
        )
    baseline_freeze(promise=report.promise, on=dt.date(2025, 1, 1))
    indicators = report_context(report=report)["effect"].indicators
    labels = [i.label for i in indicators]
    assert labels
    assert len(labels) == len(set(labels)), labels


@pytest.mark.django_db
def test_it_freezes_the_baseline_before_the_promise_when_it_has_no_adoption_date(
    report,
):
    """The staff page's "freeze" button: a promise without an adoption date is
    measured in the year before its period, not the year up to today."""
    assert report.promise.adopted_on is None
    FocusArea.objects.create(
        promise=report.promise, title="Ordning", themes=["ordningsstorningar"]
    )
    baseline_freeze(promise=report.promise, refreeze=True)
    for indicator in report_context(report=report)["effect"].indicators:
        if indicator.unit == "händelser":
            assert indicator.baseline_period == "2024-01-01–2024-12-31"
            # "before the promise" ends before "now" ends
            assert indicator.baseline_period[-10:] < indicator.current_period[-10:]


@pytest.mark.django_db
def test_a_narcotics_focus_area_without_themes_follows_narcotics(report, kalmar, berga):
    focus = FocusArea.objects.create(
        promise=report.promise, title="Unga och narkotika i Berga", themes=[]
    )
    focus.areas.set([berga])
    _observe(kalmar, berga, "narkotika", dt.date(2024, 6, 1))
    _observe(kalmar, berga, "belysning", dt.date(2024, 6, 2))
    values = baseline_freeze(promise=report.promise, on=dt.date(2025, 1, 1))
    keys = {v.key for v in values}
    assert "rapporter:narkotika" in keys
    assert not [k for k in keys if k.endswith("trygghet_offentlig_miljo")]
    (narcotics,) = [
        v for v in values if v.key == "rapporter:narkotika" and v.area_id == berga.pk
    ]
    assert narcotics.value == 1
