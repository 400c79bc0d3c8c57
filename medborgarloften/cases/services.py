"""Writing cases: from every input, routed to an owner, merged, moderated.

The owners' work (answer, hand on, close, link) is in ``handling.py``; the resident's
e-mail and the mails in ``notify.py``.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.lib.screening import screen
from medborgarloften.places.models import Area, Organisation
from medborgarloften.situation import geo
from medborgarloften.situation.models import (
    DialogueFinding,
    QuestionKind,
    SurveyAnswer,
    SurveyQuestion,
    WalkPoint,
)
from medborgarloften.situation.surveys.place_questions import PlaceAnswer
from medborgarloften.situation.surveys.selectors import respondent_places
from medborgarloften.situation.themes import OBSERVATION_THEMES
from medborgarloften.vocabulary import THEMES

from .models import Case, CaseEvent, CaseSource, CaseStatus, Moderation, RoutingRule
from .permissions import require_coordinator
from .photos import photo_clean

TEXT_MAX = 2000
DEFAULT_DAYS = 14


def area_at(kommun: Organisation, *, lat: float, lon: float) -> Area | None:
    """The kommun's smallest area whose boundary holds the point."""
    hits = [
        a
        for a in Area.objects.filter(kommun=kommun, geometry__isnull=False)
        if geo.contains(a.geometry, lat=lat, lon=lon)
    ]
    return min(hits, key=lambda a: geo.extent(a.geometry), default=None)


def route_for(case: Case) -> tuple[Organisation, int]:
    """The owner and the days to answer: the most specific rule (theme and area,
    then area, then theme, then a kommun-wide one); without a rule the kommun."""
    best: tuple[int, RoutingRule] | None = None
    for rule in RoutingRule.objects.filter(kommun_id=case.kommun_id).select_related(
        "owner"
    ):
        if rule.theme and rule.theme != case.theme:
            continue
        if rule.area_id and rule.area_id != case.area_id:
            continue
        score = (2 if rule.area_id else 0) + (1 if rule.theme else 0)
        if best is None or score > best[0]:
            best = (score, rule)
    if best is None:
        return case.kommun, DEFAULT_DAYS
    return best[1].owner, best[1].days


def _errors(
    *, kommun: Organisation, theme: str, text: str, lat: float | None, lon: float | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if theme not in THEMES:
        errors["theme"] = [_("Välj ett tema.")]
    if not text.strip():
        errors["text"] = [_("Skriv vad det gäller.")]
    elif len(text) > TEXT_MAX:
        errors["text"] = [
            _("Högst %(max)d tecken (du skrev %(n)d).")
            % {"max": TEXT_MAX, "n": len(text)}
        ]
    if (lat is None) != (lon is None):
        errors["position"] = [_("Platsen saknar en koordinat.")]
    elif lat is not None and lon is not None:
        boundary = geo.kommun_geometry(kommun.code)
        inside = geo.in_sweden_box(lat, lon) and (
            boundary is None or geo.near(boundary, lat=lat, lon=lon)
        )
        if not inside:
            errors["position"] = [
                _("Platsen ligger utanför %(k)s. Välj en plats i kommunen.")
                % {"k": kommun}
            ]
    return errors


def _checked(
    *,
    kommun: Organisation,
    theme: str,
    text: str,
    area: Area | None,
    latitude: float | None,
    longitude: float | None,
    photo: Any,
) -> tuple[dict[str, list[str]], Any]:
    errors = _errors(kommun=kommun, theme=theme, text=text, lat=latitude, lon=longitude)
    if area is not None and area.kommun_id != kommun.pk:
        errors["area"] = [_("Området ligger i en annan kommun.")]
    clean_photo = None
    if photo:
        try:
            clean_photo = photo_clean(photo)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    return errors, clean_photo


def case_check(
    *,
    kommun: Organisation,
    theme: str = "",
    text: str = "",
    area: Area | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    photo: Any = None,
) -> dict[str, list[str]]:
    """What :func:`case_create` would refuse in these values, saving nothing: a form
    whose own fields already failed (an e-mail address) still shows the resident
    every other problem — the photo's type, the theme, the text — in the same pass."""
    errors, _photo = _checked(
        kommun=kommun,
        theme=theme,
        text=text.strip(),
        area=area,
        latitude=latitude,
        longitude=longitude,
        photo=photo,
    )
    return errors


@transaction.atomic
def case_create(
    *,
    kommun: Organisation,
    source: str,
    theme: str,
    text: str,
    area: Area | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    place_text: str = "",
    photo: Any = None,
    email: str = "",
    source_ref: str = "",
    actor: Any = None,
) -> Case:
    """A new case, routed at once to its owner with a due date; the photo stripped
    of EXIF and GPS; nothing public before moderation. All or nothing."""
    text = text.strip()
    errors, clean_photo = _checked(
        kommun=kommun,
        theme=theme,
        text=text,
        area=area,
        latitude=latitude,
        longitude=longitude,
        photo=photo,
    )
    if errors:
        raise ValidationError(errors)
    if area is None and latitude is not None and longitude is not None:
        area = area_at(kommun, lat=latitude, lon=longitude)
    case = Case(
        kommun=kommun,
        source=source,
        source_ref=source_ref,
        theme=theme,
        text=text,
        area=area,
        latitude=latitude,
        longitude=longitude,
        place_text=" ".join(place_text.split())[:200],
        email=email.strip(),
    )
    case.full_clean(exclude=["photo"])
    if clean_photo is not None:
        # An unguessable name: a photo not yet moderated must not be found by
        # trying /media/cases/foto.jpg, foto_1.jpg …
        name = f"{secrets.token_urlsafe(18)}.jpg"
        case.photo.save(name, clean_photo, save=False)
    owner, days = route_for(case)
    case.owner = owner
    case.status = CaseStatus.ROUTED
    case.due_on = timezone.localdate() + dt.timedelta(days=days)
    case.save()
    CaseEvent.objects.create(case=case, action=CaseEvent.Action.CREATED, actor=actor)
    CaseEvent.objects.create(
        case=case, action=CaseEvent.Action.ROUTED, organisation=owner
    )
    return case


def _case_once(
    *, actor: Any, kommun: Organisation, source: str, ref: str, **fields: Any
) -> Case:
    """The case for ``source`` and ``ref``, made once: a second call returns the
    first. Only the kommun's coordinators may make it."""
    require_coordinator(actor, kommun.pk)
    existing = Case.objects.filter(source=source, source_ref=ref).first()
    if existing is not None:
        return existing
    return case_create(
        kommun=kommun, source=source, source_ref=ref, actor=actor, **fields
    )


def case_from_walk_point(*, actor: Any, point: WalkPoint) -> Case:
    """The case for a walk point (one only: a second call returns the first)."""
    themes = {OBSERVATION_THEMES.get(r, "") for r in point.reasons}
    themes.discard("")
    theme = themes.pop() if len(themes) == 1 else "trygghet_offentlig_miljo"
    return _case_once(
        actor=actor,
        kommun=point.survey.kommun,
        source=CaseSource.WALK,
        ref=f"walkpoint:{point.pk}",
        theme=theme,
        text=point.comment or point.place_text or _("Otrygg plats"),
        area=point.area,
        latitude=point.latitude,
        longitude=point.longitude,
        place_text=point.place_text,
    )


def case_from_dialogue_finding(*, actor: Any, finding: DialogueFinding) -> Case:
    """The case for a dialogue note (one only)."""
    return _case_once(
        actor=actor,
        kommun=finding.dialogue.kommun,
        source=CaseSource.DIALOGUE,
        ref=f"finding:{finding.pk}",
        theme=finding.theme,
        text=finding.text,
        area=finding.area or finding.dialogue.area,
        place_text=finding.place,
    )


def _survey_answer_case(
    *, actor: Any, answer: SurveyAnswer, theme: str, place: PlaceAnswer
) -> Case:
    return _case_once(
        actor=actor,
        kommun=answer.question.survey.kommun,
        source=CaseSource.SURVEY,
        ref=f"answer:{answer.pk}",
        theme=theme,
        text=answer.text,
        area=place.area,
        latitude=place.latitude,
        longitude=place.longitude,
        place_text=place.text,
    )


def _survey_errors(question: SurveyQuestion, theme: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if question.kind != QuestionKind.TEXT:
        errors["answer"] = [_("Bara fritextsvar kan göras till ärenden.")]
    if theme not in THEMES:
        errors["theme"] = [_("Välj ett tema.")]
    return errors


def case_from_survey_answer(*, actor: Any, answer: SurveyAnswer, theme: str) -> Case:
    """The case for a survey free-text answer (one only: a second call returns the
    first), placed where the respondent placed their answers (their place
    question, else the area they live in); not public before moderation."""
    require_coordinator(actor, answer.question.survey.kommun_id)
    errors = _survey_errors(answer.question, theme)
    if not errors and not answer.text.strip():
        errors["answer"] = [_("Svaret är tomt.")]
    if errors:
        raise ValidationError(errors)
    place = respondent_places([answer.response_id]).get(answer.response_id)
    return _survey_answer_case(
        actor=actor, answer=answer, theme=theme, place=place or PlaceAnswer()
    )


@dataclass(frozen=True)
class SurveyCases:
    """What ``cases_from_survey_question`` did: the new cases, and how many
    answers were cases already."""

    created: list[Case]
    existing: int


@transaction.atomic
def cases_from_survey_question(
    *, actor: Any, question: SurveyQuestion, theme: str
) -> SurveyCases:
    """One case per free-text answer of the question (answers made into cases
    before are left as they are), each placed like ``case_from_survey_answer``.
    All or nothing."""
    require_coordinator(actor, question.survey.kommun_id)
    errors = _survey_errors(question, theme)
    if errors:
        raise ValidationError(errors)
    answers = list(
        question.answers.exclude(text="").select_related("question__survey__kommun")
    )
    made = set(
        Case.objects.filter(
            source=CaseSource.SURVEY,
            source_ref__in=[f"answer:{a.pk}" for a in answers],
        ).values_list("source_ref", flat=True)
    )
    places = respondent_places(a.response_id for a in answers)
    created = [
        _survey_answer_case(
            actor=actor,
            answer=answer,
            theme=theme,
            place=places.get(answer.response_id) or PlaceAnswer(),
        )
        for answer in answers
        if f"answer:{answer.pk}" not in made
    ]
    return SurveyCases(created=created, existing=len(made))


def case_moderate(
    *, actor: Any, case: Case, publish: bool, photo: bool = False, text: str = ""
) -> Case:
    """Publish (with the text screened for personnummer and phone numbers, the
    photo only when approved) or hide a case."""
    require_coordinator(actor, case.kommun_id)
    if publish:
        case.public_text = screen((text or case.text).strip())[:TEXT_MAX]
        case.moderation = Moderation.PUBLIC
        case.photo_public = bool(photo and case.photo)
    else:
        case.moderation = Moderation.HIDDEN
        case.photo_public = False
    case.save(update_fields=["public_text", "moderation", "photo_public", "updated_at"])
    CaseEvent.objects.create(
        case=case,
        action=CaseEvent.Action.MODERATED,
        actor=actor,
        note=case.get_moderation_display(),
    )
    return case


@transaction.atomic
def case_merge(*, actor: Any, case: Case, into: Case) -> Case:
    """Fold a duplicate into another case of the same kommun: it closes with a
    reason naming the other, and leaves the public lists (its own duplicates
    follow it)."""
    require_coordinator(actor, case.kommun_id)
    if into.pk == case.pk or into.kommun_id != case.kommun_id:
        raise ValidationError({"into": _("Välj ett annat ärende i samma kommun.")})
    if into.duplicate_of_id:
        raise ValidationError({"into": _("Det ärendet är självt en dubblett.")})
    case.duplicate_of = into
    case.status = CaseStatus.CLOSED
    case.close_reason = _("Samma sak som ärende %(n)s.") % {"n": into.pk}
    case.save(update_fields=["duplicate_of", "status", "close_reason", "updated_at"])
    case.duplicates.update(duplicate_of=into)
    CaseEvent.objects.create(
        case=case, action=CaseEvent.Action.MERGED, actor=actor, note=f"#{into.pk}"
    )
    return into
