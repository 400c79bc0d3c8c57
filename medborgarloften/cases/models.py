"""Cases: one resident input (a walk point, a dialogue note, a survey comment, the
public "Tyck till" form, an Open311 request) with a place, a theme, an owner, a due
date and, in the end, a visible outcome ("Du sa – vi gjorde").

Personal data (docs/personal-data.md): a case keeps the resident's e-mail only when
they opted in to hear the answer, and only until the case is closed and notified;
the photo is re-encoded without EXIF/GPS and shown only after moderation.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField, PlainTextField
from medborgarloften.lib.modelparts import (
    optional_link,
    optional_user,
    translated_choices,
)
from medborgarloften.lib.screening import screen
from medborgarloften.places.models import kommun_link
from medborgarloften.vocabulary import THEMES


class CaseSource(models.TextChoices):
    FORM = "form", _("Tyck till-formuläret")
    WALK = "walk", _("Trygghetsvandring")
    DIALOGUE = "dialogue", _("Dialog")
    SURVEY = "survey", _("Enkät")
    OPEN311 = "open311", _("Open311")


class CaseStatus(models.TextChoices):
    NEW = "new", _("Ny")
    ROUTED = "routed", _("Hos ansvarig")
    ANSWERED = "answered", _("Besvarad")
    CLOSED = "closed", _("Avslutad")


class Outcome(models.TextChoices):
    """What became of a closed case, said publicly: only the first two are "Vi
    gjorde"; an answer that only informs is "Besvarat"."""

    FIXED = "fixed", _("Åtgärdat")
    PARTLY = "partly", _("Delvis åtgärdat")
    NOT_FIXED = "not_fixed", _("Inte åtgärdat")
    REFERRED = "referred", _("Hänvisat vidare")
    ANSWERED = "answered", _("Besvarat")


#: The outcomes that say something was done.
DONE_OUTCOMES = (Outcome.FIXED, Outcome.PARTLY)


class Moderation(models.TextChoices):
    PENDING = "pending", _("Väntar på granskning")
    PUBLIC = "public", _("Publicerad")
    HIDDEN = "hidden", _("Visas inte")


#: A case's public reference: no 0/O, 1/I/L to misread; 12 characters of 31 (59
#: bits) in three groups, "K7QM-4XPR-T2HD" — not guessable as the pk would be.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_GROUPS = 3


def new_reference() -> str:
    return "-".join(
        "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(4))
        for _ in range(REFERENCE_GROUPS)
    )


def normalised_reference(text: str) -> str:
    """A reference as typed ("k7qm 4xpr t2hd") in its stored form."""
    plain = "".join(c for c in text.upper() if c.isalnum())
    return "-".join(plain[i : i + 4] for i in range(0, len(plain), 4))


class CaseQuerySet(models.QuerySet["Case"]):
    def public(self) -> CaseQuerySet:
        """What "Du sa – vi gjorde", the API and Open311 may show: moderated, not
        merged into another case."""
        return self.filter(moderation=Moderation.PUBLIC, duplicate_of__isnull=True)

    def owned_by(self, organisation_ids: set[int]) -> CaseQuerySet:
        return self.filter(owner_id__in=organisation_ids)


class Case(models.Model):
    """One input and what became of it."""

    kommun = kommun_link("cases")
    #: What the resident is given to follow the case (receipt, mails, status page).
    reference = models.CharField(
        _("referens"),
        max_length=20,
        unique=True,
        default=new_reference,
        editable=False,
    )
    source = models.CharField(_("källa"), max_length=10, choices=CaseSource.choices)
    #: The walk point, dialogue finding or survey response it came from.
    source_ref = models.CharField(_("källans id"), max_length=40, blank=True)
    theme = models.CharField(
        _("tema"), max_length=40, choices=translated_choices(THEMES)
    )
    text = PlainTextField(_("vad som sades"), max_length=2000)
    area = optional_link("places.Area", _("område"), related_name="cases")
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    place_text = PlainCharField(_("platsen med ord"), max_length=200, blank=True)
    photo = models.ImageField(_("foto"), upload_to="cases/", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    owner = optional_link(
        "places.Organisation", _("ansvarig"), related_name="owned_cases"
    )
    due_on = models.DateField(_("svar senast"), null=True, blank=True)
    answer = PlainTextField(_("svar"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    #: Set when the case is closed (blank on an open case, and on a merged one).
    outcome = models.CharField(
        _("utfall"), max_length=10, choices=Outcome.choices, blank=True
    )
    #: The outcome in words, shown publicly with it.
    close_reason = PlainCharField(_("utfallet med ord"), max_length=300, blank=True)
    activity = optional_link("followup.Activity", _("aktivitet"), related_name="cases")
    commitment = optional_link(
        "promises.Commitment", _("åtagande"), related_name="cases"
    )
    moderation = models.CharField(
        _("granskning"),
        max_length=10,
        choices=Moderation.choices,
        default=Moderation.PENDING,
    )
    #: The text as published: screened for personnummer and phone numbers.
    public_text = PlainTextField(_("publicerad text"), max_length=2000, blank=True)
    photo_public = models.BooleanField(_("fotot får visas"), default=False)
    duplicate_of = optional_link("self", _("dubblett av"), related_name="duplicates")
    #: Opt-in only; confirmed by a signed link; erased after the answer is sent.
    email = models.EmailField(_("e-post"), blank=True)
    email_confirmed = models.BooleanField(default=False)
    notified_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("inkom"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="case_point_whole",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.text[:50]}"

    @property
    def public_answer(self) -> str:
        """The owner's answer as published: screened like the resident's text."""
        return screen(self.answer) if self.answer else ""

    @property
    def public_close_reason(self) -> str:
        return screen(self.close_reason) if self.close_reason else ""

    @property
    def something_done(self) -> bool:
        """Whether the public page may say "Vi gjorde": the outcome says so."""
        return self.outcome in DONE_OUTCOMES

    @property
    def is_open(self) -> bool:
        return self.status in (CaseStatus.NEW, CaseStatus.ROUTED)


class CaseEvent(models.Model):
    """What happened to a case, by whom: routed, answered, handed on, linked, closed."""

    class Action(models.TextChoices):
        CREATED = "created", _("Inkom")
        ROUTED = "routed", _("Tilldelad")
        HANDED_ON = "handed_on", _("Lämnad vidare")
        ANSWERED = "answered", _("Besvarad")
        LINKED = "linked", _("Kopplad")
        CLOSED = "closed", _("Avslutad")
        MODERATED = "moderated", _("Granskad")
        MERGED = "merged", _("Sammanslagen")
        REMINDED = "reminded", _("Påminnelse")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("händelse"), max_length=10, choices=Action.choices)
    actor = optional_user(related_name="+")
    organisation = optional_link("places.Organisation", related_name="+")
    note = PlainCharField(_("anteckning"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class RoutingRule(models.Model):
    """Cases of this theme (blank: any) in this area (empty: anywhere in the kommun)
    go to ``owner``, to be answered within ``days``. The most specific rule wins."""

    kommun = kommun_link("routing_rules")
    theme = models.CharField(
        _("tema"), max_length=40, blank=True, choices=translated_choices(THEMES)
    )
    area = optional_link(
        "places.Area", _("område"), on_delete=models.CASCADE, related_name="+"
    )
    owner = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("ansvarig"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    days = models.PositiveSmallIntegerField(_("dagar att svara"), default=14)

    class Meta:
        ordering = ["kommun", "theme", "area"]
        verbose_name = _("fördelningsregel")
        verbose_name_plural = _("fördelningsregler")


class AnswerTemplate(models.Model):
    """A reusable answer an owner starts from: a kommun's coordinator writes them for
    the kommun's cases, for one owner or (blank) for every owner."""

    kommun = optional_link(
        "places.Organisation",
        _("kommun"),
        on_delete=models.CASCADE,
        related_name="case_answer_templates",
    )
    organisation = optional_link(
        "places.Organisation",
        _("ansvarig"),
        on_delete=models.CASCADE,
        related_name="answer_templates",
    )
    title = PlainCharField(_("rubrik"), max_length=100)
    text = PlainTextField(_("text"), max_length=2000)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("svarsmall")
        verbose_name_plural = _("svarsmallar")

    def __str__(self) -> str:
        return self.title
