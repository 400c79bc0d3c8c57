"""Medborgarlöften: agreements, promises, focus areas, commitments, signatories, history."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField, PlainTextField
from medborgarloften.places.models import Organisation, OrganisationKind
from medborgarloften.vocabulary import (
    EVIDENCE_SOURCES,
    PER,
    RESPONSIBLE,
    THEMES,
    choices,
)


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

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("samverkansöverenskommelse")
        verbose_name_plural = _("samverkansöverenskommelser")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="agreement_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PromiseStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ADOPTED = "adopted", _("Antaget")
    PUBLISHED = "published", _("Publicerat")
    CLOSED = "closed", _("Avslutat")


#: Which status changes are allowed, from -> to.
STATUS_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PromiseStatus.DRAFT: (PromiseStatus.ADOPTED, PromiseStatus.PUBLISHED),
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
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("samverkansöverenskommelse"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promises",
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
    reference_for = models.ForeignKey(
        Organisation,
        verbose_name=_("referens för"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reference_promises",
        help_text=_(
            "Ett annat områdes löfte som organisationen har importerat för att "
            "jämföra med. Det stannar som utkast och publiceras aldrig."
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
    #: The key of the form that created it: the same "new promise" form sent twice
    #: (a double click, a resend after a lost answer) creates one promise.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = PromiseQuerySet.as_manager()

    #: Set by ``promise_create`` on what it returns: True when the form's key had
    #: been saved before and nothing new was written.
    already_saved = False

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("medborgarlöfte")
        verbose_name_plural = _("medborgarlöften")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="promise_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in PromiseStatus]),
                name="promise_status_valid",
            ),
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
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("fokusområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
    )
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

    def target_display(self) -> str:
        """The target as a Swedish phrase: 'minst 100 kvällar per år, senast 2025-06-30'."""
        parts: list[str] = []
        if self.target_quantity is not None:
            parts.append(f"minst {self.target_quantity} {self.target_unit}".strip())
        elif self.target_unit:
            parts.append(self.target_unit)
        if self.target_per and self.target_per != "period":
            parts.append(PER[self.target_per])
        elif self.target_per == "period" and parts:
            parts.append(PER["period"])
        text = " ".join(parts)
        if self.target_deadline:
            deadline = f"senast {self.target_deadline.isoformat()}"
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


class Signatory(models.Model):
    """Someone who signed the promise for a party."""

    promise = models.ForeignKey(
        Promise, on_delete=models.CASCADE, related_name="signatories"
    )
    name = PlainCharField(_("namn"), max_length=200)
    title = PlainCharField(_("titel"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signatories",
    )
    organisation_name = PlainCharField(
        _("organisation som den skrivs"), max_length=300, blank=True
    )
    signed_on = models.DateField(_("datum"), null=True, blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("undertecknare")
        verbose_name_plural = _("undertecknare")

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name


class PartyRequestStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på godkännande")
    ACCEPTED = "accepted", _("Godkänt")
    DECLINED = "declined", _("Avböjt")


#: Kinds of party that speak for a kommun's or the police's name on the public
#: site: naming one needs its own acceptance (PartyRequest).
ACCEPTING_KINDS = (
    OrganisationKind.KOMMUN,
    OrganisationKind.LOKALPOLISOMRADE,
    OrganisationKind.POLISOMRADE,
    OrganisationKind.POLISREGION,
)


class PartyRequest(models.Model):
    """A kommun or police unit named as a party by an editor outside it.

    Until the named organisation's own editor or admin accepts, it is *not* among
    the promise's ``parties`` — and ``parties`` is what every public page, the API,
    the feeds and the subscriber mails read — so a promise never appears in another
    kommun's name without its consent. Staff see it as "väntar på godkännande av …".
    Accepted and declined requests stay, for the record of who decided and when.
    """

    promise = models.ForeignKey(
        Promise,
        verbose_name=_("medborgarlöfte"),
        on_delete=models.CASCADE,
        related_name="party_requests",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="party_requests",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PartyRequestStatus.choices,
        default=PartyRequestStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("begärd av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("begärd"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslutad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("begäran om att stå som part")
        verbose_name_plural = _("begäranden om att stå som part")
        constraints = [
            models.UniqueConstraint(
                fields=["promise", "organisation"], name="party_request_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in PartyRequestStatus]),
                name="party_request_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_status_display()} ({self.promise})"

    @property
    def is_open(self) -> bool:
        """Pending or declined: the organisation is not (yet) a party."""
        return self.status != PartyRequestStatus.ACCEPTED


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
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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


# The versions of a commitment's wording live in their own module (this one is past
# its size limit); importing here registers the model with the app.
from .version_models import CommitmentVersion  # noqa: E402, F401
