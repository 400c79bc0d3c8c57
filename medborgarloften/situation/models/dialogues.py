"""Dialogues and their findings, cause analyses and baseline values."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField, PlainJSONField, PlainTextField
from medborgarloften.lib.modelparts import (
    optional_link,
    optional_user,
    translated_choices,
)
from medborgarloften.vocabulary import THEMES


class DialogueKind(models.TextChoices):
    MEDBORGARDIALOG = "medborgardialog", _("Medborgardialog")
    MEDARBETARDIALOG = "medarbetardialog", _("Medarbetardialog")
    TRYGGHETSVANDRING = "trygghetsvandring", _("Trygghetsvandring")


class Dialogue(models.Model):
    """A medborgardialog, medarbetardialog or trygghetsvandring; no personal data."""

    kommun = models.ForeignKey(
        "places.Organisation", on_delete=models.CASCADE, related_name="dialogues"
    )
    kind = models.CharField(_("typ"), max_length=20, choices=DialogueKind.choices)
    held_on = models.DateField(_("datum"))
    area = optional_link("places.Area", _("område"), related_name="dialogues")
    title = PlainCharField(_("rubrik"), max_length=300, blank=True)
    participants = PlainJSONField(
        _("deltagare per grupp"),
        default=dict,
        blank=True,
        help_text=_('Antal per grupp, t.ex. {"boende": 12, "polis": 2}.'),
    )
    created_by = optional_user(related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("dialog")
        verbose_name_plural = _("dialoger")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"

    @property
    def participant_total(self) -> int:
        return sum(int(v) for v in self.participants.values())


class DialogueFinding(models.Model):
    """One thing a dialogue found, tagged with a theme and, where known, a place."""

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="findings"
    )
    text = PlainTextField(_("iakttagelse"), max_length=4000)
    theme = models.CharField(
        _("tema"), max_length=40, choices=translated_choices(THEMES)
    )
    area = optional_link("places.Area", _("område"), related_name="dialogue_findings")
    place = PlainCharField(_("plats"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("iakttagelse")
        verbose_name_plural = _("iakttagelser")

    def __str__(self) -> str:
        return self.text[:60]


class CauseAnalysis(models.Model):
    """Brå's short cause analysis for a focus area: problem → causes → measures."""

    focus_area = models.OneToOneField(
        "promises.FocusArea", on_delete=models.CASCADE, related_name="cause_analysis"
    )
    problem = PlainTextField(_("problem"), max_length=2000)
    causes = PlainTextField(_("troliga orsaker"), max_length=2000)
    measures = PlainTextField(_("åtgärder"), max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("orsaksanalys")
        verbose_name_plural = _("orsaksanalyser")


class BaselineValue(models.Model):
    """An indicator frozen when a promise is adopted, so effect can be followed up."""

    promise = models.ForeignKey(
        "promises.Promise", on_delete=models.CASCADE, related_name="baseline_values"
    )
    focus_area = optional_link(
        "promises.FocusArea", on_delete=models.CASCADE, related_name="baseline_values"
    )
    key = models.CharField(_("indikator"), max_length=100)
    label = PlainCharField(_("beskrivning"), max_length=300)
    area = optional_link("places.Area", related_name="+")
    period = models.CharField(_("period"), max_length=40)
    value = models.FloatField(_("värde"), null=True)
    unit = PlainCharField(_("enhet"), max_length=40)
    base = models.PositiveIntegerField(_("underlag (antal)"), null=True)
    frozen_at = models.DateTimeField(_("fryst"))

    class Meta:
        ordering = ["focus_area_id", "key", "area_id"]
        verbose_name = _("utgångsvärde")
        verbose_name_plural = _("utgångsvärden")
