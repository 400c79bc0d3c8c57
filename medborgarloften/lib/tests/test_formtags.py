"""The error summary names the field each message is about."""

from __future__ import annotations

from django import forms

from medborgarloften.lib.formtags import labelled


class _Form(forms.Form):
    title = forms.CharField(label="Rubrik")
    comment = forms.CharField(label="Kommentar")


def test_it_puts_the_label_before_a_bare_message():
    form = _Form(data={})
    assert not form.is_valid()
    assert labelled(form.errors["title"][0], form["title"]) == (
        "Rubrik: " + str(form.errors["title"][0])
    )


def test_it_keeps_a_message_that_already_names_its_field():
    form = _Form(data={})
    assert labelled("Kommentar: högst 2000 tecken.", form["comment"]) == (
        "Kommentar: högst 2000 tecken."
    )
    assert labelled("kommentaren är för lång", form["comment"]) == (
        "kommentaren är för lång"
    )


def test_a_question_label_takes_no_colon():
    class Asked(forms.Form):
        theme = forms.CharField(label="Vad gäller det?")

    form = Asked(data={})
    assert labelled("Välj ett tema.", form["theme"]) == "Vad gäller det? Välj ett tema."


def test_service_errors_under_a_label_read_the_same_way():
    from medborgarloften.lib.forms import with_label

    assert with_label("Rubrik", "Skriv en rubrik.", lower=True) == (
        "Rubrik: skriv en rubrik."
    )
    assert with_label("Vad gäller det?", "Välj ett tema.", lower=True) == (
        "Vad gäller det? Välj ett tema."
    )


def test_a_message_naming_another_part_of_the_field_keeps_its_own_name():
    class Point(forms.Form):
        lat = forms.FloatField(label="Breddgrad")

    form = Point(data={})
    assert labelled("Punkt: ligger utanför Exempelby kommun.", form["lat"]) == (
        "Punkt: ligger utanför Exempelby kommun."
    )
    assert labelled("Rad 12 (andra bladet): saknar datum.", form["lat"]) == (
        "Rad 12 (andra bladet): saknar datum."
    )
    # A sentence with a colon further on is no name: the label goes in front.
    assert labelled("Ange ett tal, till exempel: 56,7.", form["lat"]) == (
        "Breddgrad: Ange ett tal, till exempel: 56,7."
    )
