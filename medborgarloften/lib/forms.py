"""Forms' shared jobs: a free-text field, and service errors put on forms.

:func:`apply_service_errors` is the one way a view puts a service's
``ValidationError`` on its forms: each message beside the field its key names
(``"title"``), a row's message on that row's form (``"commitments.2.text"``), the
rest above the form.

:class:`FreeTextField` is a form field for free text: cleaned as the model will store
it, then measured. Browsers send a textarea's line breaks as CR LF but count them as
one character for ``maxlength``; Django's ``CharField`` counts two. The field cleans the
value first (:func:`~medborgarloften.lib.text.clean_text`: one ``"\\n"`` per line
break, Word's breaks as line breaks, no control characters), so the browser, the
form and the model field agree on the length, and says the limit beside the field in
the same words as the model (``"Beskrivning: högst 4 000 tecken (texten har …)"``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages as django_messages
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest

from .fields import length_message, limit
from .text import clean_text

__all__ = [
    "DateInput",
    "FreeTextField",
    "Saved",
    "announce_saved",
    "apply_service_errors",
    "calling",
    "checkboxes",
    "field_of",
    "names_a_field",
    "form_saved",
    "form_submit",
    "free_text",
    "optional_choice",
    "service_done",
    "text_area",
]

_Field = TypeVar("_Field", bound=forms.Field)
_Result = TypeVar("_Result")


class DateInput(forms.DateInput):
    """The browser's date picker; the value as ISO 8601 (``2025-05-14``), the one
    format every browser's ``<input type="date">`` reads and sends."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


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


def text_area(
    model: type[models.Model],
    name: str,
    label: Any,
    *,
    rows: int = 3,
    required: bool = False,
    **kwargs: Any,
) -> FreeTextField:
    """:func:`free_text` shown as a textarea of ``rows`` rows, optional unless
    ``required``."""
    return free_text(
        model,
        name,
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def checkboxes(
    label: Any, queryset: models.QuerySet[Any], **kwargs: Any
) -> forms.ModelMultipleChoiceField:
    """An optional choice of several rows as checkboxes; the form narrows
    ``queryset`` (usually ``X.objects.none()`` here) to the rows it offers."""
    return forms.ModelMultipleChoiceField(
        label=label,
        required=False,
        queryset=queryset,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


def optional_choice(
    label: Any, queryset: models.QuerySet[Any], empty_label: Any, **kwargs: Any
) -> forms.ModelChoiceField:
    """An optional choice of one row; ``empty_label`` says in words what choosing
    nothing means. The form narrows ``queryset`` to the rows it offers."""
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        empty_label=empty_label,
        **kwargs,
    )


def with_label(label: str, message: str, *, lower: bool = False) -> str:
    """A message under its field's label: "Rubrik: skriv en rubrik." — but after a
    label that is a question or ends in its own sign, no colon: "Vad gäller det?
    Välj ett tema." ``lower`` starts the message in lower case after a colon."""
    label = label.strip()
    if label.endswith(("?", "!", ":")):
        return f"{label} {message}".rstrip()
    if lower:
        message = message[:1].lower() + message[1:]
    return f"{label}: {message}".rstrip()


# A message that opens with a short name and a colon ("Position: …", "Plats: …",
# "Rad 3: …") already says what it is about: at most five words, no sentence sign.
_NAMED = re.compile(r"^[^\W\d_][\w()/–-]*(?: [\w()/–-]+){0,4}: \S")


def names_a_field(message: str, label: str = "") -> bool:
    """Whether ``message`` already names what it is about, so that no label goes in
    front: it starts with ``label`` itself ("kommentaren är för lång" under
    Kommentar), or with a name of its own and a colon ("Position: punkten ligger
    utanför kommunen." under the field Latitud, which carries the point's errors)."""
    label = label.strip()
    if label and message.casefold().startswith(label.casefold()):
        return True
    return bool(_NAMED.match(message))


def apply_service_errors(
    form: forms.BaseForm,
    error: ValidationError,
    *,
    fields: Mapping[str, str] | None = None,
    rows: Mapping[str, Sequence[forms.BaseForm]] | None = None,
    labelled: bool = False,
    text: Callable[[str], str] = str,
    unplaced: list[str] | None = None,
) -> None:
    """Put a service's ``ValidationError`` on ``form`` (and its row forms).

    A key names a field of ``form`` (renamed through ``fields``: the service's
    ``"parties"`` may be the form's ``"kommuner"``); ``"<rows>.<n>.<field>"`` names
    field ``field`` of the ``n``-th form in ``rows[<rows>]`` (a row list without forms
    falls back to ``fields[<rows>]`` on ``form``). Anything else — ``"__all__"``, a key
    that names no field, an error without keys — becomes a non-field error of the
    form it concerns, or goes to ``unplaced`` when given. ``labelled`` starts each
    field message with the field's label ("Titel: …") unless it does already;
    ``text`` rewrites each message (say, to keep the Swedish half of "sv / en").
    """
    fields = fields or {}
    rows = rows or {}
    items: list[tuple[str, str]] = []
    if hasattr(error, "error_dict"):
        for key, messages in error.message_dict.items():
            items += [(key, text(str(m))) for m in messages]
    else:
        items = [("", text(str(m))) for m in error.messages]
    for key, message in items:
        target: forms.BaseForm | None = form
        name: str | None = fields.get(key, key)
        parts = key.split(".")
        if len(parts) == 3 and parts[1].isdecimal():
            forms_of = rows.get(parts[0])
            if forms_of is None:
                name = fields.get(parts[0], parts[0])
            else:
                index = int(parts[1])
                target = forms_of[index] if index < len(forms_of) else None
                name = fields.get(parts[2], parts[2])
        if target is None or name not in target.fields:
            if unplaced is not None and target is form:
                unplaced.append(message)
                continue
            target = target or form
            target.add_error(None, message)
            continue
        label = str(target.fields[name].label or "")
        # A loader's message may name its model field ("Rubrik: …") where the form
        # shows it under another label: the form's label goes in front all the same.
        if labelled and label and not message.startswith(with_label(label, "")):
            message = with_label(label, message, lower=True)
        target.add_error(name, message)


def field_of(form: forms.BaseForm, name: str, kind: type[_Field]) -> _Field:
    """``form.fields[name]`` as the field class it is declared as, so a form can set
    its ``queryset`` or ``choices`` typed; a field of another class is a bug."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name}: {type(field).__name__}, not {kind.__name__}")
    return field


class Saved(Generic[_Result]):
    """What :func:`form_submit` returns when the service saved: its result."""

    __slots__ = ("value",)

    def __init__(self, value: _Result) -> None:
        self.value = value


def form_submit(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], _Result],
    message: str = "",
) -> Saved[_Result] | None:
    """A view's POST: when ``form`` is valid, ``save(form.cleaned_data)`` (a service
    call); its ``ValidationError`` goes on the form (:func:`apply_service_errors`).
    :class:`Saved` with the service's result when it saved, with ``message`` (if
    any) queued for the next page; ``None`` when the form shows errors. An unbound
    form (a GET) is never valid, so it never saves."""
    if not form.is_valid():
        return None
    try:
        result = save(form.cleaned_data)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return None
    if message:
        django_messages.success(request, message)
    return Saved(result)


def calling(
    service: Callable[..., _Result], **fixed: Any
) -> Callable[[dict[str, Any]], _Result]:
    """The ``save`` of :func:`form_saved` / :func:`form_submit` for a service that
    takes the form's fields as they are: ``service(**fixed, **cleaned_data)``."""
    return lambda data: service(**fixed, **data)


def service_done(
    request: HttpRequest, call: Callable[[], _Result], message: str = ""
) -> Saved[_Result] | None:
    """A view's action without a form (publish, change a status): ``call()`` (a
    service call); each message of its ``ValidationError`` is queued as an error
    for the next page. :class:`Saved` with its result when it succeeded, with
    ``message`` (if any) queued; ``None`` when it was refused."""
    try:
        result = call()
    except ValidationError as exc:
        for text in exc.messages:
            django_messages.error(request, text)
        return None
    if message:
        django_messages.success(request, message)
    return Saved(result)


def form_saved(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], object],
    message: str = "",
) -> bool:
    """:func:`form_submit` for a view that needs no result: True when it saved."""
    return form_submit(request, form, save, message) is not None


def announce_saved(
    request: HttpRequest, record: Any, *, saved: str, twice: str
) -> None:
    """Queue the message after a create that a submission id guards: ``twice`` (as
    information) when the service found ``record`` already saved (its
    ``already_saved``: the same form sent twice), else ``saved`` (as success)."""
    if getattr(record, "already_saved", False):
        django_messages.info(request, twice)
    else:
        django_messages.success(request, saved)
