"""The digital trygghetsundersökning and trygghetsvandring (situation/surveys/)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField, PlainJSONField, PlainTextField
from medborgarloften.lib.modelparts import (
    optional_link,
    optional_user,
)

from .observations import ImportBatch, Observation
from .statistics import SurveyIndicator


class SurveyKind(models.TextChoices):
    ENKAT = "enkat", _("Trygghetsundersökning")
    VANDRING = "vandring", _("Digital trygghetsvandring")


class Survey(models.Model):
    """A survey or digital walk the kommun runs itself; answered through a public
    link until ``closes_on``. Its answers feed the lägesbild without retyping."""

    kommun = models.ForeignKey(
        "places.Organisation", on_delete=models.CASCADE, related_name="surveys"
    )
    kind = models.CharField(
        _("typ"), max_length=10, choices=SurveyKind.choices, default=SurveyKind.ENKAT
    )
    title = PlainCharField(_("rubrik"), max_length=200)
    intro = PlainTextField(_("inledning"), max_length=2000, blank=True)
    year = models.PositiveSmallIntegerField(_("år"))
    areas = models.ManyToManyField(
        "places.Area", verbose_name=_("områden"), blank=True, related_name="surveys"
    )
    token = models.CharField(_("publik nyckel"), max_length=32, unique=True)
    closes_on = models.DateField(_("sista svarsdag"))
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    created_by = optional_user(related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    exported_batch = optional_link(ImportBatch, related_name="+")
    #: The last day the owner was mailed about suspected scripted answers.
    alerted_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("enkät")
        verbose_name_plural = _("enkäter")

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    CHOICE = "val", _("Svarsalternativ")
    PLACE = "plats", _("Plats på kartan")
    TEXT = "fritext", _("Fritext")


class SurveyQuestion(models.Model):
    """One question: from the question bank (``bank_key``) or the kommun's own.

    ``options`` is a list of ``[value, label]``; answers in ``problem_values`` are
    the ones that signal a problem, so the share giving them is the indicator value.
    """

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    bank_key = models.CharField(_("frågebanksnyckel"), max_length=40, blank=True)
    text = PlainCharField(_("fråga"), max_length=300)
    help_text = PlainCharField(_("förklaring"), max_length=300, blank=True)
    options = PlainJSONField(_("svarsalternativ"), default=list)
    problem_values = models.JSONField(_("problemsvar"), default=list, blank=True)
    indicator = models.CharField(
        _("indikator"),
        max_length=20,
        blank=True,
        choices=SurveyIndicator.choices,
    )
    #: A place question is answered on the map (or in words), not with an option.
    kind = models.CharField(
        _("frågetyp"),
        max_length=10,
        choices=QuestionKind.choices,
        default=QuestionKind.CHOICE,
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("enkätfråga")
        verbose_name_plural = _("enkätfrågor")

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    """One anonymous answer. Deliberately no IP address, user agent, user, session
    or time of day: only the day, and the background the resident chose to give."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses"
    )
    area = optional_link("places.Area", related_name="+")
    gender = models.CharField(_("kön"), max_length=10, blank=True)
    age_group = models.CharField(_("åldersgrupp"), max_length=20, blank=True)
    submitted_on = models.DateField(_("svarsdag"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("enkätsvar")
        verbose_name_plural = _("enkätsvar")


class SurveyAnswer(models.Model):
    """The option one response chose for one question (or its place, or its words
    for a free-text question)."""

    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    value = models.CharField(_("svar"), max_length=40)
    #: A place question's answer: a point (stored with the area it lies in), or
    #: only an area, or the place in words.
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    area = optional_link("places.Area", related_name="+")
    place_text = PlainCharField(_("platsen med ord"), max_length=200, blank=True)
    #: A free-text question's answer, in the resident's words. Shown to the
    #: kommun's staff only; a coordinator may turn it into a case (cases app).
    text = PlainTextField(_("fritextsvar"), max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="survey_answer_once"
            )
        ]


class WalkStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på granskning")
    APPROVED = "approved", _("Godkänd")
    REJECTED = "rejected", _("Avvisad")


class WalkPoint(models.Model):
    """A place a resident marked as unsafe in a digital trygghetsvandring. Nothing is
    public, or on the lägesbild map, before staff approve it."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="walk_points"
    )
    area = optional_link("places.Area", related_name="+")
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    place_text = PlainCharField(
        _("platsen med ord"),
        max_length=200,
        blank=True,
        help_text=_("När den som svarar beskriver platsen i stället för att markera."),
    )
    reasons = models.JSONField(_("skäl"), default=list)
    comment = PlainTextField(_("kommentar"), max_length=1000, blank=True)
    submitted_on = models.DateField(_("inskickad"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=WalkStatus.choices,
        default=WalkStatus.PENDING,
    )
    moderated_by = optional_user(related_name="+")
    moderated_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    observation = optional_link(Observation, related_name="walk_point", one_to_one=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("punkt från trygghetsvandring")
        verbose_name_plural = _("punkter från trygghetsvandring")


class AlertReason(models.TextChoices):
    ADDRESS = "address", _("Spärrade: för många svar från samma adress eller nät")
    FAST = "fast", _("Spärrade: skickade för snabbt efter att sidan visats")
    TOKEN = "token", _("Spärrade: formulär utan giltig nyckel eller skickat två gånger")
    HONEYPOT = "honeypot", _("Kastade: det dolda fältet var ifyllt (skript)")
    LOAD = "load", _("Ovanligt många svar på tio minuter (gränserna skärptes)")


class SurveyAlert(models.Model):
    """Signs of scripted answers to one survey on one day, for the survey's owner:
    how many posts were refused or dropped and why. Counts only: never who, from
    where or at what time of day (situation/surveys/limits.py)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="alerts")
    day = models.DateField(_("dag"))
    reason = models.CharField(_("orsak"), max_length=10, choices=AlertReason.choices)
    count = models.PositiveIntegerField(_("antal"), default=0)

    class Meta:
        ordering = ["-day", "reason"]
        verbose_name = _("misstänkt massvar")
        verbose_name_plural = _("misstänkta massvar")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "day", "reason"], name="survey_alert_once_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} {self.day} {self.reason}: {self.count}"
