"""What the follow-up records over time: each change of a commitment's reported,
evidenced or scheduled status with its source, and the end-of-period evaluations in
Brå's three layers. Both are append-only: a new row, never an edit."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField, PlainTextField
from medborgarloften.lib.modelparts import (
    choices_check,
    end_after_start,
    optional_user,
)
from medborgarloften.promises.models.links import commitment_link, promise_link

__all__ = [
    "Evaluation",
    "ImplementationRating",
    "OutcomeRating",
    "OutputRating",
    "PartnerReport",
    "PartnerStatus",
    "StatusChange",
    "StatusKind",
]


class StatusKind(models.TextChoices):
    REPORTED = "reported", _("Rapporterad")
    EVIDENCED = "evidenced", _("Belagd")
    SCHEDULE = "schedule", _("Tidsplan")


class StatusChange(models.Model):
    """One change of one of a commitment's three statuses: what it became, when,
    who or what changed it (``source``: a form, an activity, the calendar)."""

    commitment = commitment_link("status_changes")
    kind = models.CharField(_("slag"), max_length=10, choices=StatusKind.choices)
    status = models.CharField(_("status"), max_length=30)
    label = PlainCharField(_("status som den visades"), max_length=200)
    source = PlainCharField(_("källa"), max_length=300)
    actor = optional_user(_("av"), related_name="+")
    changed_at = models.DateTimeField(_("tid"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["commitment", "kind", "changed_at"])]
        verbose_name = _("statusändring")
        verbose_name_plural = _("statusändringar")
        constraints = [
            choices_check("status_change_kind_valid", StatusKind, field="kind"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} {self.kind}: {self.status}"


class ImplementationRating(models.TextChoices):
    AS_PLANNED = "as_planned", _("Genomfört som planerat")
    PARTLY = "partly", _("Delvis genomfört")
    NOT_DONE = "not_done", _("Inte genomfört")


class OutputRating(models.TextChoices):
    REACHED = "reached", _("Prestationsmålen nåddes")
    PARTLY = "partly", _("Prestationsmålen nåddes delvis")
    NOT_REACHED = "not_reached", _("Prestationsmålen nåddes inte")


class OutcomeRating(models.TextChoices):
    IMPROVED = "improved", _("Läget har förbättrats")
    UNCHANGED = "unchanged", _("Läget är oförändrat")
    WORSENED = "worsened", _("Läget har försämrats")
    UNKNOWN = "unknown", _("Kan inte bedömas")


def _reasoning(label: Any, help_text: Any) -> PlainTextField:
    """Why one of the evaluation's layers got its rating: optional free text with
    the same length limit for every layer."""
    return PlainTextField(label, max_length=10000, blank=True, help_text=help_text)


class Evaluation(models.Model):
    """An end-of-period evaluation of a promise in Brå's three layers —
    implementation (was it done as planned), output (what it produced) and outcome
    (did the situation change). A new evaluation is a new row; the latest counts."""

    promise = promise_link("evaluations")
    period_start = models.DateField(_("från"))
    period_end = models.DateField(_("till"))
    implementation = models.CharField(
        _("genomförande"), max_length=12, choices=ImplementationRating.choices
    )
    implementation_text = _reasoning(
        _("genomförande: motivering"),
        _("Gjordes det som planerades? Vad blev inte av och varför?"),
    )
    output = models.CharField(
        _("prestationer"), max_length=12, choices=OutputRating.choices
    )
    output_text = _reasoning(
        _("prestationer: motivering"),
        _("Vad gav arbetet: antal, deltagare, nådda områden och grupper."),
    )
    outcome = models.CharField(
        _("effekt"), max_length=12, choices=OutcomeRating.choices
    )
    outcome_text = _reasoning(
        _("effekt: motivering"),
        _("Vad lägesbilden visar jämfört med utgångsläget, och hur säkert."),
    )
    created_by = optional_user(related_name="+")
    created_at = models.DateTimeField(_("sparad"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("slututvärdering")
        verbose_name_plural = _("slututvärderingar")
        constraints = [
            end_after_start(
                "evaluation_end_after_start",
                "period_start",
                "period_end",
                open_end=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.promise_id} {self.period_start} – {self.period_end}"


class PartnerStatus(models.TextChoices):
    """The scale a partner reports its own commitment on."""

    DONE = "done", _("Genomfört")
    HALF_OR_MORE = "half_or_more", _("Hälften eller mer")
    STARTED = "started", _("Påbörjat")
    NOT_STARTED = "not_started", _("Inte påbörjat")
    NOT_RELEVANT = "not_relevant", _("Inte aktuellt")


class PartnerReport(models.Model):
    """A partner organisation's own report on a commitment it carries out (the
    commitment names it among its other responsible parties, ``annan``): the status
    on the partner scale, as of a date, with a comment. Append-only: a new report is
    a new row, the latest of each partner counts."""

    commitment = commitment_link("partner_reports")
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="partner_reports",
    )
    status = models.CharField(_("status"), max_length=12, choices=PartnerStatus.choices)
    comment = PlainTextField(_("kommentar"), max_length=2000, blank=True)
    reported_on = models.DateField(_("läget per"))
    created_by = optional_user(_("av"), related_name="+")
    created_at = models.DateTimeField(_("sparad"), default=timezone.now)

    class Meta:
        ordering = ["-reported_on", "-created_at", "-id"]
        indexes = [models.Index(fields=["commitment", "organisation"])]
        verbose_name = _("partnerrapport")
        verbose_name_plural = _("partnerrapporter")
        constraints = [
            choices_check("partner_report_status_valid", PartnerStatus),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} {self.organisation_id}: {self.status}"
