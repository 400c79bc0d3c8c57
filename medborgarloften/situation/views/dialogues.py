"""Dialogues and their findings."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.forms import form_saved
from medborgarloften.places.models import Organisation
from medborgarloften.vocabulary import THEMES

from ..forms import (
    BaseFindingFormSet,
    DialogueForm,
    FindingFormSet,
)
from ..models import Dialogue
from ..services import (
    dialogue_create,
    dialogue_delete,
    dialogue_update,
)
from ._common import (
    _context,
    _kommun_for_editor,
    _kommun_for_viewer,
)


@staff_view
def dialogue_list(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    dialogues = (
        kommun.dialogues.select_related("area")
        .prefetch_related("findings__area")
        .order_by("-held_on", "-id")[:200]
    )
    return render(
        request,
        "situation/dialogues.html",
        _context(request, kommun, dialogues=dialogues, themes=THEMES),
    )


@staff_view
def dialogue_new(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_editor(request, code)
    return _dialogue_form(request, kommun, None)


@staff_view
def dialogue_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    kommun = _kommun_for_editor(request, code)
    dialogue = get_object_or_404(Dialogue, kommun=kommun, pk=pk)
    return _dialogue_form(request, kommun, dialogue)


@staff_view
def dialogue_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """GET: what would be removed; POST: remove it."""
    kommun = _kommun_for_editor(request, code)
    dialogue = get_object_or_404(Dialogue, kommun=kommun, pk=pk)
    if request.method == "POST":
        dialogue_delete(dialogue=dialogue, actor=request.user)
        messages.success(request, _("Dialogen är borttagen."))
        return redirect("situation:dialogues", code=kommun.code)
    return render(
        request,
        "situation/dialogue_delete.html",
        _context(request, kommun, dialogue=dialogue),
    )


def _initial(dialogue: Dialogue) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A saved dialogue as the form's initial values and finding rows."""
    form = {
        "kind": dialogue.kind,
        "held_on": dialogue.held_on,
        "area": dialogue.area_id,
        "title": dialogue.title,
        "participants": "\n".join(
            f"{group}: {count}" for group, count in dialogue.participants.items()
        ),
    }
    rows = [
        {"theme": f.theme, "area": f.area_id, "place": f.place, "text": f.text}
        for f in dialogue.findings.order_by("id")
    ]
    return form, rows


def _dialogue_form(
    request: HttpRequest, kommun: Organisation, dialogue: Dialogue | None
) -> HttpResponse:
    """The new-dialogue form, or a saved one's (filled in, saved over it)."""
    data = request.POST or None
    initial, rows = _initial(dialogue) if dialogue else ({}, [])
    form = DialogueForm(data, kommun=kommun, initial=initial)
    extra: dict[str, Any] = {"dialogue": dialogue}
    if data is not None and "more" in data:
        # "Fler iakttagelser": what was written so far, unchecked, and three more
        # empty rows.
        fields = ("theme", "area", "place", "text")
        rows = [
            {name: data.get(f"finding-{i}-{name}", "") for name in fields}
            for i in range(min(int(data.get("finding-TOTAL_FORMS") or 0), 47))
        ]
        rows = [row for row in rows if any(row.values())]
        return render(
            request,
            "situation/dialogue_form.html",
            _context(
                request,
                kommun,
                form=DialogueForm(initial=data.dict(), kommun=kommun),
                findings=FindingFormSet(
                    initial=rows, prefix="finding", form_kwargs={"kommun": kommun}
                ),
                **extra,
            ),
        )
    findings = cast(
        BaseFindingFormSet,
        FindingFormSet(
            data,
            # A bound formset compares with its initial rows: a row emptied to
            # remove a finding would count as changed and be checked.
            initial=None if data is not None else rows or None,
            prefix="finding",
            form_kwargs={"kommun": kommun},
        ),
    )

    def save(cleaned: dict[str, Any]) -> Dialogue:
        values = {
            "kind": cleaned["kind"],
            "held_on": cleaned["held_on"],
            "area": cleaned["area"],
            "title": cleaned["title"],
            "participants": cleaned["participants"],
            "findings": findings.findings(),
            "actor": request.user,
        }
        if dialogue is None:
            return dialogue_create(kommun=kommun, **values)
        return dialogue_update(dialogue=dialogue, **values)

    if (
        request.method == "POST"
        and form.is_valid()
        and findings.is_valid()
        and form_saved(request, form, save, _("Dialogen är sparad."))
    ):
        return redirect("situation:dialogues", code=kommun.code)
    return render(
        request,
        "situation/dialogue_form.html",
        _context(request, kommun, form=form, findings=findings, **extra),
    )
