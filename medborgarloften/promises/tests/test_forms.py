"""Form parsing: messages that name their field, blank rows, focus-area choices."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.http import QueryDict

from medborgarloften.promises.forms import (
    CommitmentForm,
    PromiseEditor,
    PromiseForm,
    RowOptions,
)


def _options() -> RowOptions:
    return RowOptions(areas=[], other_organisations=[], organisations=[])


def _commitment(data: dict[str, str]) -> CommitmentForm:
    form = CommitmentForm(data=data, options=_options())
    form.empty_permitted = True
    return form


def _query(data: dict[str, str | list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query


def _management(prefix: str, total: int) -> dict[str, str]:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


def test_it_names_the_field_in_every_quantity_message(db):
    for value in ("1.5", "abc", "0", "-2"):
        form = _commitment({"text": "Något", "target_quantity": value})
        assert not form.is_valid()
        assert form.errors["target_quantity"][0].startswith("Antal: ange ett positivt")


def test_it_prefixes_djangos_own_messages_with_the_label(db):
    form = _commitment({"text": "Något", "target_per": "varje timme"})
    assert not form.is_valid()
    assert form.errors["target_per"][0].startswith("Per: ")


def test_it_skips_a_row_nobody_typed_into(db):
    blank = _commitment({"ORDER": "3", "target_per": "", "focus_area": ""})
    assert not blank.has_changed()
    assert blank.is_valid()
    typed = _commitment({"target_unit": "kvällar"})
    assert typed.has_changed()
    assert "Åtagande: skriv vad som ska göras." in typed.errors["text"]


def test_it_previews_the_target_from_what_was_typed(db):
    form = _commitment(
        {"target_quantity": "12", "target_unit": "vandringar", "target_per": "år"}
    )
    preview = form.target_preview()
    assert preview.measurable
    assert preview.target_display() == "minst 12 vandringar per år"
    assert not _commitment({"target_quantity": "x"}).target_preview().measurable


def test_a_time_limit_reads_as_one(db):
    form = _commitment({"target_quantity": "48", "target_unit": "timmar"})
    assert form.target_preview().target_display() == "inom 48 timmar"
    # hours to put in over the period stay a count
    form = _commitment(
        {"target_quantity": "40", "target_unit": "timmar", "target_per": "period"}
    )
    assert (
        form.target_preview().target_display() == "minst 40 timmar under hela perioden"
    )


def test_it_marks_invalid_fields_for_assistive_technology(db):
    form = _commitment({"target_unit": "kvällar"})
    form.is_valid()
    html = str(form["text"])
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_text_helptext id_text_error"' in html
    assert "aria-invalid" not in str(form["target_unit"])


def test_it_refuses_an_end_before_the_start(kommun_editor, kalmar, lpo_kalmar):
    form = PromiseForm(
        data={
            "title": "X",
            "kommuner": [kalmar.pk],
            "police": [lpo_kalmar.pk],
            "period_start": "2025-06-01",
            "period_end": "2025-05-31",
        },
        user=kommun_editor,
    )
    assert not form.is_valid()
    assert form.errors["period_end"] == [
        "Period till: periodens slut kan inte ligga före dess början."
    ]


def test_it_puts_the_own_organisation_error_on_the_polis_field_for_police(
    polis_editor, kalmar, lpo_nybro
):
    form = PromiseForm(
        data={"title": "X", "kommuner": [kalmar.pk], "police": [lpo_nybro.pk]},
        user=polis_editor,
    )
    assert not form.is_valid()
    assert "Lokalpolisområde Kalmar" in form.errors["police"][0]


def test_it_offers_focus_areas_typed_on_the_page_in_their_order(kommun_editor):
    data = _query(
        {
            **_management("focus", 3),
            "focus-0-title": "Andra",
            "focus-0-ORDER": "2",
            "focus-1-title": "Första",
            "focus-1-ORDER": "1",
            "focus-2-title": "",
            **_management("commitments", 1),
            **_management("signatories", 0),
        }
    )
    editor = PromiseEditor(user=kommun_editor, data=data)
    choices = editor.commitments.forms[0].fields["focus_area"].choices
    assert choices[1:] == [("1", "Första"), ("0", "Andra")]


def test_it_adds_a_row_to_the_chosen_section_only(kommun_editor):
    data = _query(
        {
            **_management("focus", 1),
            **_management("commitments", 2),
            **_management("signatories", 1),
            "add_rows": "commitments",
        }
    )
    editor = PromiseEditor(user=kommun_editor, data=data)
    assert editor.adding_rows and not editor.is_valid()
    assert len(editor.commitments.forms) == 3
    assert len(editor.focus.forms) == 1
    assert editor.error_summary() == []


def test_it_puts_service_errors_on_the_fields_they_name(
    kommun_editor, kalmar, lpo_kalmar
):
    data = _query(
        {
            "title": "Löfte",
            "kommuner": str(kalmar.pk),
            "police": str(lpo_kalmar.pk),
            **_management("focus", 0),
            **_management("commitments", 2),
            "commitments-0-text": "Ett",
            "commitments-1-text": "Två",
            **_management("signatories", 0),
        }
    )
    editor = PromiseEditor(user=kommun_editor, data=data)
    assert editor.is_valid()
    editor.service_input()
    editor.add_service_errors(
        ValidationError(
            {
                "commitments.1.text": ["Åtagandet hör inte till det här löftet."],
                "parties": ["Parter: fel."],
                "__all__": ["Något annat."],
            }
        )
    )
    second = editor.commitments.forms[1]
    assert second.errors["text"] == ["Åtagandet hör inte till det här löftet."]
    assert editor.form.errors["kommuner"] == ["Parter: fel."]
    messages = [e.message for e in editor.error_summary()]
    assert messages[0] == "Något annat."
    assert "Åtagande 2 – Åtagandet hör inte till det här löftet." in messages


def test_a_choice_beyond_any_key_is_no_such_choice(db):
    from medborgarloften.places.models import Organisation
    from medborgarloften.promises.forms.fields import OrganisationChoiceField

    field = OrganisationChoiceField(queryset=Organisation.objects.all())

    for value in ("99999999999999999999999", str(-(2**63) - 1)):
        try:
            field.clean([value])
        except ValidationError as exc:
            assert exc.code == "invalid_choice"
        else:
            raise AssertionError(f"{value} was accepted")


def test_the_ticked_checkboxes_come_first_and_the_rest_keep_their_order():
    import re

    from django import forms

    from medborgarloften.promises.forms.fields import ChosenFirstCheckboxes

    class Form(forms.Form):
        places = forms.MultipleChoiceField(
            choices=[
                ("a", "Algby"),
                ("b", "Borrhult"),
                ("c", "Cedervik"),
                ("d", "Dal"),
            ],
            widget=ChosenFirstCheckboxes,
        )

    html = str(Form(initial={"places": ["c", "d"]})["places"])
    order = re.findall(r'value="(\w)"', html)
    assert order == ["c", "d", "a", "b"]
    # Each keeps its own id, so every label still points at its box.
    assert len(set(re.findall(r'id="(id_places_\d)"', html))) == 4
    assert html.count("checked") == 2


def test_a_target_reads_in_the_pages_language_with_its_own_unit():
    from django.utils import translation

    from medborgarloften.promises.models import Commitment

    commitment = Commitment(
        target_quantity=40,
        target_unit="fotpatrullpass",
        target_per="år",
        target_deadline=date(2027, 10, 31),
    )
    deadline_only = Commitment(target_deadline=date(2027, 1, 1))
    time_limit = Commitment(target_quantity=48, target_unit="timmar")
    with translation.override("sv"):
        assert commitment.target_display() == (
            "minst 40 fotpatrullpass per år, senast 31 oktober 2027"
        )
        assert deadline_only.target_display() == "senast 1 januari 2027"
    with translation.override("en"):
        # The unit is the promise's own word; the rest is English, the date too.
        # ("minst"/"inom" are new msgids: "at least"/"within" once the catalogue
        # has them; through gettext either way.)
        at_least = translation.gettext("minst %(quantity)s %(unit)s") % {
            "quantity": 40,
            "unit": "fotpatrullpass",
        }
        assert commitment.target_display() == (
            f"{at_least} per year, by 31 October 2027"
        )
        assert deadline_only.target_display() == "by 1 January 2027"
        within = translation.gettext("inom %(quantity)s %(unit)s")
        assert time_limit.target_display() == within % {
            "quantity": 48,
            "unit": "timmar",
        }
