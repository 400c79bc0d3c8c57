"""Pins of what each former name lookup answered, kept while they all move onto
``places.lookup``: the cases every old caller agreed on, per caller.

Where the callers disagreed (genitive, "stad", codes without the leading zero,
"0880 Kalmar") the rule now written once in ``places/lookup.py`` applies everywhere;
``test_lookup.py`` states it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from medborgarloften.places.models import Area

AGREED_KALMAR = ["Kalmar", "kalmar", "KALMAR", "  Kalmar ", "Kalmar kommun", "0880"]
AGREED_UNKNOWN = ["Kalmarsund", "Lokalpolisområde Kalmar", "0999", "", "Kalma"]


def _without_code(values: list[str]) -> list[str]:
    return [v for v in values if not v.strip().isdigit()]


@pytest.mark.parametrize("text", AGREED_KALMAR)
def test_it_finds_kalmar_from_the_export_command(kalmar, nybro, text):
    from medborgarloften.places.lookup import kommun_find  # the export command

    assert kommun_find(text) == kalmar


@pytest.mark.parametrize("text", [*AGREED_UNKNOWN, "Nybro kommun x"])
def test_it_finds_no_kommun_from_the_export_command(kalmar, nybro, text):
    from medborgarloften.places.lookup import kommun_find  # the export command

    assert kommun_find(text) is None


@pytest.mark.parametrize("text", AGREED_KALMAR)
def test_it_reads_kalmar_in_a_serves_field(kalmar, nybro, text):
    from medborgarloften.places.selectors import kommuner_from_text

    assert kommuner_from_text(f"{text}, Nybro") == ([kalmar, nybro], [])


def test_it_reports_unknown_tokens_in_a_serves_field(kalmar, nybro):
    from medborgarloften.places.selectors import kommuner_from_text

    found, unknown = kommuner_from_text("Kalmarsund; 0999\n0881 Kalmar;kalmar")
    assert found == [kalmar]
    assert unknown == ["Kalmarsund", "0999", "0881 Kalmar"]


@pytest.mark.parametrize("text", AGREED_KALMAR)
def test_it_finds_kalmar_in_a_crime_file(kalmar, nybro, text):
    from medborgarloften.situation.services.imports import _kommun_lookup

    assert _kommun_lookup()(text) == kalmar


@pytest.mark.parametrize("text", AGREED_UNKNOWN)
def test_it_finds_no_kommun_in_a_crime_file(kalmar, nybro, text):
    from medborgarloften.situation.services.imports import _kommun_lookup

    assert _kommun_lookup()(text) is None


@pytest.fixture
def berga(kalmar, nybro):
    Area.objects.create(kommun=nybro, name="Berga")  # the other kommun's Berga
    return Area.objects.create(kommun=kalmar, name="Berga", aliases=["Funkabo"])


@pytest.mark.parametrize("text", ["Berga", "berga ", "FUNKABO"])
def test_it_finds_an_area_in_a_survey_file(kalmar, berga, text):
    from medborgarloften.situation.services.imports import _area_lookup

    assert _area_lookup(kalmar)(text) == berga


@pytest.mark.parametrize("text", ["", "Hela kommunen", "Kalmar", "totalt"])
def test_it_reads_the_whole_kommun_in_a_survey_file(kalmar, berga, text):
    from medborgarloften.situation.services.imports import _area_lookup

    assert _area_lookup(kalmar)(text) is None


def test_it_refuses_an_unknown_area_in_a_survey_file(kalmar, berga):
    from medborgarloften.situation.services.imports import _area_lookup

    assert _area_lookup(kalmar)("Bergaa") is False


@pytest.mark.parametrize("text", ["Berga", " berga", "Funkabo"])
def test_it_finds_the_area_a_dialogue_names(kalmar, berga, text):
    from medborgarloften.situation.services.dialogues import _area_named

    assert _area_named(kalmar, text) == berga
    assert _area_named(kalmar, "Okänt") is None


def _event(location: str, title: str = "22 augusti 09.59, Brand, Kalmar"):
    from medborgarloften.situation.services.events import ParsedEvent

    return ParsedEvent(
        event_id=1,
        published_at=dt.datetime(2026, 8, 22, 8, tzinfo=dt.UTC),
        name=title,
        summary="",
        url="",
        type="Brand",
        location_name=location,
        latitude=None,
        longitude=None,
    )


@pytest.mark.parametrize("text", _without_code(AGREED_KALMAR[:4]))
def test_it_places_an_event_in_kalmar(kalmar, nybro, text):
    from medborgarloften.situation.services.events import EventPlacer

    assert EventPlacer().place(_event(text.strip())) == (kalmar, kalmar.county)


def test_it_places_a_county_event_by_its_title(kalmar, nybro):
    from medborgarloften.situation.services.events import EventPlacer

    placer = EventPlacer()
    assert placer.place(_event("Kalmar län")) == (kalmar, kalmar.county)
    assert placer.place(_event("kalmar län", "Brand, Nybro")) == (nybro, nybro.county)
    assert placer.place(_event("Kalmar län", "Brand, Okänd")) == (None, kalmar.county)
    assert placer.place(_event("Okänd ort")) == (None, None)


@pytest.mark.parametrize(
    "text", ["Kalmar", "kalmar", "Kalmar kommun", "0880", "Kalmars kommun"]
)
def test_it_resolves_kalmar_for_a_new_user(kalmar, lpo_kalmar, text):
    from medborgarloften.places.members import organisation_resolve

    assert organisation_resolve(text) == kalmar


@pytest.mark.parametrize(
    "text", ["Lokalpolisområde Kalmar", "LPO Kalmar", "Kalmar lokalpolisområde"]
)
def test_it_resolves_the_police_area_for_a_new_user(kalmar, lpo_kalmar, text):
    from medborgarloften.places.members import organisation_resolve

    assert organisation_resolve(text) == lpo_kalmar


@pytest.mark.parametrize("text", ["Kalmarsund", "0999"])
def test_it_refuses_an_unknown_organisation_for_a_new_user(kalmar, text):
    from django.core.exceptions import ValidationError

    from medborgarloften.places.members import organisation_resolve

    with pytest.raises(ValidationError):
        organisation_resolve(text)


@pytest.mark.parametrize("text", AGREED_KALMAR[:5] + ["Kalmars kommun"])
def test_it_loads_a_record_naming_kalmar(kalmar, nybro, text):
    from medborgarloften.promises.services.loading.resolve import _Resolver

    resolver = _Resolver(create_missing_police_area=False)
    assert resolver.kommun_by_name(text, "municipalities[0]") == kalmar


@pytest.mark.parametrize("text", ["Lokalpolisområde Kalmar", "LPO kalmar"])
def test_it_loads_a_record_naming_the_police_area(kalmar, lpo_kalmar, text):
    from medborgarloften.promises.services.loading.resolve import _Resolver

    resolver = _Resolver(create_missing_police_area=False)
    assert resolver.police_area(text, "police_area", [kalmar]) == lpo_kalmar


def test_it_loads_areas_of_the_first_kommun_first(kalmar, nybro, berga):
    from medborgarloften.promises.services.loading.resolve import _Areas

    areas = _Areas([kalmar, nybro])
    assert areas.ref("berga").id == berga.pk
    assert areas.ref(" Funkabo.").id == berga.pk


@pytest.mark.parametrize("text", ["Kalmar", "kalmar kommun", "Kalmars kommun"])
def test_it_finds_kalmar_in_the_review_form(kalmar, nybro, text):
    from medborgarloften.documents.forms.fields import find_kommun

    assert find_kommun(text, [kalmar, nybro]) == kalmar
    assert find_kommun("Kalmarsund", [kalmar, nybro]) is None


# Where the callers disagreed, one rule now (places/lookup.py). Before: only the
# crime import read "880"; only the serves field read "0880 Kalmar"; the export
# command, the loader and createuser read "Kalmars kommun" but the events placer and
# the serves field did not; nobody read "Kalmars" or "Kalmar stad" outside the
# export command and the crime import.
DISAGREED_KALMAR = ["Kalmars kommun", "Kalmars", "880", "0880 Kalmar", "Kalmar stad"]


@pytest.mark.parametrize("text", DISAGREED_KALMAR)
def test_it_reads_kalmar_the_same_way_in_every_caller(kalmar, nybro, text):
    from medborgarloften.documents.forms.fields import find_kommun
    from medborgarloften.places.members import organisation_resolve
    from medborgarloften.places.selectors import kommuner_from_text
    from medborgarloften.promises.services.loading.resolve import _Resolver
    from medborgarloften.situation.services.events import EventPlacer
    from medborgarloften.situation.services.imports import _kommun_lookup

    from ..lookup import kommun_find

    assert kommun_find(text) == kalmar
    assert kommuner_from_text(text) == ([kalmar], [])
    assert _kommun_lookup()(text) == kalmar
    assert organisation_resolve(text) == kalmar
    resolver = _Resolver(create_missing_police_area=False)
    assert resolver.kommun_by_name(text, "municipalities[0]") == kalmar
    assert find_kommun(text, [kalmar, nybro]) == kalmar
    if not text[0].isdigit():  # the police API names places, never codes
        assert EventPlacer().place(_event(text))[0] == kalmar


def test_it_refuses_a_code_and_name_that_disagree_everywhere(kalmar, nybro):
    from medborgarloften.places.selectors import kommuner_from_text
    from medborgarloften.situation.services.imports import _kommun_lookup

    from ..lookup import kommun_find

    assert kommun_find("0881 Kalmar") is None
    assert _kommun_lookup()("0881 Kalmar") is None
    assert kommuner_from_text("0881 Kalmar") == ([], ["0881 Kalmar"])
