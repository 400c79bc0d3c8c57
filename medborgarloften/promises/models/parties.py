"""Who signs a promise, and the kommuner and police units asked to accept it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField
from medborgarloften.lib.modelparts import choices_check, optional_link, optional_user
from medborgarloften.places.models import Organisation, OrganisationKind

from .links import promise_link


class Signatory(models.Model):
    """Someone who signed the promise for a party."""

    promise = models.ForeignKey(
        "promises.Promise", on_delete=models.CASCADE, related_name="signatories"
    )
    name = PlainCharField(_("namn"), max_length=200)
    title = PlainCharField(_("titel"), max_length=300, blank=True)
    organisation = optional_link(
        Organisation, _("organisation"), related_name="signatories"
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

    promise = promise_link("party_requests")
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
    requested_by = optional_user(_("begärd av"), related_name="+")
    requested_at = models.DateTimeField(_("begärd"), auto_now_add=True)
    decided_by = optional_user(_("beslutad av"), related_name="+")
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("begäran om att stå som part")
        verbose_name_plural = _("begäranden om att stå som part")
        constraints = [
            models.UniqueConstraint(
                fields=["promise", "organisation"], name="party_request_unique"
            ),
            choices_check("party_request_status_valid", PartyRequestStatus),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_status_display()} ({self.promise})"

    @property
    def is_open(self) -> bool:
        """Pending or declined: the organisation is not (yet) a party."""
        return self.status != PartyRequestStatus.ACCEPTED
