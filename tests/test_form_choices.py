"""No select offers Django's "---------": every empty choice says in words what
choosing nothing means ("– Inget område –", "– Välj åtagande –")."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH

import medborgarloften

DASHES = BLANK_CHOICE_DASH[0][1]


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for info in pkgutil.walk_packages(
        medborgarloften.__path__, prefix="medborgarloften."
    ):
        if ".tests" in info.name or "migrations" in info.name:
            continue
        if not (info.name.endswith(".forms") or ".forms." in info.name):
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_no_choice_field_offers_dashes_for_nothing():
    classes = _form_classes()
    assert len(classes) > 10
    dashes = []
    for cls in classes:
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.ModelChoiceField) and not isinstance(
                field, forms.ModelMultipleChoiceField
            ):
                if field.empty_label == DASHES:
                    dashes.append(f"{cls.__module__}.{cls.__name__}.{name}")
            elif isinstance(field, forms.ChoiceField):
                labels = [str(label) for _value, label in field.choices]
                if DASHES in labels:
                    dashes.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert dashes == []
