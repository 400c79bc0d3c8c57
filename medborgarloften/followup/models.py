"""What was done against a commitment, staff's assessments, and follow-up reports.

Progress is computed (``progress.py``), never stored: the activities and the target
are the truth.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField, PlainJSONField, PlainTextField
from medborgarloften.lib.modelparts import (
    choices_check,
    end_after_start,
    lock_version,
    optional_link,
    optional_user,
    submission_key,
)
from medborgarloften.lib.text import names_place
from medborgarloften.promises.models import public_q
from medborgarloften.promises.models.links import commitment_link, promise_link


class ActivityQuerySet(models.QuerySet["Activity"]):
    def public(self) -> ActivityQuerySet:
        """Activities against commitments of promises anonymous visitors may see."""
        return self.filter(public_q("commitment__promise__"))


class Activity(models.Model):
    """Something staff did against a commitment: where, when, how much, by whom."""

    commitment = commitment_link("activities")
    date = models.DateField(_("datum"))
    end_date = models.DateField(_("till och med"), null=True, blank=True)
    area = optional_link("places.Area", _("område"), related_name="activities")
    kind = PlainCharField(
        _("typ"),
        max_length=100,
        help_text=_("T.ex. trygghetsvandring, medborgardialog."),
    )
    quantity = models.PositiveIntegerField(_("antal"), default=1)
    participants = models.PositiveIntegerField(_("deltagare"), null=True, blank=True)
    organisation = optional_link(
        "places.Organisation", _("utförd av"), related_name="activities"
    )
    description = PlainTextField(_("beskrivning"), max_length=4000, blank=True)
    links = PlainJSONField(
        _("länkar"), default=list, blank=True, max_items=20, max_item_length=2000
    )
    hours = models.DecimalField(
        _("timmar"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    cost = models.DecimalField(
        _("kostnad (kr)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_by = optional_user(related_name="+")
    source = models.CharField(_("källa"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = optional_user(related_name="+")
    version = lock_version()
    submission = submission_key()

    #: Set by ``activity_create`` on what it returns: True when the submission key
    #: had been saved before and nothing new was written.
    already_saved = False

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["commitment", "date"])]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        constraints = [
            end_after_start("activity_end_after_start", "date", "end_date"),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="activity_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.kind}"

    @property
    def area_not_in_kind(self) -> Any:
        """The area, unless the activity's own words already name it: pages and feeds
        add ", Berga" / " i Berga" only then (never "… i Berga i Berga")."""
        if self.area is not None and not names_place(self.kind, self.area.name):
            return self.area
        return None


class ManualStatus(models.TextChoices):
    """What staff say about a commitment that has no checkable target."""

    DONE = "done", _("Genomfört")
    ON_TRACK = "on_track", _("Pågår enligt plan")
    BEHIND = "behind", _("Försenat")
    NOT_STARTED = "not_started", _("Inte påbörjat")
    CANCELLED = "cancelled", _("Kommer inte att genomföras")


class Assessment(models.Model):
    """Staff's written assessment of one commitment, and a manual status for
    commitments that cannot be measured from activities."""

    commitment = models.OneToOneField(
        "promises.Commitment",
        verbose_name=_("åtagande"),
        on_delete=models.CASCADE,
        related_name="assessment",
    )
    manual_status = models.CharField(
        _("bedömd status"), max_length=12, choices=ManualStatus.choices, blank=True
    )
    text = PlainTextField(_("bedömning"), max_length=4000, blank=True)
    updated_by = optional_user(related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = lock_version()

    class Meta:
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.get_manual_status_display()}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    APPROVED = "approved", _("Godkänd")
    PUBLISHED = "published", _("Publicerad")


#: Which report status changes are allowed, from -> to.
REPORT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ReportStatus.DRAFT: (ReportStatus.APPROVED,),
    ReportStatus.APPROVED: (ReportStatus.PUBLISHED, ReportStatus.DRAFT),
    ReportStatus.PUBLISHED: (ReportStatus.DRAFT,),
}


class ReportKind(models.TextChoices):
    FOLLOW_UP = "followup", _("Uppföljningsrapport")
    EVALUATION = "evaluation", _("Slututvärdering")


class ReportQuerySet(models.QuerySet["Report"]):
    def published(self) -> ReportQuerySet:
        """What anonymous visitors may read: published reports of public promises."""
        return self.filter(public_q("promise__"), status=ReportStatus.PUBLISHED)


class Report(models.Model):
    """An uppföljningsrapport for one promise and a date range, in Brå's three
    layers; the figures are computed when it is shown, the texts are staff's."""

    uid = models.UUIDField(_("id"), default=uuid.uuid4, unique=True, editable=False)
    promise = promise_link("followup_reports")
    kind = models.CharField(
        _("typ"), max_length=10, choices=ReportKind.choices, default="followup"
    )
    title = PlainCharField(_("titel"), max_length=300)
    period_start = models.DateField(_("från"))
    period_end = models.DateField(_("till"))
    summary = PlainTextField(_("sammanfattning"), max_length=20000, blank=True)
    process = PlainTextField(
        _("genomförande"),
        max_length=20000,
        blank=True,
        help_text=_("Hur och varför arbetet gjordes, vad som inte blev av och varför."),
    )
    effect = PlainTextField(
        _("effekt"),
        max_length=20000,
        blank=True,
        help_text=_("Vad lägesbilden visar jämfört med när löftet antogs."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
    )
    created_by = optional_user(related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_by = optional_user(related_name="+")
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    version = lock_version()
    submission = submission_key()

    #: Set by ``report_create`` on what it returns: True when the form's key had been
    #: saved before and nothing new was written.
    already_saved = False

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = _("uppföljningsrapport")
        verbose_name_plural = _("uppföljningsrapporter")
        constraints = [
            end_after_start(
                "report_end_after_start", "period_start", "period_end", open_end=False
            ),
            choices_check("report_status_valid", ReportStatus),
        ]

    def __str__(self) -> str:
        return self.title

    def allowed_transitions(self) -> tuple[str, ...]:
        return REPORT_TRANSITIONS.get(self.status, ())


class ReportEntry(models.Model):
    """Staff's written assessment of one commitment within one report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="entries")
    commitment = models.ForeignKey(
        "promises.Commitment", on_delete=models.CASCADE, related_name="report_entries"
    )
    assessment = PlainTextField(_("bedömning"), max_length=4000, blank=True)
    not_done = PlainTextField(
        _("vad blev inte av och varför"), max_length=4000, blank=True
    )

    class Meta:
        verbose_name = _("rapportrad")
        verbose_name_plural = _("rapportrader")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "commitment"], name="report_entry_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.commitment_id}"


# --- Plans: yearly activity plans, the årshjul and the communication plan ----------


class When(models.TextChoices):
    """How precisely a planned activity is dated: a day, an ISO week or a month."""

    DATE = "date", _("Datum")
    WEEK = "week", _("Vecka")
    MONTH = "month", _("Månad")


class PlannedActivity(models.Model):
    """One line of a yearly aktivitetsplan: what, where, when, who and how many,
    under a commitment; done activities tick it off through ``done_by``."""

    commitment = commitment_link("planned_activities")
    year = models.PositiveSmallIntegerField(_("planår"))
    kind = PlainCharField(
        _("vad"), max_length=100, help_text=_("T.ex. trygghetsvandring.")
    )
    description = PlainTextField(_("beskrivning"), max_length=4000, blank=True)
    area = optional_link("places.Area", _("område"), related_name="planned_activities")
    when = models.CharField(
        _("tidsangivelse"), max_length=5, choices=When.choices, default=When.DATE
    )
    #: The day, or the first day of the week or month.
    starts_on = models.DateField(_("när"))
    organisation = optional_link(
        "places.Organisation",
        _("ansvarig organisation"),
        related_name="planned_activities",
    )
    responsible = PlainCharField(
        _("ansvarig roll eller person"), max_length=200, blank=True
    )
    quantity = models.PositiveIntegerField(_("antal"), default=1)
    done_by = models.ManyToManyField(
        Activity,
        verbose_name=_("genomförd genom"),
        blank=True,
        related_name="planned_activities",
    )
    created_by = optional_user(related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "starts_on", "id"]
        indexes = [models.Index(fields=["commitment", "year"])]
        verbose_name = _("planerad aktivitet")
        verbose_name_plural = _("planerade aktiviteter")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="planned_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} {self.kind}"


class RecurringEvent(models.Model):
    """A date in the kommun's year the årshjul should show — skolstart, valborg,
    sommarlov — entered by the kommun; ``yearly`` repeats it every year."""

    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="recurring_events",
    )
    title = PlainCharField(_("händelse"), max_length=200)
    starts_on = models.DateField(_("från"))
    ends_on = models.DateField(_("till och med"), null=True, blank=True)
    yearly = models.BooleanField(
        _("återkommer varje år"),
        default=True,
        help_text=_("Samma datum varje år, t.ex. valborg och nyår."),
    )

    class Meta:
        ordering = ["starts_on", "title"]
        verbose_name = _("återkommande händelse")
        verbose_name_plural = _("återkommande händelser")
        constraints = [
            end_after_start("recurring_end_after_start"),
        ]

    def __str__(self) -> str:
        return self.title


class Channel(models.TextChoices):
    WEB = "webb", _("Webb")
    SOCIAL = "sociala_medier", _("Sociala medier")
    NEWSPAPER = "lokaltidning", _("Lokaltidning")
    MEETING = "mote", _("Möte")
    SCHOOL = "skola", _("Skola")
    OTHER = "annat", _("Annat")


class CommunicationStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    DONE = "done", _("Genomförd")
    CANCELLED = "cancelled", _("Inställd")


class CommunicationActivity(models.Model):
    """One line of a promise's kommunikationsplan: what is told, through which
    channel, to whom, when and by whom — and whether it happened."""

    promise = promise_link("communication_activities")
    title = PlainCharField(_("vad"), max_length=300)
    channel = models.CharField(_("kanal"), max_length=20, choices=Channel.choices)
    audience = PlainCharField(_("målgrupp"), max_length=200, blank=True)
    planned_on = models.DateField(_("när"))
    organisation = optional_link(
        "places.Organisation",
        _("ansvarig organisation"),
        related_name="communication_activities",
    )
    responsible = PlainCharField(
        _("ansvarig roll eller person"), max_length=200, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommunicationStatus.choices,
        default=CommunicationStatus.PLANNED,
    )
    done_on = models.DateField(_("genomförd"), null=True, blank=True)
    reports_followup = models.BooleanField(
        _("redovisar uppföljningen"),
        default=False,
        help_text=_("Kommunicerar hur det går med löftet."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["planned_on", "id"]
        verbose_name = _("kommunikationsaktivitet")
        verbose_name_plural = _("kommunikationsaktiviteter")
        constraints = [
            choices_check("communication_status_valid", CommunicationStatus),
        ]

    def __str__(self) -> str:
        return self.title


# Status history, evaluations and partner reports: their own module, registered
# by this import (``status_models.__all__``).
from .status_models import *  # noqa: E402, F403
