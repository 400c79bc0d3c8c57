"""The kommun a management command's argument names, or the error that says not."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from medborgarloften.places.commands import kommun_argument
from medborgarloften.places.models import Organisation, OrganisationKind


@pytest.mark.django_db
def test_a_kommun_is_found_by_code_or_name():
    kommun = Organisation.objects.create(
        kind=OrganisationKind.KOMMUN, name="Björkvik", code="0999"
    )
    assert kommun_argument("0999") == kommun
    assert kommun_argument("Björkviks kommun", option="--kommun") == kommun


@pytest.mark.django_db
def test_an_unknown_kommun_is_named_with_the_option_it_came_from():
    with pytest.raises(CommandError) as error:
        kommun_argument("Ankeborg", option="--kommun")
    assert str(error.value) == "--kommun: okänd kommun 'Ankeborg' / unknown kommun"
    with pytest.raises(CommandError) as error:
        kommun_argument("Ankeborg")
    assert str(error.value) == "Okänd kommun / unknown kommun: Ankeborg"
