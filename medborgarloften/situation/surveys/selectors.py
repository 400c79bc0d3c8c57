"""Reads for digital surveys: results by area, gender and age group (with the
lägesbild's small-group suppression), the previous round, walk points."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from medborgarloften.places.maps import area_feature, map_config
from medborgarloften.places.models import Area, Organisation

from .. import geo
from ..models import (
    AlertReason,
    QuestionKind,
    Survey,
    SurveyAlert,
    SurveyAnswer,
    SurveyKind,
    SurveyQuestion,
    SurveyResponse,
    WalkPoint,
    WalkStatus,
)
from ..selectors.analysis import (
    MIN_GROUP,
    Figure,
    count_figure,
    share_figure,
    suppress_complements,
)
from .bank import AGE_GROUPS, GENDERS, WALK_REASONS
from .place_questions import PlaceAnswer
from .text_questions import TEXT_VALUE


@dataclass(frozen=True)
class Cell:
    """One indicator share for an area (None: whole kommun), gender and age ("" = all)."""

    question_id: int
    indicator: str
    area: Area | None
    gender: str
    age_group: str
    share: float
    respondents: int


def surveys_for(kommun: Organisation) -> QuerySet[Survey]:
    return Survey.objects.filter(kommun=kommun).annotate(
        n_responses=Count("responses", distinct=True),
        n_points=Count("walk_points", distinct=True),
    )


def _tally(survey: Survey) -> dict[tuple[int, int | None, str, str], list[int]]:
    """(question, area, gender, age) → [answered, gave a problem answer], every
    combination including the totals ("" and None mean all)."""
    questions = {
        q.pk: set(q.problem_values) for q in survey.questions.all() if q.problem_values
    }
    rows = SurveyAnswer.objects.filter(question_id__in=questions).values_list(
        "question_id",
        "value",
        "response__area_id",
        "response__gender",
        "response__age_group",
    )
    tally: dict[tuple[int, int | None, str, str], list[int]] = defaultdict(
        lambda: [0, 0]
    )
    for qid, value, area_id, gender, age in rows:
        problem = value in questions[qid]
        genders = {"", gender} if gender in ("kvinnor", "man") else {""}
        ages = {"", age} if age else {""}
        for a in {None, area_id}:
            for g in genders:
                for ag in ages:
                    cell = tally[(qid, a, g, ag)]
                    cell[0] += 1
                    cell[1] += int(problem)
    return tally


def indicator_cells(survey: Survey) -> list[Cell]:
    """Every share the lägesbild can import: indicator questions only."""
    questions = {q.pk: q for q in survey.questions.all() if q.indicator}
    areas = {a.pk: a for a in Area.objects.filter(kommun=survey.kommun)}
    cells = []
    for (qid, area_id, gender, age), (n, problem) in sorted(
        _tally(survey).items(), key=lambda kv: str(kv[0])
    ):
        if qid not in questions or n == 0:
            continue
        cells.append(
            Cell(
                question_id=qid,
                indicator=questions[qid].indicator,
                area=areas.get(area_id) if area_id else None,
                gender=gender,
                age_group=age,
                share=round(100 * problem / n, 1),
                respondents=n,
            )
        )
    return cells


def previous_round(survey: Survey) -> Survey | None:
    """The kommun's latest published survey of the same kind before this one."""
    return (
        Survey.objects.filter(
            kommun=survey.kommun,
            kind=survey.kind,
            published_at__isnull=False,
            closes_on__lt=survey.closes_on,
        )
        .exclude(pk=survey.pk)
        .order_by("-closes_on", "-pk")
        .first()
    )


@dataclass
class QuestionResult:
    question: SurveyQuestion
    total: Figure
    previous: Figure | None = None
    change: float | None = None
    groups: list[tuple[str, Figure]] = field(default_factory=list)
    options: list[tuple[str, Figure]] = field(default_factory=list)
    #: A free-text question's answers, for staff (never a public page).
    answers: list[TextAnswer] = field(default_factory=list)


@dataclass(frozen=True)
class TextAnswer:
    """One free-text answer with where the respondent placed it."""

    answer: SurveyAnswer
    place: PlaceAnswer


def respondent_places(response_ids: Iterable[int]) -> dict[int, PlaceAnswer]:
    """Where each respondent put their answers: the first place question they
    answered (a point with its area, an area, or words); without one, the area
    they said they live in. Respondents with neither are left out."""
    ids = set(response_ids)
    places: dict[int, PlaceAnswer] = {}
    for answer in (
        SurveyAnswer.objects.filter(
            response_id__in=ids, question__kind=QuestionKind.PLACE
        )
        .select_related("area")
        .order_by("question__position", "question_id")
    ):
        places.setdefault(
            answer.response_id,
            PlaceAnswer(
                latitude=answer.latitude,
                longitude=answer.longitude,
                area=answer.area,
                text=answer.place_text,
            ),
        )
    for response in SurveyResponse.objects.filter(
        pk__in=ids - set(places), area__isnull=False
    ).select_related("area"):
        places[response.pk] = PlaceAnswer(area=response.area)
    return places


def text_answers(survey: Survey) -> dict[int, list[TextAnswer]]:
    """Question id → its free-text answers (oldest first), each with the
    respondent's place, for the staff results page."""
    answers = list(
        SurveyAnswer.objects.filter(
            question__survey=survey, question__kind=QuestionKind.TEXT
        )
        .exclude(text="")
        .order_by("id")
    )
    places = respondent_places(a.response_id for a in answers)
    found: dict[int, list[TextAnswer]] = defaultdict(list)
    for answer in answers:
        found[answer.question_id].append(
            TextAnswer(answer, places.get(answer.response_id, PlaceAnswer()))
        )
    return found


def _share(tally: dict, key: tuple) -> Figure:
    n, problem = tally.get(key, [0, 0])
    return share_figure(round(100 * problem / n, 1) if n else None, n or None)


def survey_results(survey: Survey) -> dict[str, Any]:
    """The staff results page: counts, shares by group (< MIN_GROUP never shown as
    a figure, nor a figure it could be worked out from by subtraction) and the
    change since the previous round's matching question."""
    responses = survey.responses.all()
    total = responses.count()
    by_area: dict[int | None, int] = dict(
        responses.values_list("area_id")
        .annotate(n=Count("id"))
        .values_list("area_id", "n")
    )
    areas = list(survey.areas.order_by("name"))
    tally = _tally(survey)
    previous = previous_round(survey)
    previous_tally = _tally(previous) if previous else {}
    previous_keys = (
        {q.bank_key: q.pk for q in previous.questions.all() if q.bank_key}
        if previous
        else {}
    )
    option_counts: dict[tuple[int, str], int] = defaultdict(int)
    for qid, value, n in (
        SurveyAnswer.objects.filter(question__survey=survey)
        .values_list("question_id", "value")
        .annotate(n=Count("id"))
    ):
        option_counts[(qid, value)] = n
    results = []
    labels = {k: str(v) for k, v in [*GENDERS, *AGE_GROUPS]}
    texts = text_answers(survey)
    for question in survey.questions.all():
        if question.kind == QuestionKind.TEXT:  # answered in words, for staff
            results.append(
                QuestionResult(
                    question=question,
                    total=count_figure(option_counts[(question.pk, TEXT_VALUE)]),
                    answers=texts.get(question.pk, []),
                )
            )
            continue
        answered = sum(option_counts[(question.pk, o[0])] for o in question.options)
        if question.kind == QuestionKind.PLACE:  # answered on the map
            answered = option_counts[(question.pk, "plats")]
        result = QuestionResult(question=question, total=count_figure(answered))
        if question.problem_values:
            result.total = _share(tally, (question.pk, None, "", ""))
            whole = tally.get((question.pk, None, "", ""), [0, 0])[0]
            # Each partition (areas; women and men; ages) with its complements
            # hidden, so that no small group can be worked out by subtraction.
            for partition in (
                [(a.name, (question.pk, a.pk, "", "")) for a in areas],
                [(labels[k], (question.pk, None, k, "")) for k in ("kvinnor", "man")],
                [(str(label), (question.pk, None, "", k)) for k, label in AGE_GROUPS],
            ):
                figures = suppress_complements(
                    [_share(tally, key) for _label, key in partition], total=whole
                )
                result.groups += [
                    (label, figure)
                    for (label, _key), figure in zip(partition, figures, strict=True)
                ]
            old_id = previous_keys.get(question.bank_key)
            if old_id:
                result.previous = _share(previous_tally, (old_id, None, "", ""))
                now, before = result.total.value, result.previous.value
                if (
                    result.previous.shown
                    and result.total.shown
                    and now is not None
                    and before is not None
                ):
                    result.change = round(now - before, 1)
        else:
            figures = [
                count_figure(option_counts[(question.pk, value)])
                for value, _label in question.options
            ]
            if answered < MIN_GROUP:
                figures = [
                    Figure(value=f.value, base=answered, suppressed=True)
                    for f in figures
                ]
            else:  # the options and the skipped add up to the answers shown
                figures = suppress_complements(figures, total=total)
            result.options = [
                (label, figure)
                for (_value, label), figure in zip(
                    question.options, figures, strict=True
                )
            ]
        results.append(result)
    # The answers without an area are a part of the same whole.
    *area_figures, no_area = suppress_complements(
        [count_figure(by_area.get(a.pk, 0)) for a in areas]
        + [count_figure(by_area.get(None, 0))],
        total=total,
    )
    return {
        "total": total,
        "total_figure": count_figure(total),
        "by_area": [(a.name, f) for a, f in zip(areas, area_figures, strict=True)],
        "no_area": no_area,
        "questions": results,
        "previous": previous,
    }


@dataclass(frozen=True)
class AlertDay:
    day: Any
    reasons: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(n for _label, n in self.reasons)


def survey_alerts(survey: Survey, *, days: int = 30) -> list[AlertDay]:
    """Suspected scripted answers per day (newest first, the last ``days`` days
    with any), each reason with its count, for the survey's staff page."""
    labels = {code: str(label) for code, label in AlertReason.choices}
    found: dict[Any, list[tuple[str, int]]] = defaultdict(list)
    for alert in SurveyAlert.objects.filter(survey=survey, count__gt=0).order_by(
        "-day", "reason"
    ):
        if alert.day not in found and len(found) >= days:
            break
        found[alert.day].append((labels.get(alert.reason, alert.reason), alert.count))
    return [AlertDay(day, reasons) for day, reasons in found.items()]


def walk_points(survey: Survey, *, status: str | None = None) -> QuerySet[WalkPoint]:
    points = survey.walk_points.select_related("area")
    return points.filter(status=status) if status else points


def walk_map(survey: Survey) -> dict[str, Any]:
    """The SVG map a resident clicks on: the kommun outline, the walk's areas, the
    places staff have approved (never pending ones), and the bounds JavaScript needs
    to turn a click into a position."""
    outline = geo.kommun_geometry(survey.kommun.code)
    # One query for the kommun's areas, each marked whether the walk covers it.
    through = Survey.areas.through
    kommun_areas = list(
        Area.objects.filter(kommun=survey.kommun, geometry__isnull=False)
        .annotate(
            in_walk=Exists(
                through.objects.filter(survey_id=survey.pk, area_id=OuterRef("pk"))
            )
        )
        .order_by("name")
    )
    areas = [a for a in kommun_areas if a.in_walk]
    geometries = [a.geometry for a in areas] or [outline]
    projection = geo.Projection(geometries)
    approved = []
    shown = []
    for point in survey.walk_points.filter(
        status=WalkStatus.APPROVED, latitude__isnull=False
    ).order_by("-id")[:200]:
        title = ", ".join(reason_labels(point.reasons))
        shown.append(
            {
                "lat": point.latitude,
                "lon": point.longitude,
                "title": title,
                "colour": "#6b4c00",
            }
        )
        if (
            point.longitude is not None
            and point.latitude is not None
            and projection.contains_point(point.longitude, point.latitude)
        ):
            x, y = projection.point(point.longitude, point.latitude)
            approved.append({"x": x, "y": y, "title": title})
    # The interactive map opens on the walk's areas and shows the kommun's others, so
    # a resident can find the street; the point is stored with the area it falls in.
    component = map_config(
        title=_("Karta för att markera platsen"),
        kommun_code=survey.kommun.code,
        areas=[*kommun_areas],  # a list[Area] for the type; the same areas
        features=[
            area_feature(a, walk=a.in_walk, names=a.names()) for a in kommun_areas
        ],
        points=shown,
        focus=[a.name for a in areas],
        pick={
            "latitude": "id_latitude",
            "longitude": "id_longitude",
            "area": "id_area",
        },
    ).as_json()
    return {
        "approved": approved,
        "width": projection.width,
        "height": projection.height,
        "outline": projection.path(outline) if outline else "",
        "areas": [{"name": a.name, "path": projection.path(a.geometry)} for a in areas],
        "min_x": projection.min_x,
        "max_y": projection.max_y,
        "k": projection.k,
        "scale": projection.scale,
        "component": component,
    }


def reason_labels(reasons: list[str]) -> list[str]:
    labels = dict(WALK_REASONS)
    return [str(labels.get(r, r)) for r in reasons]


def is_walk(survey: Survey) -> bool:
    return survey.kind == SurveyKind.VANDRING


__all__ = [
    "AlertDay",
    "Cell",
    "MIN_GROUP",
    "QuestionResult",
    "TextAnswer",
    "WalkStatus",
    "indicator_cells",
    "is_walk",
    "previous_round",
    "reason_labels",
    "respondent_places",
    "survey_alerts",
    "survey_results",
    "surveys_for",
    "text_answers",
    "walk_map",
    "walk_points",
]
