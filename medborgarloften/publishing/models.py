"""Publishing state: what the SQLite search index holds, and e-mail subscriptions.

The public pages themselves read the promises' own tables; nothing here is shown.
A subscription stores the e-mail address and what it follows — no other personal data.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.modelparts import optional_link


class SearchIndexedPromise(models.Model):
    """Which version of a public promise the SQLite FTS5 index holds; a changed
    ``updated_at`` means the promise is indexed again on the next search."""

    promise = models.OneToOneField(
        "promises.Promise",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("sökindexerat löfte")
        verbose_name_plural = _("sökindexerade löften")


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def confirmed(self) -> SubscriptionQuerySet:
        return self.filter(confirmed_at__isnull=False)


class Subscription(models.Model):
    """One address following one kommun, area or commitment (double opt-in)."""

    email = models.EmailField(_("e-postadress"), max_length=254)
    #: The mailbox the address delivers to (``anna+1@…`` and ``anna@…`` are one), for
    #: the cap on confirmation mails; see ``subscriptions.mailbox``.
    mailbox = models.CharField(
        max_length=254, db_index=True, editable=False, default=""
    )
    kommun = optional_link(
        "places.Organisation", _("kommun"), on_delete=models.CASCADE, related_name="+"
    )
    area = optional_link(
        "places.Area", _("område"), on_delete=models.CASCADE, related_name="+"
    )
    commitment = optional_link(
        "promises.Commitment", _("åtagande"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: When the last confirmation mail was sent (rate limit and expiry).
    requested_at = models.DateTimeField(_("bekräftelse skickad"))
    confirmed_at = models.DateTimeField(_("bekräftad"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["email", "id"]
        verbose_name = _("prenumeration")
        verbose_name_plural = _("prenumerationer")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kommun__isnull=False, area__isnull=True, commitment__isnull=True)
                    | Q(
                        kommun__isnull=True, area__isnull=False, commitment__isnull=True
                    )
                    | Q(
                        kommun__isnull=True, area__isnull=True, commitment__isnull=False
                    )
                ),
                name="subscription_one_target",
            ),
            models.UniqueConstraint(
                fields=["email", "kommun"],
                condition=Q(kommun__isnull=False),
                name="subscription_unique_kommun",
            ),
            models.UniqueConstraint(
                fields=["email", "area"],
                condition=Q(area__isnull=False),
                name="subscription_unique_area",
            ),
            models.UniqueConstraint(
                fields=["email", "commitment"],
                condition=Q(commitment__isnull=False),
                name="subscription_unique_commitment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.target}"

    @property
    def target(self) -> object:
        return self.kommun or self.area or self.commitment


class DeliveryKind(models.TextChoices):
    ACTIVITY = "activity", _("Aktivitet")
    REPORT = "report", _("Uppföljningsrapport")


class Delivery(models.Model):
    """One item told to one subscription; the unique constraint is what makes
    ``notify`` idempotent (never the same item twice)."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField(max_length=10, choices=DeliveryKind.choices)
    object_id = models.PositiveBigIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "kind", "object_id"],
                name="delivery_once",
            )
        ]
