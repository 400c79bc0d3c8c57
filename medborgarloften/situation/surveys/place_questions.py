"""Survey place questions ("Var känner du dig mest otrygg?"): asked with the same
map component as the walk (tap, search, drag, use my location) or answered with an
area or in words; a point is stored with the area it lies in. Validation and saving
for ``survey_create`` and ``survey_response_submit``; the map's configuration for
the answer page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from medborgarloften.places.maps import area_feature, map_config
from medborgarloften.places.models import Area

from .. import geo
from ..models import QuestionKind, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from ..services.observations import area_at
from .question_lines import question_line_errors, question_lines_add

PLACE_TEXT_MAX = 200
#: SurveyAnswer.value of a place answer (the point, area or words carry the answer).
PLACE_VALUE = "plats"


@dataclass(frozen=True)
class PlaceAnswer:
    latitude: float | None = None
    longitude: float | None = None
    area: Area | None = None
    text: str = ""

    def given(self) -> bool:
        return (
            self.latitude is not None
            or self.longitude is not None
            or self.area is not None
            or bool(self.text.strip())
        )


def place_question_errors(texts: list[str]) -> list[str]:
    """Messages for the build form's place questions (empty lines already gone)."""
    return question_line_errors(texts, label=_("Platsfrågor"))


def place_questions_add(*, survey: Survey, texts: list[str], position: int) -> int:
    """Add the place questions after the survey's other questions."""
    return question_lines_add(
        survey=survey, texts=texts, position=position, kind=QuestionKind.PLACE
    )


def place_answer_errors(
    *, survey: Survey, question: SurveyQuestion, answer: PlaceAnswer
) -> list[str]:
    """Why a place answer cannot be stored: a half point, a point outside the kommun,
    an area of another kommun, words too long."""
    errors = []
    kommun = survey.kommun
    label = question.text
    if (answer.latitude is None) != (answer.longitude is None):
        errors.append(_("%(q)s: punkten saknar en koordinat.") % {"q": label})
    elif answer.latitude is not None and answer.longitude is not None:
        boundary = geo.kommun_geometry(kommun.code)
        inside = geo.in_sweden_box(answer.latitude, answer.longitude) and (
            boundary is None
            or geo.near(boundary, lat=answer.latitude, lon=answer.longitude)
        )
        if not inside:
            errors.append(
                _("%(q)s: punkten ligger utanför %(k)s. Välj en plats i kommunen.")
                % {"q": label, "k": kommun}
            )
    if answer.area is not None and answer.area.kommun_id != kommun.pk:
        errors.append(
            _("%(q)s: området ligger inte i %(k)s.") % {"q": label, "k": kommun}
        )
    if len(" ".join(answer.text.split())) > PLACE_TEXT_MAX:
        errors.append(
            _("%(q)s: platsen med ord får vara högst %(max)d tecken.")
            % {"q": label, "max": PLACE_TEXT_MAX}
        )
    return errors


def place_answers_save(
    *, response: SurveyResponse, answers: dict[int, PlaceAnswer]
) -> None:
    """Store the given place answers; a point with the area it lies in (the area
    chosen in the list only when no point was marked)."""
    kommun = response.survey.kommun
    rows = []
    for question_id, answer in answers.items():
        if not answer.given():
            continue
        area = answer.area
        if answer.latitude is not None and answer.longitude is not None:
            area = area_at(
                kommun=kommun, latitude=answer.latitude, longitude=answer.longitude
            )
        rows.append(
            SurveyAnswer(
                response=response,
                question_id=question_id,
                value=PLACE_VALUE,
                latitude=answer.latitude,
                longitude=answer.longitude,
                area=area,
                place_text=" ".join(answer.text.split()),
            )
        )
    SurveyAnswer.objects.bulk_create(rows)


def place_question_map(
    *, survey: Survey, question: SurveyQuestion, areas: list[Area], prefix: str
) -> dict[str, Any]:
    """The map to answer one place question: the kommun's areas, opened on the
    survey's own areas (or the whole kommun), with the form's hidden inputs."""
    chosen = {a.pk for a in survey.areas.all()}
    shown = [a for a in areas if a.geometry]
    return map_config(
        title=_("Karta för frågan: %(q)s") % {"q": question.text},
        kommun_code=survey.kommun.code,
        areas=shown,
        features=[area_feature(a, names=a.names()) for a in shown],
        focus=[a.name for a in shown if a.pk in chosen],
        pick={
            "latitude": f"id_{prefix}_lat",
            "longitude": f"id_{prefix}_lon",
            "area": f"id_{prefix}_area",
        },
    ).as_json()
