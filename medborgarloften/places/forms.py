"""Forms for the organisation and area pages: they parse; services validate and save."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import AreaKind, County, OrganisationKind
from .selectors import counties, kommuner_from_text, police_parents


class AccessibleFormMixin:
    """Tie inputs to their help and errors (``aria-describedby``) and mark invalid
    ones (``aria-invalid``), so screen readers announce what is wrong where."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self.mark_fields()

    def mark_fields(self) -> None:
        errors = self._errors or {}  # type: ignore[attr-defined]
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            attrs = field.widget.attrs
            described = [f"id_{name}_help"] if field.help_text else []
            if name in errors:
                attrs["aria-invalid"] = "true"
                described.append(f"id_{name}_errors")
            else:
                attrs.pop("aria-invalid", None)
            if described:
                attrs["aria-describedby"] = " ".join(described)

    def apply_errors(self, error: ValidationError) -> None:
        """Put a service's ValidationError beside the field it names."""
        for key, messages in error.message_dict.items():
            field = key if key in self.fields else None  # type: ignore[attr-defined]
            for message in messages:
                self.add_error(field, message)  # type: ignore[attr-defined]
        self.mark_fields()


def _kind_choices() -> list[tuple[str, str]]:
    # Kommuner come from the reference data (loadref); everything else is added here.
    return [("", _("Välj typ"))] + [
        (value, label)
        for value, label in OrganisationKind.choices
        if value != OrganisationKind.KOMMUN
    ]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Namn eller kod"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Typ"),
        required=False,
        choices=[("", _("Alla typer")), *OrganisationKind.choices],
    )
    lan = forms.ChoiceField(label=_("Län"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lan"].choices = [("", _("Alla län"))] + [
            (c.code, c.name) for c in counties()
        ]


class OrganisationForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Typ"),
        choices=_kind_choices,
        error_messages={"required": _("Typ: välj vad för slags organisation det är.")},
    )
    name = forms.CharField(
        label=_("Namn"),
        max_length=200,
        help_text=_("T.ex. Lokalpolisområde Kalmar eller Kalmarhem AB."),
        error_messages={"required": _("Namn: skriv organisationens namn.")},
    )
    code = forms.CharField(
        label=_("Kod"),
        max_length=20,
        required=False,
        help_text=_("Kommunkod (fyra siffror) för kommuner; annars valfri."),
    )
    county = forms.ModelChoiceField(
        label=_("Län"),
        queryset=County.objects.none(),
        required=False,
        empty_label=_("Inget län"),
    )
    parent = forms.ModelChoiceField(
        label=_("Ingår i"),
        queryset=County.objects.none(),
        required=False,
        empty_label=_("Ingen överordnad enhet"),
        help_text=_(
            "För ett lokalpolisområde: dess polisområde. För ett polisområde: "
            "dess polisregion."
        ),
    )
    serves = forms.CharField(
        label=_("Kommuner som betjänas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Kommunkoder eller kommunnamn, åtskilda med kommatecken, "
            "t.ex. 0880, Mörbylånga, 0885."
        ),
    )
    source = forms.CharField(
        label=_("Källa"),
        max_length=500,
        required=False,
        help_text=_("Var uppgiften kommer ifrån, t.ex. en adress på polisen.se."),
    )

    def __init__(self, *args: Any, edit_kind: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties()
        self.fields["parent"].queryset = police_parents()
        self.fields["parent"].label_from_instance = lambda o: (
            f"{o.name} ({o.get_kind_display().lower()})"
        )
        if not edit_kind:
            del self.fields["kind"]
        self.mark_fields()

    def clean_serves(self) -> list[Any]:
        kommuner, unknown = kommuner_from_text(self.cleaned_data["serves"])
        if unknown:
            codes = [t for t in unknown if t[:4].isdigit()]
            names = [t for t in unknown if not t[:4].isdigit()]
            parts = []
            if codes:
                parts.append(
                    _("okänd kommunkod %(codes)s") % {"codes": ", ".join(codes)}
                )
            if names:
                parts.append(_("okänd kommun %(names)s") % {"names": ", ".join(names)})
            raise ValidationError(
                _("Kommuner som betjänas: %(problems)s.")
                % {"problems": "; ".join(parts)}
            )
        return kommuner


class AreaForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Namn"),
        max_length=200,
        error_messages={"required": _("Namn: skriv områdets namn.")},
    )
    kind = forms.ChoiceField(
        label=_("Typ"),
        choices=AreaKind.choices,
        initial=AreaKind.STADSDEL,
        error_messages={"invalid_choice": _("Typ: välj en typ i listan.")},
    )
    code = forms.CharField(
        label=_("DeSO/RegSO-kod"),
        max_length=20,
        required=False,
        help_text=_("Valfri. T.ex. 0880C1010 (DeSO) eller 0880R001 (RegSO)."),
    )
    aliases = forms.CharField(
        label=_("Andra namn"),
        required=False,
        max_length=1000,
        help_text=_(
            "Andra namn för samma område, åtskilda med kommatecken, "
            "t.ex. Berga, Funkabo."
        ),
    )
    geometry = forms.CharField(
        label=_("Geometri (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
        help_text=_(
            "Valfri. Ett GeoJSON-objekt i WGS84 (längdgrad, breddgrad), t.ex. "
            '{"type": "Polygon", "coordinates": [[[16.35, 56.66], …]]}.'
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mark_fields()

    def clean_aliases(self) -> list[str]:
        text = self.cleaned_data["aliases"]
        return [" ".join(a.split()) for a in text.split(",") if a.strip()]

    def clean_geometry(self) -> Any:
        text = self.cleaned_data["geometry"].strip()
        if not text:
            return None
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                _("Geometri: inte giltig JSON (rad %(line)d, kolumn %(col)d).")
                % {"line": exc.lineno, "col": exc.colno}
            )
        if not isinstance(value, dict):
            raise ValidationError(
                _("Geometri: ska vara ett GeoJSON-objekt, t.ex. en Polygon.")
            )
        return value
