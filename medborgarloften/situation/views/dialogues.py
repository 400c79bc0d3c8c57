"""Dialogues and their findings."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.forms import form_saved
from medborgarloften.vocabulary import THEMES

from ..forms import (
    BaseFindingFormSet,
    DialogueForm,
    FindingFormSet,
)
from ..services import (
    dialogue_create,
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
    form = DialogueForm(request.POST or None, kommun=kommun)
    data = request.POST or None
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
            ),
        )
    findings = cast(
        BaseFindingFormSet,
        FindingFormSet(data, prefix="finding", form_kwargs={"kommun": kommun}),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and findings.is_valid()
        and form_saved(
            request,
            form,
            lambda cleaned: dialogue_create(
                kommun=kommun,
                kind=cleaned["kind"],
                held_on=cleaned["held_on"],
                area=cleaned["area"],
                title=cleaned["title"],
                participants=cleaned["participants"],
                findings=findings.findings(),
                actor=request.user,
            ),
            _("Dialogen är sparad."),
        )
    ):
        return redirect("situation:dialogues", code=kommun.code)
    return render(
        request,
        "situation/dialogue_form.html",
        _context(request, kommun, form=form, findings=findings),
    )
