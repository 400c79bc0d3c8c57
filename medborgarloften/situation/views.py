"""Staff pages of the lägesbild under /personal/lagesbild/.

Each view: a permission helper finds the kommun, a form or selector does the work, a
template renders. Refusals render the Swedish 403 page (``staff_view``).
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.forms import apply_service_errors
from medborgarloften.lib.pdf import html_to_pdf, static_text
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Promise
from medborgarloften.promises.permissions import (
    can_create_promise,
    can_edit_promise,
    can_view_promise,
)
from medborgarloften.promises.services import (
    FocusAreaRow,
    PromiseFields,
    promise_create,
)
from medborgarloften.situation.export import lagesbild_docx
from medborgarloften.vocabulary import THEMES

from . import selectors
from .forms import (
    BaseFindingFormSet,
    CauseAnalysisForm,
    DialogueForm,
    FindingFormSet,
    ImportForm,
    ObservationForm,
)
from .models import ImportBatch, ObservationCategory
from .periods import Period, parse_period, period_containing
from .permissions import (
    can_edit_situation,
    can_report,
    can_view_situation,
    kommuner_visible_to,
    reporting_organisation,
)
from .services import (
    ImportRefused,
    baseline_freeze,
    cause_analysis_save,
    crime_import,
    dialogue_create,
    observation_create,
    survey_import,
)


def _kommun(code: str) -> Organisation:
    try:
        return Organisation.objects.kommuner().select_related("county").get(code=code)
    except Organisation.DoesNotExist:
        raise Http404(_("Ingen kommun med koden %(code)s.") % {"code": code})


def _kommun_for_viewer(request: HttpRequest, code: str) -> Organisation:
    kommun = _kommun(code)
    if not can_view_situation(request.user, kommun):
        raise PermissionDenied(
            _("Du kan bara läsa lägesbilden för kommuner du arbetar för.")
        )
    return kommun


def _kommun_for_reporter(request: HttpRequest, code: str) -> Organisation:
    kommun = _kommun(code)
    if not can_report(request.user, kommun):
        raise PermissionDenied(
            _(
                "Bara rapportörer, redaktörer och administratörer som arbetar för "
                "%(kommun)s kan rapportera här."
            )
            % {"kommun": kommun}
        )
    return kommun


def _kommun_for_editor(request: HttpRequest, code: str) -> Organisation:
    kommun = _kommun(code)
    if not can_edit_situation(request.user, kommun):
        raise PermissionDenied(
            _("Bara redaktörer och administratörer för %(kommun)s kan ändra här.")
            % {"kommun": kommun}
        )
    return kommun


def _period(request: HttpRequest, kind: str) -> Period:
    """The period asked for in ``?period=``, or the current one of ``kind``."""
    text = request.GET.get("period", "").strip()
    if text:
        try:
            return parse_period(text)
        except ValueError as exc:
            messages.error(request, str(exc))
    return period_containing(kind, timezone.localdate())


def _context(request: HttpRequest, kommun: Organisation, **extra: Any) -> dict:
    return {
        "kommun": kommun,
        "may_report": can_report(request.user, kommun),
        "may_edit": can_edit_situation(request.user, kommun),
        **extra,
    }


@staff_view
def index(request: HttpRequest) -> HttpResponse:
    kommuner = list(kommuner_visible_to(request.user)[:300])
    if len(kommuner) == 1:
        return redirect("situation:overview", code=kommuner[0].code)
    return render(request, "situation/index.html", {"kommuner": kommuner})


@staff_view
def overview(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    today = timezone.localdate()
    return render(
        request,
        "situation/overview.html",
        _context(
            request,
            kommun,
            week=period_containing("week", today),
            month=period_containing("month", today),
            tertial=period_containing("tertial", today),
            year=period_containing("year", today),
        ),
    )


@staff_view
def observation_new(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_reporter(request, code)
    form = ObservationForm(request.POST or None, kommun=kommun)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            observation = observation_create(
                kommun=kommun,
                category=data["category"],
                observed_at=data["observed_at"],
                area=data["area"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                text=data["text"],
                reporter=request.user,
                organisation=reporting_organisation(request.user, kommun),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            where = observation.area.name if observation.area else _("utan område")
            messages.success(
                request,
                _("Tack! Observationen (%(what)s, %(where)s) är sparad.")
                % {"what": observation.get_category_display(), "where": where},
            )
            return redirect("situation:observation_new", code=kommun.code)
    return render(
        request,
        "situation/observation_form.html",
        _context(request, kommun, form=form),
    )


@staff_view
def week(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    period = _period(request, "week")
    if period.kind != "week":
        period = period_containing("week", period.start)
    observations = selectors.observations_in_period(kommun=kommun, period=period)
    return render(
        request,
        "situation/week.html",
        _context(
            request,
            kommun,
            period=period,
            observations=observations,
            events=selectors.events_in_period(kommun=kommun, period=period),
            previous=period.previous(),
            following=period.following(),
        ),
    )


@staff_view
def summary(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    period = _period(request, "month")
    result = selectors.observation_summary(kommun=kommun, period=period)
    return render(
        request,
        "situation/summary.html",
        _context(
            request,
            kommun,
            period=period,
            summary=result,
            category_labels=[label for _c, label in ObservationCategory.choices],
            previous=period.previous(),
            following=period.following(),
        ),
    )


@staff_view
def area_map_view(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    period = _period(request, "week")
    indicator = request.GET.get("indikator", "rapporter")
    data = selectors.area_map(kommun=kommun, period=period, indicator=indicator)
    return render(
        request,
        "situation/map.html",
        _context(
            request,
            kommun,
            period=period,
            map=data,
            interactive=selectors.area_map_component(kommun=kommun, data=data),
            choices=selectors.indicator_choices(),
            previous=period.previous(),
            following=period.following(),
        ),
    )


def _analysis_context(
    request: HttpRequest, kommun: Organisation, period: Period
) -> dict:
    memo: dict = {}
    comparison = selectors.area_comparison(kommun=kommun, period=period, memo=memo)
    series = selectors.theme_series(kommun=kommun, period=period)
    indicator = request.GET.get("indikator", "rapporter")
    return _context(
        request,
        kommun,
        period=period,
        previous=period.previous(),
        following=period.following(),
        comparison=comparison,
        groups=selectors.group_breakdown(kommun=kommun, year=comparison.survey_year),
        series=series,
        series_labels=selectors.month_labels(series.months),
        crime=selectors.crime_rates(kommun=kommun, year=period.start.year),
        key_figures=selectors.key_figure_comparison(
            kommun=kommun, year=period.start.year
        ),
        similar_kommuner=selectors.similar_kommun_names(
            kommun=kommun, year=period.start.year
        ),
        priorities=selectors.priorities(kommun=kommun, period=period, memo=memo),
        map=selectors.area_map(
            kommun=kommun, period=period, indicator=indicator, memo=memo
        ),
        choices=selectors.indicator_choices(),
        min_group=selectors.MIN_GROUP,
        generated=timezone.localtime(),
        for_document=False,
    )


@staff_view
def analysis(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    period = _period(request, "tertial")
    return render(
        request, "situation/analysis.html", _analysis_context(request, kommun, period)
    )


@staff_view
def document(request: HttpRequest, code: str) -> HttpResponse:
    """The lägesbild as one self-contained HTML document a council can adopt, with
    the map; ``?format=pdf`` renders it to PDF (WeasyPrint), ``?format=docx`` gives a
    Word file with the tables."""
    kommun = _kommun_for_viewer(request, code)
    period = _period(request, "year")
    context = _analysis_context(request, kommun, period)
    if request.GET.get("format") == "docx":
        data = lagesbild_docx(context)
        response = HttpResponse(
            data,
            content_type="application/vnd.openxmlformats-officedocument."
            "wordprocessingml.document",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="lagesbild-{kommun.code}-{period.code}.docx"'
        )
        return response
    if request.GET.get("download"):
        # The saved file must work offline: its stylesheet goes inside it. Served
        # pages link the file instead (the CSP allows no inline style).
        context["inline_css"] = mark_safe(  # noqa: S308 - our own static file
            static_text("medborgarloften/css/lagesbild-document.css")
        )
    response = render(request, "situation/document.html", context)
    if request.GET.get("format") == "pdf":
        pdf = html_to_pdf(
            response.content.decode(), base_url=request.build_absolute_uri("/")
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="lagesbild-{kommun.code}-{period.code}.pdf"'
        )
        return response
    if request.GET.get("download"):
        response["Content-Disposition"] = (
            f'attachment; filename="lagesbild-{kommun.code}-{period.code}.html"'
        )
    return response


@staff_view
def priority_adopt(request: HttpRequest, code: str) -> HttpResponse:
    """One step from a suggested priority to a draft promise with that focus area."""

    kommun = _kommun_for_editor(request, code)
    if request.method != "POST":
        return redirect("situation:analysis", code=kommun.code)
    if not can_create_promise(request.user):
        raise PermissionDenied(_("Du får inte skapa medborgarlöften."))
    period = _period(request, "tertial") if not request.POST.get("period") else None
    if period is None:
        try:
            period = parse_period(request.POST["period"])
        except ValueError as exc:
            messages.error(request, str(exc))
            return redirect("situation:analysis", code=kommun.code)
    item = selectors.priority_by_key(
        kommun=kommun, period=period, key=request.POST.get("key", "")
    )
    if item is None:
        messages.error(request, _("Prioriteringen finns inte längre i lägesbilden."))
        return redirect("situation:analysis", code=kommun.code)
    parties = [kommun, *kommun.served_by.lpos()]
    try:
        promise = promise_create(
            actor=request.user,
            fields=PromiseFields(
                title=_("Medborgarlöfte %(kommun)s (utkast från lägesbilden)")
                % {"kommun": kommun.name},
                parties=parties,
                situation_summary="\n".join(item.evidence),
                themes=[item.theme],
            ),
            focus_areas=[
                FocusAreaRow(
                    title=item.title,
                    description=_("Underlag (%(period)s):\n%(evidence)s")
                    % {"period": period.label, "evidence": "\n".join(item.evidence)},
                    themes=[item.theme],
                    areas=[item.area] if item.area else [],
                )
            ],
            source="lägesbild",
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("situation:analysis", code=kommun.code)
    messages.success(
        request,
        _("Ett utkast med fokusområdet '%(title)s' är skapat.") % {"title": item.title},
    )
    return redirect("promises:edit", pk=promise.pk)


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
    if request.method == "POST" and form.is_valid() and findings.is_valid():
        cleaned = form.cleaned_data
        try:
            dialogue_create(
                kommun=kommun,
                kind=cleaned["kind"],
                held_on=cleaned["held_on"],
                area=cleaned["area"],
                title=cleaned["title"],
                participants=cleaned["participants"],
                findings=findings.findings(),
                actor=request.user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Dialogen är sparad."))
            return redirect("situation:dialogues", code=kommun.code)
    return render(
        request,
        "situation/dialogue_form.html",
        _context(request, kommun, form=form, findings=findings),
    )


@staff_view
def data_import(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_editor(request, code)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            if form.cleaned_data["kind"] == "survey":
                summary = survey_import(
                    kommun=kommun,
                    data=data,
                    filename=upload.name,
                    actor=request.user,
                    source=form.cleaned_data["source"],
                )
            else:
                summary = crime_import(
                    kommun=kommun,
                    data=data,
                    filename=upload.name,
                    year=form.cleaned_data["year"],
                    category=form.cleaned_data["category"],
                    actor=request.user,
                    source=form.cleaned_data["source"],
                )
        except ImportRefused as exc:
            problems = exc.messages
        else:
            messages.success(
                request,
                _("%(file)s är importerad: %(summary)s")
                % {"file": upload.name, "summary": summary},
            )
            return redirect("situation:import", code=kommun.code)
    batches = ImportBatch.objects.filter(
        kind__in=[ImportBatch.Kind.SURVEY, ImportBatch.Kind.CRIME],
        imported_by=request.user,
    ).order_by("-imported_at")[:20]
    return render(
        request,
        "situation/import.html",
        _context(request, kommun, form=form, problems=problems, batches=batches),
    )


def _baseline_figure(value: Any) -> Any:
    if value.unit == "%":
        return selectors.share_figure(value.value, value.base)
    return selectors.count_figure(int(value.value or 0))


@staff_view
def promise_baseline(request: HttpRequest, pk: int) -> HttpResponse:
    """A promise's frozen baseline and the cause analysis of each focus area."""

    try:
        promise = Promise.objects.prefetch_related("parties").get(pk=pk)
    except Promise.DoesNotExist:
        raise Http404(_("Löftet finns inte."))
    if not can_view_promise(request.user, promise):
        raise PermissionDenied(
            _("Du kan bara läsa löften där din organisation är part.")
        )
    may_edit = can_edit_promise(request.user, promise)
    focus_areas = list(
        promise.focus_areas.select_related("cause_analysis").prefetch_related("areas")
    )
    forms_by_focus = {}
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("Bara löftets redaktörer kan ändra här."))
        if request.POST.get("action") == "freeze":
            try:
                baseline_freeze(promise=promise, refreeze=True)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Utgångsläget är fryst."))
            return redirect("situation:promise_baseline", pk=promise.pk)
        focus_id = request.POST.get("focus_area")
        target = next((f for f in focus_areas if str(f.pk) == focus_id), None)
        if target is None:
            raise Http404(_("Fokusområdet finns inte."))
        form = CauseAnalysisForm(request.POST, prefix=f"f{target.pk}")
        if form.is_valid():
            cause_analysis_save(focus_area=target, **form.cleaned_data)
            messages.success(
                request,
                _("Orsaksanalysen för %(title)s är sparad.") % {"title": target.title},
            )
            return redirect("situation:promise_baseline", pk=promise.pk)
        forms_by_focus[target.pk] = form
    values = list(promise.baseline_values.select_related("area", "focus_area"))
    sections = []
    for focus in focus_areas:
        existing = getattr(focus, "cause_analysis", None)
        form = forms_by_focus.get(focus.pk) or CauseAnalysisForm(
            prefix=f"f{focus.pk}",
            initial={
                "problem": existing.problem if existing else "",
                "causes": existing.causes if existing else "",
                "measures": existing.measures if existing else "",
            },
        )
        sections.append(
            {
                "focus": focus,
                "analysis": existing,
                "form": form,
                "values": [
                    {"row": v, "figure": _baseline_figure(v)}
                    for v in values
                    if v.focus_area_id == focus.pk
                ],
            }
        )
    return render(
        request,
        "situation/baseline.html",
        {
            "promise": promise,
            "sections": sections,
            "may_edit": may_edit,
            "frozen_at": values[0].frozen_at if values else None,
        },
    )
