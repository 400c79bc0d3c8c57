"""The kommun's lägesbild (4 § lag 2023:196) and åtgärdsplan in Brå's structure.

A ``SituationReport`` is one version of the lägesbild: a revision is a new row that
points at the one it replaces, and an adopted version is never changed again. An
``ActionPlan`` rests on an adopted lägesbild: numbered problems (with the evidence
they come from) → probable causes → measures (what kind, the causes they act on, who,
when, how followed up) → SMART goals (a revised goal is a new row; the original text
stays). ``MeasureLink`` ties a medborgarlöfte commitment or a samverkansöverenskommelse
to the measure it implements.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField, PlainTextField
from medborgarloften.lib.modelparts import (
    decision_body_field,
    diarienummer_field,
    end_after_start,
    optional_link,
    optional_user,
)
from medborgarloften.places.models import kommun_link


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ADOPTED = "adopted", _("Antagen")


class Decision(models.Model):
    """What adoption records: the date, the decision body and the diarienummer."""

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DocumentStatus.choices,
        default=DocumentStatus.DRAFT,
    )
    adopted_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decision_body = decision_body_field()
    diarienummer = diarienummer_field()
    created_by = optional_user(related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_adopted(self) -> bool:
        return self.status == DocumentStatus.ADOPTED


class SituationReportQuerySet(models.QuerySet["SituationReport"]):
    def adopted(self) -> SituationReportQuerySet:
        """What is public: adopted versions only."""
        return self.filter(status=DocumentStatus.ADOPTED)


class SituationReport(Decision):
    """One version of a kommun's lägesbild."""

    kommun = kommun_link("situation_reports")
    title = PlainCharField(_("titel"), max_length=300)
    year = models.PositiveSmallIntegerField(
        _("statistikår"), help_text=_("Året som brottsstatistiken gäller.")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    previous = optional_link(
        "self",
        _("ersätter"),
        on_delete=models.PROTECT,
        related_name="revision",
        one_to_one=True,
    )
    summary = PlainTextField(_("sammanfattning"), max_length=5000, blank=True)
    crime_text = PlainTextField(
        _("brottsligheten i kommunen"), max_length=20000, blank=True
    )
    analysis = PlainTextField(_("analys"), max_length=20000, blank=True)
    revision_months = models.PositiveSmallIntegerField(
        _("revideras var (månader)"),
        default=12,
        help_text=_("Hur ofta lägesbilden ska ses över. Påminnelsen kommer i tid."),
    )
    #: The figures as they stood when the version was adopted (a list of dicts);
    #: empty while a draft, which shows today's figures.
    figures = models.JSONField(_("siffror"), default=list, blank=True)

    objects = SituationReportQuerySet.as_manager()

    class Meta:
        ordering = ["kommun_id", "-version"]
        verbose_name = _("lägesbild")
        verbose_name_plural = _("lägesbilder")
        constraints = [
            models.UniqueConstraint(
                fields=["kommun", "title", "version"],
                name="situation_report_version_unique",
            ),
            models.CheckConstraint(
                condition=Q(revision_months__gte=1) & Q(revision_months__lte=60),
                name="situation_report_cadence_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def replaced_by(self) -> SituationReport | None:
        """The adopted version that replaced this one, if any (a draft revision
        replaces nothing yet)."""
        try:
            revision = self.revision
        except SituationReport.DoesNotExist:
            return None
        return revision if revision.is_adopted else None


class SectionKind(models.TextChoices):
    CRIME = "crime", _("Brottsligheten")
    OTHER = "other", _("Annan relevant information")
    ANALYSIS = "analysis", _("Analys")


class SituationSection(models.Model):
    """A section of the lägesbild with its sources (schools, social services, CAN,
    housing, dialogues, walks, …)."""

    report = models.ForeignKey(
        SituationReport, on_delete=models.CASCADE, related_name="sections"
    )
    kind = models.CharField(
        _("del"), max_length=10, choices=SectionKind.choices, default=SectionKind.OTHER
    )
    heading = PlainCharField(_("rubrik"), max_length=200)
    text = PlainTextField(_("text"), max_length=20000)
    sources = PlainTextField(
        _("källor"), max_length=2000, blank=True, help_text=_("En källa per rad.")
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["report_id", "position", "id"]
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")

    def __str__(self) -> str:
        return self.heading

    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]


class ActionPlanQuerySet(models.QuerySet["ActionPlan"]):
    def adopted(self) -> ActionPlanQuerySet:
        """What is public: adopted plans only."""
        return self.filter(status=DocumentStatus.ADOPTED)

    def overlapping(self, start: object, end: object) -> ActionPlanQuerySet:
        return self.filter(
            Q(period_end__isnull=True) | Q(period_end__gte=start),
            Q(period_start__isnull=True) | Q(period_start__lte=end),
        )


class ActionPlan(Decision):
    """A kommun's åtgärdsplan for a period, built on an adopted lägesbild."""

    kommun = kommun_link("action_plans")
    parties = models.ManyToManyField(
        "places.Organisation",
        verbose_name=_("parter"),
        blank=True,
        related_name="action_plans_as_party",
        help_text=_("Andra som står bakom planen, t.ex. lokalpolisområdet."),
    )
    title = PlainCharField(_("titel"), max_length=300)
    situation_report = models.ForeignKey(
        SituationReport,
        verbose_name=_("lägesbild"),
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    period_start = models.DateField(_("gäller från"))
    period_end = models.DateField(_("gäller till"))
    follow_up = PlainTextField(_("så följs planen upp"), max_length=5000, blank=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["kommun_id", "-period_start", "title"]
        verbose_name = _("åtgärdsplan")
        verbose_name_plural = _("åtgärdsplaner")
        constraints = [
            end_after_start(
                "action_plan_end_after_start",
                "period_start",
                "period_end",
                open_end=False,
            )
        ]

    def __str__(self) -> str:
        return self.title


class DecisionCorrection(models.Model):
    """A correction of an adopted document's recorded decision (date, body,
    diarienummer): what it said before and after, who corrected it and why. The
    document's text is never changed; only the record of its decision is."""

    situation_report = optional_link(
        SituationReport,
        _("lägesbild"),
        on_delete=models.CASCADE,
        related_name="decision_corrections",
    )
    action_plan = optional_link(
        ActionPlan,
        _("åtgärdsplan"),
        on_delete=models.CASCADE,
        related_name="decision_corrections",
    )
    before = models.JSONField(_("före"))
    after = models.JSONField(_("efter"))
    reason = PlainCharField(_("skäl till rättelsen"), max_length=500)
    actor = optional_user(_("av"), related_name="+")
    created_at = models.DateTimeField(_("tid"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("rättelse av beslut")
        verbose_name_plural = _("rättelser av beslut")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(situation_report__isnull=False) & Q(action_plan__isnull=True)
                )
                | (Q(situation_report__isnull=True) & Q(action_plan__isnull=False)),
                name="decision_correction_one_document",
            )
        ]


class Problem(models.Model):
    """A numbered problem, with the lägesbild evidence it rests on."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="problems"
    )
    number = models.PositiveIntegerField(_("nummer"))
    title = PlainCharField(_("problem"), max_length=300)
    description = PlainTextField(_("beskrivning"), max_length=5000, blank=True)
    sections = models.ManyToManyField(
        SituationSection,
        verbose_name=_("avsnitt i lägesbilden"),
        blank=True,
        related_name="problems",
    )
    #: Keys of figures in the lägesbild (``SituationReport.figures``).
    figure_keys = models.JSONField(_("siffror i lägesbilden"), default=list, blank=True)

    class Meta:
        ordering = ["plan_id", "number"]
        verbose_name = _("problem")
        verbose_name_plural = _("problem")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="problem_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Cause(models.Model):
    """A probable cause of a problem, maybe from the focus area's orsaksanalys."""

    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="causes"
    )
    text = PlainTextField(_("trolig orsak"), max_length=2000)
    cause_analysis = optional_link(
        "situation.CauseAnalysis", _("orsaksanalys"), related_name="plan_causes"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["problem_id", "position", "id"]
        verbose_name = _("trolig orsak")
        verbose_name_plural = _("troliga orsaker")

    def __str__(self) -> str:
        return self.text[:80]


class MeasureKind(models.TextChoices):
    SITUATIONAL = "situational", _("Situationell")
    SOCIAL = "social", _("Social")


class Measure(models.Model):
    """A measure: its kind, the causes it acts on, who, when and its follow-up."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="measures"
    )
    number = models.PositiveIntegerField(_("nummer"))
    title = PlainCharField(_("åtgärd"), max_length=300)
    description = PlainTextField(_("beskrivning"), max_length=5000, blank=True)
    kind = models.CharField(_("typ"), max_length=12, choices=MeasureKind.choices)
    causes = models.ManyToManyField(
        Cause, verbose_name=_("verkar på"), blank=True, related_name="measures"
    )
    responsible = optional_link(
        "places.Organisation", _("ansvarig organisation"), related_name="+"
    )
    responsible_role = PlainCharField(_("ansvarig roll"), max_length=200, blank=True)
    starts_on = models.DateField(_("från"), null=True, blank=True)
    ends_on = models.DateField(_("till"), null=True, blank=True)
    follow_up = PlainTextField(_("så följs den upp"), max_length=2000, blank=True)

    class Meta:
        ordering = ["plan_id", "number"]
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="measure_number_unique"
            ),
            end_after_start("measure_end_after_start", open_start=True),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class MeasureStatus(models.Model):
    """A status reported for a measure by its responsible organisation or the
    kommun's editors (the follow-up's ``ManualStatus`` values): append-only, the
    newest is the measure's own reported status."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="status_reports"
    )
    status = models.CharField(_("status"), max_length=12)
    note = PlainTextField(_("kommentar"), max_length=1000, blank=True)
    reported_by = optional_user(_("rapporterad av"), related_name="+")
    organisation = optional_link(
        "places.Organisation", _("för organisationen"), related_name="+"
    )
    reported_at = models.DateTimeField(_("tid"), auto_now_add=True)

    class Meta:
        ordering = ["measure_id", "-reported_at", "-id"]
        verbose_name = _("rapporterad status för åtgärd")
        verbose_name_plural = _("rapporterade statusar för åtgärder")


class GoalQuerySet(models.QuerySet["Goal"]):
    def current(self) -> GoalQuerySet:
        """The latest version of each goal: no newer version replaces it."""
        return self.filter(replaced_by__isnull=True)


class Goal(models.Model):
    """A SMART goal of a measure. A revision is a new row (``replaces``); the text
    of a version is never changed."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="goals")
    text = PlainTextField(_("mål"), max_length=2000)
    indicator = PlainCharField(_("indikator"), max_length=300)
    baseline = PlainCharField(_("utgångsvärde"), max_length=100)
    target = PlainCharField(_("målvärde"), max_length=100)
    due_on = models.DateField(_("ska nås"))
    version = models.PositiveIntegerField(_("version"), default=1)
    replaces = optional_link(
        "self", on_delete=models.PROTECT, related_name="replaced_by", one_to_one=True
    )
    reason = PlainCharField(_("skäl till ändringen"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["measure_id", "id"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self) -> str:
        return self.text[:80]


class MeasureLink(models.Model):
    """A commitment of a medborgarlöfte, or a samverkansöverenskommelse, that
    implements a measure. A commitment implements at most one measure."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="links")
    commitment = optional_link(
        "promises.Commitment",
        on_delete=models.CASCADE,
        related_name="measure_link",
        one_to_one=True,
    )
    agreement = optional_link(
        "promises.Agreement", on_delete=models.CASCADE, related_name="measure_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure_id", "id"]
        verbose_name = _("koppling till åtgärd")
        verbose_name_plural = _("kopplingar till åtgärder")
        constraints = [
            models.CheckConstraint(
                condition=(Q(commitment__isnull=False) & Q(agreement__isnull=True))
                | (Q(commitment__isnull=True) & Q(agreement__isnull=False)),
                name="measure_link_one_target",
            ),
            models.UniqueConstraint(
                fields=["measure", "agreement"], name="measure_link_agreement_unique"
            ),
        ]
