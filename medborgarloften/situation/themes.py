"""How each kind of evidence maps onto the shared themes (``vocabulary.THEMES``), so
observations, events, crime statistics and dialogue findings can be read together."""

from __future__ import annotations

#: EST observation category → theme.
OBSERVATION_THEMES: dict[str, str] = {
    "skadegorelse": "skadegorelse",
    "klotter": "skadegorelse",
    "nedskrapning": "trygghet_offentlig_miljo",
    "otrygg_plats": "trygghet_offentlig_miljo",
    "belysning": "trygghet_offentlig_miljo",
    "narkotika": "narkotika",
    "ordningsstorning": "ordningsstorningar",
    "buskorning": "trafik",
    "folksamling": "ordningsstorningar",
    "brand": "skadegorelse",
    "hot_vald": "vald",
    "annat": "annat",
}

#: Words in a crime category or police event type → theme; first match wins, so the
#: narrower words come first.
_WORD_THEMES: tuple[tuple[str, str], ...] = (
    ("kvinnofrid", "vald_i_nara_relation"),
    ("nära relation", "vald_i_nara_relation"),
    ("inbrott", "inbrott"),
    ("skadegörelse", "skadegorelse"),
    ("klotter", "skadegorelse"),
    ("narkotika", "narkotika"),
    ("rattfylleri", "trafik"),
    ("trafik", "trafik"),
    ("bilbrott", "stold"),
    ("stöld", "stold"),
    ("tillgrepp", "stold"),
    ("bedrägeri", "bedrageri"),
    ("misshandel", "vald"),
    ("våld", "vald"),
    ("rån", "vald"),
    ("hot", "vald"),
    ("mord", "vald"),
    ("skottlossning", "kriminella_natverk"),
    ("sprängning", "kriminella_natverk"),
    ("fylleri", "alkohol"),
    ("ordningslag", "ordningsstorningar"),
    ("bråk", "ordningsstorningar"),
    ("ofredande", "ordningsstorningar"),
)


def theme_for_words(text: str) -> str:
    """The theme a crime category or event type belongs to ('annat' when unknown)."""
    folded = text.casefold()
    for word, theme in _WORD_THEMES:
        if word in folded:
            return theme
    return "annat"
