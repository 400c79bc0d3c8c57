"""Reporting on a phone, the weekly list and the monthly/tertial summaries."""

from __future__ import annotations

import pytest
from django.utils import timezone

from medborgarloften.situation.models import Observation
from medborgarloften.situation.services import observation_create

from .conftest import at

PASSWORD = "test-losenord-123"


def _report(client, **data):
    now = timezone.localtime()
    payload = {
        "category": "klotter",
        "observed_at": now.strftime("%Y-%m-%dT%H:%M"),
        "text": "Nytt klotter på muren.",
        **data,
    }
    return client.post("/personal/lagesbild/0880/rapportera/", payload)


@pytest.mark.django_db
def test_it_lets_a_reporter_file_an_observation(client, kommun_reporter, areas):
    client.force_login(kommun_reporter)
    response = _report(client, area=areas["Centrum"].pk)
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert observation.reporter == kommun_reporter
    assert observation.organisation.code == "0880"
    follow = client.get(response["Location"])
    assert "Observationen (Klotter, Centrum) är sparad" in follow.content.decode()


@pytest.mark.django_db
def test_it_places_a_reported_point_in_its_area(client, kommun_reporter, areas):
    client.force_login(kommun_reporter)
    _report(client, latitude="56.685", longitude="16.335")
    assert Observation.objects.get().area == areas["Norrliden"]


@pytest.mark.django_db
def test_it_shows_the_reason_for_a_point_outside_sweden(client, kommun_reporter):
    client.force_login(kommun_reporter)
    response = _report(client, latitude="59.9", longitude="10.0")
    assert response.status_code == 200
    assert "ligger utanför Sverige" in response.content.decode()
    assert not Observation.objects.exists()


@pytest.mark.django_db
def test_it_asks_for_an_area_or_a_position(client, kommun_reporter):
    client.force_login(kommun_reporter)
    response = _report(client)
    assert "välj ett område eller ange en position" in response.content.decode()


@pytest.mark.django_db
def test_it_refuses_viewers_and_other_kommuner(
    client, kommun_viewer, other_kommun_editor, kalmar
):
    client.force_login(kommun_viewer)
    assert client.get("/personal/lagesbild/0880/rapportera/").status_code == 403
    assert client.get("/personal/lagesbild/0880/vecka/").status_code == 200
    client.force_login(other_kommun_editor)
    assert client.get("/personal/lagesbild/0880/vecka/").status_code == 403


@pytest.mark.django_db
def test_it_sends_anonymous_visitors_to_the_login_page(client, kalmar):
    response = client.get("/personal/lagesbild/0880/vecka/")
    assert response.status_code == 302 and "/konto/" in response["Location"]


@pytest.mark.django_db
def test_it_lists_the_weeks_observations_only(client, kommun_viewer, kalmar, areas):
    observation_create(
        kommun=kalmar,
        category="belysning",
        observed_at=at(2025, 11, 4, 21),
        area=areas["Oxhagen"],
        text="Släckt belysning i gångtunneln.",
    )
    observation_create(
        kommun=kalmar,
        category="klotter",
        observed_at=at(2025, 11, 12, 10),
        area=areas["Oxhagen"],
        text="Klotter nästa vecka.",
    )
    client.force_login(kommun_viewer)
    page = client.get("/personal/lagesbild/0880/vecka/?period=2025-W45")
    content = page.content.decode()
    assert "Släckt belysning i gångtunneln." in content
    assert "Klotter nästa vecka." not in content
    assert "vecka 45 2025" in content


@pytest.mark.django_db
def test_it_summarises_a_month_and_a_tertial_against_the_previous(
    client, kommun_viewer, kalmar, areas
):
    for day in (3, 4, 5):
        observation_create(
            kommun=kalmar,
            category="klotter",
            observed_at=at(2025, 11, day, 12),
            area=areas["Oxhagen"],
        )
    observation_create(
        kommun=kalmar,
        category="klotter",
        observed_at=at(2025, 10, 20, 12),
        area=areas["Norrliden"],
    )
    client.force_login(kommun_viewer)
    month = client.get("/personal/lagesbild/0880/sammanstallning/?period=2025-11")
    summary = month.context["summary"]
    assert summary.total == 3 and summary.previous_total == 1
    assert summary.categories[0]["change"] == 2
    assert summary.areas[0]["name"] == "Oxhagen"
    tertial = client.get("/personal/lagesbild/0880/sammanstallning/?period=2025-T3")
    assert tertial.context["summary"].total == 4
    bad = client.get("/personal/lagesbild/0880/sammanstallning/?period=nov")
    assert "Period: skriv" in bad.content.decode()


@pytest.mark.django_db
def test_the_overview_links_every_part_and_index_goes_to_the_only_kommun(
    client, kommun_editor, kalmar
):
    client.force_login(kommun_editor)
    response = client.get("/personal/lagesbild/")
    assert response.status_code == 302 and response["Location"].endswith("/0880/")
    page = client.get("/personal/lagesbild/0880/").content.decode()
    for part in (
        "rapportera/",
        "vecka/",
        "sammanstallning/",
        "karta/",
        "analys/",
        "dokument/",
        "dialoger/",
        "import/",
    ):
        assert f"/personal/lagesbild/0880/{part}" in page
