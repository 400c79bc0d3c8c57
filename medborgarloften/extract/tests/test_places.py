"""find_places follows SCHEMA: named places as written, never the bare kommun name."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from medborgarloften.extract import places
from medborgarloften.extract.places import find_places


def names(text: str, municipalities: list[str] | None = None) -> list[str]:
    return [p for p, _ in find_places(text, municipalities=municipalities or ["Ekby"])]


# Development examples (used while writing the rules).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Polisen ska öka närvaron i centrala Ekby.", ["centrala Ekby"]),
        (
            "Trygghetsvandringar i Ekby centrum och i Ekbys tätort.",
            ["Ekby centrum", "Ekbys tätort"],
        ),
        ("Vandringar i Norrby, Solberga och Ängen.", ["Norrby", "Solberga", "Ängen"]),
        ("Samtal med elever på Ekbys högstadium.", ["Ekbys högstadium"]),
        ("Kontroller vid Resecentrum och runt sjön Tjärn.", ["Resecentrum", "Tjärn"]),
        ("Närvaro i stadsdelarna Berga/Hagen och Lund.", ["Berga/Hagen", "Lund"]),
    ],
)
def test_it_finds_named_places_as_written(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Polisen ska patrullera i Ekby.",  # the bare kommun name
        "Vi arbetar i Ekby kommun och i Ekbys kommun.",
        "Insatser i centrum, vid skolor och i byarna.",  # generic lowercase nouns
        "Lokalpolisområde Ekby och polisen i Region Syd.",
        "Information på Facebook och i Sverige.",
        "Samverkan inom Brottsförebyggande rådet.",
    ],
)
def test_it_does_not_call_kommun_names_organisations_or_generic_nouns_places(text):
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "området" once ended in "rådet" and read as an organisation.
        ("Vandringar i Hagaområdet under hösten.", ["Hagaområdet"]),
        # Two names sharing one place noun.
        ("Öka tryggheten i Berga- och Lundaområdet.", ["Berga- och Lundaområdet"]),
        # A street keeps its house number; a genitive name with a facility noun.
        (
            "Byta belysning på Bruksgatan (4A-C), Skolvägen 2 och vid Norrby förskola.",
            ["Bruksgatan (4A-C)", "Skolvägen 2", "Norrby förskola"],
        ),
        (
            "Närvaro vid Solbackens förskola och Ängens fritidsgård.",
            ["Solbackens förskola", "Ängens fritidsgård"],
        ),
        # Names in brackets or after a colon behind a noun for kinds of places.
        ("Vandringar i två stadsdelar (Norrby och Haga).", ["Norrby", "Haga"]),
        (
            "Besök på platser som upplevs otrygga; Stationsparken, Ekby Galleria, "
            "Max restaurangens parkering, offentliga evenemang.",
            ["Stationsparken", "Ekby Galleria", "Max restaurangens parkering"],
        ),
        (
            "Närvaro vid de två högstadieskolorna: Norrskolan och Ekby Friskola.",
            ["Norrskolan", "Ekby Friskola"],
        ),
        # An aside between the preposition and the names; a district with its side.
        ("Arbetstid i, bland annat, Byn och Ås.", ["Byn", "Ås"]),
        ("Främst i kommundelarna Haga och Lunda norra.", ["Haga", "Lunda norra"]),
        ("Löften gällande Ekby city:", ["Ekby city"]),
        ("Aktiviteter kring Norrby shopping.", ["Norrby shopping"]),
    ],
)
def test_it_finds_places_in_lists_and_compounds(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A name in a title or a police district, a newspaper.
        "Lokalpolisområdeschef i Norrdalen, Björnå och Ås skrev under.",
        "Polisen i Västra Norrland ska öka närvaron.",
        "En artikel i Ekbybladet om löftet.",
    ],
)
def test_it_does_not_take_titles_districts_or_newspapers_for_places(text):
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name never runs on over a blank line; a PDF's wrapped line is one name.
        ("Vandringar i Hagby\n\nArbetet följs upp.", ["Hagby"]),
        ("Tester på\nNorrgymnasiet under året.", ["Norrgymnasiet"]),
        ("Närvaro i centrala\nEkbyholm på kvällen.", ["centrala Ekbyholm"]),
        ("Mellan Torpa och Åsby byggs en cykelväg.", ["Torpa", "Åsby"]),
        # A place compound as the object of a verb.
        ("Kommunen ska rusta upp Stadsparken före sommaren.", ["Stadsparken"]),
        ("Belysning på Bruksgatan (4) och runt torget.", ["Bruksgatan (4)"]),
        # Examples after a noun for kinds of places.
        ("Besök i alla skolor, inklusive Norrskolan.", ["Norrskolan"]),
    ],
)
def test_it_finds_places_as_objects_and_examples(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Capitalised parties and a person with a title are not places.
        "Samverkan mellan Skola, Socialtjänst, Polis och Fritid.",
        "Löftet signerades mellan Eva Holm, kommunchef, och polisen.",
        # "nu gällande" is an adjective; a campaign after "såsom" is no place.
        "Revidera nu gällande Lokala ordningsföreskrifter.",
        "Genomföra kampanjer såsom Trafikveckan.",
    ],
)
def test_it_does_not_take_parties_people_or_campaigns_for_places(text):
    assert names(text) == []


def test_it_gives_spans_into_the_text():
    text = "Polisen ska öka närvaron i centrala Ekby och i Norrby."
    for value, (start, end) in find_places(text, municipalities=["Ekby"]):
        assert text[start:end] == value


# Held-out examples (written after the rules, not tuned on).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fotpatrullering på Stora torget varje helg.", ["Stora torget"]),
        ("Vandring vid Resecentrum i Ekby kommun.", ["Resecentrum"]),
        ("Insatser mitt emot Coop Forum i Hagby.", ["Coop Forum i Hagby"]),
    ],
)
def test_it_finds_held_out_places(text, expected):
    assert names(text) == expected


@given(st.text(), st.lists(st.text(max_size=12), max_size=3))
def test_it_never_raises(text, municipalities):
    for value, (start, end) in find_places(text, municipalities=municipalities):
        assert text[start:end] == value


# The place expressions are written for speed (a literal or a class first); these
# plain forms say what they mean, and the two must agree on every text.
_PLAIN = {
    "_CENTRALA_RE": re.compile(rf"\bcentrala\s+({places._NAME_WORD})"),
    "_QUALIFIED_RE": re.compile(
        rf"(?<![\w-])({places._NAME_WORD})\s+({places._QUALIFIED_NOUNS})\b"
    ),
    # "Ekuddens båthamn", "Norrdals gamla bibliotekslokal": a facility noun, or a
    # compound ending in one (its head), after the name's genitive
    "_GENITIVE_FACILITY_RE": re.compile(
        rf"(?<![\w-])({places._NAME_WORD}s)\s+((?:(?:gamla|nya|stora|lilla)\s+)?"
        rf"[{places._LO}]*?(?:{places._FACILITY_NOUNS}|"
        rf"{'|'.join(places._LEX['compound_heads'])}))(?![\w-])"
    ),
    "_PREP_NAME_RE": re.compile(
        rf"(?:(?<![\w-])(?i:{places._PREPOSITIONS})"
        rf"(?:[ \t]*,[ \t]*{places._ASIDE}|{places._SP}{places._ASIDE})"
        rf"(?:(?i:{places._PLACE_NOUNS}){places._SP})?"
        rf"|(?<![\w-])(?i:{places._PLACE_NOUNS}){places._SP}"
        rf"|(?<![\w-])(?i:\w*(?:{places._LIST_NOUNS}))[^.;:\n]{{0,40}}?"
        rf"(?i:såsom|exempelvis|inklusive|bland annat|t\.\s?ex\.)[ \t]+)"
        rf"({places._NAME}(?:[ \t]+i[ \t]+{places._NAME_WORD})?{places._LIST_TAIL})"
        rf"(?![\w-])"
    ),
}
_PLACE_WORDS = [
    "centrala",
    "Centrala",
    "Berga",
    "Norrdals",
    "Väst-Åby",
    "Öster/Malm",
    "centrum",
    "tätort",
    "torg",
    "i",
    "I",
    "på",
    "vid",
    "stadsdelen",
    "området",
    "och",
    ",",
    "-",
    "x",
    "Polisen",
    "ÅÄÖ",
    "\n",
]


@settings(max_examples=400)
@given(
    words=st.lists(st.sampled_from(_PLACE_WORDS), max_size=16),
    seps=st.lists(st.sampled_from([" ", "", "  ", "-", "\n"]), max_size=16),
)
# a compound facility noun after a genitive: "Norrdals centralacentrum"
@example(words=["Norrdals", "centrala", "centrum"], seps=[" ", "", " "])
def test_fast_place_expressions_match_their_plain_forms(words, seps):
    text = "".join(w + (seps[i] if i < len(seps) else " ") for i, w in enumerate(words))
    for name, plain in _PLAIN.items():
        fast = getattr(places, name)
        got = [(m.span(), m.groups()) for m in fast.finditer(text)]
        want = [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert got == want, (name, text)
