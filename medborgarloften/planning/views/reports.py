"""The lägesbild document: list, create, edit a draft, sections, adopt, revise."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.collation import swedish_sorted
from medborgarloften.lib.forms import calling, form_saved, form_submit

from .. import checklist, selectors, services
from ..charts import figure_charts
from ..forms import DecisionForm, ReportForm, SectionForm
from ..grant import grant_set
from ..models import SectionKind
from ..permissions import (
    can_adopt,
    can_correct_decision,
    check_adopt,
    kommuner_visible_to,
)
from ._common import (
    can_edit,
    form_page,
    kommun_for_editor,
    kommun_for_viewer,
    report_for,
)


@staff_view
def index(request: HttpRequest) -> HttpResponse:
    kommuner = swedish_sorted(
        kommuner_visible_to(request.user).order_by("name")[:300], name=lambda k: k.name
    )
    if len(kommuner) == 1:
        return redirect("planning:kommun", code=kommuner[0].code)
    return render(request, "planning/index.html", {"kommuner": kommuner})


@staff_view
def kommun_page(request: HttpRequest, code: str) -> HttpResponse:
    kommun = kommun_for_viewer(request, code)
    reminders = selectors.revision_reminders(kommuner=[kommun])
    return render(
        request,
        "planning/kommun.html",
        {
            "kommun": kommun,
            "reports": selectors.reports_of(kommun),
            "plans": selectors.plans_of(kommun),
            "agreements": selectors.agreements_of(kommun),
            "reminders": [(r, selectors.reminder_text(r)) for r in reminders],
            "promise_overlaps": selectors.promise_overlaps(kommun),
            "may_edit": can_edit(request.user, kommun),
        },
    )


@staff_view
def steps_view(request: HttpRequest, code: str) -> HttpResponse:
    kommun = kommun_for_viewer(request, code)
    return render(
        request,
        "planning/steps.html",
        {
            "kommun": kommun,
            "steps": checklist.steps(kommun=kommun),
            "checked": checklist.checked_documents(kommun),
            "grant": grant_set(kommun=kommun),
        },
    )


@staff_view
def report_new(request: HttpRequest, code: str) -> HttpResponse:
    kommun = kommun_for_editor(request, code)
    form = ReportForm(request.POST or None)
    create = calling(services.report_create, actor=request.user, kommun=kommun)
    if saved := form_submit(request, form, create, _("Lägesbilden är skapad.")):
        return redirect("planning:report", pk=saved.value.pk)
    return render(
        request, "planning/report_form.html", {"kommun": kommun, "form": form}
    )


@staff_view
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk, edit=True)
    initial = {name: getattr(report, name) for name in services.reports.REPORT_FIELDS}
    return form_page(
        request,
        ReportForm(request.POST or None, initial=initial),
        calling(services.report_update, actor=request.user, report=report),
        _("Lägesbilden är sparad."),
        done=resolve_url("planning:report", pk=report.pk),
        template="planning/report_form.html",
        context={"kommun": report.kommun, "report": report},
    )


@staff_view
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk)
    may_edit = can_edit(request.user, report.kommun) and not report.is_adopted
    form = SectionForm(request.POST or None)
    if request.method == "POST":
        report = report_for(request, pk, edit=True)
        if "delete" in request.POST:
            section = report.sections.filter(pk=request.POST["delete"]).first()
            if section is not None:
                try:
                    services.section_delete(actor=request.user, section=section)
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
            return redirect("planning:report", pk=report.pk)
        if form_saved(
            request,
            form,
            lambda data: services.section_add(
                actor=request.user, report=report, **data
            ),
            _("Avsnittet är sparat."),
        ):
            return redirect("planning:report", pk=report.pk)
    figures = selectors.figures_of(report)
    sections = list(report.sections.all())
    return render(
        request,
        "planning/report_detail.html",
        {
            "kommun": report.kommun,
            "report": report,
            "figures": figures,
            "charts": figure_charts(figures),
            "crime_figures": [f for f in figures if f["group"] in ("crime", "area")],
            "kpi_figures": [f for f in figures if f["group"] == "kpi"],
            "survey_figures": [f for f in figures if f["group"] == "survey"],
            "area_survey_figures": [f for f in figures if f["group"] == "area_survey"],
            "parts": [
                (label, [s for s in sections if s.kind == kind])
                for kind, label in SectionKind.choices
            ],
            "form": form,
            "may_edit": may_edit,
            "may_revise": can_edit(request.user, report.kommun)
            and report.is_adopted
            and not hasattr(report, "revision"),
            "may_adopt": may_edit and can_adopt(request.user, report.kommun),
            "may_correct": report.is_adopted
            and can_correct_decision(request.user, report.kommun),
            "correct_url": resolve_url(
                "planning:report_decision_correct", pk=report.pk
            ),
            "due_on": selectors.revision_due_on(report),
            "map": selectors.report_map(report),
        },
    )


@staff_view
def report_adopt_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk, edit=True)
    check_adopt(request.user, report.kommun)
    return form_page(
        request,
        DecisionForm(request.POST or None),
        calling(services.report_adopt, actor=request.user, report=report),
        _("Lägesbilden är antagen."),
        done=resolve_url("planning:report", pk=report.pk),
        template="planning/adopt.html",
        context={"kommun": report.kommun, "document": report, "report": report},
    )


@staff_view
@require_POST
def report_revise_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk, edit=True)
    try:
        revision = services.report_revise(actor=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("planning:report", pk=report.pk)
    messages.success(request, _("En ny version är skapad som utkast."))
    return redirect("planning:report", pk=revision.pk)
