"""The analysis, its document (PDF/DOCX), and adopting a priority as a promise's
focus area."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.downloads import file_response, named
from medborgarloften.lib.pdf import html_to_pdf, static_text
from medborgarloften.places.models import Organisation
from medborgarloften.promises.permissions import (
    can_create_promise,
)
from medborgarloften.promises.services import (
    FocusAreaRow,
    PromiseFields,
    promise_create,
)
from medborgarloften.situation.export import lagesbild_docx

from .. import selectors
from ..periods import Period, parse_period
from ..trend_charts import trend_chart, trend_table
from ._common import (
    _area_map,
    _kommun_for_editor,
    _kommun_for_viewer,
    _period,
    _period_context,
)


def _analysis_context(
    request: HttpRequest, kommun: Organisation, period: Period
) -> dict:
    memo: dict = {}
    comparison = selectors.area_comparison(kommun=kommun, period=period, memo=memo)
    series = selectors.theme_series(kommun=kommun, period=period)
    area_map = _area_map(request, kommun, period, memo=memo)
    crime_trends = selectors.crime_trends(kommun=kommun, until=period.start.year)
    survey_trends = selectors.survey_trends(kommun=kommun, until=period.start.year)
    return _period_context(
        request,
        kommun,
        period,
        comparison=comparison,
        groups=selectors.group_breakdown(kommun=kommun, year=comparison.survey_year),
        series=series,
        series_labels=selectors.month_labels(series.months),
        crime=selectors.crime_rates(kommun=kommun, year=period.start.year),
        area_crime=selectors.area_crime(
            kommun=kommun,
            year=period.start.year,
            category=request.GET.get("brottskategori", ""),
            chosen_year=_int(request.GET.get("brottsar")),
        ),
        trends={
            "crime": [trend_chart(s) for s in crime_trends],
            "crime_table": trend_table(crime_trends),
            "survey": [trend_chart(s) for s in survey_trends],
            "survey_table": trend_table(survey_trends),
        },
        key_figures=selectors.key_figure_comparison(
            kommun=kommun, year=period.start.year
        ),
        similar_kommuner=selectors.similar_kommun_names(
            kommun=kommun, year=period.start.year
        ),
        priorities=selectors.priorities(kommun=kommun, period=period, memo=memo),
        map=area_map,
        choices=selectors.indicator_choices(kommun),
        min_group=selectors.MIN_GROUP,
        generated=timezone.localtime(),
        for_document=False,
    )


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 0


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
    name = f"lagesbild-{kommun.code}-{period.code}"
    if request.GET.get("format") == "docx":
        return file_response(lagesbild_docx(context), f"{name}.docx")
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
        return file_response(pdf, f"{name}.pdf")
    if request.GET.get("download"):
        return named(response, f"{name}.html")
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
