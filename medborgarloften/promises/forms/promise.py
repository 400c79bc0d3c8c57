"""The promise's own fields, and the row forms of its three formsets."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.forms.formsets import BaseFormSet, formset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.accounts.permissions import editing_organisation_ids
from medborgarloften.extract.measurability import check_commitment
from medborgarloften.lib.collation import sort_choices_swedish
from medborgarloften.lib.forms import field_of, text_area
from medborgarloften.places.models import Organisation, OrganisationKind
from medborgarloften.promises.exchange import commitment_target
from medborgarloften.vocabulary import EVIDENCE_SOURCES, PER, RESPONSIBLE, THEMES

from ..models import Commitment, FocusArea, Promise
from ..permissions import can_author_with_parties
from ..selectors import organisations_for_parties
from ..services import promise_version
from .fields import (
    AccessibleForm,
    ChosenFirstCheckboxes,
    ObjectChoiceField,
    ObjectMultipleChoiceField,
    OrganisationChoiceField,
    RowOptions,
    area_field,
    checkbox_field,
    date_field,
)

MAX_ROWS = 200

# --- The promise ---------------------------------------------------------------------


class PromiseForm(AccessibleForm):
    title = forms.CharField(
        label=gettext_lazy("Titel"),
        max_length=300,
        error_messages={"required": gettext_lazy("Titel: skriv en titel för löftet.")},
    )
    kommuner = OrganisationChoiceField(
        label=gettext_lazy("Kommuner"),
        queryset=Organisation.objects.none(),
        widget=ChosenFirstCheckboxes,
        help_text=gettext_lazy("Minst en kommun. De valda står först i listan."),
        error_messages={
            "required": gettext_lazy("Kommuner: välj minst en kommun bland parterna.")
        },
    )
    police = OrganisationChoiceField(
        label=gettext_lazy("Lokalpolisområde"),
        queryset=Organisation.objects.none(),
        error_messages={
            "required": gettext_lazy(
                "Lokalpolisområde: välj det lokalpolisområde som står bakom löftet."
            )
        },
    )
    other_parties = OrganisationChoiceField(
        label=gettext_lazy("Andra parter"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("T.ex. bostadsbolag eller föreningar, om de är parter."),
    )
    period_start = date_field(gettext_lazy("Period från"))
    period_end = date_field(gettext_lazy("Period till"))
    situation_summary = text_area(
        Promise,
        "situation_summary",
        gettext_lazy("Lägesbild"),
        rows=5,
        help_text=gettext_lazy("En kort sammanfattning av problembilden."),
    )
    evidence_sources = checkbox_field(EVIDENCE_SOURCES, gettext_lazy("Underlag"))
    themes = checkbox_field(THEMES, gettext_lazy("Teman"))
    follow_up_text = text_area(
        Promise,
        "follow_up_text",
        gettext_lazy("Hur löftet följs upp"),
        help_text=gettext_lazy("Hur, när och av vem löftet följs upp."),
    )
    reports_per_period = forms.IntegerField(
        label=gettext_lazy("Antal redovisningar under perioden"),
        required=False,
        min_value=1,
        max_value=100,
        error_messages={
            "invalid": gettext_lazy(
                "Antal redovisningar under perioden: ange ett heltal, t.ex. 2."
            ),
            "min_value": gettext_lazy(
                "Antal redovisningar under perioden: ange ett positivt heltal."
            ),
        },
    )
    version = forms.CharField(required=False, widget=forms.HiddenInput)
    submission = forms.UUIDField(required=False, widget=forms.HiddenInput)
    report_audience = forms.CharField(
        label=gettext_lazy("Redovisas för"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("T.ex. brottsförebyggande rådet och medborgarna."),
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        editing: bool = False,
        reference_for: int | None = None,
        **kwargs: Any,
    ) -> None:
        """``editing``: the form changes a saved promise, so it must carry the
        version it was opened at; a new promise carries its submission key.
        ``reference_for``: the organisation that keeps the promise as a reference."""
        self.user = user
        self.editing = editing
        self.reference_for = reference_for
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["submission"]
        choices = organisations_for_parties()
        field_of(self, "kommuner", forms.ModelChoiceField).queryset = choices[
            "kommuner"
        ]
        field_of(self, "police", forms.ModelChoiceField).queryset = choices["police"]
        field_of(self, "other_parties", forms.ModelChoiceField).queryset = choices[
            "others"
        ]
        for name in ("kommuner", "other_parties"):  # å, ä, ö last (lib.collation)
            sort_choices_swedish(self.fields[name], name=lambda o: o.name)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if self.editing and not data.get("version"):
            # Without it the check for somebody else's save would be skipped.
            self.add_error(
                None,
                _(
                    "Formuläret saknar sin version, så det går inte att se om någon "
                    "annan har sparat löftet under tiden. Inget är sparat; öppna "
                    "löftet igen och gör ändringen på nytt."
                ),
            )
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end",
                _("Period till: periodens slut kan inte ligga före dess början."),
            )
        parties = self.parties()
        if parties and not can_author_with_parties(
            self.user, [p.pk for p in parties], reference_for=self.reference_for
        ):
            self.add_error(self._own_party_field(), self._own_party_message())
        return data

    def parties(self) -> list[Organisation]:
        data = getattr(self, "cleaned_data", {})
        return [
            *data.get("kommuner", []),
            *data.get("police", []),
            *data.get("other_parties", []),
        ]

    def _own_organisations(self) -> list[Organisation]:
        return list(
            Organisation.objects.filter(pk__in=editing_organisation_ids(self.user))
        )

    def _own_party_field(self) -> str:
        own = self._own_organisations()
        if own and own[0].is_police:
            return "police"
        if own and not own[0].is_kommun:
            return "other_parties"
        return "kommuner"

    def _own_party_message(self) -> str:
        names = ", ".join(str(o) for o in self._own_organisations())
        field = str(self.fields[self._own_party_field()].label)
        return _(
            "%(field)s: din organisation (%(names)s) måste vara part i löftet, "
            "annars kan du inte längre se eller ändra det."
        ) % {"field": field, "names": names}


def promise_initial(promise: Promise | None, user: Any) -> dict[str, Any]:
    """Form values for an existing promise, or sensible parties for a new one: the
    editor's own organisations and the kommun/lokalpolisområde they work with."""
    if promise is not None:
        # Those asked to accept stay chosen: saving the form keeps them asked.
        parties = list(promise.parties.all()) + [
            r.organisation for r in promise.open_party_requests()
        ]
        return {
            "title": promise.title,
            "kommuner": [p.pk for p in parties if p.is_kommun],
            "police": [p.pk for p in parties if p.is_police],
            "other_parties": [
                p.pk for p in parties if not p.is_kommun and not p.is_police
            ],
            "period_start": promise.period_start,
            "period_end": promise.period_end,
            "situation_summary": promise.situation_summary,
            "evidence_sources": promise.evidence_sources,
            "themes": promise.themes,
            "follow_up_text": promise.follow_up_text,
            "reports_per_period": promise.reports_per_period,
            "report_audience": promise.report_audience,
            "version": promise_version(promise),
        }
    own = list(
        Organisation.objects.filter(
            pk__in=editing_organisation_ids(user)
        ).prefetch_related("serves", "served_by")
    )
    kommuner = {o.pk for o in own if o.is_kommun}
    police = {o.pk for o in own if o.is_police}
    for org in own:
        if org.is_kommun:
            police |= {lpo.pk for lpo in org.served_by.all()}
        if org.kind == OrganisationKind.LOKALPOLISOMRADE:
            kommuner |= {k.pk for k in org.serves.all()}
    return {
        "kommuner": sorted(kommuner),
        "police": sorted(police),
        "submission": uuid.uuid4(),
    }


# --- Rows ------------------------------------------------------------------------------


class RowForm(AccessibleForm):
    """A formset row. ``id`` is the saved row's id; blank new rows are skipped."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    content_fields: tuple[str, ...] = ()

    def has_changed(self) -> bool:
        """A row counts when it is saved already or something was typed into it,
        so an untouched added row never blocks saving."""
        if not self.is_bound:
            return super().has_changed()
        if self["id"].value():
            return True
        for name in self.content_fields:
            value = self[name].value()
            if isinstance(value, list | tuple):
                if any(str(v).strip() for v in value):
                    return True
            elif value not in (None, "", False) and str(value).strip():
                return True
        return False

    def is_deleted(self) -> bool:
        if "DELETE" not in self.fields:
            return False
        if self.is_bound:
            return bool(self["DELETE"].value())
        return False


class FocusAreaForm(RowForm):
    title = forms.CharField(
        label=gettext_lazy("Rubrik"),
        max_length=300,
        error_messages={
            "required": gettext_lazy("Rubrik: skriv fokusområdets rubrik.")
        },
    )
    description = text_area(FocusArea, "description", gettext_lazy("Beskrivning"))
    themes = checkbox_field(THEMES, gettext_lazy("Teman"))
    areas = area_field()
    content_fields = ("title", "description", "themes", "areas")

    def __init__(self, *args: Any, options: RowOptions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "areas", ObjectMultipleChoiceField).set_objects(
            options.areas, options.area_label
        )


class CommitmentForm(RowForm):
    text = text_area(
        Commitment,
        "text",
        gettext_lazy("Åtagande"),
        required=True,
        help_text=gettext_lazy("Vad ska göras, av vem och var."),
        error_messages={"required": gettext_lazy("Åtagande: skriv vad som ska göras.")},
    )
    focus_area = forms.ChoiceField(
        label=gettext_lazy("Fokusområde"), required=False, choices=()
    )
    responsible = checkbox_field(RESPONSIBLE, gettext_lazy("Ansvarig"))
    other_parties = ObjectMultipleChoiceField(
        label=gettext_lazy("Andra ansvariga parter"),
        required=False,
    )
    themes = checkbox_field(THEMES, gettext_lazy("Teman"))
    areas = area_field()
    target_quantity = forms.IntegerField(
        label=gettext_lazy("Antal"),
        required=False,
        min_value=1,
        error_messages={
            "invalid": gettext_lazy(
                "Antal: ange ett positivt heltal, till exempel 12 (inga decimaler)."
            ),
            "min_value": gettext_lazy(
                "Antal: ange ett positivt heltal, till exempel 12."
            ),
        },
    )
    target_unit = forms.CharField(
        label=gettext_lazy("Enhet"),
        max_length=100,
        required=False,
    )
    target_per = forms.ChoiceField(
        label=gettext_lazy("Per"),
        required=False,
        choices=[
            ("", "—"),
            *((code, gettext_lazy(text)) for code, text in PER.items()),
        ],
    )
    target_deadline = date_field(gettext_lazy("Senast"))
    content_fields = (
        "text",
        "focus_area",
        "responsible",
        "other_parties",
        "themes",
        "areas",
        "target_quantity",
        "target_unit",
        "target_per",
        "target_deadline",
    )

    def __init__(
        self,
        *args: Any,
        options: RowOptions,
        focus_choices: Iterable[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "areas", ObjectMultipleChoiceField).set_objects(
            options.areas, options.area_label
        )
        field_of(self, "other_parties", ObjectMultipleChoiceField).set_objects(
            options.other_organisations
        )
        field_of(self, "focus_area", forms.ChoiceField).choices = [
            ("", _("— Inget fokusområde —")),
            *focus_choices,
        ]

    def measurability(self) -> Any:
        """Brå-style advice on the typed commitment: the same check the importer's
        review screen shows (medborgarloften.extract.measurability)."""

        responsible = self["responsible"].value() or []
        if isinstance(responsible, str):
            responsible = [responsible]
        return check_commitment(
            str(self["text"].value() or ""),
            responsible=[code for code in responsible if code in RESPONSIBLE],
            target=commitment_target(self.target_preview()),
        )

    def target_preview(self) -> Commitment:
        """An unsaved commitment with the typed target, for 'mätbart' and the target
        phrase beside the fields. Unparseable input counts as empty."""
        preview = Commitment(
            target_unit=str(self["target_unit"].value() or "").strip(),
            target_per=str(self["target_per"].value() or ""),
        )
        try:
            quantity = int(str(self["target_quantity"].value() or "").strip())
            preview.target_quantity = quantity if quantity > 0 else None
        except ValueError:
            pass
        deadline = self["target_deadline"].value()
        if isinstance(deadline, date):
            preview.target_deadline = deadline
        elif deadline:
            with contextlib.suppress(ValueError):
                preview.target_deadline = date.fromisoformat(str(deadline))
        if preview.target_per not in PER:
            preview.target_per = ""
        return preview


class SignatoryForm(RowForm):
    name = forms.CharField(
        label=gettext_lazy("Namn"),
        max_length=200,
        error_messages={"required": gettext_lazy("Namn: skriv undertecknarens namn.")},
    )
    title = forms.CharField(
        label=gettext_lazy("Titel"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "T.ex. kommunstyrelsens ordförande, lokalpolisområdeschef."
        ),
    )
    organisation = ObjectChoiceField(label=gettext_lazy("Organisation"), required=False)
    organisation_name = forms.CharField(
        label=gettext_lazy("Eller organisationens namn"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Om organisationen inte finns i listan."),
    )
    signed_on = date_field(gettext_lazy("Datum"))
    content_fields = ("name", "title", "organisation", "organisation_name", "signed_on")

    def __init__(self, *args: Any, options: RowOptions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "organisation", ObjectChoiceField).set_objects(
            options.organisations
        )


class RowFormSet(BaseFormSet):
    """Every row may be left blank (and is then skipped), saved or not."""

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        # A private method of Django's formsets that the stubs leave out.
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]
        form.empty_permitted = True
        form.use_required_attribute = False
        return form

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            if index is not None:
                # Django numbers only saved rows; number every shown row so rows
                # keep their place when the page is posted without JavaScript.
                form.fields["ORDER"].initial = index + 1
            form.fields["ORDER"].label = _("Ordning")
            form.fields["ORDER"].widget.attrs.update({"min": 1, "class": "order-input"})
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Ta bort")


def _formset(form: type[forms.Form]) -> Any:
    return formset_factory(
        form,
        formset=RowFormSet,
        extra=0,
        can_order=True,
        can_delete=True,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
    )


FocusAreaFormSet = _formset(FocusAreaForm)
CommitmentFormSet = _formset(CommitmentForm)
SignatoryFormSet = _formset(SignatoryForm)
