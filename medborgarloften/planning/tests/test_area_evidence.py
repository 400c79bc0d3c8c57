"""Per-area survey results and crime figures as a problem's evidence: in the
lägesbild's figures, selectable in the problem form, and cited with area, year and
source on the plan page and in its Word and PDF files."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from medborgarloften.planning import services
from medborgarloften.planning.figures import (
    current_figures,
    figure_choices,
    figure_citation,
)
from medborgarloften.planning.models import Problem
from medborgarloften.situation.models import ImportBatch, SurveyResult

from .conftest import build_plan

pytestmark = pytest.mark.django_db

SOURCE = "Polisens trygghetsmätning 2025"


def _survey(world, share=41.0, respondents=180, *, area=True):
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.SURVEY, filename="tm.csv", sha256="x", source=SOURCE
    )
    return SurveyResult.objects.create(
        kommun=world.kommun,
        area=world.area if area else None,
        indicator="otrygg_kvall",
        year=2025,
        share=share,
        respondents=respondents,
        batch=batch,
    )


def _key(world):
    return f"areasurvey:{world.area.pk}:otrygg_kvall"


def test_area_survey_shares_are_figures_with_area_year_and_source(world):
    _survey(world)
    figures = {f["key"]: f for f in current_figures(kommun=world.kommun, year=2025)}
    figure = figures[_key(world)]
    assert (figure["group"], figure["area"], figure["year"]) == (
        "area_survey",
        "Berga",
        2025,
    )
    assert figure["source"] == SOURCE
    assert figure_citation(figure) == (
        f"Otrygghet ute ensam sen kväll, Berga: 41 % (2025; källa: {SOURCE})"
    )
    area_crime = figures[f"area:{world.area.pk}:Skadegörelse"]
    assert figure_citation(area_crime) == "Skadegörelse, Berga: 40 anmälda brott (2025)"


def test_a_share_on_too_few_respondents_is_no_figure(world):
    _survey(world, respondents=3)
    keys = [f["key"] for f in current_figures(kommun=world.kommun, year=2025)]
    assert _key(world) not in keys


def test_the_form_groups_the_figures_and_takes_an_area_survey_share(client, world):
    _survey(world)
    groups = dict(figure_choices(current_figures(kommun=world.kommun, year=2025)))
    assert "Trygghetsmätning per område" in groups
    assert "Anmälda brott per område" in groups
    built = build_plan(world, adopt=False)
    client.force_login(world.editor)
    url = reverse("planning:plan", args=[built.plan.pk])
    page = client.get(url)
    assert "Trygghetsmätning per område" in page.text
    response = client.post(
        url,
        {
            "step": "problem",
            "problem-title": "Otryggt i Berga",
            "problem-figure_keys": [_key(world)],
        },
    )
    assert response.status_code == 302
    assert Problem.objects.get(title="Otryggt i Berga").figure_keys == [_key(world)]
    page = client.get(url)
    assert f"Otrygghet ute ensam sen kväll, Berga: 41 % (2025; källa: {SOURCE})" in (
        page.text
    )


def test_the_plan_and_its_files_cite_the_stored_area_figure(client, world):
    _survey(world)
    built = build_plan(world, adopt=False)  # its lägesbild adopted: figures stored
    services.problem_add(
        actor=world.editor,
        plan=built.plan,
        title="Otryggt i Berga",
        figure_keys=[_key(world)],
    )
    SurveyResult.objects.all().delete()  # the stored figures still say it
    client.force_login(world.editor)
    citation = f"Otrygghet ute ensam sen kväll, Berga: 41 % (2025; källa: {SOURCE})"
    assert citation in client.get(reverse("planning:plan", args=[built.plan.pk])).text
    docx = client.get(reverse("planning:plan_file", args=[built.plan.pk, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert citation in text
    report = client.get(
        reverse("planning:report", args=[built.plan.situation_report_id])
    )
    assert "Trygghetsundersökningen per område" in report.text
    assert SOURCE in report.text


def test_a_kommun_crime_figure_names_its_source_too(world):
    from medborgarloften.situation.models import CrimeStatistic

    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.CRIME, filename="bra.csv", sha256="y", source="Brå"
    )
    CrimeStatistic.objects.filter(area__isnull=True).update(batch=batch)
    figures = {f["key"]: f for f in current_figures(kommun=world.kommun, year=2025)}
    assert figure_citation(figures["crime:Misshandel"]).endswith("(2025; källa: Brå)")
