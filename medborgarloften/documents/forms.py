"""Forms of the import review screen: the upload, and the editable extracted record.

``ReviewEditor`` bundles the record's fields, the commitment rows and the signatory
rows so the view stays thin: it fills them from an extraction record, parses the
POST, recomputes the measurability check per commitment, offers the places the kommun
does not have yet as new areas, builds the record for ``promise_load_record`` and maps
the loader's errors back to the fields by their Swedish names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.extract.measurability import CommitmentCheck, check_commitment
from medborgarloften.places.models import Organisation
from medborgarloften.promises.exchange import (
    kommun_name_keys,
    normalise_name,
    police_area_key,
)
from medborgarloften.promises.forms.fields import (
    AccessibleForm,
    checkbox_field,
    date_field,
)
from medborgarloften.vocabulary import EVIDENCE_SOURCES, PER, RESPONSIBLE, THEMES

from .models import ExtractionRun
from .review import Highlight, commitment_mark_ids, field_mark_ids, highlights
from .review import source_text as _source_text

MAX_ROWS = 200


# --- The upload ----------------------------------------------------------------------


class UploadForm(AccessibleForm):
    """A file or a web address, and the kommun the document belongs to."""

    file = forms.FileField(
        label=gettext_lazy("Fil"),
        required=False,
        help_text=gettext_lazy("PDF, Word (DOCX), webbsida (HTML) eller text."),
    )
    url = forms.URLField(
        label=gettext_lazy("Eller webbadress"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=gettext_lazy("T.ex. kommunens eller polisens sida om löftet."),
    )
    kommun = forms.ModelChoiceField(
        label=gettext_lazy("Kommun"),
        queryset=Organisation.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args: Any, kommuner: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kommun"].queryset = kommuner
        self.fields["kommun"].label_from_instance = str

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_file = bool(data.get("file"))
        has_url = bool(data.get("url"))
        if has_file and has_url:
            raise ValidationError(
                _("Välj antingen en fil eller en webbadress, inte båda.")
            )
        if not has_file and not has_url and not self.errors.get("url"):
            self.add_error("file", _("Välj en fil eller skriv en webbadress."))
        return data


# --- Parsing helpers ------------------------------------------------------------------


def split_names(value: str) -> list[str]:
    """'Norrliden, Stensö; Berga' → names, blanks and repeats dropped."""
    names: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"[,;\n]", value or ""):
        name = " ".join(part.split())
        if name and normalise_name(name) not in seen:
            seen.add(normalise_name(name))
            names.append(name)
    return names


def _lines(value: str) -> list[str]:
    out: list[str] = []
    for line in (value or "").splitlines():
        line = " ".join(line.split()).rstrip(".")
        if line and line not in out:
            out.append(line)
    return out


def _date(value: Any) -> dt.date | None:
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
            "Kommunernas namn, skilda med komma. Kommunen du valde vid "
            "uppladdningen är alltid med."
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
    focus_areas = forms.CharField(
        label=gettext_lazy("Fokusområden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Ett fokusområde per rad."),
    )
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
    follow_up_text = forms.CharField(
        label=gettext_lazy("Uppföljning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
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
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kommun = kommun
        self.fields["new_areas"].choices = [(n, n) for n in new_area_names]
        self.kommuner: list[Organisation] = []
        self.police: Organisation | None = None

    def clean_municipalities(self) -> str:
        value = self.cleaned_data["municipalities"]
        kommuner = list(Organisation.objects.kommuner().only("pk", "name", "code"))
        found: list[Organisation] = [self.kommun] if self.kommun else []
        for name in split_names(value):
            match = _find_kommun(name, kommuner)
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
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end", _("perioden slutar före den börjar (%s).") % start
            )
        name = (data.get("police_area") or "").strip()
        if name:
            key = police_area_key(name)
            self.police = next(
                (
                    o
                    for o in Organisation.objects.lpos()
                    if police_area_key(o.name) == key
                ),
                None,
            )
            if self.police is None and not data.get("create_police_area"):
                self.add_error(
                    "police_area",
                    _(
                        "det finns inget lokalpolisområde som heter ”%(name)s”. "
                        "Rätta namnet eller kryssa i ”Skapa lokalpolisområdet om "
                        "det inte finns”."
                    )
                    % {"name": name},
                )
        return data


def _find_kommun(name: str, kommuner: list[Organisation]) -> Organisation | None:
    for key in kommun_name_keys(name):
        found = [k for k in kommuner if kommun_name_keys(k.name)[0] == key]
        if len(found) == 1:
            return found[0]
    return None


class CommitmentForm(AccessibleForm):
    origin = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)
    text = forms.CharField(
        label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 3})
    )
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


CommitmentFormSet = forms.formset_factory(
    CommitmentForm, extra=1, can_delete=True, max_num=MAX_ROWS, absolute_max=MAX_ROWS
)
SignatoryFormSet = forms.formset_factory(
    SignatoryForm, extra=1, can_delete=True, max_num=MAX_ROWS, absolute_max=MAX_ROWS
)


def _delete_label(formset: Any) -> None:
    for form in formset.forms:
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Ta bort")


# --- Initial values from the extraction record --------------------------------------


def _commitment_initial(i: int, c: dict[str, Any]) -> dict[str, Any]:
    target = c.get("target") if isinstance(c.get("target"), dict) else {}
    return {
        "origin": i,
        "text": str(c.get("text") or ""),
        "responsible": [r for r in c.get("responsible") or [] if r in RESPONSIBLE],
        "target_quantity": target.get("quantity") if target else None,
        "target_unit": (target.get("unit") or "") if target else "",
        "target_per": (target.get("per") or "") if target else "",
        "target_deadline": _date(target.get("deadline")) if target else None,
        "places": ", ".join(str(p) for p in c.get("places") or []),
    }


def _default_title(
    record: dict[str, Any], kommun: Organisation | None, meta: Any
) -> str:
    title = meta.get("title") if isinstance(meta, dict) else None
    if isinstance(title, str) and title.strip():
        return " ".join(title.split())[:300]
    period = record.get("period") or {}
    years = sorted({str(v)[:4] for v in (period.get("start"), period.get("end")) if v})
    name = kommun.name if kommun else ""
    return f"Medborgarlöfte {name} {'–'.join(years)}".strip()


def review_initial(run: ExtractionRun) -> dict[str, Any]:
    """The record's fields as the review form shows them first."""
    record = run.record if isinstance(run.record, dict) else {}
    kommun = run.document.kommun
    names = [kommun.name] if kommun else []
    for name in record.get("municipalities") or []:
        if isinstance(name, str) and not any(
            kommun_name_keys(name)[0] == kommun_name_keys(n)[0] for n in names
        ):
            names.append(name)
    period = record.get("period") or {}
    follow_up = record.get("follow_up") or {}
    return {
        "title": _default_title(record, kommun, run.document.meta),
        "municipalities": ", ".join(names),
        "police_area": record.get("police_area") or "",
        "period_start": _date(period.get("start")),
        "period_end": _date(period.get("end")),
        "period_text": period.get("text") or "",
        "focus_areas": "\n".join(str(f) for f in record.get("focus_areas") or []),
        "themes": [t for t in record.get("themes") or [] if t in THEMES],
        "evidence_sources": [
            e for e in record.get("evidence_sources") or [] if e in EVIDENCE_SOURCES
        ],
        "places": ", ".join(str(p) for p in record.get("places") or []),
        "follow_up_text": follow_up.get("text") or "",
        "reports_per_period": follow_up.get("reports_per_period"),
        "new_areas": [],
    }


# --- The page ------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryError:
    anchor: str
    message: str


@dataclass
class CommitmentRow:
    number: int
    form: CommitmentForm
    marks: list[str]
    check: CommitmentCheck | None

    @property
    def link(self) -> dict[str, str]:
        return {
            "first": self.marks[0] if self.marks else "",
            "all": " ".join(self.marks),
        }

    @property
    def is_deleted(self) -> bool:
        return ReviewEditor._deleted(self.form)


#: Where an error of the loader (a record path) shows: its Swedish field name.
_RECORD_LABELS = {
    "title": ("title", gettext_lazy("Titel")),
    "municipalities": ("municipalities", gettext_lazy("Kommuner")),
    "police_area": ("police_area", gettext_lazy("Lokalpolisområde")),
    "period": ("period_start", gettext_lazy("Period")),
    "focus_areas": ("focus_areas", gettext_lazy("Fokusområden")),
    "themes": ("themes", gettext_lazy("Teman")),
    "places": ("places", gettext_lazy("Platser i hela löftet")),
    "evidence_sources": ("evidence_sources", gettext_lazy("Underlag")),
    "follow_up": ("follow_up_text", gettext_lazy("Uppföljning")),
    "new_areas": ("new_areas", gettext_lazy("Nya områden")),
}


class ReviewEditor:
    """The whole review form of one extraction run."""

    def __init__(self, *, run: ExtractionRun, data: QueryDict | None = None) -> None:
        self.run = run
        self.record: dict[str, Any] = run.record if isinstance(run.record, dict) else {}
        self.kommun = run.document.kommun
        self.text = _source_text(run.document.text)
        self.marks: list[Highlight] = highlights(self.record, len(self.text))
        self.service_errors: list[SummaryError] = []
        self.left_out: list[str] = []
        # Record index → row number, for placing the loader's errors.
        self._record_rows: dict[str, list[int]] = {"commitments": [], "signatories": []}
        if data is not None:
            data = self._with_blank_rows(data)
            self.form = ReviewForm(
                data=data,
                kommun=self.kommun,
                new_area_names=self._unknown_places(data=data),
            )
            self.commitments = CommitmentFormSet(data=data, prefix="commitments")
            self.signatories = SignatoryFormSet(data=data, prefix="signatories")
        else:
            initial = review_initial(run)
            commitments = [
                _commitment_initial(i, c)
                for i, c in enumerate(self.record.get("commitments") or [])
                if isinstance(c, dict)
            ]
            signatories = [
                {
                    "name": s.get("name") or "",
                    "title": s.get("title") or "",
                    "organisation": s.get("organisation") or "",
                }
                for s in self.record.get("signatories") or []
                if isinstance(s, dict)
            ]
            names = split_names(initial["places"])
            for c in commitments:
                names += split_names(c["places"])
            self.form = ReviewForm(
                initial=initial,
                kommun=self.kommun,
                new_area_names=self._unknown(names),
            )
            self.commitments = CommitmentFormSet(
                initial=commitments, prefix="commitments"
            )
            self.signatories = SignatoryFormSet(
                initial=signatories, prefix="signatories"
            )
        _delete_label(self.commitments)
        _delete_label(self.signatories)

    # -- rows ---------------------------------------------------------------------

    @staticmethod
    def _with_blank_rows(data: QueryDict) -> QueryDict:
        """Keep one empty row at the end of each list, so a row can be added
        without JavaScript: fill the empty row and check again for another."""
        data = data.copy()
        for prefix, fields in (
            ("commitments", ("text",)),
            ("signatories", ("name",)),
        ):
            key = f"{prefix}-TOTAL_FORMS"
            try:
                total = int(data.get(key, "0"))
            except ValueError:
                continue
            if 0 < total < MAX_ROWS and any(
                (data.get(f"{prefix}-{total - 1}-{f}") or "").strip() for f in fields
            ):
                data[key] = str(total + 1)
        return data

    @staticmethod
    def _deleted(form: Any) -> bool:
        return bool(
            form.is_bound
            and hasattr(form, "cleaned_data")
            and form.cleaned_data.get("DELETE")
        )

    def _kept_forms(self, formset: Any) -> list[Any]:
        return [f for f in formset.forms if f.has_changed() and not self._deleted(f)]

    # -- places the kommun does not have --------------------------------------------

    @cached_property
    def _known_places(self) -> set[str]:
        if self.kommun is None:
            return set()
        return {
            normalise_name(name)
            for area in self.kommun.areas.all()
            for name in area.names()
        }

    def _unknown(self, names: list[str]) -> list[str]:
        out: list[str] = []
        seen: set[str] = set()
        for name in names:
            key = normalise_name(name)
            if key not in self._known_places and key not in seen:
                seen.add(key)
                out.append(name)
        return out

    def _unknown_places(self, *, data: QueryDict) -> list[str]:
        names = split_names(data.get("places", ""))
        for key in sorted(
            (k for k in data if re.fullmatch(r"commitments-\d+-places", k)),
            key=lambda k: int(k.split("-")[1]),
        ):
            prefix = key.rsplit("-", 1)[0]
            if not data.get(f"{prefix}-DELETE"):
                names += split_names(data.get(key, ""))
        return self._unknown(names)

    @property
    def new_area_names(self) -> list[str]:
        return [value for value, _label in self.form.fields["new_areas"].choices]

    # -- what the template shows ----------------------------------------------------

    @property
    def commitment_rows(self) -> list[CommitmentRow]:
        rows = []
        for number, form in enumerate(self.commitments.forms, start=1):
            origin = form["origin"].value()
            try:
                index = int(origin) if origin not in (None, "") else None
            except (TypeError, ValueError):
                index = None
            rows.append(
                CommitmentRow(
                    number=number,
                    form=form,
                    marks=commitment_mark_ids(self.record, index, self.marks),
                    check=form.check() if form["text"].value() else None,
                )
            )
        return rows

    def field_marks(self, field: str) -> list[str]:
        return field_mark_ids(field, self.marks)

    @property
    def links(self) -> dict[str, dict[str, str]]:
        """Per document field: the first mark id and all of them (space-separated),
        both empty when the extractor found nothing for it."""
        fields = (
            "municipalities",
            "police_area",
            "period",
            "focus_areas",
            "themes",
            "evidence_sources",
            "places",
            "follow_up",
            "signatories",
        )
        out = {}
        for f in fields:
            ids = self.field_marks(f)
            out[f] = {"first": ids[0] if ids else "", "all": " ".join(ids)}
        return out

    @property
    def checks(self) -> list[dict[str, Any]]:
        return [c for c in self.record.get("checks") or [] if isinstance(c, dict)]

    # -- validation -----------------------------------------------------------------

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        valid = self.commitments.is_valid() and valid
        valid = self.signatories.is_valid() and valid
        return valid

    @property
    def error_summary(self) -> list[SummaryError]:
        if not self.form.is_bound:
            return []
        out: list[SummaryError] = []
        for message in self.form.non_field_errors():
            out.append(SummaryError("", str(message)))
        for name in self.form.errors:
            if name in self.form.fields:
                for message in self.form.errors[name]:
                    out.append(SummaryError(self.form[name].auto_id, str(message)))
        for noun, formset in (
            (_("Åtagande"), self.commitments),
            (_("Undertecknare"), self.signatories),
        ):
            for message in formset.non_form_errors():
                out.append(SummaryError("", f"{noun}: {message}"))
            for number, form in enumerate(formset.forms, start=1):
                if self._deleted(form):
                    continue
                for name, messages in form.errors.items():
                    anchor = form[name].auto_id if name in form.fields else ""
                    for message in messages:
                        out.append(SummaryError(anchor, f"{noun} {number} – {message}"))
        return out + self.service_errors

    def add_service_error(self, exc: ValidationError) -> None:
        """Show an error of the loader or the service under the field it concerns."""
        items: list[tuple[str, str]] = []
        if hasattr(exc, "error_dict"):
            for path, messages in exc.message_dict.items():
                items += [(path, str(m)) for m in messages]
        else:
            items = [("", str(m)) for m in exc.messages]
        for path, message in items:
            message = message.split(" / ")[0]
            self.service_errors.append(self._located(path, message))

    def _located(self, path: str, message: str) -> SummaryError:
        m = re.match(r"(commitments|signatories)\[(\d+)\]", path or "")
        if m:
            noun = _("Åtagande") if m.group(1) == "commitments" else _("Undertecknare")
            rows = self._record_rows.get(m.group(1), [])
            i = int(m.group(2))
            number = rows[i] if i < len(rows) else i + 1
            return SummaryError(
                f"id_{m.group(1)}-{number - 1}-text"
                if m.group(1) == "commitments"
                else f"id_{m.group(1)}-{number - 1}-name",
                f"{noun} {number} – {message}",
            )
        head = (path or "").split(".", 1)[0].split("[", 1)[0]
        if head in _RECORD_LABELS:
            field, label = _RECORD_LABELS[head]
            return SummaryError(self.form[field].auto_id, f"{label}: {message}")
        return SummaryError("", message)

    # -- the record -----------------------------------------------------------------

    def reviewed_record(self) -> dict[str, Any]:
        """The edited values as an extraction record for ``promise_load_record``.

        Places the kommun does not have, and that were not ticked as new areas, are
        left out (the loader would otherwise create them unasked).
        """
        d = self.form.cleaned_data
        keep_new = {normalise_name(n) for n in d.get("new_areas") or []}

        def kept(names: list[str]) -> list[str]:
            return [
                n
                for n in names
                if normalise_name(n) in self._known_places
                or normalise_name(n) in keep_new
            ]

        self.left_out = [
            n for n in self.new_area_names if normalise_name(n) not in keep_new
        ]
        commitments = []
        signatories = []
        self._record_rows = {"commitments": [], "signatories": []}
        kept_commitments = self._kept_forms(self.commitments)
        kept_signatories = self._kept_forms(self.signatories)
        for number, form in enumerate(self.commitments.forms, start=1):
            if form not in kept_commitments:
                continue
            c = form.cleaned_data
            target = target_of(
                c.get("target_quantity"),
                c.get("target_unit") or "",
                c.get("target_per") or "",
                c.get("target_deadline"),
            )
            commitments.append(
                {
                    "text": c["text"].strip(),
                    "responsible": [r for r in RESPONSIBLE if r in c["responsible"]],
                    "measurable": target is not None,
                    "target": target,
                    "places": kept(split_names(c.get("places") or "")),
                }
            )
            self._record_rows["commitments"].append(number)
        for number, form in enumerate(self.signatories.forms, start=1):
            if form not in kept_signatories:
                continue
            s = form.cleaned_data
            signatories.append(
                {
                    "name": s["name"].strip(),
                    "title": s.get("title", "").strip() or None,
                    "organisation": s.get("organisation", "").strip() or None,
                }
            )
            self._record_rows["signatories"].append(number)
        start, end = d.get("period_start"), d.get("period_end")
        document = self.run.document
        source_url = document.source_url or self.record.get("source_url") or None
        return {
            "id": str(self.record.get("id") or f"dokument-{document.sha256[:12]}"),
            "title": d["title"].strip(),
            "source_url": source_url,
            "municipalities": [k.name for k in self.form.kommuner],
            "police_area": (d.get("police_area") or "").strip() or None,
            "period": {
                "start": start.isoformat() if start else None,
                "end": end.isoformat() if end else None,
                "text": (d.get("period_text") or "").strip() or None,
            },
            "focus_areas": _lines(d.get("focus_areas") or ""),
            "themes": list(d.get("themes") or []),
            "places": kept(split_names(d.get("places") or "")),
            "evidence_sources": list(d.get("evidence_sources") or []),
            "commitments": commitments,
            "follow_up": {
                "text": (d.get("follow_up_text") or "").strip() or None,
                "reports_per_period": d.get("reports_per_period"),
            },
            "signatories": signatories,
        }

    def new_areas(self) -> list[str]:
        return list(self.form.cleaned_data.get("new_areas") or [])

    def create_police_area(self) -> bool:
        return bool(self.form.cleaned_data.get("create_police_area"))
