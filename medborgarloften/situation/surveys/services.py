"""Writes for digital surveys and walks: build, publish, answer, moderate, export.

Validate first (errors name the field), then save in one transaction. An answer is
saved completely before the resident is thanked, or not at all.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.accounts.models import EDITING_ROLES, Membership
from medborgarloften.lib.fields import length_message
from medborgarloften.places.models import Area, Organisation, OrganisationKind
from medborgarloften.situation.surveys.selectors import indicator_cells

from .. import geo
from ..models import (
    ALL_AGES,
    AlertReason,
    Gender,
    ImportBatch,
    ObservationCategory,
    QuestionKind,
    Survey,
    SurveyAlert,
    SurveyAnswer,
    SurveyKind,
    SurveyQuestion,
    SurveyResponse,
    SurveyResult,
    WalkPoint,
    WalkStatus,
)
from ..services.imports import ImportSummary
from ..services.observations import area_at, observation_create
from .bank import AGE_GROUPS, GENDERS, WALK_REASONS, bank
from .place_questions import (
    PlaceAnswer,
    place_answer_errors,
    place_answers_save,
    place_question_errors,
    place_questions_add,
)

__all__ = [
    "COMMENT_MAX",
    "survey_alert_record",
    "survey_create",
    "survey_export",
    "survey_publish",
    "survey_response_submit",
    "walk_point_moderate",
    "walk_point_submit",
]

logger = logging.getLogger(__name__)

#: A comment is a few sentences; longer texts are refused, not cut.
COMMENT_MAX = 1000
OWN_OPTIONS_MAX = 8
#: An own question and one of its answer options (refused when longer, never cut).
QUESTION_MAX = SurveyQuestion._meta.get_field("text").max_length or 300
OPTION_MAX = 100

#: Walk reasons → the observation category an approved point becomes.
_REASON_CATEGORY = {
    "belysning": ObservationCategory.BELYSNING,
    "skadegorelse": ObservationCategory.SKADEGORELSE,
    "folksamlingar": ObservationCategory.FOLKSAMLING,
    "nedskrapning": ObservationCategory.NEDSKRAPNING,
}


def _add(errors: dict[str, list[str]], key: str, message: str) -> None:
    errors.setdefault(key, []).append(message)


def _is_open(survey: Survey, today: dt.date) -> bool:
    return survey.published_at is not None and today <= survey.closes_on


@transaction.atomic
def survey_create(
    *,
    kommun: Organisation,
    title: str,
    year: int,
    closes_on: dt.date,
    bank_keys: Iterable[str] = (),
    own_questions: Iterable[tuple[str, list[str]]] = (),
    areas: Iterable[Area] = (),
    kind: str = SurveyKind.ENKAT,
    place_questions: Iterable[str] = (),
    intro: str = "",
    actor: Any = None,
) -> Survey:
    """Create a draft survey of bank questions (in bank order) and the kommun's own
    questions, for areas of that kommun only; nothing public until published."""
    errors: dict[str, list[str]] = {}
    known = bank()
    keys = [k for k in known if k in set(bank_keys)]
    unknown = sorted(set(bank_keys) - set(known))
    own = [
        (text.strip(), [o.strip() for o in opts if o.strip()])
        for text, opts in own_questions
    ]
    own = [(text, opts) for text, opts in own if text]
    places = [" ".join(t.split()) for t in place_questions if t.strip()]
    for message in place_question_errors(places):
        _add(errors, "place_questions", message)
    areas = list(areas)
    if kommun.kind != OrganisationKind.KOMMUN:
        _add(errors, "kommun", _("Kommun: %(org)s är ingen kommun.") % {"org": kommun})
    if not title.strip():
        _add(errors, "title", _("Rubrik: skriv en rubrik."))
    if unknown:
        _add(errors, "bank_keys", _("Frågor: okända frågor %(k)s.") % {"k": unknown})
    if kind not in SurveyKind.values:
        _add(errors, "kind", _("Typ: okänd typ %(v)r.") % {"v": kind})
    if kind == SurveyKind.ENKAT and not keys and not own and not places:
        _add(errors, "bank_keys", _("Frågor: välj minst en fråga."))
    for text, opts in own:
        if not 2 <= len(opts) <= OWN_OPTIONS_MAX:
            _add(
                errors,
                "own_questions",
                _("Egna frågor: %(q)r behöver 2–%(n)d svarsalternativ.")
                % {"q": text, "n": OWN_OPTIONS_MAX},
            )
        if len(text) > QUESTION_MAX:
            _add(
                errors,
                "own_questions",
                _("Egna frågor: frågan %(q)r är för lång.") % {"q": text[:40] + "…"}
                + " "
                + length_message("", QUESTION_MAX, len(text)),
            )
        for label in opts:
            if len(label) > OPTION_MAX:
                _add(
                    errors,
                    "own_questions",
                    _("Egna frågor: svarsalternativet %(o)r är för långt.")
                    % {"o": label[:40] + "…"}
                    + " "
                    + length_message("", OPTION_MAX, len(label)),
                )
    for area in areas:
        if area.kommun_id != kommun.pk:
            _add(
                errors,
                "areas",
                _("Områden: %(a)s ligger inte i %(k)s.") % {"a": area, "k": kommun},
            )
    if closes_on < timezone.localdate():
        _add(errors, "closes_on", _("Sista svarsdag: datumet har redan passerat."))
    if errors:
        raise ValidationError(errors)
    survey = Survey.objects.create(
        kommun=kommun,
        kind=kind,
        title=title.strip(),
        intro=intro.strip(),
        year=year,
        closes_on=closes_on,
        token=secrets.token_urlsafe(12),
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    survey.areas.set(areas)
    position = 0
    for key in keys:
        question = known[key]
        position += 1
        SurveyQuestion.objects.create(
            survey=survey,
            position=position,
            bank_key=key,
            text=question.text,
            help_text=question.help,
            options=question.options,
            problem_values=question.problem,
            indicator=question.indicator,
        )
    for text, opts in own:
        position += 1
        SurveyQuestion.objects.create(
            survey=survey,
            position=position,
            text=text,
            options=[[f"s{i}", label] for i, label in enumerate(opts, 1)],
        )
    place_questions_add(survey=survey, texts=places, position=position)
    return survey


@transaction.atomic
def survey_publish(*, survey: Survey) -> Survey:
    """Open the public link (once; publishing again keeps the first time)."""
    if survey.closes_on < timezone.localdate():
        raise ValidationError(
            {"closes_on": [_("Sista svarsdag: datumet har redan passerat.")]}
        )
    if survey.published_at is None:
        survey.published_at = timezone.now()
        survey.save(update_fields=["published_at"])
    return survey


def _background_errors(
    survey: Survey, area: Area | None, gender: str, age_group: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if area is not None and not survey.areas.filter(pk=area.pk).exists():
        _add(errors, "area", _("Område: välj ett av områdena i listan."))
    if gender and gender not in dict(GENDERS):
        _add(errors, "gender", _("Kön: välj ett av svaren i listan."))
    if age_group and age_group not in dict(AGE_GROUPS):
        _add(errors, "age_group", _("Ålder: välj ett av svaren i listan."))
    return errors


def _closed_error(survey: Survey, today: dt.date) -> ValidationError | None:
    if survey.published_at is None:
        return ValidationError({"survey": [_("Enkäten är inte öppen ännu.")]})
    if today > survey.closes_on:
        return ValidationError(
            {
                "survey": [
                    _("Enkäten stängde %(d)s. Tyvärr går det inte att svara nu.")
                    % {"d": survey.closes_on}
                ]
            }
        )
    return None


@transaction.atomic
def survey_response_submit(
    *,
    survey: Survey,
    answers: dict[int, str],
    area: Area | None = None,
    gender: str = "",
    age_group: str = "",
    places: dict[int, PlaceAnswer] | None = None,
) -> SurveyResponse:
    """Save one anonymous answer, whole or not at all, while the survey is open: only
    known options, the survey's own areas, no personal data and no time of day."""
    today = timezone.localdate()
    closed = _closed_error(survey, today)
    if closed:
        raise closed
    errors = _background_errors(survey, area, gender, age_group)
    questions = {q.pk: q for q in survey.questions.all()}
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None:
            _add(errors, "answers", _("Svar: okänd fråga."))
        elif value not in {o[0] for o in question.options}:
            _add(
                errors,
                f"q{question_id}",
                _("%(q)s: välj ett av svaren.") % {"q": question.text},
            )
    places = {k: v for k, v in (places or {}).items() if v.given()}
    for question_id, place in places.items():
        question = questions.get(question_id)
        if question is None or question.kind != QuestionKind.PLACE:
            _add(errors, "answers", _("Svar: okänd fråga."))
            continue
        for message in place_answer_errors(
            survey=survey, question=question, answer=place
        ):
            _add(errors, f"p{question_id}_area", message)
    if not any(answers.values()) and not places:
        _add(errors, "answers", _("Svar: svara på minst en fråga."))
    if errors:
        raise ValidationError(errors)
    response = SurveyResponse.objects.create(
        survey=survey,
        area=area,
        gender=gender,
        age_group=age_group,
        submitted_on=today,
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, question_id=qid, value=value)
        for qid, value in answers.items()
        if value
    )
    place_answers_save(response=response, answers=places)
    return response


@transaction.atomic
def walk_point_submit(
    *,
    survey: Survey,
    reasons: list[str],
    comment: str = "",
    area: Area | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    place_text: str = "",
) -> WalkPoint:
    """Save one unsafe place, pending moderation: a point inside the kommun, one of
    the walk's areas or the place in words, known reasons, a comment kept as plain
    text. A point is stored with the area it lies in."""
    today = timezone.localdate()
    closed = _closed_error(survey, today)
    if closed:
        raise closed
    kommun = survey.kommun
    errors = _background_errors(survey, area, "", "")
    comment = comment.strip()
    place_text = " ".join(place_text.split())
    if len(place_text) > 200:
        _add(
            errors,
            "place_text",
            _("Platsen med ord: högst %(max)d tecken (du skrev %(n)d).")
            % {"max": 200, "n": len(place_text)},
        )
    if not reasons:
        _add(errors, "reasons", _("Varför otryggt: välj minst ett skäl."))
    elif set(reasons) - set(dict(WALK_REASONS)):
        _add(errors, "reasons", _("Varför otryggt: okänt skäl."))
    if len(comment) > COMMENT_MAX:
        _add(
            errors,
            "comment",
            _("Kommentar: högst %(max)d tecken (du skrev %(n)d).")
            % {"max": COMMENT_MAX, "n": len(comment)},
        )
    if (latitude is None) != (longitude is None):
        _add(errors, "position", _("Plats: punkten saknar en koordinat."))
    elif latitude is not None and longitude is not None:
        boundary = geo.kommun_geometry(kommun.code)
        inside = geo.in_sweden_box(latitude, longitude) and (
            boundary is None or geo.near(boundary, lat=latitude, lon=longitude)
        )
        if not inside:
            _add(
                errors,
                "position",
                _("Plats: punkten ligger utanför %(k)s. Välj en plats i kommunen.")
                % {"k": kommun},
            )
    elif area is None and not place_text:
        _add(
            errors,
            "position",
            _("Plats: tryck på kartan, välj ett område eller beskriv platsen med ord."),
        )
    if errors:
        raise ValidationError(errors)
    if latitude is not None and longitude is not None:
        # The point is stored with the area it lies in, whatever was chosen in the
        # list; a chosen area the point is not near is dropped rather than kept wrong.
        found = area_at(kommun=kommun, latitude=latitude, longitude=longitude)
        if found is not None:
            area = found
        elif area is not None and not (
            area.geometry is None
            or geo.near(
                area.geometry,
                lat=latitude,
                lon=longitude,
                tolerance=geo.AREA_TOLERANCE_DEGREES,
            )
        ):
            area = None
    return WalkPoint.objects.create(
        survey=survey,
        area=area,
        latitude=latitude,
        longitude=longitude,
        place_text=place_text,
        reasons=list(dict.fromkeys(reasons)),
        comment=comment,
        submitted_on=today,
    )


@transaction.atomic
def walk_point_moderate(*, point: WalkPoint, approve: bool, actor: Any) -> WalkPoint:
    """Approve (the point becomes an observation on the lägesbild map) or reject; a
    decision can be changed and never leaves two observations for one point."""
    point = WalkPoint.objects.select_for_update().get(pk=point.pk)
    point.status = WalkStatus.APPROVED if approve else WalkStatus.REJECTED
    point.moderated_by = actor if actor is not None and actor.is_authenticated else None
    point.moderated_at = timezone.now()
    if approve and point.observation_id is None:
        category = next(
            (_REASON_CATEGORY[r] for r in point.reasons if r in _REASON_CATEGORY),
            ObservationCategory.OTRYGG_PLATS,
        )
        labels = dict(WALK_REASONS)
        text = ", ".join(labels.get(r, r) for r in point.reasons)
        if point.place_text:
            text = f"{text} ({point.place_text})"
        if point.comment:
            text = f"{text}: {point.comment}"
        point.observation = observation_create(
            kommun=point.survey.kommun,
            category=category,
            observed_at=timezone.make_aware(
                dt.datetime.combine(point.submitted_on, dt.time(12))
            )
            if point.submitted_on < timezone.localdate()
            else timezone.now(),
            area=point.area,
            latitude=point.latitude,
            longitude=point.longitude,
            text=_("Trygghetsvandring (digital): %(t)s") % {"t": text},
        )
    elif not approve and point.observation_id is not None:
        point.observation.delete()
        point.observation = None
    point.save()
    return point


@transaction.atomic
def survey_export(*, survey: Survey, actor: Any = None) -> ImportSummary:
    """Write the survey's indicator shares into the lägesbild's survey results (by
    area, gender and age group, with the number answering); running it again
    replaces its own rows and never adds."""

    summary = ImportSummary()
    batch = survey.exported_batch or ImportBatch.objects.create(
        kind=ImportBatch.Kind.SURVEY,
        filename=f"enkat-{survey.pk}",
        source=_("Digital enkät: %(t)s") % {"t": survey.title},
        imported_by=actor if actor is not None and actor.is_authenticated else None,
    )
    kept: set[int] = set()
    replaced_import = 0
    for cell in indicator_cells(survey):
        replaced_import += (
            SurveyResult.objects.filter(
                kommun=survey.kommun,
                area=cell.area,
                indicator=cell.indicator,
                year=survey.year,
                gender=cell.gender or Gender.ALLA,
                age_group=cell.age_group or ALL_AGES,
            )
            .exclude(batch=batch)
            .count()
        )
        row, created = SurveyResult.objects.update_or_create(
            kommun=survey.kommun,
            area=cell.area,
            indicator=cell.indicator,
            year=survey.year,
            gender=cell.gender or Gender.ALLA,
            age_group=cell.age_group or ALL_AGES,
            defaults={
                "share": cell.share,
                "respondents": cell.respondents,
                "batch": batch,
            },
        )
        kept.add(row.pk)
        summary.rows += 1
        if created:
            summary.created += 1
        else:
            summary.updated += 1
    SurveyResult.objects.filter(batch=batch).exclude(pk__in=kept).delete()
    if replaced_import:
        summary.warnings.append(
            ngettext(
                "%(n)d värde för %(year)d fanns redan från en annan källa och är "
                "nu ersatt av enkätens.",
                "%(n)d värden för %(year)d fanns redan från en annan källa och är "
                "nu ersatta av enkätens.",
                replaced_import,
            )
            % {"n": replaced_import, "year": survey.year}
        )
    batch.rows, batch.created, batch.updated = (
        summary.rows,
        summary.created,
        summary.updated,
    )
    batch.save()
    if survey.exported_batch_id != batch.pk:
        survey.exported_batch = batch
        survey.save(update_fields=["exported_batch"])
    summary.batch_id = batch.pk
    return summary


# --- suspected scripted answers ------------------------------------------------------


def _alert_recipients(survey: Survey) -> list[str]:
    """The survey's creator; without one (or an address), the kommun's editors."""

    creator = survey.created_by
    if creator is not None and creator.is_active and creator.email:
        return [creator.email]
    return sorted(
        {
            email
            for email in Membership.objects.filter(
                organisation=survey.kommun_id,
                role__in=EDITING_ROLES,
                user__is_active=True,
            ).values_list("user__email", flat=True)
            if email
        }
    )


def _alert_mail(survey: Survey, today: dt.date) -> None:
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    recipients = _alert_recipients(survey)
    if not recipients:
        return
    counts = dict(
        SurveyAlert.objects.filter(survey=survey, day=today).values_list(
            "reason", "count"
        )
    )
    lines = [
        f"- {label}: {counts[reason]}"
        for reason, label in AlertReason.choices
        if counts.get(reason)
    ]
    url = getattr(settings, "PUBLIC_SITE_URL", "").rstrip("/") + reverse(
        "situation:survey_detail", args=[survey.kommun.code, survey.pk]
    )
    body = _(
        "Enkäten ”%(title)s” har i dag (%(day)s) fått svar som ser skriptade ut:\n\n"
        "%(lines)s\n\n"
        "Spärrade svar är inte sparade och kastade svar räknas inte. Resultaten "
        "påverkas alltså inte, men den som skickar kan ha försökt påverka dem. "
        "Om en hel skolklass eller arbetsplats svarar samtidigt från samma nät kan "
        "riktiga svar ha spärrats; be dem då försöka igen om en timme, eller höj "
        "SURVEY_ANSWERS_PER_ADDRESS.\n\n"
        "Enkätens sida: %(url)s\n\n"
        "Vi skickar högst ett sådant meddelande per enkät och dag. Inga adresser "
        "eller andra uppgifter om de som svarar sparas."
    ) % {"title": survey.title, "day": today, "lines": "\n".join(lines), "url": url}
    try:
        send_mail(
            subject=_("Misstänkta massvar i enkäten ”%(title)s”")
            % {"title": survey.title},
            message=body,
            from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
            recipient_list=recipients,
        )
    except Exception:  # a mail server down must not fail the resident's request
        logger.exception("survey %s: the alert mail could not be sent", survey.pk)


def survey_alert_record(*, survey: Survey, reason: str, count: int = 1) -> None:
    """Count signs of scripted answers for the survey's owner, per day and reason;
    the owner is mailed once a day when the day's count reaches
    ``SURVEY_ALERT_MAIL_AFTER`` (the mail is sent after the count is committed)."""
    from django.conf import settings
    from django.db.models import F, Q, Sum

    if reason not in AlertReason.values:
        raise ValueError(f"unknown alert reason {reason!r}")
    today = timezone.localdate()
    with transaction.atomic():
        updated = SurveyAlert.objects.filter(
            survey=survey, day=today, reason=reason
        ).update(count=F("count") + count)
        if not updated:
            try:
                with transaction.atomic():
                    SurveyAlert.objects.create(
                        survey=survey, day=today, reason=reason, count=count
                    )
            except IntegrityError:  # another request created it first
                SurveyAlert.objects.filter(
                    survey=survey, day=today, reason=reason
                ).update(count=F("count") + count)
        total = (
            SurveyAlert.objects.filter(survey=survey, day=today).aggregate(
                n=Sum("count")
            )["n"]
            or 0
        )
        threshold = int(getattr(settings, "SURVEY_ALERT_MAIL_AFTER", 10))
        if (
            total >= threshold
            and survey.alerted_on != today
            and _alert_recipients(survey)  # no one to tell yet: try again later
        ):
            # Once a day, whichever request gets here first.
            claimed = (
                Survey.objects.filter(pk=survey.pk)
                .filter(Q(alerted_on__isnull=True) | Q(alerted_on__lt=today))
                .update(alerted_on=today)
            )
            if claimed:
                transaction.on_commit(lambda: _alert_mail(survey, today))
