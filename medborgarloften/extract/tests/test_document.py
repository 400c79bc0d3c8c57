"""Document-level rules, development set: the examples the rules were written from.

Held-out examples are in test_document_heldout.py, regressions in
test_document_bugs.py and known misses (strict xfail) in
test_document_known_misses.py (STYLE rule 18). All texts are our own, in the genre.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from medborgarloften.extract.document import (
    find_evidence,
    find_focus_areas,
    find_follow_up,
    find_municipalities,
    find_period,
    find_police_area,
    find_signatories,
    parse_date,
    read_units,
    themes_in,
)
from medborgarloften.extract.record import extract_record

FIXTURES = Path(__file__).parent / "fixtures" / "document"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# --- period -------------------------------------------------------------------------

PERIODS = [
    ("Medborgarlöfte 2024–2025", "2024-01-01", "2025-12-31", "2024–2025"),
    ("Medborgarlöfte 2022/2023", "2022-01-01", "2023-12-31", "2022/2023"),
    ("Löftet gäller under 2018 och 2019.", "2018-01-01", "2019-12-31", "2018 och 2019"),
    ("Ett nytt löfte som gäller under 2019.", "2019-01-01", "2019-12-31", None),
    ("Detta är våra löften för 2018!", "2018-01-01", "2018-12-31", "löften för 2018"),
    (
        "Medborgarlöfte under perioden januari-juni 2024.",
        "2024-01-01",
        "2024-06-30",
        "januari-juni 2024",
    ),
    (
        "Löftet gäller från 1 maj 2021 till och med 30 april 2022.",
        "2021-05-01",
        "2022-04-30",
        None,
    ),
    ("Löftet gäller från 2018 till och med 2020.", "2018-01-01", "2020-12-31", None),
    ("Medborgarlöftet löper fram till 1 augusti 2022.", None, "2022-08-01", None),
    ("Vi genomför två insatser under hösten 2015.", None, None, "under hösten 2015"),
    ("Löftet gäller under åren 2024–2025.", "2024-01-01", "2025-12-31", "2024–2025"),
]


@pytest.mark.parametrize(("text", "start", "end", "phrase"), PERIODS)
def test_it_reads_the_period_forms_of_the_schema(text, start, end, phrase):
    period = find_period(text)
    assert (period.start, period.end) == (start, end)
    if phrase is not None:
        assert period.text == phrase
    assert period.text is None or period.text.split(" … ")[0] in text


def test_it_takes_the_start_from_a_title_year_with_an_explicit_end():
    text = "Medborgarlöfte Nybro kommun 2023\n\nTid\n\nMedborgarlöftet löper fram till 2024-03-01"
    period = find_period(text)
    assert (period.start, period.end) == ("2023-01-01", "2024-03-01")
    assert " … " in period.text
    assert all(part in text for part in period.text.split(" … "))


def test_it_dates_a_month_range_without_year_from_the_nearest_year():
    period = find_period("2022-03-09\n\nInriktning för perioden mars-maj\n")
    assert (period.start, period.end) == ("2022-03-01", "2022-05-31")


def test_it_normalises_an_impossible_date_and_keeps_the_raw_phrase():
    assert parse_date("31 juni 2021", end=True).isoformat() == "2021-06-30"
    period = find_period("Löftet gäller från 1 januari 2021 till 31 juni 2021.")
    assert period.end == "2021-06-30"
    assert "31 juni 2021" in period.text


def test_it_lets_the_intro_win_when_the_text_contradicts_itself():
    text = "Medborgarlöfte 2021-2022\n\nUnder 2023-2024 fortsätter arbetet."
    assert find_period(text).start == "2021-01-01"


# --- parties ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Medborgarlöfte för Nybro kommun", ["Nybro"]),
        ("Älmhults kommun och polisen lovar", ["Älmhult"]),
        ("Kommunerna i Boxholm och Ödeshög lovar", ["Boxholm", "Ödeshög"]),
        ("ett löfte i Högsby och Mönsterås kommuner", ["Högsby", "Mönsterås"]),
        ("Sala – medborgarlöften\n\nPolisen lovar", ["Sala"]),
        ("Region Gotland och polisen lovar", ["Gotland"]),
    ],
)
def test_it_finds_the_kommuner_as_written_without_kommun_or_genitive(text, expected):
    assert find_municipalities(text).values == expected


def test_it_does_not_take_a_police_area_name_for_a_kommun():
    text = "Medborgarlöfte Ljungby kommun. Lokalpolisområde Växjö och Ljungby kommun lovar."
    assert find_municipalities(text).values == ["Ljungby"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lokalpolisområde Nybro och kommunen", "Lokalpolisområde Nybro"),
        ("Växjö lokalpolisområde lovar", "Lokalpolisområde Växjö"),
        ("Karl Ek\nTf lokalpolisområdeschef\nLpo Kalmar", "Lokalpolisområde Kalmar"),
        ("Lokalpolisområdeschef Hallsberg\n", "Lokalpolisområde Hallsberg"),
        (
            "Lokalpolisområde södra Ångermanland har",
            "Lokalpolisområde södra Ångermanland",
        ),
        ("Anna Ek\nLokalpolisområdeschef\n", None),
        ("Anna Ek, polisområdeschef i Gävleborg", None),
        ("kommunpolis Sundsvall deltar", None),
    ],
)
def test_it_normalises_the_police_area_or_leaves_it_null(text, expected):
    assert find_police_area(text).value == expected


# --- signatories ---------------------------------------------------------------------


def test_it_reads_a_signature_block_with_organisations():
    sigs = find_signatories(fixture("dev_nybro_2025.txt"))
    assert [s.as_record() for s in sigs] == [
        {
            "name": "Maria Ekström",
            "title": "Kommunstyrelsens ordförande",
            "organisation": "Nybro kommun",
        },
        {
            "name": "Johan Berglund",
            "title": "Lokalpolisområdeschef",
            "organisation": "Lpo Nybro",
        },
    ]


def test_it_reads_an_explicit_signing_statement():
    sigs = find_signatories(fixture("dev_boxholm_2024.txt"))
    assert [(s.name, s.title) for s in sigs] == [
        ("Karin Lund", "kommunstyrelsens ordförande"),
        ("Per Holm", "kommunalråd"),
        ("Eva Strand", "lokalpolisområdeschef"),
    ]


def test_it_reads_a_two_column_signature_block():
    text = (
        "Nybro den 3 maj 2021\n\nLena Berg                          Olof Dahl\n\n"
        "Kommunstyrelsens ordförande            Lokalpolisområdeschef Nybro\n"
    )
    assert [(s.name, s.title) for s in find_signatories(text)] == [
        ("Lena Berg", "Kommunstyrelsens ordförande"),
        ("Olof Dahl", "Lokalpolisområdeschef Nybro"),
    ]


def test_it_ignores_authors_contacts_and_photo_credits():
    text = (
        "Handläggare\nSara Holm\n\nTJÄNSTESKRIVELSE\n\nText.\n\nSara Holm\nStrateg, trygghet\n\n"
        "Fotograf: Nils Ek\nKontaktperson: Eva Lind, säkerhetssamordnare\n"
        "Bilden visar Ola Ek vid undertecknandet.\n"
    )
    assert find_signatories(text) == []


# --- focus areas ---------------------------------------------------------------------


def test_it_prefers_explicitly_labelled_focus_areas():
    units = read_units(fixture("dev_nybro_2025.txt"))
    assert [f.text for f in find_focus_areas(units)] == [
        "Trygga stråk i centrala Nybro",
        "Färre inbrott i fritidshus",
    ]


def test_it_splits_an_i_fokus_star_statement():
    units = read_units(fixture("dev_boxholm_2024.txt"))
    assert [f.text for f in find_focus_areas(units)] == [
        "bedrägerier mot äldre",
        "nedskräpning",
        "trafiken vid skolorna",
    ]


def test_it_uses_headings_that_group_commitments():
    text = (
        "Våra löften\n\nTrygg trafikmiljö\n\n- Polisen gör tio kontroller.\n\n"
        "Färre inbrott\n\n- Kommunen startar grannsamverkan.\n"
    )
    assert [f.text for f in find_focus_areas(read_units(text))] == [
        "Trygg trafikmiljö",
        "Färre inbrott",
    ]


def test_it_shortens_an_umbrella_statement_before_a_list_of_activities():
    text = (
        "Polisen och kommunen lovar att tillsammans arbeta för att minska skadegörelsen "
        "i kommunen.\n\nDet ska åstadkommas genom följande aktiviteter:\n\n"
        "- Kommunen sanerar klotter.\n"
    )
    assert [
        f.text for f in find_focus_areas(read_units(text), commitment_starts=[])
    ] == ["minska skadegörelsen i kommunen"]


def test_it_puts_a_focus_statement_inside_the_list_into_focus_areas():
    text = "Fokus i löftet 2020 är insatser mot unga.\n\n- Särskilt fokus läggs på klotter.\n"
    texts = [f.text for f in find_focus_areas(read_units(text))]
    assert texts == ["insatser mot unga", "klotter"]


# --- themes, evidence, follow-up -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Genomföra trygghetsvandringar i centrum", "trygghet_offentlig_miljo"),
        ("Stöd till föräldrar och fritidsgårdar", "barn_unga_riskmiljo"),
        ("Tillsyn av krogar och kampanj mot langning", "alkohol"),
        ("Information om tobak och sexuella trakasserier", "annat"),
        ("Insatser mot butiksstölder och tillgreppsbrott", "stold"),
        ("Förebygga bostadsinbrott", "inbrott"),
        ("Kunskap om våld i nära relationer", "vald_i_nara_relation"),
    ],
)
def test_it_maps_terms_to_themes(text, theme):
    assert theme in {h.code for h in themes_in(text)}


def test_it_keeps_violence_in_close_relations_apart_from_violence():
    assert {h.code for h in themes_in("Motverka våld i nära relation.")} == {
        "vald_i_nara_relation"
    }


def test_it_takes_evidence_only_from_the_basis_of_the_lagesbild():
    units = read_units(fixture("dev_nybro_2025.txt"))
    assert [h.code for h in find_evidence(units)] == [
        "trygghetsmatning",
        "medborgardialog",
        "brottsstatistik",
    ]
    assert find_evidence(read_units("Vi arbetar utifrån lägesbilden.")) == []


def test_it_copies_the_follow_up_sentence_and_a_whole_period_count():
    fu = find_follow_up(read_units(fixture("dev_nybro_2025.txt")))
    assert fu.text == (
        "Arbetet följs upp i det brottsförebyggande rådet och redovisas för invånarna "
        "två gånger under perioden."
    )
    assert fu.reports_per_period == 2


def test_it_leaves_a_yearly_reporting_rate_unconverted():
    fu = find_follow_up(read_units("Resultaten redovisas fyra gånger per år i rådet."))
    assert fu.text is not None
    assert fu.reports_per_period is None


# --- document checks -----------------------------------------------------------------


def test_it_flags_a_placeholder_signature_date():
    text = "Medborgarlöfte Nybro kommun 2023\n\nNybro 2023-xx-xx\n\nLena Berg\nKommunchef\n"
    record = extract_record(text, record_id="x")
    check = next(c for c in record["checks"] if c["code"] == "signature_date")
    assert check["ok"] is False
    assert "2023-xx-xx" in check["message"]


def test_it_lists_the_bra_elements_a_samverkansoverenskommelse_lacks():
    text = (
        "Samverkansöverenskommelse mellan Nybro kommun och polisen 2024-2026\n\n"
        "Problembild: klotter. Orsaker: tomma lokaler. Uppföljning sker årligen.\n"
    )
    record = extract_record(text, record_id="x")
    check = next(c for c in record["checks"] if c["code"] == "agreement_elements")
    assert check["ok"] is False
    assert check["missing"] == ["goals", "documentation"]
