"""Survey figures, crime statistics and key figures for a kommun or area."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.modelparts import optional_link, translated_choices
from medborgarloften.vocabulary import THEMES

from .observations import ImportBatch


class Gender(models.TextChoices):
    ALLA = "alla", _("Alla")
    KVINNOR = "kvinnor", _("Kvinnor")
    MAN = "man", _("Män")


#: The age group meaning "every age".
ALL_AGES = "alla"


class SurveyIndicator(models.TextChoices):
    """The indicators of Polisens trygghetsmätning and similar surveys: each value is
    the share (%) of respondents giving the answer that signals a problem."""

    ORO_BROTT = "oro_brott", _("Oro att utsättas för brott")
    OTRYGG_KVALL = "otrygg_kvall", _("Otrygghet ute ensam sen kväll")
    PROBLEM_OMRADE = "problem_omrade", _("Problem i området")
    LAG_TILLIT = "lag_tillit", _("Låg social tillit")
    LAGT_FORTROENDE = "lagt_fortroende", _("Lågt förtroende för polisen")


class SurveyResult(models.Model):
    """One survey figure: the share of respondents in an area, year, gender and age."""

    kommun = models.ForeignKey(
        "places.Organisation", on_delete=models.CASCADE, related_name="survey_results"
    )
    area = optional_link(
        "places.Area",
        on_delete=models.CASCADE,
        related_name="survey_results",
        help_text=_("Tomt för hela kommunen."),
    )
    indicator = models.CharField(
        _("indikator"), max_length=20, choices=SurveyIndicator.choices
    )
    year = models.PositiveSmallIntegerField(_("år"))
    gender = models.CharField(
        _("kön"), max_length=10, choices=Gender.choices, default=Gender.ALLA
    )
    age_group = models.CharField(_("åldersgrupp"), max_length=20, default=ALL_AGES)
    share = models.FloatField(_("andel (%)"))
    respondents = models.PositiveIntegerField(_("antal svarande"), null=True)
    batch = optional_link(ImportBatch, related_name="+")

    class Meta:
        ordering = ["year", "indicator"]
        verbose_name = _("resultat från trygghetsmätning")
        verbose_name_plural = _("resultat från trygghetsmätningar")
        constraints = [
            models.UniqueConstraint(
                fields=["kommun", "area", "indicator", "year", "gender", "age_group"],
                condition=models.Q(area__isnull=False),
                name="survey_unique_area_row",
            ),
            models.UniqueConstraint(
                fields=["kommun", "indicator", "year", "gender", "age_group"],
                condition=models.Q(area__isnull=True),
                name="survey_unique_kommun_row",
            ),
            models.CheckConstraint(
                condition=models.Q(share__gte=0) & models.Q(share__lte=100),
                name="survey_share_percent",
            ),
        ]


class CrimeStatistic(models.Model):
    """Reported crimes (BRÅ-style) in a kommun or area, category and period."""

    kommun = models.ForeignKey(
        "places.Organisation", on_delete=models.CASCADE, related_name="crime_statistics"
    )
    area = optional_link(
        "places.Area", on_delete=models.CASCADE, related_name="crime_statistics"
    )
    category = models.CharField(_("brottskategori"), max_length=100)
    theme = models.CharField(
        _("tema"), max_length=40, blank=True, choices=translated_choices(THEMES)
    )
    year = models.PositiveSmallIntegerField(_("år"))
    count = models.PositiveIntegerField(_("antal anmälda brott"), null=True)
    rate_per_100k = models.FloatField(_("per 100 000 invånare"), null=True)
    population = models.PositiveIntegerField(_("befolkning"), null=True)
    batch = optional_link(ImportBatch, related_name="+")

    class Meta:
        ordering = ["year", "category"]
        verbose_name = _("brottsstatistik")
        verbose_name_plural = _("brottsstatistik")
        constraints = [
            models.UniqueConstraint(
                fields=["kommun", "area", "category", "year"],
                condition=models.Q(area__isnull=False),
                name="crime_unique_area_row",
            ),
            models.UniqueConstraint(
                fields=["kommun", "category", "year"],
                condition=models.Q(area__isnull=True),
                name="crime_unique_kommun_row",
            ),
        ]


class KeyFigure(models.Model):
    """A Kolada key figure (KPI) for a kommun, region ("0008") or the riket ("0000")."""

    kpi = models.CharField(_("nyckeltal"), max_length=20)
    municipality_code = models.CharField(_("kommun/region-id"), max_length=4)
    kommun = optional_link(
        "places.Organisation", on_delete=models.CASCADE, related_name="key_figures"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    gender = models.CharField(_("kön"), max_length=1, default="T")
    value = models.FloatField(_("värde"), null=True)
    batch = optional_link(ImportBatch, related_name="+")

    class Meta:
        ordering = ["kpi", "year", "municipality_code"]
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "municipality_code", "year", "gender"],
                name="keyfigure_unique",
            )
        ]
