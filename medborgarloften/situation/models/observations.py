"""Observations from trained reporters (EST-style), police events, their monthly
counts, and the record of imports and API calls that brought data in."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.timezone import is_naive as timezone_is_naive
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainTextField
from medborgarloften.lib.modelparts import optional_link, optional_user, submission_key
from medborgarloften.places.models import kommun_link
from medborgarloften.situation.periods import local_month


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


class ObservationQuerySet(models.QuerySet["Observation"]):
    def in_period(self, start: object, end: object) -> ObservationQuerySet:
        """Observations with ``start <= observed_at < end``."""
        return self.filter(observed_at__gte=start, observed_at__lt=end)


class Observation(models.Model):
    """One EST-style report: what, where, when and a short text."""

    kommun = kommun_link("observations")
    category = models.CharField(
        _("vad"), max_length=20, choices=ObservationCategory.choices
    )
    area = optional_link("places.Area", _("område"), related_name="observations")
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    observed_at = models.DateTimeField(_("när"))
    month = models.PositiveIntegerField(
        _("månad (ååååmm)"),
        default=0,
        editable=False,
        help_text=_("Lokal månad för observed_at, för snabb gruppering i SQL."),
    )
    # Room for an approved walk point: its reasons and a comment of 1 000 characters.
    text = PlainTextField(_("beskrivning"), max_length=2000, blank=True)
    reporter = optional_user(_("rapportör"), related_name="observations")
    organisation = optional_link(
        "places.Organisation", _("rapporterande organisation"), related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The report form's key: the same form sent twice saves one observation.
    submission = submission_key()

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["-observed_at", "-id"]
        indexes = [
            models.Index(fields=["kommun", "observed_at"], name="obs_kommun_time"),
            # Covers the monthly, tertial and yearly aggregates (index-only scans).
            models.Index(
                fields=["kommun", "month", "area", "category"],
                name="obs_kommun_month_area",
            ),
            # The map's points: only the few observations that carry a position.
            models.Index(
                fields=["kommun", "observed_at"],
                condition=models.Q(latitude__isnull=False),
                name="obs_located",
            ),
        ]
        verbose_name = _("observation")
        verbose_name_plural = _("observationer")

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.observed_at:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keep ``month`` in step with ``observed_at`` on every save (the admin
        included), so the rollups count the report in its local month."""

        if self.observed_at is not None and not timezone_is_naive(self.observed_at):
            self.month = local_month(self.observed_at)
        super().save(*args, **kwargs)


class PoliceEvent(models.Model):
    """One event from the police's open events API, archived and deduplicated by id.

    The API gives the centre point of a kommun or län, never the incident site, so an
    event is placed at kommun level (``kommun``) or only at county level (``county``).
    """

    event_id = models.BigIntegerField(_("händelse-id"), unique=True)
    published_at = models.DateTimeField(_("publicerad"))
    month = models.PositiveIntegerField(_("månad (ååååmm)"), default=0, editable=False)
    name = models.CharField(_("rubrik"), max_length=500)
    summary = models.TextField(_("sammanfattning"), blank=True)
    url = models.CharField(_("länk"), max_length=500, blank=True)
    type = models.CharField(_("typ"), max_length=100)
    location_name = models.CharField(_("platsnamn"), max_length=100)
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    kommun = optional_link(
        "places.Organisation", _("kommun"), related_name="police_events"
    )
    county = optional_link("places.County", _("län"), related_name="police_events")
    is_summary = models.BooleanField(
        _("sammanfattning"),
        default=False,
        help_text=_("'Sammanfattning natt' m.fl. samlar många händelser; räknas inte."),
    )
    fetched_at = models.DateTimeField(_("hämtad"))

    class Meta:
        ordering = ["-published_at", "-event_id"]
        verbose_name = _("polishändelse")
        verbose_name_plural = _("polishändelser")
        indexes = [
            models.Index(fields=["kommun", "published_at"], name="event_kommun_time"),
            models.Index(fields=["kommun", "month", "type"], name="event_kommun_month"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def absolute_url(self) -> str:
        return f"https://polisen.se{self.url}" if self.url.startswith("/") else self.url


class ObservationCount(models.Model):
    """Observations per kommun × local month × area × category: the rollup every
    whole-month aggregate reads (the analysis page, the national table).

    Kept exact by database triggers on ``situation_observation`` (``counts.py``), so
    every write path — services, admin, imports, cascades, raw SQL — updates it in
    the same transaction. ``area_key`` is the area's id, 0 for none. Never written
    by application code; ``manage rebuildcounts`` recounts it from scratch.
    """

    kommun_id = models.IntegerField()
    month = models.PositiveIntegerField()
    area_key = models.IntegerField()
    category = models.CharField(max_length=20)
    n = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kommun_id", "month", "area_key", "category"],
                name="obscount_key",
            )
        ]
        verbose_name = _("antal observationer per månad")
        verbose_name_plural = _("antal observationer per månad")


class PoliceEventCount(models.Model):
    """Police events placed in a kommun per local month × type, digests
    (``is_summary``) left out; kept exact by triggers like ObservationCount."""

    kommun_id = models.IntegerField()
    month = models.PositiveIntegerField()
    type = models.CharField(max_length=100)
    n = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kommun_id", "month", "type"], name="eventcount_key"
            )
        ]
        verbose_name = _("antal polishändelser per månad")
        verbose_name_plural = _("antal polishändelser per månad")


class ApiCall(models.Model):
    """One call to an external API, kept so the rate limit holds across processes."""

    api = models.CharField(_("api"), max_length=50)
    called_at = models.DateTimeField(_("anropad"))

    class Meta:
        ordering = ["-called_at"]
        indexes = [models.Index(fields=["api", "called_at"], name="apicall_api_time")]


class ImportBatch(models.Model):
    """One imported file: what, from where, by whom — the provenance of its rows."""

    class Kind(models.TextChoices):
        SURVEY = "survey", _("Trygghetsmätning")
        CRIME = "crime", _("Brottsstatistik")
        KOLADA = "kolada", _("Kolada")
        EVENTS = "events", _("Polisens händelser")

    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    filename = models.CharField(_("fil"), max_length=500, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    source = models.CharField(_("källa"), max_length=500, blank=True)
    rows = models.PositiveIntegerField(_("rader"), default=0)
    created = models.PositiveIntegerField(_("nya"), default=0)
    updated = models.PositiveIntegerField(_("uppdaterade"), default=0)
    imported_by = optional_user(_("importerad av"), related_name="+")
    imported_at = models.DateTimeField(_("importerad"), auto_now_add=True)
    #: The rows this import changed or removed, as they were before: what an undo
    #: restores (``services.undo``).
    replaced = models.JSONField(_("ersatta rader"), default=list, blank=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("import")
        verbose_name_plural = _("importer")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"
