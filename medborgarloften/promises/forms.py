"""The one-page promise form: the promise's fields plus three inline formsets.

``PromiseEditor`` bundles them so the views stay thin: it parses the POST, checks what
crosses forms (a commitment's focus area, areas of the chosen kommuner, the editor's own
organisation among the parties), hands the service plain rows, maps the service's
errors back onto the fields, and builds the error summary.

Rows refer to focus areas by the focus-area form's index (its prefix number), which
does not change when rows are reordered, so a commitment can point at a focus area
typed on the same page before anything is saved.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.formsets import BaseFormSet, formset_factory
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.accounts.permissions import editing_organisation_ids
from medborgarloften.places.models import Area, Organisation, OrganisationKind
from medborgarloften.vocabulary import EVIDENCE_SOURCES, PER, RESPONSIBLE, THEMES

from .models import Commitment, Promise, PromiseStatus
from .permissions import can_author_with_parties
from .selectors import kommun_areas, organisations_for_parties
from .services import CommitmentRow, FocusAreaRow, PromiseFields, SignatoryRow

MAX_ROWS = 200

# --- Accessible rendering ----------------------------------------------------------


class AccessibleBoundField(BoundField):
    """Sets aria-invalid and aria-describedby (help text, errors) the same way on
    every Django version we run on, and stays quiet while rows are being added."""

    @property
    def errors(self) -> Any:
        if getattr(self.form, "quiet", False):
            return self.form.error_class(renderer=self.form.renderer)
        return super().errors

    @property
    def help_id(self) -> str:
        return f"{self.auto_id}_helptext"

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}_error"

    @property
    def describedby(self) -> str:
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                ids.append(self.help_id)
            if self.errors:
                ids.append(self.error_id)
        return " ".join(ids)

    @property
    def anchor(self) -> str:
        """Where the error summary links to: the field, or its first checkbox."""
        if self.use_fieldset and self.auto_id:
            return f"{self.auto_id}_0"
        return self.auto_id or ""

    @property
    def is_checkbox_group(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxSelectMultiple)

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> Any:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        attrs.pop("aria-invalid", None)
        attrs.pop("aria-describedby", None)
        if not widget.is_hidden and self.errors:
            attrs["aria-invalid"] = "true"
        if not self.use_fieldset and self.describedby:
            attrs["aria-describedby"] = self.describedby
        return attrs


class AccessibleForm(forms.Form):
    """Every message names its field; ``quiet`` shows input back without errors."""

    bound_field_class = AccessibleBoundField
    template_name = "promises/_form_fields.html"
    quiet = False

    def full_clean(self) -> None:
        super().full_clean()
        for name, error_list in list(self._errors.items()):
            if name not in self.fields:
                continue
            label = str(self.fields[name].label or name)
            fixed = []
            for message in error_list:
                text = str(message)
                if not text.startswith(f"{label}:"):
                    text = f"{label}: {text[:1].lower()}{text[1:]}"
                fixed.append(text)
            self._errors[name] = self.error_class(fixed, renderer=self.renderer)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=_date_widget(),
        error_messages={
            "invalid": format_lazy(
                "{}: {}",
                label,
                gettext_lazy("ange ett datum som ÅÅÅÅ-MM-DD, till exempel 2025-06-30."),
            )
        },
    )


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return str(obj)


class ObjectMultipleChoiceField(forms.MultipleChoiceField):
    """Choose among objects loaded once for the whole page (every row shares them,
    so twenty commitments do not mean twenty queries); cleans to the objects."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.objects: dict[str, Any] = {}
        super().__init__(*args, choices=(), **kwargs)

    def set_objects(self, objects: Iterable[Any], label: Any = str) -> None:
        self.objects = {str(obj.pk): obj for obj in objects}
        self.choices = [(key, label(obj)) for key, obj in self.objects.items()]

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.objects

    def clean(self, value: Any) -> list[Any]:
        return [self.objects[str(v)] for v in super().clean(value)]


class ObjectChoiceField(forms.ChoiceField):
    """One object among objects loaded once for the page, or None."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.objects: dict[str, Any] = {}
        super().__init__(*args, choices=(), **kwargs)

    def set_objects(self, objects: Iterable[Any], label: Any = str) -> None:
        self.objects = {str(obj.pk): obj for obj in objects}
        self.choices = [("", "—")] + [
            (key, label(obj)) for key, obj in self.objects.items()
        ]

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.objects

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        return self.objects[str(value)] if value not in ("", None) else None


def _area_field() -> ObjectMultipleChoiceField:
    return ObjectMultipleChoiceField(
        label=gettext_lazy("Områden"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Områden: ett valt område ligger inte i någon av löftets kommuner."
            )
        },
    )


@dataclass
class RowOptions:
    """What the rows offer, read once per page."""

    areas: list[Area]
    other_organisations: list[Organisation]
    organisations: list[Organisation]

    def __post_init__(self) -> None:
        self._several_kommuner = len({a.kommun_id for a in self.areas}) > 1

    def area_label(self, area: Area) -> str:
        """The area's name, with its kommun when the promise has several."""
        if self._several_kommuner:
            return f"{area.name} ({area.kommun.name})"
        return area.name


def _checkboxes(choices: dict[str, str], label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=list(choices.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


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
        help_text=gettext_lazy(
            "Minst en kommun. Håll ned Ctrl (Cmd på Mac) för att välja flera."
        ),
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
    period_start = _date_field(gettext_lazy("Period från"))
    period_end = _date_field(gettext_lazy("Period till"))
    situation_summary = forms.CharField(
        label=gettext_lazy("Lägesbild"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("En kort sammanfattning av problembilden."),
    )
    evidence_sources = _checkboxes(EVIDENCE_SOURCES, gettext_lazy("Underlag"))
    themes = _checkboxes(THEMES, gettext_lazy("Teman"))
    follow_up_text = forms.CharField(
        label=gettext_lazy("Hur löftet följs upp"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
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
    report_audience = forms.CharField(
        label=gettext_lazy("Redovisas för"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("T.ex. brottsförebyggande rådet och medborgarna."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        choices = organisations_for_parties()
        self.fields["kommuner"].queryset = choices["kommuner"]
        self.fields["police"].queryset = choices["police"]
        self.fields["other_parties"].queryset = choices["others"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end",
                _("Period till: periodens slut kan inte ligga före dess början."),
            )
        parties = self.parties()
        if parties and not can_author_with_parties(self.user, [p.pk for p in parties]):
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
        parties = list(promise.parties.all())
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
    return {"kommuner": sorted(kommuner), "police": sorted(police)}


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
    description = forms.CharField(
        label=gettext_lazy("Beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    themes = _checkboxes(THEMES, gettext_lazy("Teman"))
    areas = _area_field()
    content_fields = ("title", "description", "themes", "areas")

    def __init__(self, *args: Any, options: RowOptions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].set_objects(options.areas, options.area_label)


class CommitmentForm(RowForm):
    text = forms.CharField(
        label=gettext_lazy("Åtagande"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Vad ska göras, av vem och var."),
        error_messages={"required": gettext_lazy("Åtagande: skriv vad som ska göras.")},
    )
    focus_area = forms.ChoiceField(
        label=gettext_lazy("Fokusområde"), required=False, choices=()
    )
    responsible = _checkboxes(RESPONSIBLE, gettext_lazy("Ansvarig"))
    other_parties = ObjectMultipleChoiceField(
        label=gettext_lazy("Andra ansvariga parter"),
        required=False,
    )
    themes = _checkboxes(THEMES, gettext_lazy("Teman"))
    areas = _area_field()
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
        choices=[("", "—"), *PER.items()],
    )
    target_deadline = _date_field(gettext_lazy("Senast"))
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
        self.fields["areas"].set_objects(options.areas, options.area_label)
        self.fields["other_parties"].set_objects(options.other_organisations)
        self.fields["focus_area"].choices = [
            ("", _("— Inget fokusområde —")),
            *focus_choices,
        ]

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
    signed_on = _date_field(gettext_lazy("Datum"))
    content_fields = ("name", "title", "organisation", "organisation_name", "signed_on")

    def __init__(self, *args: Any, options: RowOptions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].set_objects(options.organisations)


class RowFormSet(BaseFormSet):
    """Every row may be left blank (and is then skipped), saved or not."""

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        form = super()._construct_form(i, **kwargs)
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


# --- The page ------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryError:
    anchor: str
    message: str


@dataclass
class Section:
    """One formset as the template shows it."""

    key: str
    formset: Any
    title: str
    noun: str
    add_label: str
    rows: list[tuple[int, Any]]


SECTIONS = {
    "focus": ("focus_areas", gettext_lazy("Fokusområden"), gettext_lazy("Fokusområde")),
    "commitments": (
        "commitments",
        gettext_lazy("Åtaganden"),
        gettext_lazy("Åtagande"),
    ),
    "signatories": (
        "signatories",
        gettext_lazy("Undertecknare"),
        gettext_lazy("Undertecknare"),
    ),
}
ADD_LABELS = {
    "focus": gettext_lazy("Lägg till fokusområde"),
    "commitments": gettext_lazy("Lägg till åtagande"),
    "signatories": gettext_lazy("Lägg till undertecknare"),
}


def _total(data: QueryDict, prefix: str) -> int:
    try:
        return max(0, min(int(data.get(f"{prefix}-TOTAL_FORMS", "0")), MAX_ROWS))
    except ValueError:
        return 0


def _order_key(form: Any, index: int) -> tuple[int, int]:
    value = form["ORDER"].value() if "ORDER" in form.fields else None
    try:
        return (int(value), index)
    except (TypeError, ValueError):
        return (10**6, index)


class PromiseEditor:
    """The promise form and its three formsets, parsed and checked together."""

    def __init__(
        self,
        *,
        user: Any,
        promise: Promise | None = None,
        data: QueryDict | None = None,
    ) -> None:
        self.user = user
        self.promise = promise
        self.non_form_errors: list[str] = []
        self._row_keys: dict[str, list[Any]] = {}
        self.adding_rows = bool(data is not None and "add_rows" in data)
        if self.adding_rows:
            data = self._with_added_row(data, str(data.get("add_rows", "")))
        self.data = data
        self.is_bound = data is not None
        initial = promise_initial(promise, user)
        self.form = PromiseForm(data=data, user=user, initial=initial)
        self.options = RowOptions(
            areas=list(kommun_areas(self._candidate_kommuner(initial))),
            other_organisations=list(organisations_for_parties()["others"]),
            organisations=list(Organisation.objects.order_by("name")),
        )
        focus_initial, commitment_initial, signatory_initial = self._row_initial()
        focus_choices = self._focus_choices(focus_initial)
        self.focus = FocusAreaFormSet(
            data=data,
            prefix="focus",
            initial=focus_initial,
            form_kwargs={"options": self.options},
        )
        self.commitments = CommitmentFormSet(
            data=data,
            prefix="commitments",
            initial=commitment_initial,
            form_kwargs={"options": self.options, "focus_choices": focus_choices},
        )
        self.signatories = SignatoryFormSet(
            data=data,
            prefix="signatories",
            initial=signatory_initial,
            form_kwargs={"options": self.options},
        )
        if data is None:
            # Without JavaScript a new row needs a round trip; start each empty
            # section with one blank row (blank rows are skipped when saving).
            for formset in (self.focus, self.commitments, self.signatories):
                if not formset.initial:
                    formset.extra = 1
        if self.adding_rows:
            for form in self._all_forms():
                form.quiet = True

    # Construction helpers

    @staticmethod
    def _with_added_row(data: QueryDict, which: str) -> QueryDict:
        data = data.copy()
        prefixes = [which] if which in SECTIONS else list(SECTIONS)
        for prefix in prefixes:
            data[f"{prefix}-TOTAL_FORMS"] = str(min(_total(data, prefix) + 1, MAX_ROWS))
        return data

    def _candidate_kommuner(self, initial: dict[str, Any]) -> set[int]:
        ids = set(initial.get("kommuner", []))
        if self.data is not None:
            for value in self.data.getlist("kommuner"):
                if str(value).isdigit():
                    ids.add(int(value))
        return ids

    def _row_initial(self) -> tuple[list[dict], list[dict], list[dict]]:
        promise = self.promise
        if promise is None:
            return [], [], []
        focus = list(promise.focus_areas.all())
        index = {fa.pk: i for i, fa in enumerate(focus)}
        return (
            [
                {
                    "id": fa.pk,
                    "title": fa.title,
                    "description": fa.description,
                    "themes": fa.themes,
                    "areas": [a.pk for a in fa.areas.all()],
                }
                for fa in focus
            ],
            [
                {
                    "id": c.pk,
                    "text": c.text,
                    "focus_area": (
                        str(index[c.focus_area_id]) if c.focus_area_id in index else ""
                    ),
                    "responsible": c.responsible,
                    "other_parties": [o.pk for o in c.other_parties.all()],
                    "themes": c.themes,
                    "areas": [a.pk for a in c.areas.all()],
                    "target_quantity": c.target_quantity,
                    "target_unit": c.target_unit,
                    "target_per": c.target_per,
                    "target_deadline": c.target_deadline,
                }
                for c in promise.commitments.all()
            ],
            [
                {
                    "id": s.pk,
                    "name": s.name,
                    "title": s.title,
                    "organisation": s.organisation_id,
                    "organisation_name": s.organisation_name,
                    "signed_on": s.signed_on,
                }
                for s in promise.signatories.all()
            ],
        )

    def _focus_choices(self, focus_initial: list[dict]) -> list[tuple[str, str]]:
        """(form index, title) for the focus-area rows, in the order they are shown;
        every commitment row's select offers these. Rows without a title are left
        out unless a commitment already chose them (then validation says why)."""
        rows: list[tuple[tuple[int, int], str, str]] = []
        if self.data is None:
            for i, row in enumerate(focus_initial):
                rows.append(((i, i), str(i), row["title"]))
            return [(value, label) for _key, value, label in rows]
        chosen = {
            str(self.data.get(f"commitments-{j}-focus_area", ""))
            for j in range(_total(self.data, "commitments"))
        }
        for i in range(_total(self.data, "focus")):
            title = str(self.data.get(f"focus-{i}-title", "")).strip()
            if not title and str(i) not in chosen:
                continue
            title = title or _("(fokusområde utan rubrik)")
            if self.data.get(f"focus-{i}-DELETE"):
                title = _("%(title)s (tas bort)") % {"title": title}
            try:
                order = int(self.data.get(f"focus-{i}-ORDER", ""))
            except ValueError:
                order = 10**6
            rows.append(((order, i), str(i), title))
        return [(value, label) for _key, value, label in sorted(rows)]

    def _all_forms(self) -> Iterator[Any]:
        yield self.form
        for formset in (self.focus, self.commitments, self.signatories):
            yield from formset.forms

    # Validation

    @staticmethod
    def _kept(formset: Any) -> list[tuple[int, Any]]:
        """(form index, form) for rows to save, in their chosen order."""
        rows = [
            (i, form)
            for i, form in enumerate(formset.forms)
            if form.has_changed() and not form.is_deleted()
        ]
        return sorted(rows, key=lambda pair: _order_key(pair[1], pair[0]))

    def is_valid(self) -> bool:
        if not self.is_bound or self.adding_rows:
            return False
        valid = all(
            [
                self.form.is_valid(),
                self.focus.is_valid(),
                self.commitments.is_valid(),
                self.signatories.is_valid(),
            ]
        )
        if not valid:
            return False
        self._check_across_forms()
        return not self.has_errors()

    def _check_across_forms(self) -> None:
        kept_focus = {i for i, _form in self._kept(self.focus)}
        kommun_ids = {k.pk for k in self.form.cleaned_data.get("kommuner", [])}
        for _i, form in self._kept(self.commitments):
            choice = form.cleaned_data.get("focus_area")
            if choice not in ("", None) and int(choice) not in kept_focus:
                form.add_error(
                    "focus_area",
                    _(
                        "Fokusområde: det valda fokusområdet tas bort eller saknar "
                        "rubrik. Välj ett annat eller inget."
                    ),
                )
        for formset in (self.focus, self.commitments):
            for _i, form in self._kept(formset):
                outside = [
                    a.name
                    for a in form.cleaned_data.get("areas", [])
                    if a.kommun_id not in kommun_ids
                ]
                if outside:
                    form.add_error(
                        "areas",
                        _("Områden: %(areas)s ligger inte i någon av löftets kommuner.")
                        % {"areas": ", ".join(outside)},
                    )

    def has_errors(self) -> bool:
        if self.non_form_errors:
            return True
        live = (f for f in self._all_forms() if not getattr(f, "is_deleted", bool)())
        return any(form.errors for form in live) or any(
            fs.non_form_errors()
            for fs in (self.focus, self.commitments, self.signatories)
        )

    # Hand-over to the service

    def service_input(self) -> dict[str, Any]:
        """Keyword arguments for promise_create / promise_update."""
        data = self.form.cleaned_data
        kept_focus = self._kept(self.focus)
        position = {index: n for n, (index, _form) in enumerate(kept_focus)}
        self._row_keys = {
            "focus_areas": [form for _i, form in kept_focus],
            "commitments": [form for _i, form in self._kept(self.commitments)],
            "signatories": [form for _i, form in self._kept(self.signatories)],
        }
        return {
            "fields": PromiseFields(
                title=data["title"],
                parties=self.form.parties(),
                period_start=data.get("period_start"),
                period_end=data.get("period_end"),
                situation_summary=data.get("situation_summary", ""),
                evidence_sources=data.get("evidence_sources", []),
                themes=data.get("themes", []),
                follow_up_text=data.get("follow_up_text", ""),
                reports_per_period=data.get("reports_per_period"),
                report_audience=data.get("report_audience", ""),
            ),
            "focus_areas": [
                FocusAreaRow(
                    id=f.cleaned_data.get("id"),
                    title=f.cleaned_data["title"],
                    description=f.cleaned_data.get("description", ""),
                    themes=f.cleaned_data.get("themes", []),
                    areas=list(f.cleaned_data.get("areas", [])),
                )
                for f in self._row_keys["focus_areas"]
            ],
            "commitments": [
                CommitmentRow(
                    id=f.cleaned_data.get("id"),
                    text=f.cleaned_data["text"],
                    focus_area=(
                        position[int(f.cleaned_data["focus_area"])]
                        if f.cleaned_data.get("focus_area") not in ("", None)
                        else None
                    ),
                    responsible=f.cleaned_data.get("responsible", []),
                    other_parties=list(f.cleaned_data.get("other_parties", [])),
                    themes=f.cleaned_data.get("themes", []),
                    areas=list(f.cleaned_data.get("areas", [])),
                    target_quantity=f.cleaned_data.get("target_quantity"),
                    target_unit=f.cleaned_data.get("target_unit", ""),
                    target_per=f.cleaned_data.get("target_per", ""),
                    target_deadline=f.cleaned_data.get("target_deadline"),
                )
                for f in self._row_keys["commitments"]
            ],
            "signatories": [
                SignatoryRow(
                    id=f.cleaned_data.get("id"),
                    name=f.cleaned_data["name"],
                    title=f.cleaned_data.get("title", ""),
                    organisation=f.cleaned_data.get("organisation"),
                    organisation_name=f.cleaned_data.get("organisation_name", ""),
                    signed_on=f.cleaned_data.get("signed_on"),
                )
                for f in self._row_keys["signatories"]
            ],
        }

    def add_service_errors(self, exc: ValidationError) -> None:
        """Put the service's messages ('commitments.1.text') on the fields they name."""
        field_map = {"parties": "kommuner"}
        for key, messages in exc.message_dict.items():
            parts = key.split(".")
            target: Any = None
            field: str | None = None
            if len(parts) == 3 and parts[0] in self._row_keys:
                rows = self._row_keys[parts[0]]
                index = int(parts[1]) if parts[1].isdigit() else -1
                if 0 <= index < len(rows):
                    target = rows[index]
                    field = parts[2] if parts[2] in target.fields else None
            elif key != "__all__":
                target = self.form
                field = field_map.get(key, key)
                field = field if field in self.form.fields else None
            for message in messages:
                if target is None:
                    self.non_form_errors.append(message)
                else:
                    target.add_error(field, message)

    # Rendering

    def sections(self) -> list[Section]:
        result = []
        for key, formset in (
            ("focus", self.focus),
            ("commitments", self.commitments),
            ("signatories", self.signatories),
        ):
            _service_key, title, noun = SECTIONS[key]
            ordered = sorted(
                enumerate(formset.forms), key=lambda pair: _order_key(pair[1], pair[0])
            )
            result.append(
                Section(
                    key=key,
                    formset=formset,
                    title=str(title),
                    noun=str(noun),
                    add_label=str(ADD_LABELS[key]),
                    rows=[(n, form) for n, (_i, form) in enumerate(ordered, 1)],
                )
            )
        return result

    def error_summary(self) -> list[SummaryError]:
        """Every error on the page, in page order, each linking to its field."""
        if not self.is_bound or self.adding_rows:
            return []
        summary = [SummaryError("", str(m)) for m in self.non_form_errors]
        summary += _form_errors(self.form, "")
        for section in self.sections():
            for message in section.formset.non_form_errors():
                summary.append(SummaryError(f"{section.key}-section", str(message)))
            for number, form in section.rows:
                if form.is_deleted():
                    continue
                summary += _form_errors(form, f"{section.noun} {number} – ")
        return summary

    @cached_property
    def areas_empty_text(self) -> str:
        """Said instead of an empty list of area checkboxes."""
        if self.options.areas:
            return ""
        return _(
            "Inga områden att välja ännu. Områdena i löftets kommuner visas här när "
            "kommunerna är valda och sidan har sparats eller laddats om."
        )

    @cached_property
    def others_empty_text(self) -> str:
        """Said instead of an empty list of other organisations."""
        if self.options.other_organisations:
            return ""
        return _(
            "Inga andra organisationer är registrerade. En administratör kan lägga "
            "till dem."
        )

    def status_label(self) -> str:
        if self.promise is None:
            return str(PromiseStatus.DRAFT.label)
        return self.promise.get_status_display()


def _form_errors(form: Any, prefix: str) -> list[SummaryError]:
    if not form.is_bound or form.quiet or not form.errors:
        return []
    result = []
    for message in form.non_field_errors():
        anchor = f"{form.prefix}-row" if form.prefix else "promise-fields"
        result.append(SummaryError(anchor, prefix + message))
    for bound in form:
        for message in bound.errors:
            result.append(SummaryError(bound.anchor, prefix + str(message)))
    return result
