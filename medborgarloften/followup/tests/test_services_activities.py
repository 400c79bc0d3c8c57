"""Activities one at a time: bad input named by field, no lost updates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from medborgarloften.followup.models import Activity
from medborgarloften.followup.services import (
    MAX_QUANTITY,
    StaleActivity,
    activity_create,
    activity_delete,
    activity_update,
)

from .conftest import TODAY


def _create(commitment, **kwargs):
    return activity_create(
        **{
            "commitment": commitment,
            "date": dt.date(2025, 3, 1),
            "kind": "fotpatrullering",
            "today": TODAY,
            **kwargs,
        }
    )


@pytest.mark.django_db
def test_it_refuses_dates_outside_the_promise_period(patrols):
    with pytest.raises(ValidationError) as excinfo:
        _create(patrols, date=dt.date(2024, 12, 31))
    assert "utanför löftets period 2025-01-01 – 2026-12-31" in str(
        excinfo.value.message_dict["date"]
    )
    with pytest.raises(ValidationError) as excinfo:
        _create(patrols, end_date=dt.date(2027, 1, 2))
    assert "end_date" in excinfo.value.message_dict
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_it_refuses_activities_in_the_future(patrols):
    with pytest.raises(ValidationError) as excinfo:
        _create(patrols, date=TODAY + dt.timedelta(days=1))
    assert "framtiden" in excinfo.value.message_dict["date"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("quantity", [0, -3, MAX_QUANTITY + 1])
def test_it_refuses_non_positive_and_absurd_quantities(patrols, quantity):
    with pytest.raises(ValidationError) as excinfo:
        _create(patrols, quantity=quantity)
    assert excinfo.value.message_dict["quantity"][0].startswith("Antal:")


@pytest.mark.django_db
def test_it_accepts_the_upper_bound_and_a_date_range(patrols, kalmar):
    activity = _create(
        patrols,
        quantity=MAX_QUANTITY,
        end_date=dt.date(2025, 3, 3),
        organisation=kalmar,
    )
    assert activity.quantity == MAX_QUANTITY
    assert activity.version == 1


@pytest.mark.django_db
def test_it_refuses_negative_hours_and_cost(patrols):
    from decimal import Decimal

    with pytest.raises(ValidationError) as excinfo:
        _create(patrols, hours=Decimal("-1"), cost=Decimal("-5"))
    assert set(excinfo.value.message_dict) == {"hours", "cost"}


@pytest.mark.django_db
def test_it_refuses_the_second_of_two_concurrent_saves(patrols, kommun_editor):
    activity = _create(patrols, quantity=2)
    first = Activity.objects.get(pk=activity.pk)
    second = Activity.objects.get(pk=activity.pk)
    activity_update(
        activity=first,
        version=first.version,
        quantity=3,
        today=TODAY,
        actor=kommun_editor,
    )
    assert first.updated_by == kommun_editor
    with pytest.raises(StaleActivity) as excinfo:
        activity_update(
            activity=second, version=second.version, quantity=5, today=TODAY
        )
    assert "Någon annan sparade aktiviteten" in excinfo.value.messages[0]
    activity.refresh_from_db()
    assert (activity.quantity, activity.version) == (3, 2)


@pytest.mark.django_db
def test_it_validates_an_update_before_saving_it(patrols):
    activity = _create(patrols)
    with pytest.raises(ValidationError):
        activity_update(
            activity=activity, version=1, date=dt.date(2030, 1, 1), today=TODAY
        )
    activity.refresh_from_db()
    assert (activity.date, activity.version) == (dt.date(2025, 3, 1), 1)


@pytest.mark.django_db
def test_it_refuses_to_delete_an_activity_changed_since_it_was_read(patrols):
    activity = _create(patrols)
    activity_update(activity=activity, version=1, kind="kontroll", today=TODAY)
    with pytest.raises(StaleActivity):
        activity_delete(activity=activity, version=1)
    activity_delete(activity=activity, version=2)
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_it_explains_when_the_activity_was_deleted_meanwhile(patrols):
    activity = _create(patrols)
    Activity.objects.filter(pk=activity.pk).delete()
    with pytest.raises(StaleActivity) as excinfo:
        activity_update(activity=activity, version=1, quantity=2, today=TODAY)
    assert "tagits bort" in excinfo.value.messages[0]


@pytest.mark.django_db
def test_it_refuses_personal_numbers_in_the_published_texts(patrols):
    """An activity is shown on the public promise page as written."""
    with pytest.raises(ValidationError) as excinfo:
        _create(patrols, description="Frågor till Lisa på 070-123 45 67")
    assert "visas öppet" in excinfo.value.message_dict["description"][0]
    with pytest.raises(ValidationError) as excinfo:
        _create(patrols, kind="samtal med 19800101-1234")
    assert "kind" in excinfo.value.message_dict
    assert not Activity.objects.exists()
    activity = _create(patrols, description="Samtal med föräldrar vid skolan")
    with pytest.raises(ValidationError):
        activity_update(
            activity=activity,
            version=activity.version,
            description="Ring 0480-45 00 00",
            today=TODAY,
        )
    activity.refresh_from_db()
    assert activity.description == "Samtal med föräldrar vid skolan"
