"""What was done against a commitment. Progress and reports build on these."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Activity(models.Model):
    """Something staff did against a commitment: where, when, how much, by whom."""

    commitment = models.ForeignKey(
        "promises.Commitment",
        verbose_name=_("åtagande"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    date = models.DateField(_("datum"))
    end_date = models.DateField(_("till och med"), null=True, blank=True)
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("område"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    kind = models.CharField(
        _("typ"),
        max_length=100,
        help_text=_("T.ex. trygghetsvandring, medborgardialog."),
    )
    quantity = models.PositiveIntegerField(_("antal"), default=1)
    participants = models.PositiveIntegerField(_("deltagare"), null=True, blank=True)
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("utförd av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    description = models.TextField(_("beskrivning"), blank=True)
    links = models.JSONField(_("länkar"), default=list, blank=True)
    hours = models.DecimalField(
        _("timmar"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    cost = models.DecimalField(
        _("kostnad (kr)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("källa"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")),
                name="activity_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="activity_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.kind}"
