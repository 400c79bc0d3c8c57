"""The shared model declarations of places are the very fields the models spelled
out before, so the migrations see no change."""

from __future__ import annotations

from django.db import models

from medborgarloften.places.models import Area, Organisation, kommun_link


def _same_field(a: models.Field, b: models.Field) -> bool:
    return a.deconstruct()[1:] == b.deconstruct()[1:]


def test_kommun_link_is_a_required_key_that_goes_with_its_kommun() -> None:
    explicit = models.ForeignKey(
        "places.Organisation",
        verbose_name="kommun",
        on_delete=models.CASCADE,
        related_name="cases",
    )
    field = kommun_link("cases")
    assert _same_field(field, explicit)
    assert not field.null
    assert not _same_field(kommun_link("others"), explicit)


def test_an_area_belongs_to_a_kommun_and_chooses_among_kommuner() -> None:
    field = Area._meta.get_field("kommun")
    assert field.related_model is Organisation
    assert field.remote_field.on_delete is models.CASCADE
    assert field.get_limit_choices_to() == {"kind": "kommun"}
