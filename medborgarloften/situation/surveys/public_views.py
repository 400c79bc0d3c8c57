"""Public answering pages: anonymous, phone-first, no account, no personal data.

One answer per browser session (a flag in the session, never linked to the answer)
for the resident's own sake; against scripts, limits a respondent cannot shed
(``limits.py``: a signed, single-use form token with a minimum fill time, and
allowances per address and network) and a honeypot. Refusals are counted for the
survey's owner. The answer is saved in one transaction before the thank-you page, so
"Tack för ditt svar" always means it is stored.
"""

from __future__ import annotations

from typing import cast

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from medborgarloften.lib.forms import apply_service_errors

from ..models import AlertReason, Survey, SurveyKind
from . import limits
from .forms import SurveyAnswerForm, WalkPointForm
from .selectors import walk_map
from .services import survey_alert_record, survey_response_submit, walk_point_submit

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


def _refusal(check: limits.TokenCheck) -> tuple[str, int, str | None] | None:
    """(message, status, alert reason) when the form token does not let the answer
    through; None when it does."""
    state = check.state
    if state is limits.Token.OK:
        return None
    if state is limits.Token.FAST:
        return (
            _(
                "Svaret kom väldigt snabbt efter att sidan visades. Kontrollera "
                "svaren och skicka igen."
            ),
            400,
            AlertReason.FAST,
        )
    if state is limits.Token.EXPIRED:
        return (
            _("Sidan var öppen länge. Kontrollera svaren och skicka igen."),
            400,
            None,
        )
    return (
        _("Formuläret gick inte att läsa. Ladda om sidan och svara igen."),
        400,
        AlertReason.TOKEN,
    )


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
    form_token = limits.form_token(survey)
    if request.method == "POST":
        posted = request.POST.get("form_token", "")
        check = limits.check_token(survey, posted)
        if check.state in (limits.Token.FAST, limits.Token.OK):
            form_token = posted  # its time keeps running while the person checks
        keys = limits.client_keys(request)
        if check.state is limits.Token.USED:
            # This page view's answer is stored already (a double click, or a
            # script replaying one page): nothing more is stored.
            return redirect("surveys_public:thanks", token=survey.token)
        refusal = _refusal(check)
        if refusal is None and not limits.has_allowance(survey, keys):
            refusal = (
                _(
                    "Många svar har kommit från samma nätverk den senaste timmen. "
                    "Ditt svar är inte sparat; försök igen om en stund."
                ),
                429,
                AlertReason.ADDRESS,
            )
        if refusal is not None:
            message, status, reason = refusal
            form.add_error(None, message)
            if reason:
                survey_alert_record(survey=survey, reason=reason)
        elif form.is_valid():
            data = form.cleaned_data
            if data.get("website"):
                # A script filled in the hidden field: pretend all went well, but
                # count it against the client and tell the owner.
                limits.spend_token(survey, check.nonce)
                limits.count_stored(survey, keys)
                survey_alert_record(survey=survey, reason=AlertReason.HONEYPOT)
                return redirect("surveys_public:thanks", token=survey.token)
            if not limits.spend_token(survey, check.nonce):
                # The same page sent twice at once: the other copy is stored.
                return redirect("surveys_public:thanks", token=survey.token)
            try:
                if survey.kind == SurveyKind.VANDRING:
                    walk_point_submit(
                        survey=survey,
                        reasons=data["reasons"],
                        comment=data["comment"],
                        area=data["area"],
                        place_text=data["place_text"],
                        latitude=data["latitude"],
                        longitude=data["longitude"],
                    )
                else:
                    # Not a walk, so form_class was the survey's answer form.
                    answer_form = cast(SurveyAnswerForm, form)
                    survey_response_submit(
                        survey=survey,
                        answers=answer_form.answers(),
                        area=data.get("area"),
                        gender=data.get("gender", ""),
                        age_group=data.get("age_group", ""),
                        places=answer_form.places(),
                        texts=answer_form.texts(),
                    )
            except ValidationError as exc:
                limits.release_token(survey, check.nonce)
                apply_service_errors(form, exc)
                status = 400
            else:
                if limits.count_stored(survey, keys):
                    survey_alert_record(survey=survey, reason=AlertReason.LOAD)
                if survey.kind != SurveyKind.VANDRING:
                    _mark_answered(request, survey)
                return redirect("surveys_public:thanks", token=survey.token)
        else:
            status = 400
    context["form"] = form
    context["form_token"] = form_token
    response = render(request, template, context, status=status)
    if status == 429:
        response["Retry-After"] = str(limits.HOUR)
    return response


def thanks(request: HttpRequest, token: str) -> HttpResponse:
    survey = _survey(token)
    return render(request, "situation/survey_thanks.html", {"survey": survey})
