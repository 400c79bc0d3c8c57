"""find_places follows SCHEMA: named places as written, never the bare kommun name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
