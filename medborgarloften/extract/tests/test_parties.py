"""Who undertakes a commitment (parties.py), on our own sentences in the genre.

Development examples for the subject rules: att-clauses, lists that name third
parties by name, organisations written with their acronym, verb-first clauses,
co-responsible parties and what is only an object.
"""

from __future__ import annotations

import pytest

from medborgarloften.extract.parties import subject_parties
from medborgarloften.extract.party_joins import co_parties


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        # A list item written as an att-clause keeps its subject.
        ("Att polisen ska göra hastighetskontroller vid skolorna", {"polis"}),
        ("Att Storby kommun vid behov lagar belysningen", {"kommun"}),
        # A list that names polis or kommun makes the other names in it parties.
        (
            "Att polisen, Storby kommun, Riksbo och Gamla Torget tillsammans ska "
            "genomföra trygghetsvandringar",
            {"polis", "kommun", "annan"},
        ),
        ("Polisen, kommunen och HSB genomför vandringar", {"polis", "kommun", "annan"}),
        # A named team is a municipal team (SCHEMA), not a third party.
        ("Personal från socialtjänsten och Nattgruppen ska nattvandra", {"kommun"}),
        # An organisation written with its acronym, and organisation-like names.
        ("Storby Vatten (SVAB) kommer att se över belysningen", {"annan"}),
        ("Storbybostäder kommer att byta lås i trapphusen", {"annan"}),
        ("Gällande trafiken kommer Tekniska verken att röja sly", {"annan"}),
        # A verb-first clause after a heading, and a genitive name before a party.
        (
            "Kommer kommunen, polisen och Åsens brandförsvarsförbund att öva",
            {"polis", "kommun", "annan"},
        ),
        # Region Gotland is a kommun; another region is a third party.
        ("Polisen på Gotland och Region Gotland ska", {"polis", "kommun"}),
        ("Region Norrland ska erbjuda vårdkontakter", {"annan"}),
        # A kommun name before "kommunen", as some pages write it.
        ("Umeå kommunen lovar att ordna kampanjer", {"kommun"}),
    ],
)
def test_it_finds_the_subject_parties(sentence, parties):
    found = subject_parties(sentence)
    assert found is not None and set(found.parties) == parties


@pytest.mark.parametrize(
    "sentence",
    [
        # A capitalised verb before a genitive party is no subject.
        "Involvera kommunens invånare i arbetet",
        "Informera polisen om läget",
        # Capitalised words in a list without any party are no subject.
        "Lagersta, Björkby och Ekholmen prioriteras under året",
    ],
)
def test_it_finds_no_subject_in_an_object_or_a_list_of_places(sentence):
    assert subject_parties(sentence) is None


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("ska tillsammans med förenings- och näringsliv ordna aktiviteter", {"annan"}),
        ("ska ha samverkan med kommunens ungdomscoacher", {"kommun"}),
        ("Att samfällt med kommunen genomföra vandringar", {"kommun"}),
        # Participants and vague actors are not co-responsible (SCHEMA).
        ("tillsammans med medborgarna och andra aktörer", set()),
        # A place chosen together with someone is not a shared action.
        ("kontroller på platser utsedda i samverkan med kommunen", set()),
    ],
)
def test_it_finds_co_responsible_parties(text, parties):
    assert set(co_parties(text)) == parties
