"""The lägesbild: observations from trained reporters (EST-style) and, later, surveys,
statistics, police events and dialogues."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ObservationCategory(models.TextChoices):
    SKADEGORELSE = "skadegorelse", _("Skadegörelse")
    KLOTTER = "klotter", _("Klotter")
    NEDSKRAPNING = "nedskrapning", _("Nedskräpning")
    OTRYGG_PLATS = "otrygg_plats", _("Otrygg plats")
    BELYSNING = "belysning", _("Belysning")
    NARKOTIKA = "narkotika", _("Narkotika")
    ORDNINGSSTORNING = "ordningsstorning", _("Ordningsstörning")
    BUSKORNING = "buskorning", _("Buskörning")
    FOLKSAMLING = "folksamling", _("Folksamling")
    BRAND = "brand", _("Brand")
    HOT_VALD = "hot_vald", _("Hot/våld")
    ANNAT = "annat", _("Annat")


class Observation(models.Model):
    """One EST-style report: what, where, when and a short text."""

    kommun = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("kommun"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    category = models.CharField(
        _("vad"), max_length=20, choices=ObservationCategory.choices
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("område"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
    )
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    observed_at = models.DateTimeField(_("när"))
    text = models.TextField(_("beskrivning"), blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rapportör"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
    )
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("rapporterande organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-observed_at", "-id"]
        verbose_name = _("observation")
        verbose_name_plural = _("observationer")

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.observed_at:%Y-%m-%d}"
