"""Users and their membership, with a role, in organisations."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField


class User(AbstractUser):
    """A staff user. What they may do follows from their memberships."""

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    ADMIN = "admin", _("Administratör")
    EDITOR = "editor", _("Redaktör")
    REPORTER = "reporter", _("Rapportör")
    VIEWER = "viewer", _("Läsare")


#: Roles that may change promises of their organisation.
EDITING_ROLES = (Role.ADMIN, Role.EDITOR)


class Membership(models.Model):
    """A user's role in one organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("roll"), max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_unique_user_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class ApiToken(models.Model):
    """A bearer token for the write API: one user acting for one organisation.

    Only the SHA-256 of the token is stored; the token itself is shown once, when it
    is created. A revoked token stays for the record but no longer authenticates.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = PlainCharField(_("namn"), max_length=200, blank=True)
    prefix = models.CharField(_("början av nyckeln"), max_length=12)
    key_hash = models.CharField(_("nyckelns hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user}, {self.organisation})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ExternalIdentity(models.Model):
    """The single sign-on account (issuer + subject) a user is linked to.

    The first sign-on links by verified e-mail (or user name); later ones by the
    provider's stable subject, so a changed e-mail address still signs in, and an
    address that the provider gives to somebody else does not open this account.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="external_identities",
    )
    issuer = models.CharField(_("utfärdare"), max_length=255)
    subject = models.CharField(_("konto-id hos utfärdaren"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("extern inloggning")
        verbose_name_plural = _("externa inloggningar")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="external_identity_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "issuer"], name="external_identity_one_per_issuer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.issuer}"
