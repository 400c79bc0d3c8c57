"""Model fields for free text that people type: clean on every save, and bounded.

Every path that writes a row — the staff forms, the API, the CSV/XLSX/JSON imports,
the document review, the admin, a management command, an optimistic-lock
``QuerySet.update()`` — ends in ``Model.save()``, ``bulk_create()`` or ``update()``.
These fields clean their value there (:func:`medborgarloften.lib.text.clean_text`)
and refuse one longer than the field's ``max_length`` with a ``ValidationError`` that
names the field in Swedish, so no path can store a vertical tab or a nine-megabyte
description, and the services' transactions leave nothing half-saved. Forms, the API
and the importers check the same limit first (:func:`limit`), to say so beside the
field.

Restoring a backup (:func:`keeping_stored_lengths`) cleans but does not refuse: an
archive made before the limits may hold a longer text, which an editor shortens at
its next save rather than the restore failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .text import clean_json, clean_text

__all__ = [
    "PlainCharField",
    "PlainJSONField",
    "PlainTextField",
    "keeping_stored_lengths",
    "length_message",
    "limit",
]

_KEEP_LENGTHS: ContextVar[bool] = ContextVar("keep_stored_lengths", default=False)


@contextmanager
def keeping_stored_lengths() -> Iterator[None]:
    """Inside: rows are cleaned but never refused for their length (a restore)."""
    token = _KEEP_LENGTHS.set(True)
    try:
        yield
    finally:
        _KEEP_LENGTHS.reset(token)


def _number(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


def length_message(label: Any, limit_value: int, length: int) -> str:
    """The refusal, e.g. "Beskrivning: högst 4 000 tecken (texten har 9 000 000)"."""
    numbers = {"max": _number(limit_value), "n": _number(length)}
    if not str(label):
        return _("Högst %(max)s tecken (texten har %(n)s).") % numbers
    return _("%(label)s: högst %(max)s tecken (texten har %(n)s).") % {
        "label": capfirst(str(label)),
        **numbers,
    }


def limit(model: type[models.Model], name: str) -> int:
    """The longest value ``model.name`` takes, for a form or an importer."""
    field = model._meta.get_field(name)
    value = getattr(field, "max_length", None) or getattr(field, "max_item_length", 0)
    if not value:
        raise LookupError(f"{model.__name__}.{name} has no length limit")
    return int(value)


class _LabelledMaxLength(validators.MaxLengthValidator):
    """Django's max-length check with our message: the field's label and both
    numbers, so an import row or an API error says which text is too long."""

    def __init__(self, limit_value: int, field: models.Field) -> None:
        super().__init__(limit_value)
        self.field = field  # its verbose_name is set only when the model is built

    def __call__(self, value: Any) -> None:
        if len(value) > self.limit_value:
            raise ValidationError(
                length_message(self.field.verbose_name, self.limit_value, len(value)),
                code="max_length",
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _LabelledMaxLength) and super().__eq__(other)


class _PlainTextMixin:
    """Shared by the two string fields; ``multiline`` says whether line ends stay."""

    multiline = True
    attname: str
    max_length: int | None
    verbose_name: Any

    def _clean(self, value: Any) -> Any:
        if isinstance(value, str):
            return clean_text(value, multiline=self.multiline)
        return value

    def _check_length(self, value: Any) -> None:
        if isinstance(value, str) and self.max_length and len(value) > self.max_length:
            raise ValidationError(
                {
                    self.attname: [
                        length_message(self.verbose_name, self.max_length, len(value))
                    ]
                },
                code="max_length",
            )

    def to_python(self, value: Any) -> Any:
        return self._clean(super().to_python(value))  # type: ignore[misc]

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        cleaned = self._clean(value)
        self._check_length(cleaned)
        if cleaned is not value:
            setattr(model_instance, self.attname, cleaned)
        return cleaned

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        # QuerySet.update(), bulk_update() and raw saves (fixtures, a restored
        # backup) come here without pre_save().
        value = self._clean(value)
        if not _KEEP_LENGTHS.get():
            self._check_length(value)
        return super().get_db_prep_save(value, connection)  # type: ignore[misc]


class PlainTextField(_PlainTextMixin, models.TextField):
    """Multi-line free text with a required ``max_length`` (Django's TextField keeps
    its length only for forms; this one enforces it on every save)."""

    description = gettext_lazy("Text (cleaned, bounded)")

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        kwargs["max_length"] = max_length
        super().__init__(*args, **kwargs)
        self.validators.append(_LabelledMaxLength(max_length, self))


class PlainCharField(_PlainTextMixin, models.CharField):
    """One line of free text (a title, a name): line ends and tabs become spaces."""

    multiline = False
    description = gettext_lazy("One line of text (cleaned, bounded)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Replace Django's own max-length check by the one with the field's label.
        self.validators[:] = [
            v
            for v in self.validators
            if not isinstance(v, validators.MaxLengthValidator)
        ]
        if self.max_length is not None:
            self.validators.append(_LabelledMaxLength(self.max_length, self))


class PlainJSONField(models.JSONField):
    """JSON whose strings are cleaned on every save; a list of strings may be bounded
    by ``max_items`` and ``max_item_length`` (links, names)."""

    def __init__(
        self,
        *args: Any,
        max_items: int | None = None,
        max_item_length: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.max_items = max_items
        self.max_item_length = max_item_length
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.max_items is not None:
            kwargs["max_items"] = self.max_items
        if self.max_item_length is not None:
            kwargs["max_item_length"] = self.max_item_length
        return name, path, args, kwargs

    def errors(self, value: Any) -> list[str]:
        """What is wrong with ``value``'s size, in Swedish, naming the field."""
        if not isinstance(value, list):
            return []
        label = capfirst(str(self.verbose_name))
        found = []
        if self.max_items is not None and len(value) > self.max_items:
            found.append(
                _("%(label)s: högst %(max)s (här finns %(n)s).")
                % {"label": label, "max": self.max_items, "n": len(value)}
            )
        if self.max_item_length is not None:
            for item in value:
                if isinstance(item, str) and len(item) > self.max_item_length:
                    found.append(length_message(label, self.max_item_length, len(item)))
                    break
        return found

    def validate(self, value: Any, model_instance: Any) -> None:
        super().validate(value, model_instance)
        problems = self.errors(value)
        if problems:
            raise ValidationError(problems, code="max_length")

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        cleaned = clean_json(value)
        problems = self.errors(cleaned)
        if problems:
            raise ValidationError({self.attname: problems}, code="max_length")
        if cleaned != value:
            setattr(model_instance, self.attname, cleaned)
        return cleaned

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        # QuerySet.update() and raw saves, as above.
        if isinstance(value, str | list | dict):
            value = clean_json(value)
            problems = [] if _KEEP_LENGTHS.get() else self.errors(value)
            if problems:
                raise ValidationError({self.attname: problems}, code="max_length")
        return super().get_db_prep_save(value, connection)
