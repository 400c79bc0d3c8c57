"""Forms of the cases app: they parse; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.collation import sort_choices_swedish
from medborgarloften.lib.forms import (
    FreeTextField,
    field_of,
    free_text,
    optional_choice,
    text_area,
)
from medborgarloften.places.models import Area, Organisation
from medborgarloften.vocabulary import THEMES

from .models import AnswerTemplate, Case, Outcome
from .photos import MAX_BYTES
from .routing import (
    DAYS_MAX,
    DAYS_MESSAGE,
    OWNER_MISSING,
)
from .routing import (
    TEMPLATE_TEXT_MISSING as TEXT_MISSING,
)
from .routing import (
    TEMPLATE_TITLE_MISSING as TITLE_MISSING,
)


def theme_choices() -> list[tuple[str, str]]:
    """Called when the form is shown, in the visitor's language."""
    return [("", gettext("– Välj –")), *[(k, gettext(v)) for k, v in THEMES.items()]]


class ReportForm(forms.Form):
    """The public "Tyck till / anmäl en otrygg plats" form."""

    # Theme and text are checked by case_create, with the place, so a resident sees
    # every problem at once.
    theme = forms.ChoiceField(
        label=_("Vad gäller det?"), choices=theme_choices, required=False
    )
    text = FreeTextField(
        label=_("Beskriv platsen och vad som känns otryggt"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Skriv inte namn, personnummer eller telefonnummer."),
    )
    area = optional_choice(
        _("Eller välj ett område"),
        Area.objects.none(),
        _("– Inget område valt –"),
    )
    place_text = forms.CharField(
        label=_("Eller beskriv platsen med ord"), required=False, max_length=200
    )
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    photo = forms.FileField(
        label=_("Foto"),
        required=False,
        # Lazy as a whole: "%" on a lazy text would translate it once, at import.
        help_text=lazy(
            lambda: (
                gettext(
                    "JPEG, PNG eller WebP, högst %(mb)d MB. Vi tar bort platsuppgifter "
                    "och annan information ur bilden. Den visas bara om vi har granskat den."
                )
                % {"mb": MAX_BYTES // 2**20}
            ),
            str,
        )(),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )
    email = forms.EmailField(
        label=_("Din e-post, om du vill få svar"),
        required=False,
        help_text=_(
            "Du får först ett mejl med en länk att bekräfta. Adressen raderas när "
            "du har fått svar, och du kan radera den när du vill."
        ),
    )
    website = forms.CharField(required=False, label=_("Lämna tomt"))

    def __init__(self, *args: Any, kommun: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(kommun=kommun)  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = FreeTextField(
        label=_("Svar"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
    close = forms.BooleanField(label=_("Avsluta ärendet med svaret"), required=False)
    outcome = forms.ChoiceField(
        label=_("Utfall om ärendet avslutas"),
        choices=Outcome.choices,
        initial=Outcome.ANSWERED,
        required=False,
        help_text=_("Visas öppet. Välj Åtgärdat bara om något har gjorts."),
    )


class HandOnForm(forms.Form):
    """Hand a case on to another owner among ``owners`` (``owner_choices`` of the
    case's kommun)."""

    owner = forms.ModelChoiceField(
        label=_("Lämna vidare till"),
        queryset=Organisation.objects.none(),
        empty_label=_("– Välj organisation –"),
    )
    note = forms.CharField(label=_("Anteckning"), required=False, max_length=300)

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "owner", forms.ModelChoiceField).queryset = owners
        sort_choices_swedish(self.fields["owner"], name=lambda o: o.name)


class CloseForm(forms.Form):
    """Closing for good, with the outcome the public page shows."""

    outcome = forms.ChoiceField(
        label=_("Vad ledde ärendet till?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj vad ärendet ledde till.")},
    )
    reason = forms.CharField(
        label=_("Utfallet med ord"),
        max_length=300,
        help_text=_("Visas öppet på Du sa – vi gjorde och för den som tyckte till."),
    )


class LinkForm(forms.Form):
    """The activity or the commitment a case became, chosen among those of the
    promises the kommun is party to (``link_choices``), numbered as in the
    promise."""

    activity = forms.TypedChoiceField(
        label=_("Aktivitet"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Välj en aktivitet i listan.")},
    )
    commitment = forms.TypedChoiceField(
        label=_("Åtagande"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Välj ett av löftets åtaganden i listan.")},
    )

    def __init__(
        self, *args: Any, commitments: Any = (), activities: Any = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "activity", forms.TypedChoiceField).choices = [
            ("", gettext("– Ingen aktivitet –")),
            *activities,
        ]
        field_of(self, "commitment", forms.TypedChoiceField).choices = [
            ("", gettext("– Inget åtagande –")),
            *commitments,
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("activity") and not data.get("commitment"):
            raise forms.ValidationError(
                gettext("Välj en aktivitet eller ett åtagande.")
            )
        return data


class ModerateForm(forms.Form):
    publish = forms.TypedChoiceField(
        label=_("Granskning"),
        choices=[("1", _("Publicera")), ("0", _("Visa inte"))],
        coerce=lambda v: v == "1",
    )
    photo = forms.BooleanField(label=_("Fotot får visas"), required=False)
    text = FreeTextField(
        label=_("Text att publicera (tom: den inskickade texten, granskad)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, photo: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not photo:
            # Nothing to show or hide: a case without a photo asks nothing about it.
            del self.fields["photo"]


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Slå ihop med ärende"),
        queryset=Case.objects.none(),
        empty_label=_("– Välj ärende –"),
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = candidates  # type: ignore[attr-defined]


class SurveyCaseForm(forms.Form):
    """The theme a survey free-text answer (or all of a question's) gets as a case."""

    theme = forms.ChoiceField(label=_("Tema"), choices=theme_choices)


def rule_theme_choices() -> list[tuple[str, str]]:
    return [("", gettext("– Alla teman –")), *theme_choices()[1:]]


class RoutingRuleForm(forms.Form):
    """A routing rule; ``routing_rule_save`` checks the rest (area, owner kind,
    one rule per theme and area)."""

    theme = forms.ChoiceField(
        label=_("Tema"), choices=rule_theme_choices, required=False
    )
    area = optional_choice(
        _("Område"),
        Area.objects.none(),
        _("– Hela kommunen –"),
    )
    owner = forms.ModelChoiceField(
        label=_("Ansvarig"),
        queryset=Organisation.objects.none(),
        empty_label=_("– Välj ansvarig –"),
        help_text=_("Den organisation som ska svara på ärendena."),
        error_messages={"required": OWNER_MISSING},
    )
    days = forms.IntegerField(
        label=_("Dagar att svara"),
        min_value=1,
        max_value=DAYS_MAX,
        help_text=_("Svar senast så många dagar efter att ärendet kom in."),
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), DAYS_MESSAGE
        ),
    )

    def __init__(
        self, *args: Any, kommun: Organisation, owners: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "area", forms.ModelChoiceField).queryset = Area.objects.filter(
            kommun=kommun
        ).order_by("name")
        field_of(self, "owner", forms.ModelChoiceField).queryset = owners
        sort_choices_swedish(self.fields["owner"], name=lambda o: o.name)


class AnswerTemplateForm(forms.Form):
    """An answer template; ``answer_template_save`` checks it."""

    organisation = optional_choice(
        _("För ansvarig"),
        Organisation.objects.none(),
        _("– Alla ansvariga –"),
    )
    title = free_text(
        AnswerTemplate,
        "title",
        label=_("Rubrik"),
        error_messages={"required": TITLE_MISSING},
    )
    text = text_area(
        AnswerTemplate,
        "text",
        _("Text"),
        rows=6,
        required=True,
        error_messages={"required": TEXT_MISSING},
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "organisation", forms.ModelChoiceField).queryset = owners
        sort_choices_swedish(self.fields["organisation"], name=lambda o: o.name)
