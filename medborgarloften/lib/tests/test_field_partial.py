"""_field.html, the one form-field partial: every id an input or a group is
described by is on the page, whatever the form, the app's partial or the prefix."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template.loader import render_to_string

from medborgarloften.places.forms import AccessibleFormMixin
from medborgarloften.promises.forms import AccessibleForm

_CHOICES = [("a", "A"), ("b", "B")]


def _fields() -> dict[str, forms.Field]:
    return {
        "title": forms.CharField(label="Rubrik", help_text="Kort."),
        "note": forms.CharField(label="Notering", required=False, help_text="Gärna."),
        "kind": forms.ChoiceField(
            label="Typ", choices=_CHOICES, widget=forms.RadioSelect, help_text="En."
        ),
        "tags": forms.MultipleChoiceField(
            label="Taggar",
            choices=_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            help_text="Flera.",
        ),
    }


_FORMS = {
    "plain": type("PlainForm", (forms.Form,), _fields()),
    "places": type("PlacesForm", (AccessibleFormMixin, forms.Form), _fields()),
    "promises": type("PromisesForm", (AccessibleForm,), _fields()),
}
_PARTIALS = [
    "_field.html",
    "places/_field.html",
    "cases/_field_required.html",
    "followup/_field.html",
]


@pytest.mark.parametrize("form_name", sorted(_FORMS))
@pytest.mark.parametrize("partial", _PARTIALS)
@pytest.mark.parametrize("prefix", [None, "row-2"])
def test_every_described_by_id_is_on_the_page(form_name, partial, prefix):
    form = _FORMS[form_name](data={"note": "x"}, prefix=prefix)
    assert not form.is_valid()
    for field in form:
        html = render_to_string(partial, {"field": field})
        described = re.findall(r'aria-describedby="([^"]+)"', html)
        assert described, html
        ids = set(re.findall(r' id="([^"]+)"', html))
        for value in described:
            assert set(value.split()) <= ids, html
        assert f'id="{field.auto_id}_helptext"' in html
        if field.errors:
            assert f'id="{field.auto_id}_error"' in html


def test_an_optional_field_says_so_on_a_public_form_and_a_required_one_on_staff():
    form = _FORMS["plain"]()
    assert "valfritt" in render_to_string("places/_field.html", {"field": form["note"]})
    assert "valfritt" not in render_to_string(
        "places/_field.html", {"field": form["title"]}
    )
    assert "måste fyllas i" in render_to_string(
        "followup/_field.html", {"field": form["title"]}
    )
    for partial in ("cases/_field_required.html", "places/_field.html"):
        assert "måste fyllas i" not in render_to_string(
            partial, {"field": form["title"]}
        )
