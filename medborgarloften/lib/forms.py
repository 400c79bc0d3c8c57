"""A form field for free text: cleaned as the model will store it, then measured.

Browsers send a textarea's line breaks as CR LF but count them as one character for
``maxlength``; Django's ``CharField`` counts two. :class:`FreeTextField` cleans the
value first (:func:`~medborgarloften.lib.text.clean_text`: one ``"\\n"`` per line
break, Word's breaks as line breaks, no control characters), so the browser, the
form and the model field agree on the length, and says the limit beside the field in
the same words as the model (``"Beskrivning: högst 4 000 tecken (texten har …)"``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models

from .fields import length_message, limit
from .text import clean_text

__all__ = ["FreeTextField", "free_text"]


class FreeTextField(forms.CharField):
    """A ``CharField`` that cleans before it measures; a Textarea keeps line ends."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Our own length check (below) replaces Django's, for the message.
        self.validators = [
            v
            for v in self.validators
            if not isinstance(v, validators.MaxLengthValidator)
        ]

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if not isinstance(value, str):
            return value
        value = clean_text(value, multiline=isinstance(self.widget, forms.Textarea))
        return value.strip() if self.strip else value

    def validate(self, value: Any) -> None:
        super().validate(value)
        if (
            self.max_length is not None
            and isinstance(value, str)
            and len(value) > self.max_length
        ):
            if "max_length" in self.error_messages:  # the form's own words
                raise ValidationError(
                    self.error_messages["max_length"],
                    code="max_length",
                    params={"limit_value": self.max_length, "show_value": len(value)},
                )
            raise ValidationError(
                length_message(self.label or "", self.max_length, len(value)),
                code="max_length",
            )


def free_text(model: type[models.Model], name: str, **kwargs: Any) -> FreeTextField:
    """A :class:`FreeTextField` as long as ``model.name`` allows (or shorter, when
    the form asks for less with ``max_length``)."""
    kwargs["max_length"] = min(kwargs.get("max_length") or 10**9, limit(model, name))
    return FreeTextField(**kwargs)
