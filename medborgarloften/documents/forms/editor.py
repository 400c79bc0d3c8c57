"""The whole review form of one extraction run.

``ReviewEditor`` bundles the record's fields, the commitment rows and the signatory
rows so the view stays thin: it fills them from an extraction record, parses the
POST, recomputes the measurability check per commitment, offers the places the kommun
does not have yet as new areas, builds the ``PromiseDraft`` the writer saves
(``promises.services.promise_write``), and puts the writer's errors — keyed by the
draft's paths — on the fields and rows they name (``lib.forms.apply_service_errors``).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from medborgarloften.lib.forms import apply_service_errors
from medborgarloften.lib.text import clean_text
from medborgarloften.places.lookup import (
    AreaIndex,
    fold,
)
from medborgarloften.places.models import Organisation, OrganisationKind
from medborgarloften.places.permissions import (
    can_edit_areas,
)
from medborgarloften.promises.draft import (
    AreaRef,
    CommitmentDraft,
    FocusAreaDraft,
    Lifecycle,
    OrganisationRef,
    PromiseDraft,
    SignatoryDraft,
    TargetDraft,
)
from medborgarloften.promises.exchange import police_area_name
from medborgarloften.vocabulary import RESPONSIBLE

from ..models import ExtractionRun
from ..review import (
    Highlight,
    commitment_mark_ids,
    field_mark_ids,
    text_highlights,
    translated_checks,
)
from ..review import source_text as _source_text
from .fields import (
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
from .initial import _commitment_initial, document_kommun_names, review_initial
from .parties import other_party_refs, party_preview
from .rows import (
    FOCUS_SHOWN,
    CommitmentRow,
    PartyPreview,
    SummaryError,
    carry_focus_renames,
    row_deleted,
    with_blank_rows,
)


def _text(value: Any) -> str:
    return clean_text(value or "").strip()


class ReviewEditor:
    """The whole review form of one extraction run."""

    def __init__(
        self,
        *,
        run: ExtractionRun,
        data: QueryDict | None = None,
        may_create_police: bool = False,
        user: Any = None,
    ) -> None:
        """``may_create_police``: offer to add an unknown lokalpolisområde (only
        superusers: police units are not made by importing a document)."""
        self.run = run
        self.user = user
        self.may_create_police = may_create_police
        self.record: dict[str, Any] = run.record if isinstance(run.record, dict) else {}
        self.kommun = run.document.kommun
        self.text = _source_text(run.document.text)
        self.marks: list[Highlight] = text_highlights(self.record, self.text)
        self.left_out: list[str] = []
        self.left_out_parties: list[str] = []
        # The rows of the last draft, in its order, for placing the writer's errors.
        self._draft_rows: dict[str, list[Any]] = {"commitments": [], "signatories": []}
        if data is not None:
            data = carry_focus_renames(self._with_blank_rows(data))
            self._municipalities_text = str(data.get("municipalities") or "")
            self.form = ReviewForm(
                data=data,
                kommun=self.kommun,
                may_create_police=may_create_police,
                new_area_names=self._unknown_places(data=data),
            )
            self.commitments = CommitmentFormSet(
                data=data,
                prefix="commitments",
                form_kwargs={"focus_areas": split_lines(data.get("focus_areas", ""))},
            )
            self.signatories = SignatoryFormSet(data=data, prefix="signatories")
        else:
            initial = review_initial(run, user=user)
            focus_list = split_lines(initial["focus_areas"])
            initial[FOCUS_SHOWN] = "\n".join(focus_list)
            focus = set(focus_list)
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
                    "signed_on": parse_date(s.get("date")),
                }
                for s in self.record.get("signatories") or []
                if isinstance(s, dict)
            ]
            self._municipalities_text = initial["municipalities"]
            names = split_names(initial["places"])
            for c in commitments:
                names += split_names(c["places"])
            unknown = self._unknown(names)
            if initial.pop("foreign") and self._may_add_areas():
                # Another kommun's promise keeps its places: they become that
                # kommun's areas unless the reviewer unticks them — offered ticked
                # only to whoever may add areas there (the writer refuses others).
                initial["new_areas"] = list(unknown)
            self.form = ReviewForm(
                initial=initial,
                kommun=self.kommun,
                may_create_police=may_create_police,
                new_area_names=unknown,
            )
            self.commitments = CommitmentFormSet(
                initial=commitments,
                prefix="commitments",
                form_kwargs={"focus_areas": focus_list},
            )
            self.signatories = SignatoryFormSet(
                initial=signatories, prefix="signatories"
            )
        label_delete_boxes(self.commitments)
        label_delete_boxes(self.signatories)

    # -- rows ---------------------------------------------------------------------

    _with_blank_rows = staticmethod(with_blank_rows)
    _deleted = staticmethod(row_deleted)

    def _kept_forms(self, formset: Any) -> list[Any]:
        return [f for f in formset.forms if f.has_changed() and not self._deleted(f)]

    # -- places the kommun does not have --------------------------------------------

    @cached_property
    def _known_areas(self) -> AreaIndex:
        """The areas of every kommun the form names (the uploaded document's kommun
        when it names none) by each of their names and aliases, as the loader finds
        them: the first kommun's first."""
        kommuner = self._named_kommuner
        return AreaIndex(kommuner) if kommuner else AreaIndex([], areas=[])

    def _may_add_areas(self) -> bool:
        """Whether the reviewer may add areas to the first kommun (new areas go there)."""
        kommuner = self._named_kommuner
        return (
            self.user is None or not kommuner or can_edit_areas(self.user, kommuner[0])
        )

    @cached_property
    def _named_kommuner(self) -> list[Organisation]:
        kommuner: list[Organisation] = []
        names = split_names(self._municipalities_text)
        if names:
            every = list(
                Organisation.objects.kommuner().only(
                    "pk", "kind", "name", "official_name", "code"
                )
            )
            for name in names:
                found = find_kommun(name, every)
                if found is not None and found not in kommuner:
                    kommuner.append(found)
        if not kommuner and self.kommun is not None:
            kommuner = [self.kommun]
        return kommuner

    @property
    def _known_places(self) -> set[str]:
        return set(self._known_areas.by_key)

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
        # The choices the form was built with, one per name.
        return list(self.form.new_area_names)

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

    @cached_property
    def parties(self) -> list[PartyPreview]:
        """The kommuner and the lokalpolisområde the draft will name (``forms.parties``)."""
        return party_preview(
            self._named_kommuner,
            police_name=_text(self.form["police_area"].value()),
            user=self.user,
        )

    @property
    def asked_parties(self) -> list[str]:
        return [p.name for p in self.parties if p.asked]

    @property
    def checks(self) -> list[dict[str, Any]]:
        return translated_checks(self.record)  # worded in the reader's language

    # -- validation -----------------------------------------------------------------

    def is_valid(self) -> bool:
        """The fields and rows as forms check them; what the draft may hold is
        the writer's to say (``ReviewEditor.add_service_error``)."""
        valid = self.form.is_valid()
        valid = self.commitments.is_valid() and valid
        return self.signatories.is_valid() and valid

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
        return out

    def add_service_error(self, exc: ValidationError) -> None:
        """Put the writer's (or the service's) errors on the fields and rows they
        name (``commitments.1.text``: the second commitment kept in the draft)."""
        apply_service_errors(
            self.form,
            exc,
            fields={"parties": "municipalities", "areas": "places"},
            rows=self._draft_rows,
            labelled=True,
            text=lambda message: message.split(" / ")[0],
        )

    # -- the record -----------------------------------------------------------------

    def reviewed_draft(self, *, reference_for: int | None = None) -> PromiseDraft:
        """The edited values as the draft the writer saves (``promise_write``).

        Places the kommun has are its areas; places ticked as new areas become new
        areas; the others are left out (``left_out``), never created unasked. A
        place named for a commitment belongs to it, not to the whole promise.
        """
        d = self.form.cleaned_data
        keep_new = {fold(n) for n in d.get("new_areas") or []}

        def areas(names: list[str]) -> list[AreaRef]:
            out: list[AreaRef] = []
            for name in names:
                found = self._known_areas.find(name)
                if found is not None:
                    out.append(AreaRef(id=found.pk))
                elif fold(name) in keep_new:
                    out.append(AreaRef(name=name))
            return out

        self.left_out = [n for n in self.new_area_names if fold(n) not in keep_new]
        self.left_out_parties = []
        parties = [OrganisationRef.of(k) for k in self.form.kommuner]
        police_name = _text(d.get("police_area"))
        if self.form.police is not None:
            parties.append(OrganisationRef.of(self.form.police))
        elif police_name and self.create_police_area():
            parties.append(
                OrganisationRef(
                    kind=OrganisationKind.LOKALPOLISOMRADE,
                    name=police_area_name(Organisation(name=police_name)),
                )
            )
        focus = split_lines(d.get("focus_areas") or "")
        kept_commitments = self._kept_forms(self.commitments)
        kept_signatories = self._kept_forms(self.signatories)
        self._draft_rows = {
            "commitments": kept_commitments,
            "signatories": kept_signatories,
        }
        commitments: list[CommitmentDraft] = []
        inner_places: set[str] = set()
        for form in kept_commitments:
            c = form.cleaned_data
            places = split_names(c.get("places") or "")
            inner_places |= {fold(n) for n in places}
            target = target_of(
                c.get("target_quantity"),
                c.get("target_unit") or "",
                c.get("target_per") or "",
                c.get("target_deadline"),
            )
            focus_name = " ".join((c.get("focus_area") or "").split()).rstrip(".")
            commitments.append(
                CommitmentDraft(
                    text=_text(c["text"]),
                    responsible=[r for r in RESPONSIBLE if r in c["responsible"]],
                    target=(
                        TargetDraft(
                            quantity=c.get("target_quantity"),
                            unit=_text(c.get("target_unit")),
                            per=c.get("target_per") or "",
                            deadline=c.get("target_deadline"),
                        )
                        if target is not None
                        else None
                    ),
                    areas=areas(places),
                    other_parties=other_party_refs(
                        split_names(c.get("other_parties") or ""),
                        user=self.user,
                        left_out=self.left_out_parties,
                    ),
                    focus_area=focus.index(focus_name) if focus_name in focus else None,
                )
            )

        def signatory_organisation(name: str) -> OrganisationRef | None:
            key = fold(name)
            named = [*self.form.kommuner, self.form.police]
            return next(
                (
                    OrganisationRef.of(p)
                    for p in named
                    if p is not None and key in {fold(p.name), fold(str(p))}
                ),
                None,
            )

        signatories = []
        for form in kept_signatories:
            s = form.cleaned_data
            organisation = _text(s.get("organisation"))
            signatories.append(
                SignatoryDraft(
                    name=_text(s["name"]),
                    title=_text(s.get("title")),
                    organisation=(
                        signatory_organisation(organisation) if organisation else None
                    ),
                    organisation_name=organisation,
                    signed_on=s.get("signed_on"),
                )
            )
        document = self.run.document
        return PromiseDraft(
            title=_text(d["title"]),
            parties=parties,
            period_start=d.get("period_start"),
            period_end=d.get("period_end"),
            period_text=_text(d.get("period_text")),
            situation_summary=_text(d.get("situation_summary")),
            evidence_sources=list(d.get("evidence_sources") or []),
            themes=list(d.get("themes") or []),
            places=[
                ref
                for name in split_names(d.get("places") or "")
                if fold(name) not in inner_places
                for ref in areas([name])
            ],
            follow_up_text=_text(d.get("follow_up_text")),
            reports_per_period=d.get("reports_per_period"),
            source_url=document.source_url or str(self.record.get("source_url") or ""),
            focus_areas=[FocusAreaDraft(title=t) for t in focus],
            commitments=commitments,
            signatories=signatories,
            lifecycle=Lifecycle(status="draft"),
            reference_for=reference_for,
        )

    def create_police_area(self) -> bool:
        return self.may_create_police and bool(
            self.form.cleaned_data.get("create_police_area")
        )

    def as_reference(self) -> bool:
        return bool(self.form.cleaned_data.get("as_reference"))

    @cached_property
    def document_kommuner(self) -> str:
        """The kommuner the document names, for the page's heading (not the kommun
        picked at the upload, which may be the uploader's own)."""
        return ", ".join(document_kommun_names(self.run))
