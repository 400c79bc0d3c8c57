"""Controlled vocabularies shared by the models, the exchange format and the extractor.

Django-free on purpose: ``medborgarloften.extract`` uses it too. The codes are those of
the extraction record (docs/format.md); the labels are the Swedish display names.
Codes never change once published; labels may.
"""

from __future__ import annotations

#: Themes a focus area or commitment concerns (docs/format.md, "Themes").
THEMES: dict[str, str] = {
    "narkotika": "Narkotika",
    "trygghet_offentlig_miljo": "Trygghet i offentlig miljö",
    "inbrott": "Inbrott",
    "skadegorelse": "Skadegörelse",
    "bedrageri": "Bedrägerier",
    "trafik": "Trafik",
    "barn_unga_riskmiljo": "Barn och unga i riskmiljö",
    "vald": "Våld",
    "alkohol": "Alkohol",
    "ordningsstorningar": "Ordningsstörningar",
    "kriminella_natverk": "Kriminella nätverk",
    "brott_mot_aldre": "Brott mot äldre",
    "grannsamverkan": "Grannsamverkan",
    "stold": "Stöld",
    "vald_i_nara_relation": "Våld i nära relation",
    "annat": "Annat",
}

#: What a lägesbild or promise rests on.
EVIDENCE_SOURCES: dict[str, str] = {
    "trygghetsmatning": "Trygghetsmätning",
    "medborgardialog": "Medborgardialog",
    "medarbetardialog": "Medarbetardialog",
    "brottsstatistik": "Brottsstatistik",
    "can_undersokning": "CAN-undersökning",
    "trygghetsvandring": "Trygghetsvandring",
    "ovrigt": "Övrigt",
}

#: Who carries out a commitment, in this order.
RESPONSIBLE: dict[str, str] = {
    "polis": "Polisen",
    "kommun": "Kommunen",
    "annan": "Annan part",
}

#: What a target quantity is counted per.
PER: dict[str, str] = {
    "period": "under hela perioden",
    "år": "per år",
    "månad": "per månad",
    "vecka": "per vecka",
    "termin": "per termin",
    "område": "i respektive område",
    "år_och_område": "per år i respektive område",
}


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
