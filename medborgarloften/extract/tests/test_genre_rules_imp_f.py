"""Rules written after the blind batches ho19 and ho20 (branch imp-f): "parterna"
when a third party is one of the promise's parties, support associations
(kvinnojour, brottsofferjour) as third parties, a contrastive "medan"-clause with a
party of its own, and signatories named in a signing sentence with a time phrase
between the verb and "av". Every text below is invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.document.signatories import find_signatories
from medborgarloften.extract.parties import subject_parties
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- "parterna" includes a third party that promises on its own -------------------

FOUR_PARTIES = """Medborgarlöfte för Storby hamn 2031

Storby kommun, Lokalpolisområde Storby, Hamnbolaget Storby AB och Vaktia Bevakning AB

Våra åtaganden

Parterna ska ses varannan vecka för att gå igenom händelser i hamnen. Parterna ska också sätta upp skyltar om hur man når polisen.

Polisen ska patrullera i hamnen minst två kvällar per vecka.

Vaktia Bevakning AB ska ha väktare på plats vid färjeterminalen varje helg.

Hamnbolaget Storby AB ska byta ut belysningen på kajen senast i maj 2031.

Kommunen ska låta fältassistenterna besöka hamnen på sommarlovet.
"""


def test_parterna_include_a_third_party_that_promises_on_its_own():
    got = by_text(record(FOUR_PARTIES))
    assert got[
        "Parterna ska ses varannan vecka för att gå igenom händelser i hamnen."
    ] == ["polis", "kommun", "annan"]
    assert got["Parterna ska också sätta upp skyltar om hur man når polisen."] == [
        "polis",
        "kommun",
        "annan",
    ]
    assert got["Polisen ska patrullera i hamnen minst två kvällar per vecka."] == [
        "polis"
    ]


TWO_PARTIES_WITH_A_HELPER = """Medborgarlöfte Lillby 2031

Det här lovar vi

Parterna ska gemensamt genomföra två trygghetsvandringar per år i Lillby centrum.

Polisen ska tillsammans med Lillbyhem AB genomföra dörrknackning i Norrgården.

Kommunen ska rusta upp lekplatsen vid Söderskolan.
"""


def test_parterna_stay_both_when_a_third_party_only_helps():
    # a firm joined by "tillsammans med" is a co-party of one activity, not a
    # party of the promise: "parterna" are the kommun and the police (SCHEMA)
    got = by_text(record(TWO_PARTIES_WITH_A_HELPER))
    assert got[
        "Parterna ska gemensamt genomföra två trygghetsvandringar per år i Lillby centrum."
    ] == ["polis", "kommun"]


# --- support associations are concretely named third parties ----------------------


def test_a_kvinnojour_in_a_lead_in_is_a_third_party():
    lead = "Gemensamt lovar polisen, kommunen och Kvinnojouren Tulpan i Ekby att:"
    got = subject_parties(lead)
    assert got is not None and got.parties == {"polis", "kommun", "annan"}


def test_a_brottsofferjour_as_subject_is_a_third_party():
    got = subject_parties("Brottsofferjouren ska ha öppet hus på biblioteket i mars.")
    assert got is not None and got.parties == {"annan"}


def test_commitments_under_a_lead_in_with_a_kvinnojour():
    text = """Medborgarlöfte Ekby 2031

Det här lovar vi

Kommunen lovar att:
– ge tjejjouren i Ekby lokaler under hela perioden.

Tillsammans lovar polisen, kommunen och Kvinnojouren Tulpan i Ekby att:
– ordna två föreläsningar om våld i nära relation för gymnasieelever.
"""
    got = by_text(record(text))
    # the jour is only the object of the kommun's activity
    assert got["ge tjejjouren i Ekby lokaler under hela perioden."] == ["kommun"]
    assert got[
        "ordna två föreläsningar om våld i nära relation för gymnasieelever."
    ] == ["polis", "kommun", "annan"]


# --- "…, medan kommunen tar ansvar för …" --------------------------------------------


def test_a_medan_clause_adds_its_own_party():
    got = subject_parties(
        "Under hösten lovar polisen att göra fem nykterhetskontroller vid hamnen, "
        "medan kommunen tar fram en ny skyltning vid färjeläget."
    )
    assert got is not None and got.parties == {"polis", "kommun"}


def test_a_samtidigt_som_clause_adds_its_own_party():
    got = subject_parties(
        "Polisen patrullerar vid skolan på morgonen samtidigt som "
        "fältassistenterna ordnar aktiviteter på skolgården."
    )
    assert got is not None and got.parties == {"polis", "kommun"}


def test_a_medan_clause_without_a_party_adds_nothing():
    got = subject_parties("Polisen besöker skolgården medan eleverna har rast.")
    assert got is not None and got.parties == {"polis"}


# --- signing sentences with a time phrase before "av" --------------------------------


def test_signed_on_a_weekday_by_two_named_people():
    text = (
        "Det nya löftet skrevs under på fredagen av Ingrid Malm, kommunstyrelsens "
        "ordförande, och Oskar Berglund, kommunpolis."
    )
    got = [(s.name, s.title) for s in find_signatories(text)]
    assert got == [
        ("Ingrid Malm", "kommunstyrelsens ordförande"),
        ("Oskar Berglund", "kommunpolis"),
    ]


def test_signed_yesterday_with_a_title_before_one_name():
    text = (
        "Medborgarlöftet undertecknades i går av Karin Holmqvist och "
        "kommunstyrelsens ordförande Per Strand."
    )
    got = [(s.name, s.title) for s in find_signatories(text)]
    assert got == [
        ("Karin Holmqvist", None),
        ("Per Strand", "kommunstyrelsens ordförande"),
    ]


def test_a_signatorys_title_from_a_quote_attribution():
    text = (
        "– Nu ska det märkas på gatorna, säger Karin Holmqvist, chef för "
        "lokalpolisområde Norrby.\n\n"
        "Löftet signerades under en träff i stadshuset av Karin Holmqvist och "
        "kommunalrådet Per Strand."
    )
    got = [(s.name, s.title) for s in find_signatories(text)]
    assert got == [
        ("Karin Holmqvist", "chef för lokalpolisområde Norrby"),
        ("Per Strand", "kommunalrådet"),
    ]


def test_a_person_in_a_quote_who_did_not_sign_is_not_a_signatory():
    text = (
        "– Det här är viktigt för oss, säger Lena Ek, rektor på Norrskolan.\n\n"
        "Löftet skrevs under på måndagen av kommunchef Jonas Lund och "
        "lokalpolisområdeschef Maja Dahl."
    )
    names = [s.name for s in find_signatories(text)]
    assert names == ["Jonas Lund", "Maja Dahl"]


def test_a_time_phrase_without_av_names_no_signatory():
    text = "Löftet skrevs under på måndagen i närvaro av landshövding Eva Strömberg."
    assert find_signatories(text) == []


def test_the_role_after_a_date_and_av_is_the_title():
    text = (
        "Löftet undertecknades den 3 april 2031 av kommunalrådet Sofia Berg och "
        "lokalpolisområdeschef Anton Lind."
    )
    got = [(s.name, s.title) for s in find_signatories(text)]
    assert got == [
        ("Sofia Berg", "kommunalrådet"),
        ("Anton Lind", "lokalpolisområdeschef"),
    ]


# --- a named organisation listed after "lovar" in a verb-second lead-in -------------


def test_an_unknown_name_listed_after_lovar_is_a_third_party():
    got = subject_parties("Tillsammans lovar polisen, kommunen och Tulpan i Ekby att:")
    assert got is not None and got.parties == {"polis", "kommun", "annan"}
    got = subject_parties("Gemensamt lovar polisen, kommunen och Ekby Golfklubb att:")
    assert got is not None and got.parties == {"polis", "kommun", "annan"}


def test_an_object_after_the_promisers_is_not_a_party():
    got = subject_parties("Därför lovar polisen och kommunen Ekbys invånare att:")
    assert got is not None and got.parties == {"polis", "kommun"}
