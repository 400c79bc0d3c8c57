"""Public answering pages: anonymous, phone-first, no account, no personal data.

One answer per browser session (a flag in the session, never linked to the answer),
a honeypot and rate limits against scripts. The answer is saved in one transaction
before the thank-you page, so "Tack för ditt svar" always means it is stored.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..models import Survey, SurveyKind
from . import limits
from .forms import SurveyAnswerForm, WalkPointForm
from .selectors import walk_map
from .services import survey_response_submit, walk_point_submit

_DONE = "surveys_answered"


def _survey(token: str) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("kommun"), token=token)
    if survey.published_at is None:
        raise Http404(_("Enkäten finns inte eller är inte öppen."))
    return survey


def _answered(request: HttpRequest, survey: Survey) -> bool:
    return survey.pk in request.session.get(_DONE, [])


def _mark_answered(request: HttpRequest, survey: Survey) -> None:
    request.session[_DONE] = [*request.session.get(_DONE, []), survey.pk]


def _session_key(request: HttpRequest) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key or ""


def _add_errors(form: object, exc: ValidationError) -> None:
    for field, messages in exc.message_dict.items():
        for message in messages:
            target = field if field in form.fields else None  # type: ignore[attr-defined]
            form.add_error(target, message)  # type: ignore[attr-defined]


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    survey = _survey(token)
    closed = timezone.localdate() > survey.closes_on
    template = (
        "situation/walk_answer.html"
        if survey.kind == SurveyKind.VANDRING
        else "situation/survey_answer.html"
    )
    form_class = (
        WalkPointForm if survey.kind == SurveyKind.VANDRING else SurveyAnswerForm
    )
    context = {"survey": survey, "closed": closed, "answered": False}
    if survey.kind == SurveyKind.VANDRING:
        context["map"] = walk_map(survey)
    elif _answered(request, survey):
        context["answered"] = True
        return render(request, template, context)
    if closed:
        return render(
            request, template, context, status=410 if request.method == "POST" else 200
        )
    form = form_class(request.POST or None, survey=survey)
    status = 200
    if request.method == "POST":
        if not limits.allow(survey_id=survey.pk, session_key=_session_key(request)):
            form.add_error(
                None,
                _("För många svar på kort tid. Vänta en stund och försök igen."),
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            if data.get("website"):
                # A script filled in the hidden field: pretend all went well.
                return redirect("surveys_public:thanks", token=survey.token)
            try:
                if survey.kind == SurveyKind.VANDRING:
                    walk_point_submit(
                        survey=survey,
                        reasons=data["reasons"],
                        comment=data["comment"],
                        area=data["area"],
                        latitude=data["latitude"],
                        longitude=data["longitude"],
                    )
                else:
                    survey_response_submit(
                        survey=survey,
                        answers=form.answers(),
                        area=data.get("area"),
                        gender=data.get("gender", ""),
                        age_group=data.get("age_group", ""),
                    )
            except ValidationError as exc:
                _add_errors(form, exc)
                status = 400
            else:
                if survey.kind != SurveyKind.VANDRING:
                    _mark_answered(request, survey)
                return redirect("surveys_public:thanks", token=survey.token)
        else:
            status = 400
    context["form"] = form
    return render(request, template, context, status=status)


def thanks(request: HttpRequest, token: str) -> HttpResponse:
    survey = _survey(token)
    return render(request, "situation/survey_thanks.html", {"survey": survey})
