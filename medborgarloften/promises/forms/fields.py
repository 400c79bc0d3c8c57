"""Form building blocks: accessible rendering and choices loaded once per page.

``AccessibleBoundField`` sets ``aria-invalid`` and ``aria-describedby`` the same way on
every Django version we support; every error message starts with its field's label.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from medborgarloften.lib.forms import DateInput, with_label
from medborgarloften.places.models import Area, Organisation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# --- Accessible rendering ----------------------------------------------------------


class AccessibleBoundField(BoundField):
    """Sets aria-invalid and aria-describedby (help text, errors) the same way on
    every Django version we run on, and stays quiet while rows are being added."""

    @property
    def errors(self) -> Any:
        if getattr(self.form, "quiet", False):
            return self.form.error_class(renderer=self.form.renderer)
        return super().errors

    @property
    def help_id(self) -> str:
        return f"{self.auto_id}_helptext"

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}_error"

    @property
    def describedby(self) -> str:
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                ids.append(self.help_id)
            if self.errors:
                ids.append(self.error_id)
        return " ".join(ids)

    @property
    def anchor(self) -> str:
        """Where the error summary links to: the field, or its first checkbox."""
        if self.use_fieldset and self.auto_id:
            return f"{self.auto_id}_0"
        return self.auto_id or ""

    @property
    def is_checkbox_group(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxSelectMultiple)

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> Any:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        attrs.pop("aria-invalid", None)
        attrs.pop("aria-describedby", None)
        if not widget.is_hidden and self.errors:
            attrs["aria-invalid"] = "true"
        if not self.use_fieldset and self.describedby:
            attrs["aria-describedby"] = self.describedby
        return attrs


class AccessibleForm(forms.Form):
    """Every message names its field; ``quiet`` shows input back without errors."""

    bound_field_class = AccessibleBoundField
    template_name = "promises/_form_fields.html"
    quiet = False

    def full_clean(self) -> None:
        super().full_clean()
        for name, error_list in list(self.errors.items()):
            if name not in self.fields:
                continue
            label = str(self.fields[name].label or name)
            fixed = []
            for message in error_list:
                text = str(message)
                if not text.startswith(with_label(label, "")):
                    text = with_label(label, text, lower=True)
                fixed.append(text)
            self.errors[name] = self.error_class(fixed, renderer=self.renderer)


def date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=DateInput(),
        error_messages={
            "invalid": format_lazy(
                "{}: {}",
                label,
                gettext_lazy("ange ett datum som ÅÅÅÅ-MM-DD, till exempel 2025-06-30."),
            )
        },
    )


#: The largest key a database column can hold (signed 64 bits).
MAX_KEY = 2**63 - 1


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, except that a number no key can have is "no such choice".

    Django hands every posted value to ``pk__in``; on SQLite a number beyond 64 bits
    then raises OverflowError, a server error, instead of a form error (found by
    tests/test_fuzz_forms.py).
    """

    def _check_values(self, value: Any) -> Any:
        for item in value:
            try:
                number = int(str(item))
            except ValueError:
                continue  # not a number: Django's own check names it
            if not -MAX_KEY - 1 <= number <= MAX_KEY:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        # A private method of Django's that the stubs leave out.
        return super()._check_values(value)  # type: ignore[misc]


class OrganisationChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return str(obj)


class ChosenFirstCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with the ticked ones first, so a long list (every kommun) shows
    what is chosen without scrolling; the rest keep their order."""

    def optgroups(
        self, name: str, value: list[Any], attrs: dict[str, Any] | None = None
    ) -> list[Any]:
        groups = super().optgroups(name, value, attrs)
        chosen = [g for g in groups if any(o["selected"] for o in g[1])]
        return chosen + [g for g in groups if not any(o["selected"] for o in g[1])]


class ObjectMultipleChoiceField(forms.MultipleChoiceField):
    """Choose among objects loaded once for the whole page (every row shares them,
    so twenty commitments do not mean twenty queries); cleans to the objects."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.objects: dict[str, Any] = {}
        super().__init__(*args, choices=(), **kwargs)

    def set_objects(self, objects: Iterable[Any], label: Any = str) -> None:
        self.objects = {str(obj.pk): obj for obj in objects}
        self.choices = [(key, label(obj)) for key, obj in self.objects.items()]

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.objects

    def clean(self, value: Any) -> list[Any]:
        return [self.objects[str(v)] for v in super().clean(value)]


class ObjectChoiceField(forms.ChoiceField):
    """One object among objects loaded once for the page, or None."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.objects: dict[str, Any] = {}
        super().__init__(*args, choices=(), **kwargs)

    def set_objects(self, objects: Iterable[Any], label: Any = str) -> None:
        self.objects = {str(obj.pk): obj for obj in objects}
        self.choices = [("", "—")] + [
            (key, label(obj)) for key, obj in self.objects.items()
        ]

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.objects

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        return self.objects[str(value)] if value not in ("", None) else None


def area_field() -> ObjectMultipleChoiceField:
    return ObjectMultipleChoiceField(
        label=gettext_lazy("Områden"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Områden: ett valt område ligger inte i någon av löftets kommuner."
            )
        },
    )


@dataclass
class RowOptions:
    """What the rows offer, read once per page."""

    areas: list[Area]
    other_organisations: list[Organisation]
    organisations: list[Organisation]

    def __post_init__(self) -> None:
        self._several_kommuner = len({a.kommun_id for a in self.areas}) > 1

    def area_label(self, area: Area) -> str:
        """The area's name, with its kommun when the promise has several."""
        if self._several_kommuner:
            return f"{area.name} ({area.kommun.name})"
        return area.name


def checkbox_field(
    choices: dict[str, str], label: StrOrPromise
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=[(code, gettext_lazy(text)) for code, text in choices.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
