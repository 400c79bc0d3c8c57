"""The accessibility statement (tillgänglighetsredogörelse) the law on accessible
digital public service (DOS-lagen, 2018:1937) requires, with the content DIGG lists:
who stands behind the service and its name, conformance as "helt", "delvis" or "inte
förenlig", the content that is not accessible and why, how to get it another way,
how to report a gap (meddelandefunktion), DIGG's supervision with a link to its
report form, content outside the law and disproportionate burden, how and when the
service was assessed, and when the statement was last updated.

The product's own known gaps are listed here, since they come with every
installation; each installation names itself, its contact and its own gaps in
settings (``ACCESSIBILITY_*``, see ``.env.example`` and docs/accessibility.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .api.catalogue import contact_email, publisher_kommun

#: DIGG's form for reporting a public body's accessibility gaps.
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"
DIGG_NAME = "Myndigheten för digital förvaltning (Digg)"
#: When this release's statement was assessed and written (docs/accessibility.md).
PRODUCT_ASSESSED_ON = dt.date(2026, 12, 6)
#: Swedish (a msgid): the page shows it translated (accessibility.html).
STANDARD = gettext_noop("WCAG 2.1 nivå AA enligt EN 301 549 V3.2.1")


@dataclass(frozen=True)
class Gap:
    situation: str  # DIGG's usage situation, e.g. "Användning utan synförmåga"
    text: str
    criterion: str  # the WCAG success criterion not met, or "" for information


@dataclass(frozen=True)
class Statement:
    organisation: str
    service_name: str
    site_url: str
    conformance: str  # "helt", "delvis" or "inte"
    conformance_text: str
    gaps: list[Gap]
    extra_gaps: list[str]
    not_covered: str
    disproportionate: str
    method: str
    assessed_on: dt.date
    updated_on: dt.date
    published_on: dt.date | None
    contact_email: str
    contact_phone: str
    contact_url: str
    response_days: int
    digg_report_url: str = DIGG_REPORT_URL
    digg_name: str = DIGG_NAME
    standard: str = STANDARD


def product_gaps() -> list[Gap]:
    """What this release knows it does not meet, for every installation."""
    return [
        Gap(
            situation=_("Användning utan synförmåga, med nedsatt finmotorik"),
            text=_(
                "I enkäten för trygghetsvandringar kan du markera en plats genom att "
                "trycka på en karta. Kartan går inte att använda med tangentbord "
                "eller skärmläsare. Välj i stället område i listan under kartan och "
                "beskriv platsen med ord; svaret räknas på samma sätt."
            ),
            criterion="2.1.1",
        ),
        Gap(
            situation=_("Användning utan synförmåga"),
            text=_(
                "PDF-filerna som tjänsten skapar (medborgarlöftet, "
                "uppföljningsrapporter och lägesbilden) är taggade enligt PDF/UA-1 "
                "med titel, språk, rubriker och tabellrubriker. De har kontrollerats "
                "maskinellt men ännu inte med skärmläsare. Samma innehåll finns som "
                "webbsida och som Word-fil."
            ),
            criterion="",
        ),
        Gap(
            situation=_("Användning med kognitiv nedsättning"),
            text=_(
                "Texterna i medborgarlöften, lägesbilder och rapporter skrivs av "
                "kommunen och polisen. Tjänsten kan inte garantera att de är "
                "skrivna på ett enkelt sätt."
            ),
            criterion="",
        ),
    ]


def _date(name: str, default: dt.date | None) -> dt.date | None:
    value = getattr(settings, name, "")
    if not value:
        return default
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected YYYY-MM-DD") from None


def conformance_text(conformance: str) -> str:
    return {
        "helt": _("helt förenlig"),
        "delvis": _("delvis förenlig"),
        "inte": _("inte förenlig"),
    }[conformance]


def _publisher_name() -> str:
    """Who stands behind the service when ACCESSIBILITY_ORGANISATION is unset: the
    open data's publisher (API_PUBLISHER, else the kommun the installation serves),
    the same name the catalogue gives; the product's name only when neither is known."""
    kommun = publisher_kommun()
    return str(settings.API_PUBLISHER or kommun or settings.ACCESSIBILITY_SERVICE_NAME)


def accessibility_statement(*, site_url: str) -> Statement:
    """The statement for this installation, from settings and the product's gaps."""
    assessed = _date("ACCESSIBILITY_ASSESSED_ON", PRODUCT_ASSESSED_ON)
    assert assessed is not None
    return Statement(
        organisation=settings.ACCESSIBILITY_ORGANISATION or _publisher_name(),
        service_name=settings.ACCESSIBILITY_SERVICE_NAME,
        site_url=site_url,
        conformance=settings.ACCESSIBILITY_CONFORMANCE,
        conformance_text=conformance_text(settings.ACCESSIBILITY_CONFORMANCE),
        gaps=product_gaps(),
        extra_gaps=list(settings.ACCESSIBILITY_EXTRA_GAPS),
        not_covered=settings.ACCESSIBILITY_NOT_COVERED,
        disproportionate=settings.ACCESSIBILITY_DISPROPORTIONATE,
        method=settings.ACCESSIBILITY_METHOD,
        assessed_on=assessed,
        updated_on=_date("ACCESSIBILITY_UPDATED_ON", assessed) or assessed,
        published_on=_date("ACCESSIBILITY_PUBLISHED_ON", None),
        # unset, the open data's contact, as the catalogue names it (one address
        # for "who answers for this service"); the deploy check W002 still asks
        contact_email=settings.ACCESSIBILITY_CONTACT_EMAIL or contact_email(),
        contact_phone=settings.ACCESSIBILITY_CONTACT_PHONE,
        contact_url=settings.ACCESSIBILITY_CONTACT_URL,
        response_days=settings.ACCESSIBILITY_RESPONSE_DAYS,
    )
