"""Baselines frozen at adoption, and cause analyses per focus area."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from medborgarloften.promises.models import FocusArea, Promise
from medborgarloften.situation.models import BaselineValue, SurveyResult
from medborgarloften.situation.services import (
    baseline_freeze,
    cause_analysis_save,
    observation_create,
)

from .conftest import at


@pytest.fixture
def promise(kalmar, lpo_kalmar, areas):
    promise = Promise.objects.create(
        title="Tryggare Oxhagen", adopted_on=dt.date(2025, 12, 1)
    )
    promise.parties.set([kalmar, lpo_kalmar])
    focus = FocusArea.objects.create(
        promise=promise, title="Klotter i Oxhagen", themes=["skadegorelse"]
    )
    focus.areas.set([areas["Oxhagen"]])
    return promise


@pytest.mark.django_db
def test_it_freezes_the_year_before_adoption_and_never_moves(promise, kalmar, areas):
    for day in range(1, 8):
        observation_create(
            kommun=kalmar,
            category="klotter",
            observed_at=at(2025, 6, day),
            area=areas["Oxhagen"],
        )
    observation_create(
        kommun=kalmar,
        category="klotter",
        observed_at=at(2024, 6, 1),
        area=areas["Oxhagen"],
    )
    SurveyResult.objects.create(
        kommun=kalmar,
        area=areas["Oxhagen"],
        indicator="otrygg_kvall",
        year=2025,
        share=31.0,
        respondents=80,
    )
    values = {v.key: v for v in baseline_freeze(promise=promise)}
    assert values["rapporter:skadegorelse"].value == 7  # 2024-12-01–2025-11-30
    assert values["rapporter:skadegorelse"].period == "2024-12-01–2025-11-30"
    assert values["enkat:otrygg_kvall"].value == 31.0
    assert values["handelser:skadegorelse"].area is None
    # Later reports and a second call change nothing.
    observation_create(
        kommun=kalmar,
        category="klotter",
        observed_at=at(2025, 11, 20),
        area=areas["Oxhagen"],
    )
    again = {v.key: v for v in baseline_freeze(promise=promise)}
    assert again["rapporter:skadegorelse"].value == 7
    refrozen = {v.key: v for v in baseline_freeze(promise=promise, refreeze=True)}
    assert refrozen["rapporter:skadegorelse"].value == 8
    assert BaselineValue.objects.filter(key="rapporter:skadegorelse").count() == 1


@pytest.mark.django_db
def test_it_needs_a_kommun_among_the_parties(lpo_kalmar):
    promise = Promise.objects.create(title="Bara polisen")
    promise.parties.set([lpo_kalmar])
    with pytest.raises(ValidationError, match="ingen kommun"):
        baseline_freeze(promise=promise)


@pytest.mark.django_db
def test_it_keeps_one_cause_analysis_per_focus_area(promise):
    focus = promise.focus_areas.get()
    cause_analysis_save(
        focus_area=focus,
        problem="Klotter",
        causes="Mörka fasader",
        measures="Belysning",
    )
    cause_analysis_save(
        focus_area=focus,
        problem="Klotter",
        causes="Mörka fasader, ingen sanering",
        measures="Snabb sanering",
    )
    focus = FocusArea.objects.get(pk=focus.pk)
    assert focus.cause_analysis.measures == "Snabb sanering"
    with pytest.raises(ValidationError) as excinfo:
        cause_analysis_save(
            focus_area=focus, problem=" ", causes="x", measures="x" * 2001
        )
    assert set(excinfo.value.message_dict) == {"problem", "measures"}


@pytest.mark.django_db
def test_the_page_freezes_and_saves_analyses_for_editors_only(
    client, promise, kommun_editor, other_kommun_editor, kommun_viewer
):
    url = f"/personal/lagesbild/lofte/{promise.pk}/"
    client.force_login(kommun_editor)
    client.post(url, {"action": "freeze"})
    assert promise.baseline_values.exists()
    focus = promise.focus_areas.get()
    response = client.post(
        url,
        {
            "focus_area": focus.pk,
            f"f{focus.pk}-problem": "Klotter på skolan",
            f"f{focus.pk}-causes": "Ingen snabb sanering",
            f"f{focus.pk}-measures": "Sanera inom 24 timmar",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Utgångsläget frystes" in page and "Sanera inom 24 timmar" in page
    client.force_login(kommun_viewer)
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "freeze"}).status_code == 403
    client.force_login(other_kommun_editor)
    assert client.get(url).status_code == 403
