"""apply_service_errors: a service's errors go on the fields and rows they name."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError

from medborgarloften.lib.forms import apply_service_errors, field_of


class PromiseForm(forms.Form):
    title = forms.CharField(label="Titel")
    kommuner = forms.CharField(label="Kommuner", required=False)


class RowForm(forms.Form):
    text = forms.CharField(label="Text")


def _bound(form_class: type[forms.Form], **data: str) -> forms.Form:
    form = form_class(data=data)
    assert form.is_valid(), form.errors
    return form


def test_it_puts_each_message_beside_the_field_its_key_names():
    form = _bound(PromiseForm, title="Löfte")
    apply_service_errors(form, ValidationError({"title": ["För kort."]}))
    assert form.errors == {"title": ["För kort."]}


def test_it_renames_a_key_to_the_forms_field():
    form = _bound(PromiseForm, title="Löfte")
    apply_service_errors(
        form,
        ValidationError({"parties": ["Välj en kommun."]}),
        fields={"parties": "kommuner"},
    )
    assert form.errors["kommuner"] == ["Välj en kommun."]


def test_it_puts_a_rows_message_on_that_rows_form():
    form = _bound(PromiseForm, title="Löfte")
    rows = [_bound(RowForm, text="Ett"), _bound(RowForm, text="Två")]
    apply_service_errors(
        form,
        ValidationError(
            {"commitments.1.text": ["Tom."], "commitments.0.nothing": ["Annat."]}
        ),
        rows={"commitments": rows},
    )
    assert rows[1].errors == {"text": ["Tom."]}
    assert rows[0].non_field_errors() == ["Annat."]
    assert not form.errors


def test_a_row_list_without_forms_falls_back_to_a_field_of_the_form():
    form = _bound(PromiseForm, title="Löfte")
    apply_service_errors(
        form,
        ValidationError({"focus_areas.2.title": ["Två gånger."]}),
        fields={"focus_areas": "kommuner"},
    )
    assert form.errors["kommuner"] == ["Två gånger."]


def test_the_rest_goes_above_the_form_or_to_the_list_given():
    form = _bound(PromiseForm, title="Löfte")
    apply_service_errors(
        form, ValidationError({"__all__": ["Allmänt."], "okänd": ["Okänt."]})
    )
    assert form.non_field_errors() == ["Allmänt.", "Okänt."]

    other = _bound(PromiseForm, title="Löfte")
    unplaced: list[str] = []
    apply_service_errors(other, ValidationError("Utan nyckel."), unplaced=unplaced)
    assert unplaced == ["Utan nyckel."]
    assert not other.errors


def test_it_labels_and_rewrites_messages_when_asked():
    form = _bound(PromiseForm, title="Löfte")
    apply_service_errors(
        form,
        ValidationError({"title": ["För kort / too short", "Titel: redan sagt"]}),
        labelled=True,
        text=lambda m: m.split(" / ")[0],
    )
    assert form.errors["title"] == ["Titel: för kort", "Titel: redan sagt"]


def test_field_of_returns_the_declared_field_and_refuses_another_class():
    class Pick(forms.Form):
        colour = forms.ChoiceField(choices=[("r", "Röd")])
        note = forms.CharField()

    form = Pick()
    field = field_of(form, "colour", forms.ChoiceField)
    field.choices = [("b", "Blå")]
    assert list(form.fields["colour"].choices) == [("b", "Blå")]
    with pytest.raises(TypeError, match="note: CharField, not ChoiceField"):
        field_of(form, "note", forms.ChoiceField)
