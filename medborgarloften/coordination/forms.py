"""Forms parse; services validate and save. Field names match the service keywords."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.forms import (
    DateInput,
    field_of,
    free_text,
    optional_choice,
    text_area,
)
from medborgarloften.places.models import Organisation

from .models import (
    ActionStatus,
    AgendaItem,
    CoordinationRole,
    Decision,
    Meeting,
    MeetingKind,
)


class RoleForm(forms.Form):
    role = free_text(
        CoordinationRole,
        "role",
        label=_("Roll"),
        initial=_("Samordnare för brottsförebyggande arbete"),
    )
    person = free_text(
        CoordinationRole,
        "person",
        label=_("Person"),
        required=False,
        help_text=_("Visas bara för personal."),
    )
    organisation = optional_choice(
        _("Organisation"), Organisation.objects.none(), _("– Ingen organisation –")
    )
    unit = free_text(
        CoordinationRole, "unit", label=_("Förvaltning eller enhet"), required=False
    )
    starts_on = forms.DateField(label=_("Från"), widget=DateInput)
    ends_on = forms.DateField(label=_("Till och med"), widget=DateInput, required=False)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "organisation", forms.ModelChoiceField).queryset = organisations


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Slags möte"), choices=MeetingKind.choices)
    title = free_text(Meeting, "title", label=_("Rubrik"))
    # Bounded: a meeting in the year 9999 overflowed the agenda's date arithmetic
    # (a server error, found by tests/test_fuzz_forms.py); Django's own messages.
    held_on = forms.DateField(
        label=_("Datum"),
        widget=DateInput,
        validators=[
            MinValueValidator(dt.date(2000, 1, 1)),
            MaxValueValidator(dt.date(2100, 12, 31)),
        ],
    )
    place = free_text(Meeting, "place", label=_("Plats"), required=False)


class AgendaItemForm(forms.Form):
    title = free_text(AgendaItem, "title", label=_("Ny punkt"))
    detail = text_area(AgendaItem, "detail", _("Underlag"), rows=2)


class MinutesForm(forms.Form):
    minutes = text_area(
        Meeting,
        "minutes",
        _("Protokoll"),
        rows=8,
        help_text=_("Visas bara för personal."),
    )
    public_summary = text_area(
        Meeting,
        "public_summary",
        _("Offentlig sammanfattning"),
        rows=5,
        help_text=_(
            "Det medborgare får läsa. Skriv roller och organisationer, inga namn."
        ),
    )


class DecisionForm(forms.Form):
    text = text_area(Decision, "text", _("Beslut"), rows=2, required=True)
    owner_organisation = optional_choice(
        _("Ansvarig organisation"),
        Organisation.objects.none(),
        _("– Ingen organisation –"),
    )
    owner_role = free_text(
        Decision,
        "owner_role",
        label=_("Ansvarig roll"),
        required=False,
        help_text=_("En roll, inte ett namn: beslutet kan visas för medborgare."),
    )
    due = forms.DateField(
        label=_("Klart senast"),
        widget=DateInput,
        required=False,
        help_text=_("Med ansvarig och datum blir beslutet en åtgärd som följs upp."),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(
            self, "owner_organisation", forms.ModelChoiceField
        ).queryset = organisations


class DecisionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
