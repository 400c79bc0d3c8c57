"""Kommuner, police organisation, other parties and the named areas inside a kommun."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.fields import PlainCharField, PlainJSONField
from medborgarloften.lib.modelparts import (
    belongs_to,
    lock_version,
    optional_link,
    optional_user,
)


class OrganisationKind(models.TextChoices):
    KOMMUN = "kommun", _("Kommun")
    LOKALPOLISOMRADE = "lokalpolisomrade", _("Lokalpolisområde")
    POLISOMRADE = "polisomrade", _("Polisområde")
    POLISREGION = "polisregion", _("Polisregion")
    REGION = "region", _("Region")
    SKOLA = "skola", _("Skola")
    BOSTADSBOLAG = "bostadsbolag", _("Bostadsbolag")
    FORENING = "forening", _("Förening")
    NARINGSLIV = "naringsliv", _("Näringsliv")
    RADDNINGSTJANST = "raddningstjanst", _("Räddningstjänst")
    KOLLEKTIVTRAFIK = "kollektivtrafik", _("Kollektivtrafik")
    FORVALTNING = "forvaltning", _("Kommunal förvaltning")
    TRAFIKVERKET = "trafikverket", _("Trafikverket")
    ANNAN = "annan", _("Annan part")


POLICE_KINDS = (
    OrganisationKind.LOKALPOLISOMRADE,
    OrganisationKind.POLISOMRADE,
    OrganisationKind.POLISREGION,
)


#: The kommun a row belongs to: ``kommun = kommun_link("cases")``.
kommun_link = partial(belongs_to, "places.Organisation", _("kommun"))


class County(models.Model):
    """A län, with the police region it belongs to."""

    code = models.CharField(_("länskod"), max_length=2, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    police_region = optional_link(
        "Organisation",
        _("polisregion"),
        on_delete=models.PROTECT,
        related_name="counties",
        limit_choices_to={"kind": OrganisationKind.POLISREGION},
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("län")
        verbose_name_plural = _("län")

    def __str__(self) -> str:
        return self.name


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def kommuner(self) -> OrganisationQuerySet:
        return self.filter(kind=OrganisationKind.KOMMUN)

    def police(self) -> OrganisationQuerySet:
        return self.filter(kind__in=POLICE_KINDS)

    def lpos(self) -> OrganisationQuerySet:
        return self.filter(kind=OrganisationKind.LOKALPOLISOMRADE)


class Organisation(models.Model):
    """A party to promises: a kommun, a police unit or another actor.

    Police units form a tree (lokalpolisområde → polisområde → polisregion) through
    ``parent``; a lokalpolisområde serves one or more kommuner through ``serves``.
    """

    kind = models.CharField(_("typ"), max_length=20, choices=OrganisationKind.choices)
    name = PlainCharField(_("namn"), max_length=200)
    code = models.CharField(
        _("kod"),
        max_length=20,
        blank=True,
        help_text=_("Kommunkod (fyra siffror) för kommuner; annars valfri."),
    )
    county = optional_link(
        County, _("län"), on_delete=models.PROTECT, related_name="organisations"
    )
    parent = optional_link(
        "self", _("ingår i"), on_delete=models.PROTECT, related_name="children"
    )
    serves = models.ManyToManyField(
        "self",
        verbose_name=_("kommuner som betjänas"),
        symmetrical=False,
        blank=True,
        related_name="served_by",
        limit_choices_to={"kind": OrganisationKind.KOMMUN},
    )
    source = models.CharField(
        _("källa"),
        max_length=500,
        blank=True,
        help_text=_("Varifrån uppgiften kommer."),
    )
    #: A kommun's name as it writes it itself ("Karlshamns kommun", "Stockholms stad",
    #: "Region Gotland"): reference data read by loadref, with its source.
    official_name = models.CharField(
        _("officiellt namn"),
        max_length=200,
        blank=True,
        help_text=_("Kommunens namn som den själv skriver det, t.ex. Falu kommun."),
    )
    official_name_source = models.CharField(
        _("källa för officiellt namn"), max_length=500, blank=True
    )
    #: Optimistic locking; loadref increments it too.
    version = lock_version()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "name"], name="org_unique_kind_name"
            ),
            models.UniqueConstraint(
                fields=["kind", "code"],
                condition=~Q(code=""),
                name="org_unique_kind_code",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == OrganisationKind.KOMMUN:
            # Reference data when loaded; the regular form is only a fallback for a
            # kommun created without loadref.
            return self.official_name or f"{self.name} kommun"
        return self.name

    @property
    def is_police(self) -> bool:
        return self.kind in POLICE_KINDS

    @property
    def is_kommun(self) -> bool:
        return self.kind == OrganisationKind.KOMMUN

    def clean(self) -> None:
        if self.kind == OrganisationKind.KOMMUN and not (
            len(self.code) == 4 and self.code.isdigit()
        ):
            raise ValidationError(
                {"code": _("En kommunkod har fyra siffror, t.ex. 0880.")}
            )


class AreaKind(models.TextChoices):
    STADSDEL = "stadsdel", _("Stadsdel")
    TATORT = "tatort", _("Tätort")
    OMRADE = "omrade", _("Område")
    PLATS = "plats", _("Plats")


class Area(models.Model):
    """A named place inside a kommun: a stadsdel, tätort, område or single place."""

    kommun = kommun_link("areas", limit_choices_to={"kind": OrganisationKind.KOMMUN})
    name = PlainCharField(_("namn"), max_length=200)
    kind = models.CharField(
        _("typ"), max_length=20, choices=AreaKind.choices, default=AreaKind.OMRADE
    )
    code = models.CharField(
        _("DeSO/RegSO-kod"), max_length=20, blank=True, help_text=_("Valfri.")
    )
    aliases = PlainJSONField(
        _("andra namn"),
        default=list,
        blank=True,
        max_items=50,
        max_item_length=200,
        help_text=_("Andra namn för samma område, t.ex. delarna i 'Berga/Funkabo'."),
    )
    geometry = models.JSONField(_("geometri (GeoJSON)"), null=True, blank=True)
    geometry_source = PlainCharField(
        _("gränsens källa"),
        max_length=300,
        blank=True,
        help_text=_(
            "Varifrån gränsen kommer, t.ex. den inlästa filen, eller att den är "
            "ungefärlig."
        ),
    )
    version = lock_version()

    class Meta:
        ordering = ["kommun__name", "name"]
        verbose_name = _("område")
        verbose_name_plural = _("områden")
        constraints = [
            models.UniqueConstraint(fields=["kommun", "name"], name="area_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def names(self) -> list[str]:
        """The name and every alias: what a text may call this area."""
        return [self.name, *[a for a in self.aliases if a]]

    def clean(self) -> None:
        if not isinstance(self.aliases, list) or not all(
            isinstance(a, str) for a in self.aliases
        ):
            raise ValidationError(
                {"aliases": _("Andra namn ska vara en lista med text.")}
            )
        if self.geometry is not None and (
            not isinstance(self.geometry, dict) or "type" not in self.geometry
        ):
            raise ValidationError(
                {"geometry": _("Geometrin ska vara ett GeoJSON-objekt.")}
            )


class OrganisationEvent(models.Model):
    """The audit trail of an organisation: who changed it, and who gave whom access.

    Serving a kommun (``Organisation.serves``) opens that kommun's lägesbild, imports
    and survey answers to the serving organisation's members, so every grant and
    withdrawal is kept with its actor and source, listed on both organisations' pages.
    """

    class Action(models.TextChoices):
        CREATED = "created", _("Skapad")
        UPDATED = "updated", _("Ändrad")
        ACCESS_GRANTED = "granted", _("Fick tillgång till kommunen")
        ACCESS_REVOKED = "revoked", _("Tillgång till kommunen togs bort")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kommun = optional_link(
        Organisation,
        _("kommun"),
        on_delete=models.CASCADE,
        related_name="access_events",
        help_text=_("Den kommun som tillgången gäller."),
    )
    actor = optional_user(_("av"), related_name="+")
    action = models.CharField(_("händelse"), max_length=10, choices=Action.choices)
    summary = models.CharField(_("sammanfattning"), max_length=500, blank=True)
    source = models.CharField(
        _("källa"), max_length=100, blank=True, help_text=_("webb, loadref, cli …")
    )
    before = models.JSONField(_("före"), null=True, blank=True)
    after = models.JSONField(_("efter"), null=True, blank=True)
    created_at = models.DateTimeField(_("tid"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("organisationshändelse")
        verbose_name_plural = _("organisationshändelser")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.organisation}"


class OverlayLayer(models.TextChoices):
    """Published area divisions drawn over a kommun's map; not the kommun's areas."""

    DESO = "deso", _("DeSO (SCB)")
    REGSO = "regso", _("RegSO (SCB)")
    UTSATT = "utsatt", _("Utsatta områden (Polisen)")


class Overlay(models.Model):
    """One shape of an overlay layer (a DeSO, a RegSO, one of Polisen's utsatta
    områden) in a kommun: shown on the lägesbild and hot spot maps, never matched to
    promises, walks or observations as the kommun's own areas are."""

    kommun = kommun_link("overlays", limit_choices_to={"kind": OrganisationKind.KOMMUN})
    layer = models.CharField(_("lager"), max_length=10, choices=OverlayLayer.choices)
    name = PlainCharField(_("namn"), max_length=200)
    code = models.CharField(_("kod"), max_length=20, blank=True)
    geometry = models.JSONField(_("geometri (GeoJSON, WGS 84)"))
    source = PlainCharField(_("källa"), max_length=300, blank=True)

    class Meta:
        ordering = ["kommun__name", "layer", "name"]
        verbose_name = _("överlagring")
        verbose_name_plural = _("överlagringar")

    def __str__(self) -> str:
        return f"{self.get_layer_display()}: {self.name}"
