"""The one lookup of kommuner, police units, organisations and areas by name."""

from __future__ import annotations

import pytest

from medborgarloften.places.lookup import (
    AreaIndex,
    KommunIndex,
    county_find,
    fold,
    kommun_code,
    kommun_find,
    kommun_key,
    kommun_keys,
    organisation_matches,
    police_area_find,
    police_area_key,
    same_kommun,
)
from medborgarloften.places.models import Area, Organisation, OrganisationKind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Örebro", "örebro"),
        ("ÖREBRO", "örebro"),
        ("O\u0308rebro", "örebro"),  # decomposed Ö
        ("  Upplands\u00a0 Väsby. ", "upplands väsby"),
        ("Malung-Sälen;", "malung-sälen"),
    ],
)
def test_it_folds_case_and_space_but_keeps_a_a_o(text, expected):
    assert fold(text) == expected


def test_it_never_folds_swedish_letters_to_ascii():
    assert fold("Åre") != fold("Are")
    assert fold("Mölndal") != fold("Molndal")


@pytest.mark.parametrize(
    ("text", "code"),
    [("0880", "0880"), ("880", "0880"), (" 0180 ", "0180"), ("12345", None)],
)
def test_it_reads_kommunkoder_with_or_without_the_leading_zero(text, code):
    assert kommun_code(text) == code


def test_it_reads_no_code_from_non_ascii_digits():
    assert kommun_code("٠٨٨٠") is None


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Kalmar", ["kalmar"]),
        ("Kalmar kommun", ["kalmar"]),
        ("Kalmars kommun", ["kalmars", "kalmar"]),
        ("Kalmars", ["kalmars", "kalmar"]),
        ("Malmö stad", ["malmö"]),
        ("Helsingborgs stad", ["helsingborgs", "helsingborg"]),
        ("Region Gotland", ["gotland"]),
        ("Borås Stad", ["borås", "borå"]),
    ],
)
def test_it_reads_the_words_around_a_kommun_name(text, keys):
    assert kommun_keys(text) == keys


def test_it_compares_kommun_names_as_written():
    assert same_kommun("Kalmar", "Kalmar kommun")
    assert kommun_key("KALMAR KOMMUN") == "kalmar"
    assert not same_kommun("Kalmar", "Nybro")


@pytest.fixture
def places(county_kalmar):
    kommuner = {
        name: Organisation.objects.create(
            kind=OrganisationKind.KOMMUN, name=name, code=code, county=county_kalmar
        )
        for name, code in [
            ("Kalmar", "0880"),
            ("Borås", "1490"),
            ("Helsingborg", "1283"),
            ("Gotland", "0980"),
            ("Malmö", "1280"),
        ]
    }
    return kommuner


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kalmar", "Kalmar"),
        ("kalmar kommun", "Kalmar"),
        ("Kalmars kommun", "Kalmar"),
        ("Kalmars", "Kalmar"),
        ("880", "Kalmar"),
        ("0880 Kalmar", "Kalmar"),
        ("0880 Kalmars kommun", "Kalmar"),
        ("Borås Stad", "Borås"),
        ("Borås", "Borås"),
        ("Helsingborgs stad", "Helsingborg"),
        ("Region Gotland", "Gotland"),
        ("Malmö stad", "Malmö"),
        ("malmö", "Malmö"),
    ],
)
def test_it_finds_a_kommun_by_every_usual_name(places, text, name):
    assert kommun_find(text) == places[name]


@pytest.mark.parametrize(
    "text", ["Malmo", "Kalmarsund", "0880 Borås", "9999", "", "s", "Lokalpolisområde"]
)
def test_it_finds_no_kommun_for_other_names(places, text):
    assert kommun_find(text) is None


def test_it_finds_no_kommun_when_a_name_is_ambiguous(county_kalmar):
    # Two stored kommuner cannot share a name; a list passed in can (old rows).
    twins = [
        Organisation(kind=OrganisationKind.KOMMUN, name="Kalmar", code="0880"),
        Organisation(kind=OrganisationKind.KOMMUN, name="Kalmar kommun", code="0881"),
    ]
    index = KommunIndex(twins)
    assert index.matches("Kalmar") == twins
    assert index.find("Kalmar") is None
    assert index.find("0881") == twins[1]


def test_it_finds_a_kommun_in_one_query(places, django_assert_num_queries):
    with django_assert_num_queries(1):
        index = KommunIndex()
    with django_assert_num_queries(0):
        assert index.find("Kalmars kommun") == places["Kalmar"]
        assert index.find("1490").county.code == "08"


@pytest.mark.parametrize(
    "text",
    [
        "Lokalpolisområde Kalmar",
        "lokalpolisområdet Kalmar",
        "LPO Kalmar",
        "Kalmar lokalpolisområde",
        "Kalmar LPO",
    ],
)
def test_it_reads_every_name_of_a_police_area(lpo_kalmar, lpo_nybro, text):
    assert police_area_key(text) == "kalmar"
    assert police_area_find(text) == lpo_kalmar


def test_it_finds_no_police_area_for_a_kommun_name(lpo_kalmar):
    assert police_area_find("Kalmar kommun") is None


def test_it_prefers_the_exact_organisation_name(kalmar, lpo_kalmar):
    assert organisation_matches("Kalmar") == [kalmar]
    assert organisation_matches("Kalmars kommun") == [kalmar]
    assert organisation_matches("LPO Kalmar") == [lpo_kalmar]
    assert organisation_matches("Lokalpolisområde Kalmar") == [lpo_kalmar]
    assert organisation_matches("Polisregion Syd")[0].kind == "polisregion"
    assert organisation_matches("Okänd") == []


def test_it_finds_an_area_by_name_or_alias_first_kommun_first(kalmar, nybro):
    theirs = Area.objects.create(kommun=nybro, name="Berga")
    ours = Area.objects.create(kommun=kalmar, name="Berga", aliases=["Funkabo"])
    assert AreaIndex([kalmar, nybro]).find(" berga.") == ours
    assert AreaIndex([nybro, kalmar]).find("Berga") == theirs
    assert AreaIndex([kalmar]).find("FUNKABO") == ours
    assert "funkabo" in AreaIndex([kalmar])
    assert AreaIndex([nybro]).find("Funkabo") is None


def test_it_finds_a_county_by_name(county_kalmar):
    assert county_find("kalmar  län", [county_kalmar]) == county_kalmar
    assert county_find("Kalmar", [county_kalmar]) is None


@pytest.mark.django_db
def test_it_finds_a_kommun_by_its_official_name_when_the_name_differs():
    from medborgarloften.places.lookup import KommunIndex
    from medborgarloften.places.models import Organisation, OrganisationKind

    falun = Organisation.objects.create(
        kind=OrganisationKind.KOMMUN,
        name="Falun",
        code="2080",
        official_name="Falu kommun",
    )
    index = KommunIndex()
    assert index.find("Falu kommun") == falun
    assert index.find("Falun") == falun
    assert index.find("Faluns kommun") == falun


@pytest.mark.parametrize(
    "text",
    [
        "norra älvdalen",
        "NORRA ÄLVDALEN",
        "LPO Norra Älvdalen",
        "lokalpolisområde norra Älvdalen",
        "Lokalpolisområdet i Norra Älvdalen",
        "Lokalpolisområde: Norra Älvdalen",
        "Norra Älvdalens lokalpolisområde",
    ],
)
def test_it_reads_a_police_area_named_any_way_a_document_names_it(db, text):
    from medborgarloften.places.models import Organisation, OrganisationKind

    unit = Organisation.objects.create(
        name="Lokalpolisområde Norra Älvdalen",
        kind=OrganisationKind.LOKALPOLISOMRADE,
    )
    assert police_area_find(text) == unit


def test_a_genitive_s_is_kept_when_the_unit_has_it(db):
    from medborgarloften.places.models import Organisation, OrganisationKind

    unit = Organisation.objects.create(
        name="LPO Västerås", kind=OrganisationKind.LOKALPOLISOMRADE
    )
    assert police_area_find("Västerås lokalpolisområde") == unit
