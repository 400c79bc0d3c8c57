"""Forms for partners: the status report, and a coordinator adding a member to a
partner organisation. Activities use ``ActivityForm``, as staff's do."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medborgarloften.accounts.models import Role
from medborgarloften.lib.forms import DateInput, field_of, text_area
from medborgarloften.places.models import Organisation

from .status_models import PartnerReport, PartnerStatus


def _organisation_field() -> forms.ModelChoiceField[Organisation]:
    return forms.ModelChoiceField(
        label=_("Rapporterar för"),
        queryset=Organisation.objects.none(),
        empty_label=None,
    )


def limit_organisations(form: forms.Form, organisations: list[Organisation]) -> None:
    """Offer only ``organisations`` (the user's partner organisations); with one,
    the field is hidden and preset."""
    field = field_of(form, "organisation", forms.ModelChoiceField)
    field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
    field.required = True
    field.label = _("Rapporterar för")
    if len(organisations) == 1:
        field.widget = forms.HiddenInput()
        form.initial.setdefault("organisation", organisations[0].pk)


class PartnerReportForm(forms.Form):
    """The partner's status on its commitment, as of a date, with a comment."""

    organisation = _organisation_field()
    status = forms.ChoiceField(
        label=_("Hur långt har ni kommit?"),
        choices=PartnerStatus.choices,
        widget=forms.RadioSelect,
    )
    reported_on = forms.DateField(label=_("Läget per"), widget=DateInput())
    comment = text_area(
        PartnerReport,
        "comment",
        _("Kommentar"),
        help_text=_("Vad har ni gjort, vad återstår, vad behöver ni från andra?"),
    )

    def __init__(
        self, *args: Any, organisations: list[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_organisations(self, organisations)
        if not self.is_bound:
            self.initial.setdefault("reported_on", timezone.localdate())


class PartnerMemberForm(forms.Form):
    """A new user for a partner organisation, reporting or reading there (the
    service's ``PARTNER_MEMBER_ROLES``)."""

    username = forms.CharField(label=_("Användarnamn"), max_length=150)
    first_name = forms.CharField(label=_("Förnamn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-post"), required=False)
    role = forms.ChoiceField(
        label=_("Roll"),
        choices=[
            (Role.REPORTER.value, Role.REPORTER.label),
            (Role.VIEWER.value, Role.VIEWER.label),
        ],
        initial=Role.REPORTER.value,
    )
    password = forms.CharField(
        label=_("Första lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ge det till personen på ett säkert sätt."),
    )
