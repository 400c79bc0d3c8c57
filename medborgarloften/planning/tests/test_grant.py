"""The grant application's attachments (förordning 2023:442) as one download from
the step checklist: a zip of a cover sheet, the lägesbild and the åtgärdsplan as
PDF — or, while something is missing, a clear list of what."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pdfplumber
import pytest
from django.urls import reverse

from medborgarloften.planning.grant import grant_set

from .conftest import build_plan

pytestmark = pytest.mark.django_db


def test_it_lists_what_is_missing_before_the_set_can_be_sent(client, world):
    built = build_plan(world, adopt=False)
    assert grant_set(kommun=world.kommun).missing == [
        "En antagen åtgärdsplan som bygger på en antagen lägesbild."
    ]
    client.force_login(world.editor)
    steps = reverse("planning:steps", args=[world.kommun.code])
    page = client.get(steps).content.decode()
    assert "Det här saknas innan bilagorna kan laddas ner" in page
    assert reverse("planning:grant_file", args=[world.kommun.code]) not in page
    response = client.get(
        reverse("planning:grant_file", args=[world.kommun.code]), follow=True
    )
    assert response.redirect_chain[-1][0] == steps
    assert "En antagen åtgärdsplan som bygger på en antagen lägesbild." in (
        response.content.decode()
    )
    assert built.plan.pk


def test_it_asks_for_a_measurable_goal_on_every_measure(world):
    from medborgarloften.planning import services

    built = build_plan(world, adopt=False)
    services.measure_add(
        actor=world.editor,
        plan=built.plan,
        title="Fritidsgård",
        kind="social",
        causes=[built.cause],
    )
    services.plan_adopt(
        actor=world.editor,
        plan=built.plan,
        adopted_on=dt.date(2026, 2, 1),
        decision_body="Kommunfullmäktige",
        diarienummer="KS 2026/30",
    )
    assert grant_set(kommun=world.kommun).missing == ["Mätbara mål för åtgärd 2."]


def test_it_downloads_the_cover_sheet_and_both_documents_as_one_zip(client, world):
    build_plan(world)
    client.force_login(world.editor)
    steps = client.get(reverse("planning:steps", args=[world.kommun.code]))
    url = reverse("planning:grant_file", args=[world.kommun.code])
    assert url in steps.content.decode()
    response = client.get(url)
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        assert names == ["0-foljebrev.pdf", "1-lagesbild-v1.pdf", "2-atgardsplan.pdf"]
        texts = {}
        for name in names:
            with pdfplumber.open(io.BytesIO(archive.read(name))) as pdf:
                texts[name] = "\n".join(p.extract_text() or "" for p in pdf.pages)
    cover = " ".join(texts["0-foljebrev.pdf"].split())
    assert "Bilagor till ansökan om statsbidrag, Kalmar" in cover
    assert "KS 2026/12" in cover and "KS 2026/30" in cover
    assert "Färre anmälda skadegörelsebrott" in cover
    assert "Lägesbild Kalmar 2025" in texts["1-lagesbild-v1.pdf"]
    assert "Åtgärdsplan 2026–2027" in texts["2-atgardsplan.pdf"]


def test_another_kommuns_editor_cannot_download_the_set(
    client, world, django_user_model
):
    build_plan(world)
    other = django_user_model.objects.create_user("utomstaende", password="x")
    client.force_login(other)
    response = client.get(reverse("planning:grant_file", args=[world.kommun.code]))
    assert response.status_code in (302, 403)
