"""A promise's history: one revision per change."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.modelparts import optional_user

from .promise import Promise


class Revision(models.Model):
    """One change to a promise: who, when, what, and the promise before and after."""

    class Action(models.TextChoices):
        CREATED = "created", _("Skapat")
        UPDATED = "updated", _("Ändrat")
        STATUS = "status", _("Ny status")
        LOADED = "loaded", _("Inläst från fil")
        IMPORTED = "imported", _("Importerat från dokument")
        PARTY = "party", _("Part godkände eller avböjde")

    promise = models.ForeignKey(
        Promise, on_delete=models.CASCADE, related_name="revisions"
    )
    actor = optional_user(_("av"), related_name="+")
    created_at = models.DateTimeField(_("tid"), auto_now_add=True)
    action = models.CharField(_("händelse"), max_length=10, choices=Action.choices)
    summary = models.CharField(_("sammanfattning"), max_length=500, blank=True)
    source = models.CharField(
        _("källa"), max_length=300, blank=True, help_text=_("webb, cli, fil, import…")
    )
    before = models.JSONField(_("före"), null=True, blank=True)
    after = models.JSONField(_("efter"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ändring")
        verbose_name_plural = _("ändringar")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"
