"""activity_create: what was done, where and by whom, checked against the promise."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from medborgarloften.followup.services import activity_create
from medborgarloften.places.models import Area
from medborgarloften.promises.models import Commitment, Promise


@pytest.fixture
def commitment(kalmar, lpo_kalmar):
    promise = Promise.objects.create(title="Medborgarlöfte Kalmar 2025–2026")
    promise.parties.add(kalmar, lpo_kalmar)
    return Commitment.objects.create(
        promise=promise, text="Trygghetsvandringar i stadsdelarna"
    )


@pytest.mark.django_db
def test_it_records_an_activity_with_its_actor(commitment, kalmar, kommun_editor):
    berga = Area.objects.create(kommun=kalmar, name="Berga")
    activity = activity_create(
        commitment=commitment,
        date=dt.date(2025, 4, 10),
        kind="  trygghetsvandring ",
        area=berga,
        participants=14,
        organisation=kalmar,
        links=["https://kalmar.se/trygghet", " "],
        actor=kommun_editor,
    )
    assert activity.kind == "trygghetsvandring"
    assert activity.created_by == kommun_editor
    assert activity.links == ["https://kalmar.se/trygghet"]


@pytest.mark.django_db
def test_it_refuses_an_area_outside_the_promises_kommuner(commitment, nybro):
    elsewhere = Area.objects.create(kommun=nybro, name="Centrum")
    with pytest.raises(ValidationError) as excinfo:
        activity_create(
            commitment=commitment,
            date=dt.date(2025, 4, 10),
            kind="trygghetsvandring",
            area=elsewhere,
        )
    assert excinfo.value.message_dict["area"][0].startswith("Område:")


@pytest.mark.django_db
def test_it_names_each_bad_field(commitment, nybro):
    with pytest.raises(ValidationError) as excinfo:
        activity_create(
            commitment=commitment,
            date=dt.date(2025, 4, 10),
            end_date=dt.date(2025, 4, 1),
            kind="",
            quantity=0,
            organisation=nybro,
            links=["kalmar.se"],
        )
    errors = excinfo.value.message_dict
    assert set(errors) == {"kind", "end_date", "quantity", "organisation", "links"}
    assert not commitment.activities.exists()
