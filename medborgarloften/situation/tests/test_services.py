"""observation_create: an EST-style report in a kommun, in the past, in its own area."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from medborgarloften.places.models import Area
from medborgarloften.situation.services import observation_create


def _at(*args: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


@pytest.mark.django_db
def test_it_stores_an_observation(kalmar, kommun_reporter):
    area = Area.objects.create(kommun=kalmar, name="Norrliden")
    observation = observation_create(
        kommun=kalmar,
        category="belysning",
        observed_at=_at(2025, 11, 3, 21, 15),
        area=area,
        latitude=56.68,
        longitude=16.33,
        text=" Trasig gatlykta vid gångtunneln. ",
        reporter=kommun_reporter,
    )
    assert observation.text == "Trasig gatlykta vid gångtunneln."
    assert observation.reporter == kommun_reporter


@pytest.mark.django_db
def test_it_refuses_an_area_of_another_kommun(kalmar, nybro):
    area = Area.objects.create(kommun=nybro, name="Centrum")
    with pytest.raises(ValidationError) as excinfo:
        observation_create(
            kommun=kalmar, category="klotter", observed_at=_at(2025, 5, 1), area=area
        )
    assert "area" in excinfo.value.message_dict


@pytest.mark.django_db
def test_it_names_each_bad_field(kalmar):
    with pytest.raises(ValidationError) as excinfo:
        observation_create(
            kommun=kalmar,
            category="ufo",
            observed_at=timezone.now() + dt.timedelta(days=1),
            latitude=95.0,
        )
    errors = excinfo.value.message_dict
    assert errors["category"][0].startswith("Vad:")
    assert errors["observed_at"][0] == "När: tidpunkten ligger i framtiden."
    assert len(errors["latitude"]) == 2
    assert not kalmar.observations.exists()


@pytest.mark.django_db
def test_it_refuses_an_organisation_that_is_not_a_kommun(lpo_kalmar):
    with pytest.raises(ValidationError) as excinfo:
        observation_create(
            kommun=lpo_kalmar, category="klotter", observed_at=_at(2025, 5, 1)
        )
    assert "kommun" in excinfo.value.message_dict
