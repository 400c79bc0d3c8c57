"""Forms of the public pages: they parse and validate, services do the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.forms import optional_choice
from medborgarloften.places.models import County


def _year_field(label: Any, **error_messages: Any) -> forms.IntegerField:
    """An optional year from 2000 to 2100; ``error_messages`` name the field."""
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages=error_messages,
    )


class OverviewFilterForm(forms.Form):
    """Län and start-year range of the national overview; all optional."""

    lan = optional_choice(
        _("Län"),
        County.objects.order_by("name"),
        _("Hela Sverige"),
        to_field_name="code",
        error_messages={"invalid_choice": _("Län: det finns inget sådant län.")},
    )
    fran = _year_field(
        _("Från år"),
        invalid=_("Från år: skriv ett årtal, t.ex. 2023."),
        min_value=_("Från år: tidigast 2000."),
        max_value=_("Från år: senast 2100."),
    )
    till = _year_field(
        _("Till år"),
        invalid=_("Till år: skriv ett årtal, t.ex. 2025."),
        min_value=_("Till år: tidigast 2000."),
        max_value=_("Till år: senast 2100."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        start, end = data.get("fran"), data.get("till")
        if start is not None and end is not None and end < start:
            self.add_error("till", _("Till år: kan inte ligga före från år."))
        return data


class SubscribeForm(forms.Form):
    """Only the address: nothing else about the subscriber is asked or kept."""

    email = forms.EmailField(
        label=_("E-postadress"),
        max_length=254,
        error_messages={
            "required": _("E-postadress: skriv din e-postadress."),
            "invalid": _(
                "E-postadress: skriv en giltig adress, t.ex. namn@exempel.se."
            ),
        },
        help_text=_(
            "Vi skickar ett brev med en länk som du bekräftar med. Vi sparar bara "
            "adressen och vad du bevakar, och varje brev har en länk för att avsluta."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
