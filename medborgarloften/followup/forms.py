"""Forms parse; services validate and save. Field names match the service keywords so
service errors land on the right field."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medborgarloften.followup.models import Channel
from medborgarloften.lib.forms import (
    DateInput,
    FreeTextField,
    field_of,
    optional_choice,
    text_area,
)
from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.forms.fields import BoundedModelMultipleChoiceField

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from .models import (
    Activity,
    Assessment,
    Evaluation,
    ImplementationRating,
    ManualStatus,
    OutcomeRating,
    OutputRating,
    PlannedActivity,
    Report,
    ReportKind,
)

#: Offered as suggestions; any text is allowed.
COMMON_KINDS = [
    "trygghetsvandring",
    "medborgardialog",
    "fotpatrullering",
    "föräldrastödsgrupp",
    "nattvandring",
    "informationsinsats",
    "kontroll",
    "möte",
    "besök",
]


def _kind_field(label: StrOrPromise) -> forms.CharField:
    """Free text with the common kinds offered from the page's ``activity-kinds`` list."""
    return forms.CharField(
        label=label,
        max_length=100,
        widget=forms.TextInput(attrs={"list": "activity-kinds", "autocomplete": "off"}),
    )


def _owner_organisation_field() -> forms.ModelChoiceField[Organisation]:
    """The organisation that answers for a planned line; the form sets the queryset."""
    return optional_choice(
        _("Ansvarig organisation"),
        Organisation.objects.none(),
        _("– Ingen organisation –"),
    )


def _owner_role_field() -> forms.CharField:
    """The role or person who answers for a planned line, in words."""
    return forms.CharField(
        label=_("Ansvarig roll eller person"), max_length=200, required=False
    )


def _area_field() -> forms.ModelChoiceField[Area]:
    """An optional area; the form's __init__ sets the queryset."""
    return optional_choice(
        _("Område"),
        Area.objects.none(),
        _("– Inget område –"),
    )


class ActivityForm(forms.Form):
    """One activity; the optional fields sit behind "Mer" on a phone.

    Bounds (quantity 1–MAX_QUANTITY, no negative hours…) are the service's, whose
    messages name the field; the form only parses."""

    date = forms.DateField(label=_("Datum"), widget=DateInput())
    end_date = forms.DateField(
        label=_("Till och med"),
        required=False,
        widget=DateInput(),
        help_text=_("Bara om det pågick flera dagar."),
    )
    kind = _kind_field(_("Vad gjordes"))
    area = _area_field()
    quantity = forms.IntegerField(
        label=_("Antal"),
        initial=1,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    participants = forms.IntegerField(label=_("Deltagare"), required=False)
    organisation = optional_choice(
        _("Utförd av"),
        Organisation.objects.none(),
        _("– Ingen organisation –"),
    )
    description = text_area(
        Activity,
        "description",
        _("Beskrivning"),
    )
    links = forms.CharField(
        label=_("Länkar"),
        required=False,
        help_text=_("En webbadress per rad."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    hours = forms.DecimalField(
        label=_("Timmar"),
        required=False,
        decimal_places=1,
        max_digits=8,
    )
    cost = forms.DecimalField(
        label=_("Kostnad (kr)"),
        required=False,
        decimal_places=2,
        max_digits=12,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    #: A new key each time the empty form is shown: sending it twice saves once.
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        areas: list[Area],
        organisations: list[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "area", forms.ModelChoiceField).queryset = Area.objects.filter(
            pk__in=[a.pk for a in areas]
        )
        field_of(self, "area", forms.ChoiceField).choices = [("", "—")] + [
            (a.pk, a.name) for a in areas
        ]
        field_of(
            self, "organisation", forms.ModelChoiceField
        ).queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        field_of(self, "organisation", forms.ChoiceField).choices = [("", "—")] + [
            (o.pk, str(o)) for o in organisations
        ]
        if not self.is_bound and "date" not in self.initial:
            self.initial["date"] = timezone.localdate()

    def clean_links(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["links"].splitlines()]

    def service_kwargs(self, *, new: bool = True) -> dict[str, Any]:
        """The cleaned fields as the service's keyword arguments; the submission key
        only for a new activity (an edit has its own version check)."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        submission = data.pop("submission", None)
        if new and submission is not None:
            data["submission"] = submission
        if data.get("quantity") is None:
            data["quantity"] = 1  # left empty: one of it
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil (CSV eller Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )


class AssessmentForm(forms.Form):
    manual_status = forms.ChoiceField(
        label=_("Rapporterad status"),
        choices=[("", "—")] + list(ManualStatus.choices),
        required=False,
        help_text=_(
            "Hur ni som ansvariga bedömer läget. Uppföljningen visar det bredvid "
            "vad aktiviteterna och indikatorerna visar."
        ),
    )
    text = text_area(
        Assessment,
        "text",
        _("Bedömning"),
        rows=4,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Typ"), choices=ReportKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=300)
    period_start = forms.DateField(label=_("Från"), widget=DateInput())
    period_end = forms.DateField(label=_("Till"), widget=DateInput())
    summary = text_area(
        Report,
        "summary",
        _("Sammanfattning"),
        rows=4,
    )
    process = text_area(
        Report,
        "process",
        Report._meta.get_field("process").verbose_name.capitalize(),
        rows=4,
        help_text=Report._meta.get_field("process").help_text,
    )
    effect = text_area(
        Report,
        "effect",
        _("Effekt"),
        rows=4,
        help_text=Report._meta.get_field("effect").help_text,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    #: The new-report form's key (report_create): the same form sent twice saves once.
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)


# --- Plans, årshjul and communication ----------------------------------------------


class PlannedActivityForm(forms.Form):
    """One line of the yearly plan; "när" is free text (2025-05-14, v. 20, maj)
    read by ``plans.parse_when``; the service checks the period."""

    commitment = forms.ModelChoiceField(
        label=_("Åtagande"),
        queryset=Area.objects.none(),
        empty_label=_("– Välj åtagande –"),
    )
    kind = _kind_field(_("Vad"))
    when_text = forms.CharField(
        label=_("När"),
        max_length=40,
        help_text=_("Ett datum (2025-05-14), en vecka (v. 20) eller en månad (maj)."),
    )
    area = _area_field()
    organisation = _owner_organisation_field()
    responsible = _owner_role_field()
    quantity = forms.IntegerField(label=_("Antal"), initial=1, min_value=1)
    description = text_area(
        PlannedActivity,
        "description",
        _("Beskrivning"),
        rows=2,
    )

    def __init__(
        self,
        *args: Any,
        commitments: Any,
        areas: Any,
        organisations: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "commitment", forms.ModelChoiceField).queryset = commitments
        # Django documents setting label_from_instance per form; mypy sees a method.
        labelled = field_of(self, "commitment", forms.ModelChoiceField)
        labelled.label_from_instance = lambda c: c.text[:90]  # type: ignore[method-assign, assignment]
        field_of(self, "area", forms.ModelChoiceField).queryset = areas
        field_of(self, "organisation", forms.ModelChoiceField).queryset = organisations


class PlanCopyForm(forms.Form):
    from_year = forms.IntegerField(label=_("Från år"), min_value=1900, max_value=2200)
    to_year = forms.IntegerField(label=_("Till år"), min_value=1900, max_value=2200)


def _activity_label(a: Any) -> str:
    return f"{a.date:%Y-%m-%d} {a.kind} ({a.quantity})"


def _planned_label(p: Any) -> str:
    return f"{p.starts_on:%Y-%m-%d} {p.kind} ({p.quantity})"


class PlanTickForm(forms.Form):
    """Which planned lines one done activity carried out (several at once)."""

    activity = forms.ModelChoiceField(
        label=_("Genomförd aktivitet"),
        queryset=Area.objects.none(),
        empty_label=_("– Välj aktivitet –"),
    )
    planned = BoundedModelMultipleChoiceField(
        label=_("Bockar av"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, activities: Any, planned: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field_of(self, "activity", forms.ModelChoiceField).queryset = activities
        # Django documents setting label_from_instance per form; mypy sees a method.
        labelled = field_of(self, "activity", forms.ModelChoiceField)
        labelled.label_from_instance = _activity_label  # type: ignore[method-assign, assignment]
        field_of(self, "planned", forms.ModelChoiceField).queryset = planned
        # Django documents setting label_from_instance per form; mypy sees a method.
        labelled = field_of(self, "planned", forms.ModelChoiceField)
        labelled.label_from_instance = _planned_label  # type: ignore[method-assign, assignment]


class RecurringEventForm(forms.Form):
    title = forms.CharField(label=_("Händelse"), max_length=200)
    starts_on = forms.DateField(label=_("Från"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Till och med"), required=False, widget=DateInput()
    )
    yearly = forms.BooleanField(
        label=_("Återkommer varje år på samma datum"), required=False, initial=True
    )


class CommunicationForm(forms.Form):
    title = forms.CharField(label=_("Vad"), max_length=300)
    channel = forms.ChoiceField(label=_("Kanal"), choices=())
    audience = forms.CharField(label=_("Målgrupp"), max_length=200, required=False)
    planned_on = forms.DateField(label=_("När"), widget=DateInput())
    organisation = _owner_organisation_field()
    responsible = _owner_role_field()
    reports_followup = forms.BooleanField(
        label=_("Redovisar hur det går med löftet"), required=False
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:

        super().__init__(*args, **kwargs)
        field_of(self, "channel", forms.ChoiceField).choices = Channel.choices
        field_of(self, "organisation", forms.ModelChoiceField).queryset = organisations


def _rating(label: StrOrPromise, choices: Any) -> forms.ChoiceField:
    """One of the evaluation's three ratings, as radio buttons."""
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect)


def _reason(name: str, label: StrOrPromise) -> FreeTextField:
    """The optional free-text reason for a rating (``Evaluation.<name>``)."""
    return text_area(
        Evaluation,
        name,
        label,
        rows=4,
    )


class EvaluationForm(forms.Form):
    """The end-of-period evaluation in Brå's three layers."""

    period_start = forms.DateField(label=_("Från"), widget=DateInput)
    period_end = forms.DateField(label=_("Till"), widget=DateInput)
    implementation = _rating(
        _("Genomförande: gjordes det som planerades?"), ImplementationRating.choices
    )
    implementation_text = _reason("implementation_text", _("Genomförande: motivering"))
    output = _rating(_("Prestationer: vad gav arbetet?"), OutputRating.choices)
    output_text = _reason("output_text", _("Prestationer: motivering"))
    outcome = _rating(_("Effekt: har läget förändrats?"), OutcomeRating.choices)
    outcome_text = _reason("outcome_text", _("Effekt: motivering"))
