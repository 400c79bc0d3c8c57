"""Staff pages: an owner's cases and the coordinator's; one case with its actions.

Each POST names its action; a permission refusal renders the 403 page
(``staff_view``); a service's ValidationError goes back on the form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.followup.models import Activity
from medborgarloften.lib.forms import apply_service_errors
from medborgarloften.lib.siteurl import site_root
from medborgarloften.promises.models import Commitment
from medborgarloften.situation.models import (
    DialogueFinding,
    SurveyAnswer,
    SurveyQuestion,
    WalkPoint,
)

from . import handling, services
from .forms import (
    AnswerForm,
    CloseForm,
    HandOnForm,
    LinkForm,
    MergeForm,
    ModerateForm,
    SurveyCaseForm,
)
from .models import Case, CaseStatus, Outcome
from .permissions import can_coordinate, require_coordinator
from .selectors import (
    REVIEW,
    answer_templates_for_case,
    awaiting_review_for_user,
    cases_for_user,
    coordinated_kommuner,
    link_choices,
    nearby_duplicates,
    open_for_user,
    owner_choices,
)


@staff_view
def case_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    cases = cases_for_user(request.user)
    if status == "open":
        cases = open_for_user(request.user, cases)
    elif status == REVIEW:
        cases = awaiting_review_for_user(request.user, cases)
    elif status in CaseStatus.values:
        cases = cases.filter(status=status)
    return render(
        request,
        "cases/staff_list.html",
        {
            "cases": cases[:300],
            "status": status,
            "review": REVIEW,
            "statuses": CaseStatus.choices,
            "kommuner": coordinated_kommuner(request.user),
        },
    )


def _case(request: HttpRequest, pk: int) -> Case:
    return get_object_or_404(cases_for_user(request.user), pk=pk)


def _forms(
    case: Case,
    data: Any = None,
    action: str = "",
    answer: str = "",
    *,
    coordinator: bool = False,
) -> dict[str, Form]:
    duplicates = Case.objects.filter(pk__in=[c.pk for c in nearby_duplicates(case)])
    commitments, activities = link_choices(case.kommun_id) if coordinator else ([], [])
    link_options = {"commitments": commitments, "activities": activities}
    forms: dict[str, Form] = {
        "answer": AnswerForm(
            data if action == "answer" else None, initial={"answer": answer}
        ),
        "hand_on": HandOnForm(
            data if action == "hand_on" else None,
            owners=owner_choices(case.kommun).exclude(pk=case.owner_id or 0),
        ),
        # Its own ids: the answer form has an "outcome" too (one id per page).
        "close": CloseForm(data if action == "close" else None, auto_id="id_close_%s"),
        "link": LinkForm(data if action == "link" else None, **link_options),
        "moderate": ModerateForm(
            data if action == "moderate" else None, photo=bool(case.photo)
        ),
        "merge": MergeForm(data if action == "merge" else None, candidates=duplicates),
    }
    return forms


def _run(request: HttpRequest, case: Case, action: str, data: dict[str, Any]) -> None:
    user = request.user
    if action == "answer":
        handling.case_answer(
            actor=user,
            case=case,
            answer=data["answer"],
            close=data["close"],
            outcome=data.get("outcome") or Outcome.ANSWERED,
            site=site_root(request),
        )
    elif action == "hand_on":
        handling.case_hand_on(
            actor=user, case=case, owner=data["owner"], note=data["note"]
        )
    elif action == "close":
        handling.case_close(
            actor=user, case=case, reason=data["reason"], outcome=data["outcome"]
        )
    elif action == "link":
        # The form offered only the kommun's promises' activities and commitments.
        activity = commitment = None
        if data["activity"]:
            activity = Activity.objects.get(pk=data["activity"])
        else:
            commitment = Commitment.objects.get(pk=data["commitment"])
        handling.case_link(
            actor=user, case=case, activity=activity, commitment=commitment
        )
    elif action == "moderate":
        services.case_moderate(
            actor=user,
            case=case,
            publish=data["publish"],
            photo=data.get("photo", False),
            text=data["text"],
        )
    elif action == "merge":
        services.case_merge(actor=user, case=case, into=data["into"])


def _offered(case: Case) -> set[str]:
    """The owner's actions that still apply: none on a closed case, and handing on
    only while the case is open."""
    if case.status == CaseStatus.CLOSED:
        return set()
    return {"answer", "close", "hand_on"} if case.is_open else {"answer", "close"}


def _done(action: str, case: Case) -> str:
    """What the page says after an action went through."""
    if action == "answer":
        if case.status == CaseStatus.CLOSED:
            return _("Svaret är sparat och ärendet avslutat.")
        return _("Svaret är sparat.")
    if action == "hand_on":
        return _("Ärendet är lämnat vidare till %(owner)s.") % {"owner": case.owner}
    return {
        "close": _("Ärendet är avslutat."),
        "link": _("Kopplingen är sparad."),
        "moderate": _("Granskningen är sparad."),
        "merge": _("Ärendena är ihopslagna."),
    }[action]


def _closes(action: str, data: dict[str, Any]) -> bool:
    return action == "close" or (action == "answer" and bool(data.get("close")))


def _close_confirm(
    request: HttpRequest, case: Case, action: str, form: Form
) -> HttpResponse:
    """ "Avsluta ärendet?": what was filled in, sent again with ``confirmed``."""
    data = form.cleaned_data
    outcome = data.get("outcome") or Outcome.ANSWERED
    return render(
        request,
        "cases/close_confirm.html",
        {
            "case": case,
            "action": action,
            "fields": [
                (name, request.POST.get(name, ""))
                for name in form.fields
                if name in request.POST
            ],
            "outcome": Outcome(outcome).label,
            "words": data.get("reason") or data.get("answer") or "",
        },
    )


@staff_view
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    action = request.POST.get("action", "")
    templates = answer_templates_for_case(case)
    # "Använd i svaret": the answer form starts from the chosen template.
    chosen = request.GET.get("mall", "")
    start = templates.filter(pk=chosen).first() if chosen.isdecimal() else None
    coordinator = can_coordinate(request.user, case.kommun_id)
    forms = _forms(
        case,
        request.POST or None,
        action,
        answer=start.text if start else "",
        coordinator=coordinator,
    )
    if request.method == "POST" and action in forms:
        form = forms[action]
        valid = form.is_valid()
        if (
            valid
            and _closes(action, form.cleaned_data)
            and case.status != CaseStatus.CLOSED  # refused below, with the reason
            and not request.POST.get("confirmed")
        ):
            # Closing is for good: say so, and ask once more.
            return _close_confirm(request, case, action, form)
        if valid:
            try:
                _run(request, case, action, form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
                if action not in _offered(case):
                    # Its form is not on the page any more: say why here.
                    for message in exc.messages:
                        messages.error(request, message)
            else:
                messages.success(request, _done(action, case))
                return redirect("cases:staff_detail", pk=case.pk)
    return render(
        request,
        "cases/staff_detail.html",
        {
            "case": case,
            "forms": forms,
            "coordinator": coordinator,
            "closed": case.status == CaseStatus.CLOSED,
            "offered": _offered(case),
            "events": case.events.select_related("actor", "organisation"),
            "templates": templates,
            "chosen_template": start.pk if start else None,
            "duplicates": forms["merge"].fields["into"].queryset,  # type: ignore[attr-defined]
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_view
@require_POST
def from_walk_point(request: HttpRequest, pk: int) -> HttpResponse:
    point = get_object_or_404(WalkPoint.objects.select_related("survey__kommun"), pk=pk)
    case = services.case_from_walk_point(actor=request.user, point=point)
    return redirect("cases:staff_detail", pk=case.pk)


@staff_view
@require_POST
def from_finding(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(
        DialogueFinding.objects.select_related("dialogue__kommun"), pk=pk
    )
    case = services.case_from_dialogue_finding(actor=request.user, finding=finding)
    return redirect("cases:staff_detail", pk=case.pk)


def _survey_theme(request: HttpRequest, question: SurveyQuestion) -> str | None:
    """The theme posted for a survey answer's case, after checking that the user
    coordinates the survey's kommun; None (with a message) when none was chosen."""
    require_coordinator(request.user, question.survey.kommun_id)
    form = SurveyCaseForm(request.POST)
    if form.is_valid():
        return str(form.cleaned_data["theme"])
    messages.error(request, _("Välj ett tema för ärendet."))
    return None


def _back_to_survey(
    question: SurveyQuestion,
    request: HttpRequest | None = None,
    error: ValidationError | None = None,
) -> HttpResponse:
    """Back to the survey's results page, with the service's refusal shown."""
    if request is not None and error is not None:
        for message in error.messages:
            messages.error(request, message)
    survey = question.survey
    return redirect("situation:survey_detail", code=survey.kommun.code, pk=survey.pk)


@staff_view
@require_POST
def from_survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_object_or_404(
        SurveyAnswer.objects.select_related("question__survey__kommun"), pk=pk
    )
    theme = _survey_theme(request, answer.question)
    if theme is None:
        return _back_to_survey(answer.question)
    try:
        case = services.case_from_survey_answer(
            actor=request.user, answer=answer, theme=theme
        )
    except ValidationError as exc:
        return _back_to_survey(answer.question, request, exc)
    return redirect("cases:staff_detail", pk=case.pk)


@staff_view
@require_POST
def from_survey_question(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(
        SurveyQuestion.objects.select_related("survey__kommun"), pk=pk
    )
    theme = _survey_theme(request, question)
    if theme is None:
        return _back_to_survey(question)
    try:
        made = services.cases_from_survey_question(
            actor=request.user, question=question, theme=theme
        )
    except ValidationError as exc:
        return _back_to_survey(question, request, exc)
    n = len(made.created)
    messages.success(
        request,
        ngettext("%(n)d svar blev ett ärende.", "%(n)d svar blev ärenden.", n)
        % {"n": n}
        + (
            " "
            + ngettext(
                "%(n)d svar var redan ett ärende.",
                "%(n)d svar var redan ärenden.",
                made.existing,
            )
            % {"n": made.existing}
            if made.existing
            else ""
        ),
    )
    return redirect("cases:staff_list")
