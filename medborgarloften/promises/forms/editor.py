"""The one-page promise form: the promise's fields plus three inline formsets.

``PromiseEditor`` bundles them so the views stay thin: it parses the POST, checks what
crosses forms (a commitment's focus area, areas of the chosen kommuner, the editor's own
organisation among the parties), hands the writer a ``PromiseDraft``, puts its
errors on the fields (``lib.forms.apply_service_errors``), and builds the error
summary.

Rows refer to focus areas by the focus-area form's index (its prefix number), which
does not change when rows are reordered, so a commitment can point at a focus area
typed on the same page before anything is saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from medborgarloften.lib.collation import swedish_sorted
from medborgarloften.lib.forms import apply_service_errors
from medborgarloften.places.models import Organisation

from ..draft import (
    AreaRef,
    CommitmentDraft,
    FocusAreaDraft,
    OrganisationRef,
    PromiseDraft,
    SignatoryDraft,
    TargetDraft,
)
from ..models import Promise, PromiseStatus
from ..selectors import kommun_areas, organisations_for_parties
from .fields import RowOptions
from .page import (
    ADD_LABELS,
    MOVE_TEXTS,
    SECTIONS,
    TARGET_TEXTS,
    Section,
    SummaryError,
    _form_errors,
    _order_key,
    _total,
)
from .promise import (
    MAX_ROWS,
    CommitmentFormSet,
    FocusAreaFormSet,
    PromiseForm,
    SignatoryFormSet,
    promise_initial,
)


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
        if data is not None and self.adding_rows:
            data = self._with_added_row(data, str(data.get("add_rows", "")))
        self.data = data
        self.is_bound = data is not None
        initial = promise_initial(promise, user)
        self.form = PromiseForm(
            data=data,
            user=user,
            initial=initial,
            editing=promise is not None,
            reference_for=promise.reference_for_id if promise is not None else None,
        )
        self.options = RowOptions(
            areas=list(kommun_areas(self._candidate_kommuner(initial))),
            other_organisations=swedish_sorted(
                organisations_for_parties()["others"], name=lambda o: o.name
            ),
            organisations=swedish_sorted(
                Organisation.objects.all(), name=lambda o: o.name
            ),
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
                # ASCII digits that fit a key: '²' is a digit to isdigit() but not
                # to int(), and a 20-digit number overflows SQLite (both were 500s).
                if re.fullmatch(r"[0-9]{1,18}", str(value)):
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
        """Keyword arguments for promise_create / promise_update: the draft."""
        data = self.form.cleaned_data
        kept_focus = self._kept(self.focus)
        position = {index: n for n, (index, _form) in enumerate(kept_focus)}
        self._row_keys = {
            "focus_areas": [form for _i, form in kept_focus],
            "commitments": [form for _i, form in self._kept(self.commitments)],
            "signatories": [form for _i, form in self._kept(self.signatories)],
        }

        def areas(form: Any) -> list[AreaRef]:
            return [AreaRef.of(a) for a in form.cleaned_data.get("areas", [])]

        draft = PromiseDraft(
            title=data["title"],
            parties=[OrganisationRef.of(p) for p in self.form.parties()],
            period_start=data.get("period_start"),
            period_end=data.get("period_end"),
            situation_summary=data.get("situation_summary", ""),
            evidence_sources=tuple(data.get("evidence_sources", [])),
            themes=tuple(data.get("themes", [])),
            follow_up_text=data.get("follow_up_text", ""),
            reports_per_period=data.get("reports_per_period"),
            report_audience=data.get("report_audience", ""),
            focus_areas=[
                FocusAreaDraft(
                    id=f.cleaned_data.get("id"),
                    title=f.cleaned_data["title"],
                    description=f.cleaned_data.get("description", ""),
                    themes=tuple(f.cleaned_data.get("themes", [])),
                    areas=areas(f),
                )
                for f in self._row_keys["focus_areas"]
            ],
            commitments=[
                CommitmentDraft(
                    id=f.cleaned_data.get("id"),
                    text=f.cleaned_data["text"],
                    focus_area=(
                        position[int(f.cleaned_data["focus_area"])]
                        if f.cleaned_data.get("focus_area") not in ("", None)
                        else None
                    ),
                    responsible=tuple(f.cleaned_data.get("responsible", [])),
                    other_parties=[
                        OrganisationRef.of(o)
                        for o in f.cleaned_data.get("other_parties", [])
                    ],
                    themes=tuple(f.cleaned_data.get("themes", [])),
                    areas=areas(f),
                    target=TargetDraft(
                        quantity=f.cleaned_data.get("target_quantity"),
                        unit=f.cleaned_data.get("target_unit", ""),
                        per=f.cleaned_data.get("target_per", ""),
                        deadline=f.cleaned_data.get("target_deadline"),
                    ),
                )
                for f in self._row_keys["commitments"]
            ],
            signatories=[
                SignatoryDraft(
                    id=f.cleaned_data.get("id"),
                    name=f.cleaned_data["name"],
                    title=f.cleaned_data.get("title", ""),
                    organisation=(
                        OrganisationRef.of(f.cleaned_data["organisation"])
                        if f.cleaned_data.get("organisation")
                        else None
                    ),
                    organisation_name=f.cleaned_data.get("organisation_name", ""),
                    signed_on=f.cleaned_data.get("signed_on"),
                )
                for f in self._row_keys["signatories"]
            ],
        )
        return {"draft": draft}

    @property
    def expected_version(self) -> str:
        """The promise's version when the page was first opened (see promise_update);
        the form refuses a post without one."""
        return self.form.cleaned_data.get("version") or ""

    @property
    def submission(self) -> Any:
        """The new-promise form's key (see promise_create); None when editing."""
        return self.form.cleaned_data.get("submission")

    def accept_version(self, version: str) -> None:
        """After a conflict, let the next save replace the other editor's changes."""
        # Bound from the POST, so a QueryDict (the stubs type form.data as Mapping).
        data = cast(QueryDict, self.form.data).copy()
        data["version"] = version
        self.form.data = data

    def add_service_errors(self, exc: ValidationError) -> None:
        """Put the writer's messages ('commitments.1.text') on the fields they name."""
        apply_service_errors(
            self.form,
            exc,
            fields={"parties": "kommuner"},
            rows=self._row_keys,
            unplaced=self.non_form_errors,
        )

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
                    move_texts=(
                        str(MOVE_TEXTS[key][0]),
                        str(MOVE_TEXTS[key][1]),
                        str(MOVE_TEXTS[key][2]),
                    ),
                    target_texts=(str(TARGET_TEXTS[0]), str(TARGET_TEXTS[1])),
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
