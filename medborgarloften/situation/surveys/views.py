"""Staff pages for digital surveys and walks under /personal/lagesbild/<kod>/enkater/.

Readers see results; editors and admins build, publish, export and moderate.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.downloads import file_response
from medborgarloften.lib.forms import calling, form_submit, service_done
from medborgarloften.vocabulary import THEMES

from ..models import Survey, SurveyKind, WalkPoint, WalkStatus
from ..views._common import _context, _kommun_for_editor, _kommun_for_viewer
from .forms import SurveyBuildForm
from .selectors import (
    reason_labels,
    survey_alerts,
    survey_results,
    surveys_for,
    walk_points,
)
from .services import (
    export_plan,
    survey_create,
    survey_export,
    survey_publish,
    walk_point_moderate,
)


def _survey(kommun: object, pk: int) -> Survey:
    return get_object_or_404(Survey, kommun=kommun, pk=pk)


def _public_url(request: HttpRequest, survey: Survey) -> str:
    return request.build_absolute_uri(
        reverse("surveys_public:answer", args=[survey.token])
    )


@staff_view
def survey_list(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    return render(
        request,
        "situation/survey_list.html",
        _context(request, kommun, surveys=list(surveys_for(kommun))),
    )


@staff_view
def survey_new(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_editor(request, code)
    form = SurveyBuildForm(request.POST or None, kommun=kommun)
    create = calling(survey_create, kommun=kommun, actor=request.user)
    if saved := form_submit(request, form, create, _("Enkäten är skapad som utkast.")):
        return redirect("situation:survey_detail", code=kommun.code, pk=saved.value.pk)
    return render(
        request, "situation/survey_form.html", _context(request, kommun, form=form)
    )


@staff_view
def survey_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    survey = _survey(kommun, pk)
    points = []
    if survey.kind == SurveyKind.VANDRING:
        points = [
            (p, reason_labels(p.reasons)) for p in walk_points(survey).order_by("-id")
        ]
    return render(
        request,
        "situation/survey_detail.html",
        _context(
            request,
            kommun,
            survey=survey,
            public_url=_public_url(request, survey),
            results=survey_results(survey) if survey.kind == SurveyKind.ENKAT else None,
            points=points,
            is_walk=survey.kind == SurveyKind.VANDRING,
            alerts=survey_alerts(survey),
            themes=[(k, _(v)) for k, v in THEMES.items()],
            # A resident's words about their area: most often about safety in
            # public places; the coordinator changes it per answer.
            default_theme="trygghet_offentlig_miljo",
        ),
    )


@staff_view
@require_POST
def survey_publish_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    kommun = _kommun_for_editor(request, code)
    survey = _survey(kommun, pk)
    service_done(
        request, lambda: survey_publish(survey=survey), _("Enkäten är publicerad.")
    )
    return redirect("situation:survey_detail", code=kommun.code, pk=survey.pk)


@staff_view
def survey_export_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """GET: what the transfer would replace (old share and n → new); POST: transfer,
    replacing other sources' figures only when the page's box was ticked."""
    kommun = _kommun_for_editor(request, code)
    survey = _survey(kommun, pk)
    if request.method != "POST":
        plan = export_plan(survey)
        return render(
            request,
            "situation/survey_export.html",
            _context(
                request,
                kommun,
                survey=survey,
                replaced=[r for r in plan if not r.weak],
                kept=[r for r in plan if r.weak],
            ),
        )
    replace = request.POST.get("replace") == "1"
    try:
        summary = survey_export(survey=survey, actor=request.user, replace=replace)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("situation:survey_export", code=kommun.code, pk=survey.pk)
    for warning in summary.warnings:
        messages.warning(request, warning)
    messages.success(
        request,
        _("Resultaten finns nu i lägesbilden. %(summary)s") % {"summary": summary},
    )
    return redirect("situation:survey_detail", code=kommun.code, pk=survey.pk)


@staff_view
@require_POST
def walk_moderate(request: HttpRequest, code: str, pk: int, point: int) -> HttpResponse:
    kommun = _kommun_for_editor(request, code)
    survey = _survey(kommun, pk)
    walk_point = get_object_or_404(WalkPoint, survey=survey, pk=point)
    approve = request.POST.get("decision") == WalkStatus.APPROVED
    walk_point_moderate(point=walk_point, approve=approve, actor=request.user)
    messages.success(
        request, _("Punkten är godkänd.") if approve else _("Punkten är avvisad.")
    )
    return redirect("situation:survey_detail", code=kommun.code, pk=survey.pk)


@staff_view
def survey_qr(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The public link as a QR code (SVG), made locally with segno."""
    import segno

    kommun = _kommun_for_viewer(request, code)
    survey = _survey(kommun, pk)
    buffer = io.BytesIO()
    segno.make(_public_url(request, survey), error="m").save(
        buffer, kind="svg", scale=6, border=2, title=survey.title
    )
    return file_response(buffer.getvalue(), f"enkat-{survey.pk}-qr.svg", inline=True)


def _urls() -> list:
    from django.urls import path

    return [
        path("<str:code>/enkater/", survey_list, name="surveys"),
        path("<str:code>/enkater/ny/", survey_new, name="survey_new"),
        path("<str:code>/enkater/<int:pk>/", survey_detail, name="survey_detail"),
        path(
            "<str:code>/enkater/<int:pk>/publicera/",
            survey_publish_view,
            name="survey_publish",
        ),
        path(
            "<str:code>/enkater/<int:pk>/till-lagesbild/",
            survey_export_view,
            name="survey_export",
        ),
        path("<str:code>/enkater/<int:pk>/qr.svg", survey_qr, name="survey_qr"),
        path(
            "<str:code>/enkater/<int:pk>/punkt/<int:point>/",
            walk_moderate,
            name="walk_moderate",
        ),
    ]


staff_urlpatterns = _urls()
