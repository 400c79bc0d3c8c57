"""Forms of the lägesbild: they parse and label; services validate and save."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.forms import (
    FreeTextField,
    field_of,
    optional_choice,
    text_area,
)
from medborgarloften.places.models import Area, Organisation
from medborgarloften.vocabulary import THEMES

from .models import CauseAnalysis, DialogueKind, ObservationCategory

#: "A short text": long enough for a sentence or two, short enough for a phone.
TEXT_MAX = 500


class ObservationForm(forms.Form):
    """What, where, when and a short text — designed to take under a minute."""

    category = forms.ChoiceField(
        label=_("Vad"),
        choices=ObservationCategory.choices,
        widget=forms.RadioSelect(attrs={"class": "tile-choice"}),
    )
    area = optional_choice(
        _("Var (område)"), Area.objects.none(), _("– Välj område eller ange position –")
    )
    latitude = forms.FloatField(
        label=_("Latitud"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    longitude = forms.FloatField(
        label=_("Longitud"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    observed_at = forms.DateTimeField(
        label=_("När"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    text = FreeTextField(
        label=_("Kort beskrivning"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX}),
    )
    # A new key for each form shown: the same form sent twice saves once.
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, kommun: Organisation, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "observed_at": timezone.localtime().replace(second=0, microsecond=0),
                "submission": uuid.uuid4(),
            },
        )
        super().__init__(*args, **kwargs)
        field_of(self, "area", forms.ModelChoiceField).queryset = Area.objects.filter(
            kommun=kommun
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if (
            not self.errors
            and data.get("area") is None
            and data.get("latitude") is None
        ):
            self.add_error(
                "area", _("Var: välj ett område eller ange en position på kartan.")
            )
        return data


class PeriodForm(forms.Form):
    period = forms.CharField(label=_("Period"), required=False, max_length=10)


class DialogueForm(forms.Form):
    kind = forms.ChoiceField(label=_("Typ"), choices=DialogueKind.choices)
    held_on = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"})
    )
    area = optional_choice(_("Område"), Area.objects.none(), _("– Inget område –"))
    title = forms.CharField(label=_("Rubrik"), required=False, max_length=300)
    participants = forms.CharField(
        label=_("Deltagare per grupp"),
        required=False,
        help_text=_("En grupp per rad: 'boende: 12'. Inga namn."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, kommun: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "area", forms.ModelChoiceField).queryset = Area.objects.filter(
            kommun=kommun
        )

    def clean_participants(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for number, line in enumerate(
            self.cleaned_data["participants"].splitlines(), 1
        ):
            if not line.strip():
                continue
            group, sep, count = line.partition(":")
            count = count.strip()
            # ASCII digits that fit the database ('²' is a digit to isdigit()).
            if not (
                sep and count.isascii() and count.isdigit() and len(count) <= 9
            ) or (not group.strip()):
                raise forms.ValidationError(
                    _("Deltagare, rad %(n)d: skriv 'grupp: antal'.") % {"n": number}
                )
            result[group.strip()] = result.get(group.strip(), 0) + int(count)
        return result


class FindingForm(forms.Form):
    """One thing the dialogue found: a theme from the list, where (an area of the
    kommun and/or a place in words) and what. A row left empty is skipped."""

    theme = forms.ChoiceField(label=_("Tema"), choices=())
    area = optional_choice(_("Område"), Area.objects.none(), _("– Dialogens område –"))
    place = forms.CharField(
        label=_("Plats"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("t.ex. gångtunneln")}),
    )
    text = forms.CharField(
        label=_("Iakttagelse"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, kommun: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "theme", forms.ChoiceField).choices = [
            ("", _("– Välj tema –"))
        ] + [(code, _(label)) for code, label in THEMES.items()]
        field_of(self, "area", forms.ModelChoiceField).queryset = Area.objects.filter(
            kommun=kommun
        )


class BaseFindingFormSet(forms.BaseFormSet):
    def findings(self) -> list[dict[str, Any]]:
        return [
            {
                "theme": form.cleaned_data["theme"],
                "area": form.cleaned_data.get("area"),
                "place": form.cleaned_data.get("place", ""),
                "text": form.cleaned_data["text"],
            }
            for form in self.forms
            if form.cleaned_data
        ]


FindingFormSet = forms.formset_factory(
    FindingForm, formset=BaseFindingFormSet, extra=3, max_num=50, validate_max=True
)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Vad"),
        choices=[
            (
                "survey",
                _(
                    "Trygghetsmätning (område, år, indikator, kön, åldersgrupp, "
                    "andel, svarande)"
                ),
            ),
            (
                "crime",
                _(
                    "Anmälda brott (kommun, område, kategori, år, antal, "
                    "per 100 000 inv., befolkning för ett område)"
                ),
            ),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label=_("Fil (CSV eller XLSX)"))
    year = forms.IntegerField(
        label=_("År"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("Brottsstatistik: när filen saknar kolumnen år."),
    )
    category = forms.CharField(
        label=_("Brottskategori"),
        required=False,
        max_length=100,
        help_text=_("Brottsstatistik: när filen saknar kolumnen kategori."),
    )
    source = forms.CharField(label=_("Källa"), required=False, max_length=500)


class CauseAnalysisForm(forms.Form):
    """Brå's short cause analysis for one focus area."""

    problem = text_area(CauseAnalysis, "problem", _("Problem"), rows=2, required=True)
    causes = text_area(CauseAnalysis, "causes", _("Troliga orsaker"), required=True)
    measures = text_area(CauseAnalysis, "measures", _("Åtgärder"), required=True)
