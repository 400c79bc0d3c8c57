"""Controlled vocabularies shared by the models, the exchange format and the extractor.

Django-free on purpose: ``medborgarloften.extract`` uses it too. The codes are those of
the extraction record (docs/format.md); the labels are the Swedish display names.
Codes never change once published; labels may.
"""

from __future__ import annotations

import re


def gettext_noop(label: str) -> str:
    """Marks a label for ``makemessages`` (Swedish is the msgid); pages translate it
    where they show it (``gettext(label)``). No Django here: the extractor uses these
    dicts too, always in Swedish."""
    return label


#: Themes a focus area or commitment concerns (docs/format.md, "Themes").
THEMES: dict[str, str] = {
    "narkotika": gettext_noop("Narkotika"),
    "trygghet_offentlig_miljo": gettext_noop("Trygghet i offentlig miljö"),
    "inbrott": gettext_noop("Inbrott"),
    "skadegorelse": gettext_noop("Skadegörelse"),
    "bedrageri": gettext_noop("Bedrägerier"),
    "trafik": gettext_noop("Trafik"),
    "barn_unga_riskmiljo": gettext_noop("Barn och unga i riskmiljö"),
    "vald": gettext_noop("Våld"),
    "alkohol": gettext_noop("Alkohol"),
    "ordningsstorningar": gettext_noop("Ordningsstörningar"),
    "kriminella_natverk": gettext_noop("Kriminella nätverk"),
    "brott_mot_aldre": gettext_noop("Brott mot äldre"),
    "grannsamverkan": gettext_noop("Grannsamverkan"),
    "stold": gettext_noop("Stöld"),
    "vald_i_nara_relation": gettext_noop("Våld i nära relation"),
    "annat": gettext_noop("Annat"),
}

#: What a lägesbild or promise rests on.
EVIDENCE_SOURCES: dict[str, str] = {
    "trygghetsmatning": gettext_noop("Trygghetsmätning"),
    "medborgardialog": gettext_noop("Medborgardialog"),
    "medarbetardialog": gettext_noop("Medarbetardialog"),
    "brottsstatistik": gettext_noop("Brottsstatistik"),
    "can_undersokning": gettext_noop("CAN-undersökning"),
    "trygghetsvandring": gettext_noop("Trygghetsvandring"),
    "ovrigt": gettext_noop("Övrigt"),
}

#: Who carries out a commitment, in this order.
RESPONSIBLE: dict[str, str] = {
    "polis": gettext_noop("Polisen"),
    "kommun": gettext_noop("Kommunen"),
    "annan": gettext_noop("Annan part"),
}

#: What a target quantity is counted per.
PER: dict[str, str] = {
    "period": gettext_noop("under hela perioden"),
    "år": gettext_noop("per år"),
    "månad": gettext_noop("per månad"),
    "vecka": gettext_noop("per vecka"),
    "termin": gettext_noop("per termin"),
    "område": gettext_noop("i respektive område"),
    "år_och_område": gettext_noop("per år i respektive område"),
}


#: Units of time ("timmar", "arbetsdagar", "veckor" …). A target in one of them with
#: no ``per`` is a time limit ("sanera klotter inom 48 timmar", "svara inom två
#: arbetsdagar"): a standard each case must meet, not a number of things to do.
_DURATION_UNIT = re.compile(
    r"(?:minut|timm|dygn|dag|dagar|arbetsdag|arbetsveck|vardag|veck|vecka|veckor)\w*",
    re.IGNORECASE,
)


def is_duration_unit(unit: str | None) -> bool:
    """Whether ``unit`` is a unit of time ("timmar", "Dygn", "arbetsdagar")."""
    return _DURATION_UNIT.fullmatch(" ".join((unit or "").split())) is not None


def is_time_limit(quantity: int | None, unit: str, per: str | None) -> bool:
    """Whether a target (quantity, unit, per) is a time limit: a number of time
    units with no rate or period ("inom 48 timmar")."""
    return quantity is not None and not per and is_duration_unit(unit)


def ordered_responsible(values: list[str] | set[str] | tuple[str, ...]) -> list[str]:
    """Return responsible codes deduplicated and in the canonical order polis, kommun, annan."""
    wanted = set(values)
    unknown = wanted - RESPONSIBLE.keys()
    if unknown:
        raise ValueError(f"unknown responsible party: {sorted(unknown)}")
    return [code for code in RESPONSIBLE if code in wanted]


def choices(vocabulary: dict[str, str]) -> list[tuple[str, str]]:
    """Turn a vocabulary into Django-style choices."""
    return list(vocabulary.items())
