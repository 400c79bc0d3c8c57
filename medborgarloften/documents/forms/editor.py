"""The whole review form of one extraction run.

``ReviewEditor`` bundles the record's fields, the commitment rows and the signatory
rows so the view stays thin: it fills them from an extraction record, parses the
POST, recomputes the measurability check per commitment, offers the places the kommun
does not have yet as new areas, builds the record for ``promise_load_record`` and maps
the loader's errors back to the fields by their Swedish names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.extract.measurability import CommitmentCheck
from medborgarloften.places.lookup import fold, same_kommun
from medborgarloften.places.models import Area, Organisation
from medborgarloften.vocabulary import EVIDENCE_SOURCES, RESPONSIBLE, THEMES

from ..draft import draft_record
from ..models import ExtractionRun
from ..review import Highlight, commitment_mark_ids, field_mark_ids, highlights
from ..review import source_text as _source_text
from .fields import (
    MAX_ROWS,
    CommitmentForm,
    CommitmentFormSet,
    ReviewForm,
    SignatoryFormSet,
    find_kommun,
    label_delete_boxes,
    parse_date,
    split_lines,
    split_names,
    target_of,
)

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
        "target_deadline": parse_date(target.get("deadline")) if target else None,
        "places": ", ".join(str(p) for p in c.get("places") or []),
        "focus_area": str(c.get("focus_area") or ""),
    }


def review_initial(run: ExtractionRun) -> dict[str, Any]:
    """The record's fields as the review form shows them first.

    The kommuner are those the document names (the kommun chosen at the upload only
    when it names none), and the title, lägesbild and focus areas are mapped as the
    command-line import maps them (``documents.draft``).
    """
    record = run.record if isinstance(run.record, dict) else {}
    kommun = run.document.kommun
    names: list[str] = []
    for name in record.get("municipalities") or []:
        if isinstance(name, str) and not any(same_kommun(name, n) for n in names):
            names.append(name)
    if not names and kommun is not None:
        names = [kommun.name]
    draft = draft_record(
        {**record, "municipalities": names}, run.document.meta, kommuner=names
    )
    period = record.get("period") or {}
    follow_up = record.get("follow_up") or {}
    mine = kommun is not None and any(same_kommun(n, kommun.name) for n in names)
    return {
        "title": draft["title"],
        "municipalities": ", ".join(names),
        "as_reference": kommun is not None and not mine,
        "situation_summary": draft["situation_summary"] or "",
        "police_area": record.get("police_area") or "",
        "period_start": parse_date(period.get("start")),
        "period_end": parse_date(period.get("end")),
        "period_text": period.get("text") or "",
        "focus_areas": "\n".join(draft["focus_areas"]),
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
    "situation_summary": ("situation_summary", gettext_lazy("Lägesbild")),
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

    def __init__(
        self,
        *,
        run: ExtractionRun,
        data: QueryDict | None = None,
        may_create_police: bool = False,
    ) -> None:
        """``may_create_police``: offer to add an unknown lokalpolisområde (only
        superusers: police units are not made by importing a document)."""
        self.run = run
        self.may_create_police = may_create_police
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
            self._municipalities_text = str(data.get("municipalities") or "")
            self.form = ReviewForm(
                data=data,
                kommun=self.kommun,
                may_create_police=may_create_police,
                new_area_names=self._unknown_places(data=data),
            )
            self.commitments = CommitmentFormSet(data=data, prefix="commitments")
            self.signatories = SignatoryFormSet(data=data, prefix="signatories")
        else:
            initial = review_initial(run)
            focus = set(split_lines(initial["focus_areas"]))
            commitments = [
                _commitment_initial(i, c)
                for i, c in enumerate(self.record.get("commitments") or [])
                if isinstance(c, dict)
            ]
            for c in commitments:
                if c["focus_area"] not in focus:
                    c["focus_area"] = ""
            signatories = [
                {
                    "name": s.get("name") or "",
                    "title": s.get("title") or "",
                    "organisation": s.get("organisation") or "",
                }
                for s in self.record.get("signatories") or []
                if isinstance(s, dict)
            ]
            self._municipalities_text = initial["municipalities"]
            names = split_names(initial["places"])
            for c in commitments:
                names += split_names(c["places"])
            unknown = self._unknown(names)
            if initial["as_reference"]:
                # Another kommun's promise keeps its places: they become that
                # kommun's areas unless the reviewer unticks them.
                initial["new_areas"] = list(unknown)
            self.form = ReviewForm(
                initial=initial,
                kommun=self.kommun,
                may_create_police=may_create_police,
                new_area_names=unknown,
            )
            self.commitments = CommitmentFormSet(
                initial=commitments, prefix="commitments"
            )
            self.signatories = SignatoryFormSet(
                initial=signatories, prefix="signatories"
            )
        label_delete_boxes(self.commitments)
        label_delete_boxes(self.signatories)

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
        """Names and aliases of the areas of every kommun the form names (as the
        loader matches them), the uploaded document's kommun always included."""
        kommuner: list[Organisation] = []
        names = split_names(self._municipalities_text)
        if names:
            every = list(Organisation.objects.kommuner().only("pk", "name", "code"))
            for name in names:
                found = find_kommun(name, every)
                if found is not None and found not in kommuner:
                    kommuner.append(found)
        if not kommuner and self.kommun is not None:
            kommuner = [self.kommun]
        if not kommuner:
            return set()
        return {
            fold(name)
            for area in Area.objects.filter(kommun__in=kommuner)
            for name in area.names()
        }

    def _unknown(self, names: list[str]) -> list[str]:
        out: list[str] = []
        seen: set[str] = set()
        for name in names:
            key = fold(name)
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
            "title",
            "situation_summary",
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
        if self.form.is_valid() and self.commitments.is_valid():
            focus = split_lines(self.form.cleaned_data.get("focus_areas") or "")
            for form in self._kept_forms(self.commitments):
                name = " ".join((form.cleaned_data.get("focus_area") or "").split())
                if name and name.rstrip(".") not in focus:
                    form.add_error(
                        "focus_area",
                        _(
                            "”%(name)s” finns inte bland fokusområdena. Skriv det "
                            "under Fokusområden eller lämna fältet tomt."
                        )
                        % {"name": name},
                    )
                    valid = False
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
        keep_new = {fold(n) for n in d.get("new_areas") or []}

        def kept(names: list[str]) -> list[str]:
            return [
                n for n in names if fold(n) in self._known_places or fold(n) in keep_new
            ]

        self.left_out = [n for n in self.new_area_names if fold(n) not in keep_new]
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
                    "focus_area": " ".join((c.get("focus_area") or "").split()).rstrip(
                        "."
                    )
                    or None,
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
            "situation_summary": (d.get("situation_summary") or "").strip() or None,
            "focus_areas": split_lines(d.get("focus_areas") or ""),
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
        return self.may_create_police and bool(
            self.form.cleaned_data.get("create_police_area")
        )

    def as_reference(self) -> bool:
        return bool(self.form.cleaned_data.get("as_reference"))
