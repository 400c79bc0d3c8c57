"""The latest survey import or transfer of a kommun can be undone: its rows go, the
rows it replaced come back, and the whole kommun follows."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from medborgarloften.situation.models import CrimeStatistic, ImportBatch, SurveyResult
from medborgarloften.situation.services import batch_undo, latest_batch
from medborgarloften.situation.services.imports import crime_import, survey_import

HEAD = "område;år;indikator;kön;åldersgrupp;andel;svarande\n"


def _survey(kalmar, rows, name):
    return survey_import(kommun=kalmar, data=(HEAD + rows).encode(), filename=name)


@pytest.mark.django_db
def test_undo_restores_what_the_latest_import_replaced(kalmar, areas, kommun_editor):
    _survey(
        kalmar,
        "Hela kommunen;2025;otrygg_kvall;alla;alla;20;900\n"
        "Norrliden;2025;otrygg_kvall;alla;alla;30;300\n",
        "formell.csv",
    )
    first = ImportBatch.objects.get(filename="formell.csv")
    _survey(
        kalmar,
        "Norrliden;2025;otrygg_kvall;alla;alla;90;8\n"
        "Oxhagen;2025;otrygg_kvall;alla;alla;50;8\n",
        "liten.csv",
    )
    # The small file replaced Norrliden, so the file's own kommun row went.
    assert not SurveyResult.objects.filter(area=None).exists()
    latest = latest_batch(kalmar)
    assert latest.filename == "liten.csv"
    with pytest.raises(ValidationError):
        batch_undo(kommun=kalmar, batch=first, actor=kommun_editor)
    batch_undo(kommun=kalmar, batch=latest, actor=kommun_editor)
    rows = {
        (r.area_id, r.share, r.respondents, r.batch_id)
        for r in SurveyResult.objects.all()
    }
    assert rows == {
        (None, 20.0, 900, first.pk),
        (areas["Norrliden"].pk, 30.0, 300, first.pk),
    }
    assert latest_batch(kalmar) == first


@pytest.mark.django_db
def test_undo_of_a_crime_import_brings_the_rates_back(
    client, kalmar, areas, kommun_editor
):
    crime_import(
        data="område;brottskategori;år;antal;per 100 000 inv.\nNorrliden;Rån;2025;10;250\n".encode(),
        filename="a.csv",
        kommun=kalmar,
    )
    crime_import(
        data="område;brottskategori;år;antal\nNorrliden;Rån;2025;12\n".encode(),
        filename="b.csv",
        kommun=kalmar,
    )
    client.force_login(kommun_editor)
    page = client.get("/personal/lagesbild/0880/import/").content.decode()
    assert "Ångra den senaste importen" in page
    latest = latest_batch(kalmar)
    assert f"Ja, ångra {latest}" in page
    # Not confirmed (a quick click): nothing is undone.
    client.post("/personal/lagesbild/0880/import/angra/", {"batch": latest.pk})
    assert CrimeStatistic.objects.get().count == 12
    client.post(
        "/personal/lagesbild/0880/import/angra/", {"batch": latest.pk, "confirm": "1"}
    )
    row = CrimeStatistic.objects.get()
    assert (row.count, row.rate_per_100k) == (10, 250.0)
