"""Forms for the organisation and area pages: they parse; services validate and save."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.collation import sort_choices_swedish
from medborgarloften.lib.forms import field_of, optional_choice

from .models import AreaKind, County, Organisation, OrganisationKind
from .selectors import counties, kommuner_from_text, police_parents

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    _FormBase = forms.BaseForm
else:  # at run time a plain mixin, placed before forms.Form
    _FormBase = object


class AccessibleFormMixin(_FormBase):
    """Tie inputs to their help and errors (``aria-describedby``) and mark invalid
    ones (``aria-invalid``), so screen readers announce what is wrong where."""

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_fields()

    def mark_fields(self) -> None:
        # BaseForm's private cache (None until cleaned), untyped in the stubs;
        # ``self.errors`` would run validation on a form just built.
        errors = self._errors or {}  # type: ignore[attr-defined]
        for name, field in self.fields.items():
            attrs = field.widget.attrs
            # The ids _field.html gives the help and the errors (Django's own).
            auto_id = self[name].auto_id
            described = [f"{auto_id}_helptext"] if field.help_text else []
            if name in errors:
                attrs["aria-invalid"] = "true"
                described.append(f"{auto_id}_error")
            else:
                attrs.pop("aria-invalid", None)
            if described:
                attrs["aria-describedby"] = " ".join(described)

    def add_error(self, field: str | None, error: Any) -> None:
        """Every error, the form's own or a service's (``lib.forms.form_submit``),
        marks its field at once."""
        super().add_error(field, error)
        self.mark_fields()


MISSING_VERSION = _(
    "Formuläret saknar sin version, så det går inte att se om någon annan har sparat "
    "under tiden. Inget är sparat; ladda om sidan och gör ändringen igen."
)


class VersionRequiredMixin(_FormBase):
    """An edit form (one that keeps its ``version`` field) posted without the version
    it was opened at (a stale or hand-made page) is refused rather than saved blind."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if "version" in self.fields and not data.get("version"):
            self.add_error(None, MISSING_VERSION)
        return data


def _kind_choices(kinds: list[str]) -> list[tuple[str, StrOrPromise]]:
    # Kommuner come from the reference data (loadref); everything else is added here,
    # police units by police admins (places.permissions).
    return [
        ("", _("Välj typ")),
        *(
            (value, label)
            for value, label in OrganisationKind.choices
            if value in kinds
        ),
    ]


def _name_field(
    required: StrOrPromise, help_text: StrOrPromise = ""
) -> forms.CharField:
    """A required name; ``required`` is the message naming what to write."""
    return forms.CharField(
        label=_("Namn"),
        max_length=200,
        help_text=help_text,
        error_messages={"required": required},
    )


def _code_field(label: StrOrPromise, help_text: StrOrPromise) -> forms.CharField:
    """An optional code (kommunkod, DeSO/RegSO…)."""
    return forms.CharField(
        label=label, max_length=20, required=False, help_text=help_text
    )


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
        field_of(self, "lan", forms.ChoiceField).choices = [("", _("Alla län"))] + [
            (c.code, c.name) for c in counties()
        ]


class OrganisationForm(AccessibleFormMixin, VersionRequiredMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Typ"),
        choices=(),
        error_messages={
            "required": _("Typ: välj vad för slags organisation det är."),
            "invalid_choice": _(
                "Typ: du kan inte lägga till en organisation av den typen."
            ),
        },
    )
    name = _name_field(
        _("Namn: skriv organisationens namn."),
        help_text=_("T.ex. Lokalpolisområde Kalmar eller Kalmarhem AB."),
    )
    code = _code_field(
        _("Kod"), _("Kommunkod (fyra siffror) för kommuner; annars valfri.")
    )
    county = optional_choice(_("Län"), County.objects.none(), _("Inget län"))
    parent = optional_choice(
        _("Ingår i"),
        County.objects.none(),
        _("Ingen överordnad enhet"),
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
    served_by = forms.ModelMultipleChoiceField(
        label=_("Organisationer som arbetar för kommunen"),
        queryset=County.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Lokalpolisområden och andra parter som får läsa kommunens lägesbild, "
            "importera underlag och se enkätsvar. Håll ned Ctrl (Cmd på Mac) för att "
            "välja flera."
        ),
    )
    source = forms.CharField(
        label=_("Källa"),
        max_length=500,
        required=False,
        help_text=_("Var uppgiften kommer ifrån, t.ex. en adress på polisen.se."),
    )
    version = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1
    )

    def __init__(
        self,
        *args: Any,
        kinds: list[str] | None = None,
        organisation: Any = None,
        reference_fields: bool = True,
        **kwargs: Any,
    ) -> None:
        """``kinds``: what a new organisation may be; ``organisation``: the one edited
        (the kind is kept). A kommun has no parent and serves nothing; its name, code
        and län are shown only when ``reference_fields`` (superusers)."""
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        field_of(self, "county", forms.ModelChoiceField).queryset = counties()
        parent = field_of(self, "parent", forms.ModelChoiceField)
        parent.queryset = police_parents()
        sort_choices_swedish(parent, name=lambda o: o.name)
        # Django documents setting label_from_instance per form; mypy sees a method.
        parent.label_from_instance = lambda o: (  # type: ignore[method-assign, assignment]
            f"{o.name} ({o.get_kind_display().lower()})"
        )
        if organisation is None:
            field_of(self, "kind", forms.ChoiceField).choices = _kind_choices(
                kinds or []
            )
            del self.fields["version"]
        else:
            del self.fields["kind"]
        if organisation is not None and organisation.is_kommun:
            del self.fields["parent"]
            del self.fields["serves"]
            if not reference_fields:
                for name in ("name", "code", "county", "source"):
                    del self.fields[name]
            served_by = field_of(self, "served_by", forms.ModelMultipleChoiceField)
            served_by.queryset = (
                Organisation.objects.exclude(kind=OrganisationKind.KOMMUN)
                .select_related("county")
                .order_by("kind", "name")
            )
            # As for parent: set per form, which mypy takes for a method.
            served_by.label_from_instance = lambda o: (  # type: ignore[method-assign, assignment]
                f"{o.name} ({o.get_kind_display().lower()})"
            )
        else:
            del self.fields["served_by"]
        self.mark_fields()

    def service_input(self) -> dict[str, Any]:
        """The cleaned fields as the service's keyword arguments: what the form does
        not show (a kommun's reference fields) stays as it is."""
        data = dict(self.cleaned_data)
        organisation = self.organisation
        if organisation is not None:
            data["expected_version"] = data.pop("version")
            for name in ("name", "code", "county", "source"):
                data.setdefault(name, getattr(organisation, name))
            data.setdefault("parent", organisation.parent)
            if organisation.is_kommun:
                data["serves"] = []
        return data

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


class AreaForm(AccessibleFormMixin, VersionRequiredMixin, forms.Form):
    name = _name_field(_("Namn: skriv områdets namn."))
    kind = forms.ChoiceField(
        label=_("Typ"),
        choices=AreaKind.choices,
        initial=AreaKind.STADSDEL,
        error_messages={"invalid_choice": _("Typ: välj en typ i listan.")},
    )
    code = _code_field(
        _("DeSO/RegSO-kod"),
        _("Valfri. T.ex. 0880C1010 (DeSO) eller 0880R001 (RegSO)."),
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

    version = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["version"]
        self.mark_fields()

    def service_input(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if "version" in data:
            data["expected_version"] = data.pop("version")
        return data

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


def _crs_choices() -> list[tuple[str, StrOrPromise]]:
    from .boundaries import SUPPORTED_CRS

    return [("", _("Som filen anger (eller känns igen)"))] + [
        (str(code), f"{name} (EPSG:{code})") for code, name in SUPPORTED_CRS.items()
    ]


class BoundaryImportForm(AccessibleFormMixin, forms.Form):
    """A boundary file or a WFS address, and how to read it."""

    file = forms.FileField(
        label=_("Fil"),
        required=False,
        help_text=_(
            "GeoJSON, GeoPackage (.gpkg) eller zippad Shapefile (.zip med .shp, .shx, "
            ".dbf och .prj), i SWEREF 99 TM, en SWEREF 99-zon eller WGS 84."
        ),
    )
    url = forms.URLField(
        label=_("eller WFS-adress"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=_(
            "En WFS GetFeature-adress med typeNames, t.ex. "
            "https://karta.kommun.se/geoserver/wfs?typeNames=kommun:stadsdelar. "
            "Svaret hämtas som GeoJSON."
        ),
    )
    crs = forms.ChoiceField(label=_("Koordinatsystem"), required=False, choices=())
    name_field = forms.CharField(
        label=_("Fält med områdets namn"),
        required=False,
        max_length=100,
        help_text=_("Lämna tomt för att använda namn, name, stadsdel eller liknande."),
    )
    create_missing = forms.BooleanField(
        label=_("Lägg till områden som saknas"),
        required=False,
        initial=True,
        help_text=_(
            "Annars får bara områden som redan finns (samma namn eller andra namn) "
            "en gräns."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "crs", forms.ChoiceField).choices = _crs_choices()
        self.mark_fields()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not data.get("url"):
            raise ValidationError(
                _("Välj en fil eller skriv en WFS-adress."), code="required"
            )
        if data.get("file") and data.get("url"):
            raise ValidationError(
                _("Välj antingen en fil eller en WFS-adress, inte båda.")
            )
        return data


class BoundaryConfirmForm(forms.Form):
    """The previewed areas, in WGS 84, posted back to be imported."""

    geojson = forms.CharField(widget=forms.HiddenInput, max_length=8 * 1024 * 1024)
    create_missing = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # What the previewed file was, kept as the boundaries' source.
    source = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    format = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    crs = forms.TypedChoiceField(
        widget=forms.HiddenInput, required=False, coerce=int, choices=()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "crs", forms.ChoiceField).choices = _crs_choices()


class OverlayImportForm(BoundaryImportForm):
    """A DeSO/RegSO or utsatta områden file (or WFS address) for an overlay layer."""

    layer = forms.ChoiceField(
        label=_("Lager"),
        choices=(),
        help_text=_(
            "SCB:s DeSO- eller RegSO-områden, eller Polisens utsatta områden. En ny "
            "fil ersätter hela lagret."
        ),
    )
    field_order = ["layer", "file", "url", "crs", "name_field"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .models import OverlayLayer

        super().__init__(*args, **kwargs)
        del self.fields["create_missing"]
        field_of(self, "layer", forms.ChoiceField).choices = OverlayLayer.choices
        self.mark_fields()
