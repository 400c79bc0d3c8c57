"""The kommun's samordningsfunktion (lag 2023:196) and its meetings: who holds the
coordination role and when, the lokala Brå and styrgrupp meetings with their agenda,
minutes and public summary, and decisions that become tracked actions.

Personal data stays on staff pages: a meeting's public summary shows roles and
organisations only (``Meeting.objects.published()`` is the one public rule).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField, PlainTextField
from medborgarloften.lib.modelparts import (
    choices_check,
    end_after_start,
    optional_link,
    optional_user,
)
from medborgarloften.places.models import kommun_link


class CoordinationRole(models.Model):
    """Who holds (a part of) the kommun's coordination function, from when to when."""

    kommun = kommun_link("coordination_roles")
    role = PlainCharField(
        _("roll"),
        max_length=200,
        help_text=_("T.ex. samordnare för brottsförebyggande arbete."),
    )
    person = PlainCharField(
        _("person"),
        max_length=200,
        blank=True,
        help_text=_("Visas bara för personal."),
    )
    organisation = optional_link(
        "places.Organisation", _("organisation"), related_name="+"
    )
    unit = PlainCharField(_("förvaltning eller enhet"), max_length=200, blank=True)
    starts_on = models.DateField(_("från"))
    ends_on = models.DateField(_("till och med"), null=True, blank=True)
    created_by = optional_user(related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("samordningsroll")
        verbose_name_plural = _("samordningsroller")
        constraints = [
            end_after_start("coordination_role_end_after_start"),
        ]

    def __str__(self) -> str:
        return self.role


class MeetingKind(models.TextChoices):
    LOKALA_BRA = "lokala_bra", _("Lokala brottsförebyggande rådet")
    STYRGRUPP = "styrgrupp", _("Styrgrupp")
    SAMVERKAN = "samverkan", _("Samverkansmöte kommun och polis")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def published(self) -> MeetingQuerySet:
        """What anonymous visitors may read: meetings whose summary is published."""
        return self.filter(published=True)


class Meeting(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kommun = kommun_link("coordination_meetings")
    kind = models.CharField(_("slags möte"), max_length=12, choices=MeetingKind.choices)
    title = PlainCharField(_("rubrik"), max_length=300)
    held_on = models.DateField(_("datum"))
    place = PlainCharField(_("plats"), max_length=200, blank=True)
    minutes = PlainTextField(
        _("protokoll"),
        max_length=50000,
        blank=True,
        help_text=_("Visas bara för personal."),
    )
    public_summary = PlainTextField(
        _("offentlig sammanfattning"),
        max_length=20000,
        blank=True,
        help_text=_(
            "Det medborgare får läsa. Skriv roller och organisationer, inga namn."
        ),
    )
    published = models.BooleanField(_("publicerad"), default=False)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    created_by = optional_user(related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("möte")
        verbose_name_plural = _("möten")

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    """One point on a meeting's agenda: generated from what is due (``source``
    names the provider) or added by hand (``source`` "manual")."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveIntegerField(default=0)
    source = models.CharField(_("källa"), max_length=40)
    title = PlainCharField(_("punkt"), max_length=300)
    detail = PlainTextField(_("underlag"), max_length=2000, blank=True)
    due = models.DateField(_("senast"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("dagordningspunkt")
        verbose_name_plural = _("dagordningspunkter")

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Ej påbörjad")
    IN_PROGRESS = "in_progress", _("Pågår")
    DONE = "done", _("Klar")
    CANCELLED = "cancelled", _("Avbruten")


#: Statuses of an action still to be done.
OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class Decision(models.Model):
    """A decision of a meeting; with an owner and a due date it is a tracked action
    whose status is followed until done."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions"
    )
    text = PlainTextField(_("beslut"), max_length=2000)
    owner_organisation = optional_link(
        "places.Organisation", _("ansvarig organisation"), related_name="+"
    )
    owner_role = PlainCharField(_("ansvarig roll"), max_length=200, blank=True)
    due = models.DateField(_("klart senast"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ActionStatus.choices,
        default=ActionStatus.OPEN,
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = optional_user(related_name="+")
    created_by = optional_user(related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting_id", "id"]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        constraints = [
            choices_check("decision_status_valid", ActionStatus),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def tracked(self) -> bool:
        """A tracked action: someone owns it and it has a date."""
        return bool(
            (self.owner_organisation_id or self.owner_role) and self.due is not None
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
