"""Document fields and commitment attributes on promises nobody tuned for (issue #14).

Each rule the blind batches called for, with sentences written for these tests
in the genre (invented kommuner, people and places).
"""

from __future__ import annotations

import pytest

from medborgarloften.extract.document.focus import find_focus_areas
from medborgarloften.extract.document.signatories import find_signatories
from medborgarloften.extract.document.text import read_units
from medborgarloften.extract.document.topics import find_evidence, themes_in
from medborgarloften.extract.parties import subject_parties
from medborgarloften.extract.party_joins import co_parties
from medborgarloften.extract.places import find_places
from medborgarloften.extract.record import extract_record
from medborgarloften.extract.targets import extract_target


def _names(text: str) -> list[str]:
    return [s.name for s in find_signatories(text)]


def test_it_reads_tab_separated_signature_columns_whose_titles_share_one_tab() -> None:
    text = (
        "Ekby medborgarlöfte 2026\n\nPolisen lovar att patrullera i centrum.\n\n"
        "För Ekby kommun\t\tFör Polismyndigheten\t\tFör Ekby IF\n"
        "Karin Sjöberg\t\t\tNils Holm\t\t\tEva Lind\n"
        "Kommunstyrelsens ordförande\tLokalpolisområdeschef\t\tOrdförande\n"
    )
    assert _names(text) == ["Karin Sjöberg", "Nils Holm", "Eva Lind"]


def test_it_keeps_two_spaced_words_of_a_title_in_one_cell() -> None:
    text = (
        "Polisen lovar att patrullera i centrum.\n\n"
        "Karin Sjöberg     Nils Holm\n"
        "Kommunstyrelsens  ordförande     Lokalpolisområdeschef\n"
    )
    sigs = find_signatories(text)
    assert [(s.name, s.title) for s in sigs] == [
        ("Karin Sjöberg", "Kommunstyrelsens  ordförande"),
        ("Nils Holm", "Lokalpolisområdeschef"),
    ]


def test_it_takes_no_signatory_from_the_signatures_of_the_minutes() -> None:
    text = (
        "PROTOKOLLSUTDRAG\nKommunstyrelsen\n\n§ 12 Medborgarlöfte 2026\n\n"
        "Kommunstyrelsen beslutar att godkänna medborgarlöftet.\n\n"
        "Vid protokollet\nPetra Lund, sekreterare\n\n"
        "Ordförande\nOlof Berg\n\nJusterare\nSiv Ahl\n"
    )
    assert _names(text) == []


def test_it_keeps_the_promise_signatures_above_the_minutes_labels() -> None:
    text = (
        "Medborgarlöfte 2026 för Ekby\n\nKommunen lovar att ordna läxhjälp.\n\n"
        "Karin Sjöberg\t\tNils Holm\n"
        "Kommunstyrelsens ordförande\t\tLokalpolisområdeschef\n\n"
        "Justeras\nOlof Berg, ordförande\n"
    )
    assert _names(text) == ["Karin Sjöberg", "Nils Holm"]


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        # A city's district administration is the kommun's own.
        ("Stadsområde Norr ska hålla fritidsgården öppen på fredagar", {"kommun"}),
        ("Stadsdelsförvaltningen ordnar läxhjälp i Ekbacken", {"kommun"}),
        ("Polisen och stadsdelsnämnden bjuder in till dialog", {"polis", "kommun"}),
        # An association named by its kind is a concretely named third party.
        (
            "skolan och Ekbackeskolans föräldraförening ordnar nattvandringar",
            {"kommun", "annan"},
        ),
        ("Pensionärsföreningen bjuder in till ett möte om bedrägerier", {"annan"}),
    ],
)
def test_it_names_district_administrations_and_associations(sentence, parties) -> None:
    found = subject_parties(sentence)
    assert found is not None and set(found.parties) == parties


def test_it_reads_the_plural_stadsomraden_as_areas_not_a_party() -> None:
    assert subject_parties("Stadsområden med hög otrygghet prioriteras") is None


def _places(text: str, kommun: str = "Ekby") -> list[str]:
    return [name for name, _span in find_places(text, municipalities=[kommun])]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # drops the kommun after a street named in it
        ("Polisen gör kontroller på Storgatan i Ekby varje vecka.", ["Storgatan"]),
        # keeps a street in a village of the kommun
        (
            "Polisen gör kontroller på Storgatan i Åsby varje vecka.",
            ["Storgatan i Åsby"],
        ),
        # reads a kommun that calls itself stad as an organisation
        (
            "Löftet gäller mellan Ekbys Stad och polisen. Vi ses vid Ekbacken.",
            ["Ekbacken"],
        ),
        # keeps a genitive name with hus and a named market
        (
            "Polisen patrullerar vid Folkets hus och på Åsby marknad i juli.",
            ["Folkets hus", "Åsby marknad"],
        ),
        # finds a place compound on a wrapped line
        (
            "3. Kommunen rustar upp belysningen i gångtunneln under\n   Ekvägen.\n",
            ["Ekvägen"],
        ),
        # ends a place compound at the line break
        (
            "Fokusområden\nOtrygghet kring Ekbytorget\nUnga som riskerar att dras in\n",
            ["Ekbytorget"],
        ),
        # finds a european road by its number
        (
            "Polisen gör nykterhetskontroller på E22 och längs E4 under sommaren.",
            ["E22", "E4"],
        ),
        # reads a company like name after the locative i as a place
        ("Vi gör trygghetsvandringar i Ekby och Åshus under våren.", ["Åshus"]),
        # takes the next item of a list a definite place noun opens
        (
            "Polisen patrullerar vid stationsområdet, Ekparken samt i centrum.",
            ["Ekparken"],
        ),
        # ends a place name at a gap between table cells
        ("Kameror i trapphusen på Ekbacken    Ekbyhem AB    Hela året\n", ["Ekbacken"]),
    ],
)
def test_it_finds_the_places_of_unseen_layouts(text, places) -> None:
    assert _places(text) == places


def _focus(text: str) -> list[str]:
    return [a.text for a in find_focus_areas(read_units(text))]


def test_it_takes_the_lines_under_a_focus_heading_up_to_the_blank_line() -> None:
    text = (
        "Medborgarlöfte för Ekbacken 2026\n\n"
        "Fokusområden\nOtrygghet kring Ekbytorget\nUnga som samlas i trapphusen\n\n"
        "Det här lovar vi\n"
        "• Polisen ska patrullera vid Ekbytorget varje fredag.\n"
        "• Kommunen ska hålla fritidsgården öppen på lördagar.\n"
    )
    assert _focus(text) == [
        "Otrygghet kring Ekbytorget",
        "Unga som samlas i trapphusen",
    ]


def test_it_reads_the_effect_goals_under_a_numbered_section_heading() -> None:
    text = (
        "ÖVERENSKOMMELSE\n\n§ 2 Effektmål\n"
        "– Färre unga ska dricka alkohol.\n"
        "– Fler ska känna sig trygga på Ekvallen.\n\n"
        "§ 3 Åtaganden\nPolisen åtar sig att\n"
        "a) genomföra kontroller vid matcherna,\n"
    )
    assert _focus(text) == [
        "Färre unga ska dricka alkohol",
        "Fler ska känna sig trygga på Ekvallen",
    ]


@pytest.mark.parametrize(
    ("sentence", "areas"),
    [
        # "och" parts the phrases unless a place goes on after it
        (
            "Fokus ligger på trafiken i centrala Ekby och klotter på skolorna.",
            ["trafiken i centrala Ekby", "klotter på skolorna"],
        ),
        (
            "Fokus är trafiksäkerhet och trygghet i Åsby och Ekbacken.",
            ["trafiksäkerhet", "trygghet i Åsby och Ekbacken"],
        ),
        (
            "Kommunen och polisen har ett medborgarlöfte med fokus på trygghet i "
            "centrum och på Ekbacken.",
            ["trygghet i centrum och på Ekbacken"],
        ),
        (
            "Löftet handlar om äldres trygghet och om inbrott i Åsby.",
            ["äldres trygghet", "inbrott i Åsby"],
        ),
        (
            "I medborgarlöftet prioriteras klotter i Åsby och Ekbacken samt "
            "tryggheten kring stationen.",
            ["klotter i Åsby och Ekbacken", "tryggheten kring stationen"],
        ),
        # two nouns after one preposition, two prepositions before one noun
        (
            "Fokus ligger på buskörning med mopeder och bilar i centrum.",
            ["buskörning med mopeder och bilar i centrum"],
        ),
        (
            "Fokus ligger på barnens trygghet i och runt skolan.",
            ["barnens trygghet i och runt skolan"],
        ),
        # what worries people, when nothing labels a focus area
        (
            "Vid dialogen kom det fram att många oroar sig för klotter och för "
            "trafiken genom Åsby.",
            ["klotter", "trafiken genom Åsby"],
        ),
        (
            "Det som oroar flest är stölder ur bilar och fyrverkerier vid nyår.",
            ["stölder ur bilar", "fyrverkerier vid nyår"],
        ),
        (
            "Vi har kommit fram till att klotter i Åsby och inbrott är de problem "
            "som invånarna oroar sig mest för.",
            ["klotter i Åsby", "inbrott"],
        ),
    ],
)
def test_it_finds_what_the_promise_is_about_in_prose(sentence, areas) -> None:
    text = f"Medborgarlöfte 2026\n\n{sentence}\n\nPolisen lovar att patrullera.\n"
    assert _focus(text) == areas


def test_it_prefers_a_labelled_list_to_what_the_promise_is_about() -> None:
    text = (
        "Medborgarlöfte 2026\n\nFokus är trygghet och samverkan.\n\n"
        "Vi har två områden som särskilt prioriteras:\n"
        "• Klotter i Åsby.\n• Trafiken vid skolorna.\n"
    )
    assert _focus(text) == ["Klotter i Åsby", "Trafiken vid skolorna"]


def test_it_reads_a_general_description_of_medborgarloften_as_no_focus() -> None:
    text = (
        "Medborgarlöftet handlar om åtgärder som ska hantera lokala problem.\n\n"
        "Polisen lovar att patrullera.\n"
    )
    assert _focus(text) == []


def _codes(text: str) -> set[str]:
    return {hit.code for hit in themes_in(text)}


def test_it_reads_traffic_through_a_centre_as_traffic_only() -> None:
    assert _codes("trafiken genom centrala Åsby") == {"trafik"}
    assert "trygghet_offentlig_miljo" in _codes("fler poliser i centrala Åsby")


def test_it_reads_a_centre_named_only_as_where_an_operation_happens_as_a_place() -> (
    None
):
    assert _codes("riktade narkotikainsatser i centrala Åsby") == {"narkotika"}
    assert _codes("utökad alkoholtillsyn i centrum") == {"alkohol"}
    assert "trygghet_offentlig_miljo" in _codes("ett tryggare centrum för alla")


def test_it_takes_no_theme_from_a_partys_name() -> None:
    assert _codes("Kommunen ska tillsammans med Ekbytrafiken utbilda förare") == set()
    assert _codes("Trafiksäkerheten vid skolorna ska öka") >= {"trafik"}


def test_it_reads_a_date_alone_in_brackets_as_the_deadline() -> None:
    found = extract_target("Nya lås i källarförråden (15 maj 2026)", period=None)
    assert found.target is not None and found.target["deadline"] == "2026-05-15"
    found = extract_target("Nya lås i källarförråden (2026-05-15)", period=None)
    assert found.target is not None and found.target["deadline"] == "2026-05-15"


def test_it_reads_no_deadline_from_a_count_in_brackets() -> None:
    found = extract_target("Polisen gör kontroller (3 per år)", period=None)
    assert found.target is not None and found.target["deadline"] is None


_TABLE = (
    "Medborgarlöfte Ekby 2026\n\nÅtgärder\n"
    "Åtgärd\tAnsvarig\tTid\n"
    "Trygghetsvärdar på nattbussarna till Åsby\tEkbytrafiken\tHela året\n"
    "Polisen patrullerar vid stationen\tPolisen och kommunen\tVarje fredag\n"
    "Nya lås i källarförråden\tEkbybostäder AB\t15 maj 2026\n"
)


def test_it_takes_the_party_of_a_verbless_activity_from_the_responsibility_cell() -> (
    None
):
    rows = {c["text"]: c for c in extract_record(_TABLE, record_id="x")["commitments"]}
    assert rows["Trygghetsvärdar på nattbussarna till Åsby"]["responsible"] == ["annan"]
    assert rows["Nya lås i källarförråden"]["target"]["deadline"] == "2026-05-15"


def test_it_reads_a_company_like_name_outside_a_place_position_as_no_place() -> None:
    assert _places("Polisen samverkar med Åshus om belysningen.") == []


def test_it_takes_no_address_after_a_meeting_point_as_a_listed_place() -> None:
    text = "Samling vid Åsby skola, Skolgatan 9, klockan 18."
    assert "Skolgatan 9" not in _places(text)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # the basis cue with its subject inverted after an adverbial
        (
            "I år bygger löftet på en trygghetsenkät och dialogmöten med boende.",
            ["trygghetsmatning", "medborgardialog"],
        ),
        # a survey's answers reported as the situation
        (
            "I kommunens trygghetsmätning svarade var tredje boende att de är oroliga.",
            ["trygghetsmatning"],
        ),
    ],
)
def test_it_finds_the_sources_the_situation_rests_on(text, codes) -> None:
    hits = find_evidence(read_units(f"Medborgarlöfte 2026\n\n{text}\n"))
    assert [h.code for h in hits] == codes


def test_it_reads_the_number_of_reported_crimes_in_the_situation_as_statistics() -> (
    None
):
    text = "Lägesbild\nUnder året ökade antalet anmälda rån vid stationen.\n"
    assert [h.code for h in find_evidence(read_units(text))] == ["brottsstatistik"]


def test_it_reads_a_party_heading_behind_a_pictograph() -> None:
    text = (
        "Det här lovar vi under 2026:\n\n"
        "\U0001f46e POLISEN\n✔ Genomför fem hastighetskontroller vid skolorna\n\n"
        "\U0001f3db\ufe0f KOMMUNEN\n✔ Byter belysningen i Ekparken före sommaren\n"
    )
    rows = {c["text"]: c for c in extract_record(text, record_id="x")["commitments"]}
    assert rows["Genomför fem hastighetskontroller vid skolorna"]["responsible"] == [
        "polis"
    ]
    assert rows["Byter belysningen i Ekparken före sommaren"]["responsible"] == [
        "kommun"
    ]


def test_it_reads_one_name_and_title_per_column_of_a_signature_line() -> None:
    text = (
        "Polisen lovar att patrullera i centrum.\n\nUndertecknat 2026-02-01\n\n"
        "Karin Sjöberg, kommunstyrelsens ordförande        Nils Holm, "
        "lokalpolisområdeschef\n"
    )
    assert [(s.name, s.title) for s in find_signatories(text)] == [
        ("Karin Sjöberg", "kommunstyrelsens ordförande"),
        ("Nils Holm", "lokalpolisområdeschef"),
    ]


def test_it_reads_english_titles_under_the_names_of_an_english_page() -> None:
    text = (
        "The police will patrol the city centre.\n\nSigned in Ekby on 1 March 2026\n\n"
        "Karin Sjöberg\nChair of the Municipal Executive Board\n\n"
        "Nils Holm\nHead of Ekby local police area\n"
    )
    assert _names(text) == ["Karin Sjöberg", "Nils Holm"]


def test_it_reads_an_english_priorities_heading_with_its_year() -> None:
    text = (
        "Citizen promise 2026\n\nOur priorities for 2026:\n"
        "- Safety at the railway station\n- Bicycle theft\n\n"
        "The police will:\n- carry out patrols every Friday.\n"
    )
    assert _focus(text) == ["Safety at the railway station", "Bicycle theft"]


def test_it_reads_a_co_party_across_a_hyphenated_line_break() -> None:
    text = "• ordna trygghetsvandringar i Åsby till-\n  sammans med Ekbyhem AB."
    assert co_parties(text) == {"annan"}


def test_it_reads_a_labelled_list_on_the_labels_own_line_and_not_the_items_below() -> (
    None
):
    text = (
        "Medborgarlöfte 2026\n\n"
        "Prioriterade områden 2026: klotter i Åsby och trafiken vid skolorna.\n\n"
        "1. Polisen gör tio hastighetskontroller vid skolorna.\n"
        "2. Kommunen sanerar klotter inom ett dygn.\n"
    )
    assert _focus(text) == ["klotter i Åsby", "trafiken vid skolorna"]


def test_it_prefers_headings_that_group_the_commitments_to_the_effect_goals() -> None:
    text = (
        "Medborgarlöfte 2026\n\n"
        "1. Trygga parker\n"
        "1.1 Polisen patrullerar i Ekparken varje fredag.\n"
        "1.2 Kommunen byter belysningen i Ekparken.\n\n"
        "2. Trafiksäkerhet\n"
        "2.1 Polisen gör tio hastighetskontroller vid skolorna.\n\n"
        "Effekter vi vill uppnå\n"
        "- Färre ska känna sig otrygga i Ekparken.\n"
        "- Hastigheten vid skolorna ska minska.\n"
    )
    assert _focus(text) == ["Trygga parker", "Trafiksäkerhet"]


def test_it_takes_the_title_after_a_numbered_promise_label_as_the_focus() -> None:
    text = (
        "Medborgarlöfte 2026\n\n"
        "Löfte 1 – Trygga parker\n\nAktiviteter:\n"
        "• Polisen patrullerar i Ekparken varje fredag.\n"
        "• Kommunen byter belysningen i Ekparken.\n\n"
        "Löfte 2 – Unga och droger\n\nAktiviteter:\n"
        "• Polisen besöker skolorna en gång per termin.\n"
    )
    assert _focus(text) == ["Trygga parker", "Unga och droger"]
