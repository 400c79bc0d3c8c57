"""The review form's parts: the record's fields, commitment and signatory rows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.extract.measurability import CommitmentCheck, check_commitment
from medborgarloften.lib.forms import field_of, text_area
from medborgarloften.places.lookup import KommunIndex, fold, police_area_find
from medborgarloften.places.models import Organisation
from medborgarloften.promises.forms.fields import (
    AccessibleForm,
    checkbox_field,
    date_field,
)
from medborgarloften.promises.models import Commitment, Promise
from medborgarloften.vocabulary import EVIDENCE_SOURCES, PER, RESPONSIBLE, THEMES

MAX_ROWS = 200


# --- Parsing helpers ------------------------------------------------------------------


def split_names(value: str) -> list[str]:
    """'Norrliden, Stensö; Berga' → names, blanks and repeats dropped."""
    names: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"[,;\n]", value or ""):
        name = " ".join(part.split())
        if name and fold(name) not in seen:
            seen.add(fold(name))
            names.append(name)
    return names


def split_lines(value: str) -> list[str]:
    out: list[str] = []
    for line in (value or "").splitlines():
        line = " ".join(line.split()).rstrip(".")
        if line and line not in out:
            out.append(line)
    return out


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def target_of(
    quantity: int | None, unit: str, per: str, deadline: dt.date | None
) -> dict[str, Any] | None:
    """The record's target: None (not measurable) without quantity, per or date."""
    if quantity is None and not per and deadline is None:
        return None
    return {
        "quantity": quantity,
        "unit": unit.strip() or None,
        "per": per or None,
        "deadline": deadline.isoformat() if deadline else None,
    }


# --- The record's fields --------------------------------------------------------------


class ReviewForm(AccessibleForm):
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=300)
    municipalities = forms.CharField(
        label=gettext_lazy("Kommuner"),
        max_length=1000,
        help_text=gettext_lazy(
            "Kommunernas namn, skilda med komma, som dokumentet anger dem. "
            "Kommunen du valde vid uppladdningen läggs inte till av sig själv."
        ),
    )
    as_reference = forms.BooleanField(
        label=gettext_lazy("Spara som referens för jämförelse"),
        required=False,
        help_text=gettext_lazy(
            "För ett annat områdes löfte: utkastet sparas åt kommunen du valde vid "
            "uppladdningen, bara ni ser det och det publiceras aldrig."
        ),
    )
    police_area = forms.CharField(
        label=gettext_lazy("Lokalpolisområde"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("T.ex. Lokalpolisområde Kalmar."),
    )
    create_police_area = forms.BooleanField(
        label=gettext_lazy("Skapa lokalpolisområdet om det inte finns"),
        required=False,
    )
    period_start = date_field(gettext_lazy("Period från"))
    period_end = date_field(gettext_lazy("Period till"))
    period_text = forms.CharField(
        label=gettext_lazy("Perioden som den står i texten"),
        required=False,
        max_length=300,
    )
    situation_summary = forms.CharField(
        label=gettext_lazy("Lägesbild"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Dokumentets beskrivning av läget. Stycken skiljs åt med en tom rad."
        ),
    )
    focus_areas = forms.CharField(
        label=gettext_lazy("Fokusområden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Ett fokusområde per rad."),
    )
    # The focus areas as the page showed them, so a renamed one carries its
    # commitments along (forms.rows.carry_focus_renames).
    focus_areas_shown = forms.CharField(required=False, widget=forms.HiddenInput)
    themes = checkbox_field(THEMES, gettext_lazy("Teman"))
    evidence_sources = checkbox_field(
        EVIDENCE_SOURCES, gettext_lazy("Underlag för lägesbilden")
    )
    places = forms.CharField(
        label=gettext_lazy("Platser i hela löftet"),
        required=False,
        max_length=2000,
        help_text=gettext_lazy("Namn skilda med komma."),
    )
    follow_up_text = text_area(Promise, "follow_up_text", gettext_lazy("Uppföljning"))
    reports_per_period = forms.IntegerField(
        label=gettext_lazy("Antal rapporter under perioden"),
        required=False,
        min_value=1,
        max_value=1000,
    )
    new_areas = forms.MultipleChoiceField(
        label=gettext_lazy("Nya områden"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        kommun: Organisation | None,
        new_area_names: list[str],
        may_create_police: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kommun = kommun
        self.may_create_police = may_create_police
        if not may_create_police:
            # Police units come from the reference data or a superuser, never from
            # an editor importing a document (issue 13).
            del self.fields["create_police_area"]
        new_areas = field_of(self, "new_areas", forms.MultipleChoiceField)
        new_areas.choices = [(n, n) for n in new_area_names]
        self.new_area_names = list(new_area_names)
        self.kommuner: list[Organisation] = []
        self.police: Organisation | None = None

    def clean_municipalities(self) -> str:
        value = self.cleaned_data["municipalities"]
        kommuner = list(
            Organisation.objects.kommuner().only(
                "pk", "kind", "name", "official_name", "code"
            )
        )
        found: list[Organisation] = []
        for name in split_names(value):
            match = find_kommun(name, kommuner)
            if match is None:
                raise ValidationError(
                    _("det finns ingen kommun som heter ”%(name)s”.") % {"name": name}
                )
            if match not in found:
                found.append(match)
        if not found:
            raise ValidationError(_("ange minst en kommun."))
        self.kommuner = found
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end", _("perioden slutar före den börjar (%s).") % start
            )
        name = (data.get("police_area") or "").strip()
        if name:
            self.police = police_area_find(name)
            if self.police is None and not data.get("create_police_area"):
                self.add_error(
                    "police_area",
                    _(
                        "det finns inget lokalpolisområde som heter ”%(name)s”. "
                        "Rätta namnet eller kryssa i ”Skapa lokalpolisområdet om "
                        "det inte finns”."
                    )
                    % {"name": name}
                    if self.may_create_police
                    else _(
                        "det finns inget lokalpolisområde som heter ”%(name)s”. "
                        "Rätta namnet, lämna fältet tomt, eller be en superanvändare "
                        "lägga till lokalpolisområdet."
                    )
                    % {"name": name},
                )
        return data


def find_kommun(name: str, kommuner: list[Organisation]) -> Organisation | None:
    return KommunIndex(kommuner).find(name)


class CommitmentForm(AccessibleForm):
    origin = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)
    text = text_area(Commitment, "text", gettext_lazy("Text"), required=True)
    responsible = checkbox_field(RESPONSIBLE, gettext_lazy("Ansvarar"))
    target_quantity = forms.IntegerField(
        label=gettext_lazy("Antal"),
        required=False,
        min_value=1,
        max_value=2147483647,
    )
    target_unit = forms.CharField(
        label=gettext_lazy("Enhet"), required=False, max_length=100
    )
    target_per = forms.ChoiceField(
        label=gettext_lazy("Per"),
        required=False,
        choices=[("", "—"), *PER.items()],
    )
    target_deadline = date_field(gettext_lazy("Sista datum"))
    places = forms.CharField(
        label=gettext_lazy("Platser"),
        required=False,
        max_length=2000,
        help_text=gettext_lazy("Namn skilda med komma."),
    )
    other_parties = forms.CharField(
        label=gettext_lazy("Andra parter"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy(
            "Organisationer utöver kommun och polis som ansvarar, skilda med komma. "
            "En som inte finns läggs till om du är administratör, annars tas den "
            "inte med."
        ),
    )
    focus_area = forms.ChoiceField(
        label=gettext_lazy("Fokusområde"),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "”%(value)s” finns inte bland fokusområdena. Välj ett av dem "
                "eller lämna fältet tomt."
            )
        },
        help_text=gettext_lazy(
            "Ett av fokusområdena ovan. Byter du namn på ett fokusområde följer "
            "åtagandena med när du trycker Kontrollera eller Skapa utkast."
        ),
    )

    def __init__(
        self, *args: Any, focus_areas: Sequence[str] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "focus_area", forms.ChoiceField).choices = [
            ("", "—"),
            *((name, name) for name in focus_areas),
        ]

    def check(self) -> CommitmentCheck | None:
        """The measurability check on the values shown (None while they are invalid)."""
        if self.is_bound:
            if not self.is_valid() or not self.cleaned_data.get("text"):
                return None
            d = self.cleaned_data
            quantity, unit = d.get("target_quantity"), d.get("target_unit") or ""
            per, deadline = d.get("target_per") or "", d.get("target_deadline")
            text, responsible = d["text"], list(d.get("responsible") or [])
        else:
            i = self.initial
            quantity, unit = i.get("target_quantity"), i.get("target_unit") or ""
            per, deadline = i.get("target_per") or "", i.get("target_deadline")
            text, responsible = i.get("text") or "", list(i.get("responsible") or [])
        return check_commitment(
            text,
            responsible=responsible,
            target=target_of(quantity, unit, per, deadline),
        )


class SignatoryForm(AccessibleForm):
    name = forms.CharField(label=gettext_lazy("Namn"), max_length=200)
    title = forms.CharField(label=gettext_lazy("Titel"), required=False, max_length=300)
    organisation = forms.CharField(
        label=gettext_lazy("Organisation"), required=False, max_length=200
    )
    signed_on = date_field(gettext_lazy("Datum"))


CommitmentFormSet = forms.formset_factory(
    CommitmentForm, extra=1, can_delete=True, max_num=MAX_ROWS, absolute_max=MAX_ROWS
)
SignatoryFormSet = forms.formset_factory(
    SignatoryForm, extra=1, can_delete=True, max_num=MAX_ROWS, absolute_max=MAX_ROWS
)


def label_delete_boxes(formset: Any) -> None:
    for form in formset.forms:
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Ta bort")
