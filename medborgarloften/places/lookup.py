"""Which kommun, police unit, organisation or area a name means — answered once.

Names arrive from JSON records, extraction, CSV files from Brå and SCB, the police
events API, the command line and forms. They all go through these rules:

* **Case and diacritics** (:func:`fold`): NFC, ``casefold()``, every run of white
  space (no-break space too) as one space, spaces and ``. , ; :`` trimmed from the
  ends. Å, ä and ö are letters of their own and are never folded to a, o.
* **A kommun** (:class:`KommunIndex`) is named by its kommunkod — four digits, or
  fewer when a spreadsheet dropped the leading zero ("880" is 0880) — or by its name
  with the words around it that Swedish uses: "Kalmar", "Kalmar kommun", "Malmö
  stad", "Region Gotland", and the genitive "Kalmars kommun", "Helsingborgs stad",
  "Kalmars". "0880 Kalmar" is the kommun only when code and name agree. The name as
  written wins over the genitive reading; a reading that fits two kommuner means
  neither. (No kommun name is another kommun's name plus "s", so the genitive
  reading never shadows a real name.)
* **A lokalpolisområde** (:func:`police_area_key`): "Lokalpolisområde Kalmar",
  "Lokalpolisområdet Kalmar", "LPO Kalmar" and "Kalmar lokalpolisområde" are one.
* **An organisation of any kind** (:func:`organisation_matches`): its exact name
  first, so "Kalmar" is the kommun and not "Lokalpolisområde Kalmar", then the
  kommun readings, then the police readings.
* **An area** (:class:`AreaIndex`): its name or any alias, within given kommuner;
  the first kommun given wins a name two kommuner share.

The key functions are Django-free; the indexes read the database once when built,
so an import of many rows asks one query, not one per row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the key functions stay importable without Django set up
    from .models import Area, County, Organisation

__all__ = [
    "AreaIndex",
    "KommunIndex",
    "area_find",
    "county_find",
    "fold",
    "kommun_code",
    "kommun_find",
    "kommun_key",
    "kommun_keys",
    "organisation_matches",
    "police_area_find",
    "police_area_key",
    "same_kommun",
]

_SPACE = re.compile(r"\s+")  # \s covers the no-break space in str patterns


def fold(value: str) -> str:
    """A name as names are compared: NFC, casefolded, spaces collapsed; å/ä/ö kept."""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    return _SPACE.sub(" ", text).strip(" .,;:")


def fold_marks(value: str) -> str:
    """:func:`fold`, then without diacritics (å, ä → a; ö → o; é → e): what a search
    typed on a keyboard without å/ä/ö ("goteborg", "Malmo") is compared as."""
    text = unicodedata.normalize("NFD", fold(value))
    return "".join(c for c in text if not unicodedata.combining(c))


_KOMMUN_WORD_BEFORE = re.compile(r"^(?:region|kommun)\s+")
_KOMMUN_WORD_AFTER = re.compile(r"\s+(?:kommun|stad|region)$")
_CODE = re.compile(r"\d{1,4}")


def kommun_code(value: str) -> str | None:
    """The four-digit kommunkod ``value`` is, or None: "0880", "880" → "0880"."""
    text = str(value).strip()
    if text.isascii() and _CODE.fullmatch(text):
        return text.zfill(4)
    return None


def kommun_keys(value: str) -> list[str]:
    """What a kommun may be called, strongest reading first.

    The first key is the bare name ("Kalmar kommun", "Region Gotland", "Malmö stad"
    → "kalmar", "gotland", "malmö"); a second, weaker key reads a final -s as the
    genitive ("Kalmars kommun", "Kalmars" → "kalmar").
    """
    name = _KOMMUN_WORD_BEFORE.sub("", fold(value))
    name = _KOMMUN_WORD_AFTER.sub("", name).strip()
    keys = [name]
    if len(name) > 2 and name.endswith("s"):
        keys.append(name[:-1])
    return keys


def kommun_key(value: str) -> str:
    """The bare name of a kommun as written: the key two spellings share."""
    return kommun_keys(value)[0]


def same_kommun(a: str, b: str) -> bool:
    """Whether two names may be the same kommun: "Kalmar", "Kalmar kommun" and
    "Kalmars kommun" are; "Kalmar" and "Nybro" are not."""
    return not set(kommun_keys(a)).isdisjoint(kommun_keys(b))


_POLICE_WORDS = re.compile(
    r"^(?:lokalpolisområdet|lokalpolisområde|lpo)(?:\s*:\s*|\s+)(?:i\s+)?"
    r"|\s+(?:lokalpolisområdet|lokalpolisområde|lpo)$"
)
_POLICE_AFTER = re.compile(r"\s+(?:lokalpolisområdet|lokalpolisområde|lpo)$")


def police_area_key(value: str) -> str:
    """The bare name of a lokalpolisområde: 'LPO Kalmar', 'Kalmar lokalpolisområde' →
    'kalmar'."""
    return _POLICE_WORDS.sub("", fold(value)).strip()


class KommunIndex:
    """Kommuner by code and name, read once; :meth:`find` applies the rules above."""

    def __init__(self, kommuner: Iterable[Organisation] | None = None) -> None:
        if kommuner is None:
            # models loaded on use: the key functions stay importable without Django
            from .models import Organisation

            kommuner = Organisation.objects.kommuner().select_related("county")
        self.kommuner: list[Organisation] = list(kommuner)
        self.by_code = {k.code: k for k in self.kommuner if k.code}
        self.by_key: dict[str, list[Organisation]] = {}
        for kommun in self.kommuner:
            self.by_key.setdefault(kommun_key(kommun.name), []).append(kommun)
            # The official form ("Falu kommun" for Falun) where it is not a spelling
            # the name's own keys already read.
            official = getattr(kommun, "official_name", "") or ""
            key = kommun_key(official) if official else ""
            if key and key not in kommun_keys(kommun.name):
                self.by_key.setdefault(key, []).append(kommun)

    def matches(self, value: str) -> list[Organisation]:
        """Every kommun the strongest fitting reading of ``value`` names."""
        text = " ".join(str(value).split())
        code = kommun_code(text)
        if code is not None:
            return [self.by_code[code]] if code in self.by_code else []
        coded = re.fullmatch(r"(\d{4})\s+(\S.*)", text)
        if coded:
            kommun = self.by_code.get(coded[1])
            if kommun is not None and kommun in self.matches(coded[2]):
                return [kommun]
            return []
        for key in kommun_keys(text):
            if key in self.by_key:
                return list(self.by_key[key])
        return []

    def find(self, value: str) -> Organisation | None:
        """The one kommun ``value`` names, or None (unknown or ambiguous)."""
        found = self.matches(value)
        return found[0] if len(found) == 1 else None


def kommun_find(value: str) -> Organisation | None:
    """The kommun a user means by a kommunkod ('0880') or a name ('Kalmars kommun')."""
    return KommunIndex().find(value)


def police_area_find(
    value: str, units: Iterable[Organisation] | None = None
) -> Organisation | None:
    """The lokalpolisområde ``value`` names (first by name when two share a key)."""
    if units is None:
        # models loaded on use: the key functions stay importable without Django
        from .models import Organisation

        units = Organisation.objects.lpos().order_by("name", "pk")
    keys = [police_area_key(value)]
    if _POLICE_AFTER.search(fold(value)) and keys[0].endswith("s"):
        # "Kalmars lokalpolisområde": the genitive, when no unit has the s
        keys.append(keys[0][:-1])
    units = list(units)
    for key in keys:
        found = next((o for o in units if police_area_key(o.name) == key), None)
        if found is not None:
            return found
    return None


def other_party_find(value: str) -> Organisation | None:
    """The stored organisation, neither kommun nor police, that ``value`` names
    ("Kalmarhem"): another party of a commitment, by its folded name."""
    # models loaded on use: the key functions stay importable without Django
    from .models import POLICE_KINDS, Organisation, OrganisationKind

    key = fold(value)
    return next(
        (
            org
            for org in Organisation.objects.exclude(kind__in=POLICE_KINDS)
            .exclude(kind=OrganisationKind.KOMMUN)
            .order_by("kind", "pk")
            if fold(org.name) == key
        ),
        None,
    )


def organisation_matches(
    value: str, organisations: Iterable[Organisation] | None = None
) -> list[Organisation]:
    """The organisations ``value`` names by the strongest reading that fits any:
    the exact name (or its shown form, "Kalmar kommun"), then the kommun readings,
    then the police ones. More than one means the name is ambiguous."""
    # models loaded on use: the key functions stay importable without Django
    from .models import Organisation, OrganisationKind

    if organisations is None:
        organisations = Organisation.objects.order_by("kind", "name")
    candidates = list(organisations)
    key = fold(value)
    exact = [o for o in candidates if fold(o.name) == key]
    if exact:
        return exact
    kommuner = KommunIndex(
        o for o in candidates if o.kind == OrganisationKind.KOMMUN
    ).matches(value)
    if kommuner:
        return kommuner
    police = police_area_key(value)
    return [
        o
        for o in candidates
        if o.kind == OrganisationKind.LOKALPOLISOMRADE
        and police_area_key(o.name) == police
    ]


class AreaIndex:
    """The areas of some kommuner by name and alias; the first kommun given wins."""

    def __init__(
        self, kommuner: Iterable[Organisation], areas: Iterable[Area] | None = None
    ) -> None:
        # models loaded on use: the key functions stay importable without Django
        from .models import Area

        kommuner = list(kommuner)
        if areas is None:
            areas = Area.objects.filter(kommun__in=kommuner)
        order = {k.pk: i for i, k in enumerate(kommuner)}
        self.by_key: dict[str, Area] = {}
        for area in sorted(
            areas, key=lambda a: (order.get(a.kommun_id, len(order)), a.pk)
        ):
            for name in area.names():
                self.by_key.setdefault(fold(name), area)

    def find(self, value: str) -> Area | None:
        return self.by_key.get(fold(value))

    def __contains__(self, value: str) -> bool:
        return fold(value) in self.by_key

    def add(self, area: Area) -> None:
        for name in area.names():
            self.by_key.setdefault(fold(name), area)


def area_find(value: str, *, kommun: Organisation) -> Area | None:
    """The area of ``kommun`` that ``value`` names (its name or an alias)."""
    return AreaIndex([kommun]).find(value)


def county_find(value: str, counties: Iterable[County]) -> County | None:
    """The län ``value`` names ("Kalmar län", "kalmar län")."""
    key = fold(value)
    return next((c for c in counties if fold(c.name) == key), None)
