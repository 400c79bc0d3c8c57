"""Swedish alphabetical order for lists people pick names from."""

from __future__ import annotations

import pytest

from medborgarloften.lib.collation import (
    sort_choices_swedish,
    swedish_key,
    swedish_sorted,
)


def test_a_a_and_o_with_rings_and_dots_come_last_in_that_order():
    names = ["Östby", "Ärlinge", "Åstad", "Zeta", "Alby"]
    assert swedish_sorted(names) == ["Alby", "Zeta", "Åstad", "Ärlinge", "Östby"]


def test_the_letter_decides_inside_a_name_too():
    assert swedish_sorted(["Hässlefors", "Håby", "Hagby"]) == [
        "Hagby",
        "Håby",
        "Hässlefors",
    ]


def test_case_and_other_accents_follow_the_base_letter():
    assert swedish_sorted(["älvdal", "Éksjö", "ebyn", "Ebbe"]) == [
        "Ebbe",
        "ebyn",
        "Éksjö",
        "älvdal",
    ]
    assert swedish_key("Å") > swedish_key("z")


@pytest.mark.django_db
def test_a_model_choice_field_lists_its_choices_in_swedish_order():
    from django import forms

    from medborgarloften.places.models import Organisation, OrganisationKind

    for name in ("Ödeby kommun", "Ängsby kommun", "Åby kommun", "Berga kommun"):
        Organisation.objects.create(name=name, kind=OrganisationKind.FORENING)
    field = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"), empty_label="–"
    )
    sort_choices_swedish(field, name=lambda o: o.name)
    labels = [str(label) for _value, label in field.choices]
    assert labels == [
        "–",
        "Berga kommun",
        "Åby kommun",
        "Ängsby kommun",
        "Ödeby kommun",
    ]
