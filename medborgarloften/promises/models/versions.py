"""Every wording of a commitment and its target, kept: an edit adds a version and
never overwrites the text a promise was adopted with (issue 18)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField, PlainTextField
from medborgarloften.lib.modelparts import optional_link, optional_user

from .links import commitment_link


class CommitmentVersion(models.Model):
    """One wording of a commitment: its text and target as saved at ``recorded_at``,
    by whom, through which revision of the promise. Version 1 is the original."""

    commitment = commitment_link("versions")
    number = models.PositiveIntegerField(_("version"))
    text = PlainTextField(_("åtagande"), max_length=2000)
    target_quantity = models.PositiveIntegerField(_("antal"), null=True, blank=True)
    target_unit = PlainCharField(_("enhet"), max_length=100, blank=True)
    target_per = models.CharField(_("per"), max_length=20, blank=True)
    target_deadline = models.DateField(_("senast"), null=True, blank=True)
    target_display = PlainCharField(_("mål"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("tid"), auto_now_add=True)
    actor = optional_user(_("av"), related_name="+")
    source = models.CharField(_("källa"), max_length=300, blank=True)
    revision = optional_link("promises.Revision", related_name="commitment_versions")

    class Meta:
        ordering = ["commitment_id", "number"]
        verbose_name = _("version av åtagande")
        verbose_name_plural = _("versioner av åtaganden")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "number"], name="commitment_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} v{self.number}"

    def wording(self) -> tuple[object, ...]:
        return (
            self.text,
            self.target_quantity,
            self.target_unit,
            self.target_per,
            self.target_deadline,
        )
