"""The names of the common crime categories in Brå's statistics and the police's
open data, so that a page in English names them in English.

Crime figures are stored with the category as the file named it (Swedish in every
file Brå, Kolada and the police publish); a category the import had to name itself
is stored under the Swedish name below, whatever the importer's language, so that one
category never becomes two. ``category_label`` gives a known name in the reader's
language and any other name as it was written.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

#: What a file without a category column counts (stored in Swedish).
CRIME_TOTAL = gettext_noop("Anmälda brott totalt")

KNOWN = {
    name.casefold(): name
    for name in (
        CRIME_TOTAL,
        gettext_noop("Brott mot person"),
        gettext_noop("Våldsbrott"),
        gettext_noop("Misshandel"),
        gettext_noop("Olaga hot"),
        gettext_noop("Ofredande"),
        gettext_noop("Sexualbrott"),
        gettext_noop("Rån"),
        gettext_noop("Stöld och snatteri"),
        gettext_noop("Stöld- och tillgreppsbrott"),
        gettext_noop("Inbrott"),
        gettext_noop("Bostadsinbrott"),
        gettext_noop("Cykelstöld"),
        gettext_noop("Fordonsbrott"),
        gettext_noop("Skadegörelse"),
        gettext_noop("Klotter"),
        gettext_noop("Narkotikabrott"),
        gettext_noop("Bedrägeri"),
        gettext_noop("Trafikbrott"),
        gettext_noop("Vapenbrott"),
    )
}


def category_label(name: str) -> str:
    """A known category in the reader's language; any other as it was written."""
    known = KNOWN.get(name.strip().casefold())
    return gettext(known) if known else name
