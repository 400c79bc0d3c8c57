"""Document-level rules, bugs caught: each test is a mistake the rules once made."""

from __future__ import annotations

import pytest

from medborgarloften.extract.document import (
    find_evidence,
    find_focus_areas,
    find_follow_up,
    find_period,
    find_police_area,
    find_signatories,
    read_units,
    themes_in,
)


def test_it_does_not_read_a_case_number_as_a_year_range():
    text = "Ärendebeteckning KS 2018/1249\n\nMedborgarlöften 2019-2020\n"
    assert find_period(text).start == "2019-01-01"


def test_it_does_not_read_an_iso_date_as_a_year_range():
    assert find_period("Datum 2023-12-18\n\nMedborgarlöfte 2024").start == "2024-01-01"


def test_it_ignores_the_end_date_of_an_agreement():
    text = "Aktuellt avtal löper fram till 2020-09-30.\n\nMedborgarlöften 2019-2020\n"
    assert find_period(text).end == "2020-12-31"


def test_it_does_not_take_a_persons_name_after_the_chief_title_for_the_area():
    # The name pattern once backtracked to "Lar" in "lokalpolisområdeschef Lars Berg".
    assert (
        find_police_area("undertecknat av lokalpolisområdeschef Lars Berg.").value
        is None
    )


def test_it_does_not_read_a_title_with_a_place_as_a_name():
    text = "Ulla Ek                          Per Ås\n\nKommunchef                Lokalpolisområdeschef Hallsberg\n"
    assert [s.name for s in find_signatories(text)] == ["Ulla Ek", "Per Ås"]


def test_it_does_not_take_reported_insecurity_for_follow_up():
    text = "Unga rapporterar otrygghet i större andel än äldre."
    assert find_follow_up(read_units(text)).text is None


def test_it_does_not_give_a_theme_for_crime_prevention_as_a_method():
    text = "Arbeta brottsförebyggande och trygghetsskapande med gemensamma lägesbilder."
    assert themes_in(text) == []


def test_it_does_not_read_traffic_sobriety_checks_as_drugs_or_alcohol():
    codes = {
        h.code for h in themes_in("Utökade alkohol-drogkontroller och rattfylleri.")
    }
    assert codes == {"trafik"}


def test_it_does_not_take_follow_up_results_for_evidence():
    text = (
        "Uppföljning av förra perioden\n\nAvloppsvatten\n\n"
        "Analys av avloppsvatten har gjorts enligt plan.\n"
    )
    assert find_evidence(read_units(text)) == []


def test_it_does_not_take_a_site_banner_for_a_focus_heading():
    text = (
        "Kommunens webbplats - välkommen\n\nLång text om kommunen.\n\nMedborgarlöften 2020\n\n"
        "Polisen lovar att:\n\n- Patrullera i centrum.\n"
    )
    assert find_focus_areas(read_units(text)) == []


def test_it_does_not_take_a_statistics_range_for_the_promise_period():
    text = "Anmälda brott 2019–2023 ökar.\n\nMedborgarlöfte 2024–2025 för Nybro kommun"
    assert find_period(text).start == "2024-01-01"


def test_it_does_not_take_a_county_region_for_a_kommun():
    from medborgarloften.extract.document import find_municipalities

    text = "Region Kalmar län stödjer arbetet. Nybro kommun och polisen lovar."
    assert find_municipalities(text).values == ["Nybro"]


def test_it_does_not_take_a_sentence_start_for_a_police_area_name():
    assert find_police_area("Inom lokalpolisområdet finns tre orter.").value is None


def test_it_does_not_read_disturbing_driving_as_public_disorder():
    codes = {h.code for h in themes_in("Kontroller mot störande körning i centrum.")}
    assert "ordningsstorningar" not in codes


AGREEMENT = """SAMVERKANSÖVERENSKOMMELSE

mellan Nybro kommun och Lokalpolisområde Nybro

Samverkansöverenskommelsen gäller 2023-01-01 – 2026-12-31.

4. Dokumentation och uppföljning
Arbetet dokumenteras i en aktivitetsplan och följs upp tertialvis i styrgruppen.
"""


def test_it_takes_the_period_of_a_document_that_is_itself_an_agreement():
    period = find_period(AGREEMENT)
    assert (period.start, period.end) == ("2023-01-01", "2026-12-31")


def test_it_still_skips_an_agreement_period_inside_a_promise_page():
    text = (
        "Nybro – medborgarlöften\n\nSamverkansöverenskommelse Nybro 2019-2022\n\n"
        "Detta är våra löften för 2017!\n"
    )
    assert find_period(text).start == "2017-01-01"


def test_it_does_not_take_a_capitalised_document_label_for_a_focus_area():
    texts = [f.text for f in find_focus_areas(read_units(AGREEMENT))]
    assert "SAMVERKANSÖVERENSKOMMELSE" not in texts


def test_it_does_not_take_a_numbered_section_title_for_the_follow_up_text():
    fu = find_follow_up(read_units(AGREEMENT))
    assert fu.text == (
        "Arbetet dokumenteras i en aktivitetsplan och följs upp tertialvis i styrgruppen."
    )


NEWS = """Kommunen och polisen skrev under nya medborgarlöften

Publicerad 12 januari 2022

På tisdagen skrev kommunstyrelsens ordförande Sofia Åberg och lokalpolisområdeschef Magnus Höglund under nya medborgarlöften för Sjöbo kommun. Löftena gäller till och med december 2023.
"""


def test_it_reads_signers_between_skrev_and_under():
    assert [(s.name, s.title) for s in find_signatories(NEWS)] == [
        ("Sofia Åberg", "kommunstyrelsens ordförande"),
        ("Magnus Höglund", "lokalpolisområdeschef"),
    ]


def test_it_does_not_read_a_promise_year_across_lines():
    # "medborgarlöften\n\nPublicerad 12 januari 2022" once gave a 2022 start.
    period = find_period(NEWS)
    assert (period.start, period.end) == (None, "2023-12-31")


def test_it_does_not_take_commitments_under_a_promising_intro_for_focus_areas():
    text = (
        "Polisen ska patrullera i de prioriterade områdena:\n\n"
        "- Centrum varje fredag.\n- Stationen varje lördag.\n"
    )
    assert find_focus_areas(read_units(text)) == []


def test_it_does_not_take_the_period_of_an_older_promise_listed_below():
    text = (
        "Medborgarlöften för 2021 i Emmaboda kommun.\n\n- Polisen kontrollerar.\n\n"
        "Tidigare medborgarlöften\n\nMedborgarlöfte 2019–2020: inbrott i Lindås.\n"
    )
    period = find_period(text)
    assert (period.start, period.end) == ("2021-01-01", "2021-12-31")


def test_it_prefers_the_follow_up_section_to_an_earlier_mention():
    text = (
        "Lägesbild\n\nUppföljningen av förra årets löfte visade att fler kände sig trygga.\n\n"
        "Uppföljning\n\nLöftet följs upp två gånger under perioden i rådet.\n"
    )
    fu = find_follow_up(read_units(text))
    assert fu.text == "Löftet följs upp två gånger under perioden i rådet."
    assert fu.reports_per_period == 2


def test_it_reads_a_month_range_named_with_the_promise():
    period = find_period("Medborgarlöfte februari-maj 2026:\n\n- Polisen patrullerar.")
    assert (period.start, period.end) == ("2026-02-01", "2026-05-31")


def test_it_reads_iso_dates_joined_by_a_double_dash():
    period = find_period("Löftet kommer att löpa från 2026-03-01--2027-02-28.")
    assert (period.start, period.end) == ("2026-03-01", "2027-02-28")


def test_it_does_not_take_the_years_of_a_survey_for_the_period():
    text = (
        "Lägesbilden bygger på trygghetsmätningen åren 2023 och 2024.\n\n"
        "Medborgarlöftet kommer därför under 2025 att handla om trafik."
    )
    period = find_period(text)
    assert (period.start, period.end) == ("2025-01-01", "2025-12-31")


def test_it_does_not_take_an_activitys_season_for_the_period():
    text = (
        "Medborgarlöfte för 2026\n\n • Nattvandringar på fredagar från maj till "
        "september i centrum."
    )
    assert (find_period(text).start, find_period(text).end) == (
        "2026-01-01",
        "2026-12-31",
    )


def test_it_joins_a_start_and_an_end_written_apart():
    text = (
        "Med början måndagen den 3 mars 2025 finns polisen vid torget. Insatsen "
        "pågår fram till och med fredagen den 27 juni 2025."
    )
    period = find_period(text)
    assert (period.start, period.end) == ("2025-03-03", "2025-06-27")
    assert period.text.startswith("Med början") and " … " in period.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The signatories as the subject of an active signing verb, with their
        # titles before or after the name.
        (
            "Kommunalråd Eva Lund (M) och Per Sten, lokalpolisområdeschef, signerade "
            "i går löftet.",
            [("Eva Lund", "Kommunalråd"), ("Per Sten", "lokalpolisområdeschef")],
        ),
        (
            "Kommundirektör Ali Berg och Maja Ek, chef för lokalpolisområde Ås "
            "undertecknade i maj ett nytt löfte.",
            [
                ("Ali Berg", "Kommundirektör"),
                ("Maja Ek", "chef för lokalpolisområde Ås"),
            ],
        ),
        (
            "Ola Ström, polisområdeschef och Kim Lind, kommunchef signerar "
            "medborgarlöftet.",
            [("Ola Ström", "polisområdeschef"), ("Kim Lind", "kommunchef")],
        ),
    ],
)
def test_it_finds_signatories_named_before_the_signing_verb(text, expected):
    assert [(s.name, s.title) for s in find_signatories(text)] == expected


def test_it_does_not_take_parties_that_signed_for_names():
    assert find_signatories("Polisen och kommunen undertecknade löftet i mars.") == []


def test_it_splits_a_prioritised_list_after_its_colon():
    text = (
        "Polisen och kommunen har valt att prioritera två områden: trafik och klotter."
    )
    texts = [f.text for f in find_focus_areas(read_units(text))]
    assert texts == ["trafik", "klotter"]


def test_it_does_not_take_a_party_heading_for_a_focus_area():
    text = (
        "Medborgarlöfte 2025\n\nRäddningstjänsten\n\nRäddningstjänsten kommer att "
        "hålla brandskyddsutbildning.\n"
    )
    starts = [text.index("Räddningstjänsten kommer")]
    assert find_focus_areas(read_units(text), commitment_starts=starts) == []


def test_it_reads_a_dialog_with_the_residents_as_medborgardialog():
    text = (
        "Lägesbild\n\nLöftet bygger på den dialog vi haft med invånarna i Ås. "
        "Medborgardialogen visade att många är oroliga."
    )
    assert [h.code for h in find_evidence(read_units(text))] == ["medborgardialog"]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        # A reader that joins the lines of a signature block (Word's soft breaks).
        (
            "Eva Lind Tf lokalpolisområdeschef Lpo Ekby\n\n"
            "Ola Berg Kommunstyrelsens ordförande Ekby kommun\n",
            [
                ("Eva Lind", "Tf lokalpolisområdeschef", "Lpo Ekby"),
                ("Ola Berg", "Kommunstyrelsens ordförande", "Ekby kommun"),
            ],
        ),
        # A dotted signature line before the name.
        ("….. Per-Ola Ström Kommunchef\n", [("Per-Ola Ström", "Kommunchef", None)]),
        # Two columns joined by single spaces, titles below.
        (
            "Kim Ek Ann Sjö\n\nKommunchef Lokalpolisområdeschef\n",
            [
                ("Kim Ek", "Kommunchef", None),
                ("Ann Sjö", "Lokalpolisområdeschef", None),
            ],
        ),
        (
            "Kim Ek Ann Sjö\n\nKommunstyrelsens ordförande Lokalpolisområdeschef Ås\n",
            [
                ("Kim Ek", "Kommunstyrelsens ordförande", None),
                ("Ann Sjö", "Lokalpolisområdeschef Ås", None),
            ],
        ),
    ],
)
def test_it_reads_signature_blocks_whose_lines_were_joined(block, expected):
    text = "Polisen och kommunen lovar att arbeta tillsammans.\n" * 20 + "\n" + block
    found = [(s.name, s.title, s.organisation) for s in find_signatories(text)]
    assert found == expected


def test_it_does_not_take_a_sentence_about_a_person_for_a_signature():
    text = "Text.\n" * 20 + "\nAnna Berg är ny chef för lokalpolisområdet\n"
    assert find_signatories(text) == []


def test_it_reads_the_sources_under_a_beslutsunderlag_heading():
    text = "Medborgarlöfte 2026\n\nBeslutsunderlag\n\nTrygghetsmätning 2025.\n"
    assert [h.code for h in find_evidence(read_units(text))] == ["trygghetsmatning"]


@pytest.mark.parametrize(
    "line",
    ["Gäller: 1 mars 2031 – 28 februari 2032", "Åtgärd    Ansvarig    Klart"],
)
def test_it_does_not_take_a_date_line_or_a_table_header_for_a_focus_heading(line):
    # issue #14: the validity line under the title and a table's header row were
    # the only "focus areas" read from a web page and a Word table.
    text = (
        f"Medborgarlöfte för Åby 2031–2032\n\n{line}\n\n"
        "1. Polisen genomför fyra trygghetsvandringar per år i Åby centrum.\n"
        "2. Kommunen sätter upp belysning vid busstorget senast 2031.\n"
    )
    assert find_focus_areas(read_units(text)) == []


def test_it_keeps_every_sentence_of_the_follow_up_paragraph():
    # A sentence without a follow-up word in the middle once ended the clause, and
    # the sentences after it were lost.
    sentences = [
        "Arbetet följs upp vid varje möte i samverkansgruppen.",
        "Ungdomarna i Solbacka får säga sitt via skolornas elevråd.",
        "Resultatet redovisas i december.",
    ]
    text = "Uppföljning och återkoppling\n\n" + " ".join(sentences) + "\n"
    fu = find_follow_up(read_units(text))
    assert fu.text == " ".join(sentences)
    assert len(fu.spans) == 3


def test_it_keeps_the_paragraph_a_follow_up_sentence_opens_without_a_heading():
    text = (
        "Vi utvärderar insatserna efter varje termin tillsammans med skolan. "
        "Föräldrar och personal fyller i en enkät om tryggheten.\n\n"
        "Fritidsgården håller öppet längre på fredagar.\n"
    )
    fu = find_follow_up(read_units(text))
    assert fu.text == (
        "Vi utvärderar insatserna efter varje termin tillsammans med skolan. "
        "Föräldrar och personal fyller i en enkät om tryggheten."
    )


def test_it_does_not_take_the_rest_of_a_paragraph_a_follow_up_word_ends_in():
    # The cue is a passing mention in a paragraph about something else.
    text = (
        "Skadegörelsen har ökat vid Tallbackens centrum. Förra årets åtgärder "
        "redovisades för nämnden i maj. Många handlare stänger därför tidigare.\n"
    )
    fu = find_follow_up(read_units(text))
    assert fu.text == "Förra årets åtgärder redovisades för nämnden i maj."


def test_the_follow_up_paragraph_does_not_run_into_the_next_one():
    text = (
        "Uppföljning\n\nLöftet följs upp två gånger under perioden. "
        "Boende bjuds in till samtal.\n\nKontaktperson är kommunens samordnare.\n"
    )
    fu = find_follow_up(read_units(text))
    assert (
        fu.text
        == "Löftet följs upp två gånger under perioden. Boende bjuds in till samtal."
    )
    assert fu.reports_per_period == 2
