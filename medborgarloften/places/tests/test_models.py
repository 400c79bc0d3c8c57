"""The kommun a row belongs to is one declaration (``kommun_link``)."""

from __future__ import annotations

from django.db import models

from medborgarloften.places.models import Area, Organisation, OrganisationKind


def test_an_area_belongs_to_a_kommun_and_chooses_among_kommuner() -> None:
    field = Area._meta.get_field("kommun")
    assert field.related_model is Organisation
    assert (field.null, field.remote_field.on_delete) == (False, models.CASCADE)
    assert (field.verbose_name, field.remote_field.related_name) == ("kommun", "areas")
    assert field.get_limit_choices_to() == {"kind": OrganisationKind.KOMMUN}
