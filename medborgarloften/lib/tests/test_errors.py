from django.core.exceptions import ValidationError

from medborgarloften.lib.errors import FieldErrors


def test_it_keeps_each_fields_messages_in_the_order_they_were_added():
    errors = FieldErrors()
    errors.add("title", "Titel: fyll i.")
    errors.add("kommun", "Kommun: välj en kommun.")
    errors.add("title", "Titel: högst 300 tecken.")

    assert errors == {
        "title": ["Titel: fyll i.", "Titel: högst 300 tecken."],
        "kommun": ["Kommun: välj en kommun."],
    }


def test_it_is_empty_and_false_until_a_message_is_added():
    errors = FieldErrors()
    assert not errors
    errors.add("text", "Text: fyll i.")
    assert errors


def test_it_raises_as_a_validation_error_keyed_by_field():
    errors = FieldErrors()
    errors.add("text", "Text: fyll i.")

    error = ValidationError(errors)

    assert error.message_dict == {"text": ["Text: fyll i."]}
