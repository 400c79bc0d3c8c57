"""Focus areas and the commitments under them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField, PlainTextField
from medborgarloften.lib.modelparts import optional_link
from medborgarloften.places.models import Organisation
from medborgarloften.vocabulary import (
    PER,
    RESPONSIBLE,
    THEMES,
    choices,
    is_time_limit,
)

from .promise import Promise, _check_codes, public_q


class FocusArea(models.Model):
    """A fokusområde: a place, group or theme the promise concentrates on."""

    promise = models.ForeignKey(
        Promise, on_delete=models.CASCADE, related_name="focus_areas"
    )
    title = PlainCharField(_("rubrik"), max_length=300)
    description = PlainTextField(_("beskrivning"), max_length=10000, blank=True)
    themes = models.JSONField(_("teman"), default=list, blank=True)
    areas = models.ManyToManyField(
        "places.Area", verbose_name=_("områden"), blank=True, related_name="focus_areas"
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområden")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        _check_codes(self.themes, THEMES, "themes")


class CommitmentQuerySet(models.QuerySet["Commitment"]):
    def public(self) -> CommitmentQuerySet:
        """Commitments of promises anonymous visitors may see (``public_q``)."""
        return self.filter(public_q("promise__"))


class Commitment(models.Model):
    """One thing a party undertakes, with a checkable target where possible."""

    promise = models.ForeignKey(
        Promise, on_delete=models.CASCADE, related_name="commitments"
    )
    focus_area = optional_link(FocusArea, _("fokusområde"), related_name="commitments")
    text = PlainTextField(_("åtagande"), max_length=2000)
    responsible = models.JSONField(
        _("ansvarig"), default=list, blank=True, help_text=_("polis, kommun, annan")
    )
    other_parties = models.ManyToManyField(
        Organisation,
        verbose_name=_("andra ansvariga parter"),
        blank=True,
        related_name="commitments",
    )
    themes = models.JSONField(_("teman"), default=list, blank=True)
    areas = models.ManyToManyField(
        "places.Area", verbose_name=_("områden"), blank=True, related_name="commitments"
    )
    target_quantity = models.PositiveIntegerField(_("antal"), null=True, blank=True)
    target_unit = PlainCharField(_("enhet"), max_length=100, blank=True)
    target_per = models.CharField(
        _("per"), max_length=20, choices=choices(PER), blank=True
    )
    target_deadline = models.DateField(_("senast"), null=True, blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("åtagande")
        verbose_name_plural = _("åtaganden")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_quantity__isnull=True) | Q(target_quantity__gte=1),
                name="commitment_quantity_positive",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def measurable(self) -> bool:
        """True exactly when the commitment has a checkable target."""
        return bool(
            self.target_quantity is not None or self.target_per or self.target_deadline
        )

    def responsible_labels(self) -> list[str]:
        return [
            gettext(RESPONSIBLE[code])
            for code in self.responsible
            if code in RESPONSIBLE
        ]

    def responsible_names(self) -> list[str]:
        """Who is responsible, for a reader: "Polisen", "Kommunen", and instead of
        "Annan part" the organisations the commitment names (after the others, as
        before); "Annan part" only when it names none. Uses a prefetched
        ``other_parties``."""
        named = [str(o) for o in self.other_parties.all()]
        labels = [
            gettext(RESPONSIBLE[code])
            for code in self.responsible
            if code in RESPONSIBLE and not (code == "annan" and named)
        ]
        return labels + named

    def target_display(self) -> str:
        """The target as a phrase in the active language: 'minst 100 kvällar per
        år, senast 30 juni 2025' ('at least 100 kvällar per year, by 30 June 2025'),
        or a time limit: 'inom 48 timmar'. The unit is the promise's own word and
        stays as written; the words around it and the date are the language's."""
        parts: list[str] = []
        amount = {"quantity": self.target_quantity, "unit": self.target_unit}
        if is_time_limit(self.target_quantity, self.target_unit, self.target_per):
            parts.append(gettext("inom %(quantity)s %(unit)s") % amount)
        elif self.target_quantity is not None:
            parts.append((gettext("minst %(quantity)s %(unit)s") % amount).strip())
        elif self.target_unit:
            parts.append(self.target_unit)
        if self.target_per and self.target_per != "period":
            parts.append(gettext(PER[self.target_per]))
        elif self.target_per == "period" and parts:
            parts.append(gettext(PER["period"]))
        text = " ".join(parts)
        if self.target_deadline:
            # The public pages' one date style ("1 januari 2027", "1 January 2027").
            due = date_format(self.target_deadline, "j F Y")
            deadline = gettext("senast %(due)s") % {"due": due}
            text = f"{text}, {deadline}" if text else deadline
        return text

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if not (self.text or "").strip():
            errors["text"] = _("Skriv vad som ska göras.")
        try:
            _check_codes(self.responsible, RESPONSIBLE, "responsible")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        try:
            _check_codes(self.themes, THEMES, "themes")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if self.target_quantity is not None and self.target_quantity < 1:
            errors["target_quantity"] = _("Antalet ska vara ett positivt heltal.")
        if errors:
            raise ValidationError(errors)
