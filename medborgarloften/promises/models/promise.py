"""Agreements and promises: statuses, the public rule, the promise itself."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField, PlainTextField
from medborgarloften.lib.modelparts import (
    choices_check,
    decision_body_field,
    diarienummer_field,
    end_after_start,
    optional_link,
    submission_key,
)
from medborgarloften.places.models import Organisation, OrganisationKind
from medborgarloften.vocabulary import (
    EVIDENCE_SOURCES,
    THEMES,
)

from .parties import PartyRequest, PartyRequestStatus


def _check_codes(value: object, vocabulary: dict[str, str], field: str) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError({field: _("Ska vara en lista med koder.")})
    unknown = sorted(set(value) - vocabulary.keys())
    if unknown:
        raise ValidationError(
            {field: _("Okända värden: %(codes)s") % {"codes": ", ".join(unknown)}}
        )


class Agreement(models.Model):
    """A samverkansöverenskommelse between kommun and lokalpolisområde."""

    title = PlainCharField(_("titel"), max_length=300)
    parties = models.ManyToManyField(
        Organisation, verbose_name=_("parter"), related_name="agreements"
    )
    period_start = models.DateField(_("gäller från"), null=True, blank=True)
    period_end = models.DateField(_("gäller till"), null=True, blank=True)
    signed_on = models.DateField(_("undertecknad"), null=True, blank=True)
    text = PlainTextField(_("text"), max_length=50000, blank=True)
    decision_body = decision_body_field()
    diarienummer = diarienummer_field()

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("samverkansöverenskommelse")
        verbose_name_plural = _("samverkansöverenskommelser")
        constraints = [
            end_after_start(
                "agreement_end_after_start",
                "period_start",
                "period_end",
                open_start=True,
            )
        ]

    def __str__(self) -> str:
        return self.title


class PromiseStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ADOPTED = "adopted", _("Antaget")
    PUBLISHED = "published", _("Publicerat")
    CLOSED = "closed", _("Avslutat")


#: Which status changes are allowed, from -> to. A draft is adopted (signed by both
#: parties, the step with the checklist) before it is published: there is no draft ->
#: published shortcut. Importers of past promises set the status they read directly.
STATUS_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PromiseStatus.DRAFT: (PromiseStatus.ADOPTED,),
    PromiseStatus.ADOPTED: (PromiseStatus.PUBLISHED, PromiseStatus.DRAFT),
    PromiseStatus.PUBLISHED: (PromiseStatus.CLOSED, PromiseStatus.ADOPTED),
    PromiseStatus.CLOSED: (PromiseStatus.PUBLISHED,),
}

#: Statuses citizens can see.
PUBLIC_STATUSES = (PromiseStatus.PUBLISHED, PromiseStatus.CLOSED)


def public_q(through: str = "") -> Q:
    """The one rule for what anonymous visitors may see: published and closed
    promises, never a copy kept for comparison (``Promise.reference_for``).

    ``through`` reaches the promise from another model: ``"promise__"`` from a
    commitment, ``"commitment__promise__"`` from an activity, ``"promises__"`` inside
    an annotation on a kommun. Querysets of those models offer ``public()`` built on it.
    """
    return Q(
        **{
            f"{through}status__in": PUBLIC_STATUSES,
            f"{through}reference_for__isnull": True,
        }
    )


class PromiseQuerySet(models.QuerySet["Promise"]):
    def public(self) -> PromiseQuerySet:
        """What anonymous visitors may see (``public_q``)."""
        return self.filter(public_q())

    def for_organisations(self, organisations: object) -> PromiseQuerySet:
        """Promises where one of ``organisations`` is a party (not another's copy
        kept for comparison) or that one of them keeps as a reference."""
        return self.filter(
            Q(parties__in=organisations, reference_for__isnull=True)
            | Q(reference_for__in=organisations)
        ).distinct()

    def current(self, on: object) -> PromiseQuerySet:
        return self.filter(
            Q(period_start__isnull=True) | Q(period_start__lte=on),
            Q(period_end__isnull=True) | Q(period_end__gte=on),
        )


class Promise(models.Model):
    """A medborgarlöfte: what kommun and police promise citizens for a period."""

    uid = models.UUIDField(_("id"), default=uuid.uuid4, unique=True, editable=False)
    title = PlainCharField(_("titel"), max_length=300)
    parties = models.ManyToManyField(
        Organisation, verbose_name=_("parter"), related_name="promises"
    )
    agreement = optional_link(
        Agreement, _("samverkansöverenskommelse"), related_name="promises"
    )
    period_start = models.DateField(_("period från"), null=True, blank=True)
    period_end = models.DateField(_("period till"), null=True, blank=True)
    period_text = PlainCharField(_("period som den skrivs"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PromiseStatus.choices,
        default=PromiseStatus.DRAFT,
    )
    reference_for = optional_link(
        Organisation,
        _("referens för"),
        on_delete=models.CASCADE,
        related_name="reference_promises",
        help_text=_(
            "Ett annat områdes löfte som organisationen har importerat för att "
            "jämföra med. Det stannar som utkast och publiceras aldrig."
        ),
    )
    historical = models.BooleanField(
        _("historiskt löfte"),
        default=False,
        help_text=_(
            "Ett tidigare löfte som lagts in i efterhand. Uppföljningen gjordes "
            "utanför systemet, så invånarna ser inga förseningar för det."
        ),
    )
    situation_summary = PlainTextField(_("lägesbild"), max_length=20000, blank=True)
    evidence_sources = models.JSONField(
        _("underlag"), default=list, blank=True, validators=[]
    )
    themes = models.JSONField(
        _("teman"),
        default=list,
        blank=True,
        help_text=_(
            "Teman för löftet som helhet, utöver fokusområdenas och åtagandenas."
        ),
    )
    areas = models.ManyToManyField(
        "places.Area",
        verbose_name=_("områden"),
        blank=True,
        related_name="promises",
        help_text=_("Områden som lägesbilden pekar ut, utöver åtagandenas."),
    )
    follow_up_text = PlainTextField(_("uppföljning"), max_length=10000, blank=True)
    reports_per_period = models.PositiveSmallIntegerField(
        _("antal redovisningar under perioden"), null=True, blank=True
    )
    report_audience = PlainCharField(
        _("redovisas för"),
        max_length=300,
        blank=True,
        help_text=_("T.ex. brottsförebyggande rådet och medborgarna."),
    )
    source_url = models.URLField(_("källa"), max_length=1000, blank=True)
    adopted_on = models.DateField(_("antaget"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerat"), null=True, blank=True)
    closed_on = models.DateField(_("avslutat"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submission = submission_key()

    objects = PromiseQuerySet.as_manager()

    #: Set by ``promise_create`` on what it returns: True when the form's key had
    #: been saved before and nothing new was written.
    already_saved = False

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("medborgarlöfte")
        verbose_name_plural = _("medborgarlöften")
        constraints = [
            end_after_start(
                "promise_end_after_start", "period_start", "period_end", open_start=True
            ),
            choices_check("promise_status_valid", PromiseStatus),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """The instance form of ``public_q``."""
        return self.status in PUBLIC_STATUSES and self.reference_for_id is None

    def kommuner(self) -> list[Organisation]:
        return [p for p in self.parties.all() if p.kind == OrganisationKind.KOMMUN]

    def police_areas(self) -> list[Organisation]:
        return [p for p in self.parties.all() if p.is_police]

    def other_parties(self) -> list[Organisation]:
        return [p for p in self.parties.all() if not p.is_police and not p.is_kommun]

    @property
    def is_coming(self) -> bool:
        """Published, but its period has not begun: "Kommande" (as the kommun's list
        says), not yet "Publicerat" as if it were in force."""
        return (
            self.status == PromiseStatus.PUBLISHED
            and self.period_start is not None
            and self.period_start > timezone.localdate()
        )

    @property
    def has_ended(self) -> bool:
        """Closed, or its period is over: the public pages speak of it in the past
        and invite no more input on it (the kommun's list calls it past too)."""
        return self.status == PromiseStatus.CLOSED or (
            self.period_end is not None and self.period_end < timezone.localdate()
        )

    @property
    def is_reference(self) -> bool:
        """Kept for comparison by ``reference_for``, not a promise of its own."""
        return self.reference_for_id is not None

    def open_party_requests(self) -> list[PartyRequest]:
        """Organisations named as parties that have not accepted: pending first."""
        requests = [r for r in self.party_requests.all() if r.is_open]
        return sorted(
            requests, key=lambda r: (r.status != PartyRequestStatus.PENDING, r.pk)
        )

    def allowed_transitions(self) -> tuple[str, ...]:
        if self.is_reference:
            return ()  # a copy kept for comparison is never adopted or published
        return STATUS_TRANSITIONS.get(self.status, ())

    def clean(self) -> None:
        if (
            self.period_start
            and self.period_end
            and self.period_end < self.period_start
        ):
            raise ValidationError(
                {"period_end": _("Periodens slut kan inte ligga före dess början.")}
            )
        _check_codes(self.evidence_sources, EVIDENCE_SOURCES, "evidence_sources")
        _check_codes(self.themes, THEMES, "themes")
