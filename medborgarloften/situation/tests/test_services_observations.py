"""observation_create with a point: Sweden, the kommun, and the area that holds it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from medborgarloften.situation.services import observation_create

from .conftest import at


@pytest.mark.django_db
def test_it_places_a_point_in_the_area_whose_geometry_holds_it(kalmar, areas):
    observation = observation_create(
        kommun=kalmar,
        category="klotter",
        observed_at=at(2025, 11, 4, 20),
        latitude=56.685,
        longitude=16.345,
    )
    assert observation.area == areas["Oxhagen"]
    assert observation.month == 202511


@pytest.mark.django_db
def test_it_keeps_a_point_outside_every_area_without_area(kalmar, areas):
    observation = observation_create(
        kommun=kalmar,
        category="klotter",
        observed_at=at(2025, 11, 4, 20),
        latitude=56.6634,
        longitude=16.3568,
    )
    assert observation.area is None


@pytest.mark.django_db
def test_it_refuses_a_point_outside_sweden_with_a_clear_message(kalmar):
    with pytest.raises(ValidationError) as excinfo:
        observation_create(
            kommun=kalmar,
            category="klotter",
            observed_at=at(2025, 11, 4, 20),
            latitude=52.52,
            longitude=13.40,
        )
    message = excinfo.value.message_dict["latitude"][0]
    assert message.startswith("Position:") and "utanför Sverige" in message
    assert not kalmar.observations.exists()


@pytest.mark.django_db
def test_it_refuses_a_point_in_another_kommun(kalmar):
    with pytest.raises(ValidationError) as excinfo:
        observation_create(
            kommun=kalmar,
            category="klotter",
            observed_at=at(2025, 11, 4, 20),
            latitude=56.7447,  # Nybro
            longitude=15.9060,
        )
    assert "utanför Kalmar kommun" in excinfo.value.message_dict["latitude"][0]


@pytest.mark.django_db
def test_it_refuses_a_point_outside_the_chosen_area(kalmar, areas):
    with pytest.raises(ValidationError) as excinfo:
        observation_create(
            kommun=kalmar,
            category="klotter",
            observed_at=at(2025, 11, 4, 20),
            area=areas["Norrliden"],
            latitude=56.685,
            longitude=16.345,  # Oxhagen
        )
    assert "Norrliden" in excinfo.value.message_dict["area"][0]
