"""Rules written after the blind batch ho33 (how promises reach residents on the web:
police news pages, local newspaper articles, kommun pages with accordions) on branch
imp-p. Every text below is invented for the test; the kommun names are real ones
(the kommun rules check names against the list of kommuner), the places are not.
"""

from __future__ import annotations

from medborgarloften.extract.document.focus import find_focus_areas
from medborgarloften.extract.document.parties import find_municipalities
from medborgarloften.extract.document.period import find_period
from medborgarloften.extract.document.text import read_units
from medborgarloften.extract.document.topics import themes_in
from medborgarloften.extract.page_controls import is_control
from medborgarloften.extract.parties import subject_parties
from medborgarloften.extract.targets import extract_target
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- a county in a page's links is no kommun ---------------------------------------

COUNTY_LINKS = """Startsida / Aktuellt / Nyheter / Örebro län / Nytt löfte i Lekeberg

Lekebergs kommun och polisen har skrivit under ett medborgarlöfte för 2031.

Polisen lovar att:
• genomföra tio trafikkontroller på Storvägen i Fjugesta under året.

Relaterade länkar
Medborgarlöften i Örebro län
"""


def test_a_county_after_medborgarloften_i_is_no_kommun() -> None:
    assert find_municipalities(COUNTY_LINKS).values == ["Lekeberg"]


# --- two kommuner that share one promise ---------------------------------------------

JOINT = """Sala och Heby får gemensamt medborgarlöfte

Sala och Heby hör till samma lokalpolisområde, och nu har kommunerna ett
gemensamt löfte med polisen. Mest nämns Sala i texten: Sala, Sala, Sala.
"""


def test_two_kommuner_named_for_a_joint_promise_are_both_parties() -> None:
    assert find_municipalities(JOINT).values == ["Sala", "Heby"]


def test_kommun_names_after_a_place_preposition_are_no_joint_promise() -> None:
    text = (
        "Polisen patrullerar i Sala och Heby, och kommunerna bjuder in till möten.\n"
        "Sala kommun och polisen har tecknat löftet."
    )
    assert find_municipalities(text).values == ["Sala"]


# --- an accordion's controls are no section headings ---------------------------------

ACCORDION = """Medborgarlöfte 2031

Visa alla

Fokusområden
Läs mer
Under 2031 prioriterar vi:
- Inbrott i Ekbacka
- Trafiken vid Åstorpsskolan

Polisen lovar
Läs mer
Polisen lovar att:
1. hålla tre informationsmöten om inbrottsskydd i Ekbacka under 2031.

Tillsammans med föreningslivet
Läs mer
Föreningen Ekvakten i Ekbacka lovar att gå nattvandringar varje lördag i centrala Ekbacka.

Uppföljning
Läs mer
Löftet följs upp av det lokala rådet i december.
"""


def test_a_control_line_is_recognised() -> None:
    for line in ("Läs mer", "Visa alla", "Dölj alla", "Visa mer", "+ Läs mer"):
        assert is_control(line), line
    for line in ("Läs mer om medborgarlöften", "Visa vägen", "Mer om löftet"):
        assert not is_control(line), line


def test_prose_promises_under_an_accordion_heading_are_commitments() -> None:
    got = by_text(record(ACCORDION))
    text = (
        "Föreningen Ekvakten i Ekbacka lovar att gå nattvandringar varje lördag i "
        "centrala Ekbacka."
    )
    assert text in got
    assert "Löftet följs upp av det lokala rådet i december." not in got


def test_focus_areas_under_an_accordion_heading_and_a_prioriterar_intro() -> None:
    areas = [f.text for f in find_focus_areas(read_units(ACCORDION))]
    assert areas == ["Inbrott i Ekbacka", "Trafiken vid Åstorpsskolan"]


# --- an intro sentence over one area per line, without bullets ----------------------

LINES_UNDER_SENTENCE = """Nyhet

Polisen och kommunen har skrivit under ett nytt medborgarlöfte.

Prioriterade områden för perioden är:
Narkotika i skolmiljön
Trafiken på Hamnvägen

Polisen lovar att:
• genomföra minst tio trafikkontroller på Hamnvägen per år.
"""


def test_area_lines_under_a_one_line_intro_sentence() -> None:
    areas = [f.text for f in find_focus_areas(read_units(LINES_UNDER_SENTENCE))]
    assert areas == ["Narkotika i skolmiljön", "Trafiken på Hamnvägen"]


# --- a news article's summing-up sentence ---------------------------------------------

LEDE = """Nytt löfte för Ekbacka

Fler nattvandrare och bättre belysning. Det lovar polisen och kommunen i ett nytt
medborgarlöfte för Ekbacka.

Polisen lovar bland annat att patrullera i Ekbacka centrum tre kvällar i veckan.
"""


def test_det_lovar_sums_up_and_is_no_commitment() -> None:
    got = by_text(record(LEDE))
    assert list(got) == [
        "Polisen lovar bland annat att patrullera i Ekbacka centrum tre kvällar i "
        "veckan."
    ]


# --- the promise's own focus stated in passing ----------------------------------------

HAR_FOKUS = (
    "Löftet gäller 2031–2032 och har fokus på bilinbrott, klotter samt ungdomar "
    "på stationen.\n"
)


def test_lofte_har_fokus_pa_names_the_focus_areas() -> None:
    areas = [f.text for f in find_focus_areas(read_units(HAR_FOKUS))]
    assert areas == ["bilinbrott", "klotter", "ungdomar på stationen"]


# --- an announcement of the problem areas is no commitment --------------------------

ANNOUNCED = """Medborgarlöfte Ekbacka 2031–2032

Polisen och kommunen lovar att under 2031–2032 arbeta särskilt med två problemområden: klotter och trafiken vid skolan.

Det här lovar vi
Polisen lovar att genomföra fem trafikkontroller vid Åstorpsskolan per termin.
"""


def test_a_sentence_announcing_problem_areas_is_no_commitment() -> None:
    got = by_text(record(ANNOUNCED))
    assert list(got) == [
        "Polisen lovar att genomföra fem trafikkontroller vid Åstorpsskolan per termin."
    ]


# --- small rules ---------------------------------------------------------------------


def test_bada_kommunerna_is_the_kommun() -> None:
    res = subject_parties("Båda kommunerna tar fram en rutin mot klotter.")
    assert res is not None and res.parties == {"kommun"}


def test_a_name_with_its_town_before_the_promise_verb() -> None:
    got = by_text(
        record(
            "Medborgarlöfte 2031\n\nPolisen, kommunen och föreningen Ekvakten i "
            "Åsby lovar att gå nattvandringar varje lördag.\n"
        )
    )
    assert list(got) == [
        "Polisen, kommunen och föreningen Ekvakten i Åsby lovar att gå "
        "nattvandringar varje lördag."
    ]


def test_a_cycle_path_where_lights_go_up_is_no_traffic_theme() -> None:
    assert "trafik" not in [
        h.code for h in themes_in("sätta upp belysning längs gång- och cykelvägen")
    ]
    assert "trafik" in [h.code for h in themes_in("bygga fler cykelvägar till skolan")]


def test_galler_hela_year_states_the_period() -> None:
    per = find_period("FAKTA\n• Gäller hela 2031.\n• Följs upp i december.\n")
    assert per is not None
    assert (per.as_record()["start"], per.as_record()["end"]) == (
        "2031-01-01",
        "2031-12-31",
    )


def test_once_per_meeting_place_is_per_area() -> None:
    target = extract_target(
        "hålla informationsträffar på kommunens träffpunkter, minst en gång per "
        "träffpunkt."
    ).target
    assert target is not None and target["per"] == "område"


def test_a_read_also_link_names_no_place() -> None:
    rec = record(
        "Medborgarlöfte 2031\n\nPolisen lovar att patrullera på Ekgatan varje helg.\n\n"
        "Läs också: Inbrott i Norrbacka – polisen söker vittnen\n"
    )
    assert "Norrbacka" not in rec["places"]
    assert "Ekgatan" in rec["places"]


# --- a youth centre that acts is the kommun, and no place -----------------------------

YOUTH_CENTRE = """Löftet i korthet
• Ungdomens hus har öppet till midnatt på skolavslutningen.
• Polisen besöker Åsby fritidsgård en gång i månaden.
"""


def test_a_youth_centre_as_subject_is_the_kommun_and_no_place() -> None:
    rec = record(YOUTH_CENTRE)
    got = by_text(rec)
    assert got["Ungdomens hus har öppet till midnatt på skolavslutningen."] == [
        "kommun"
    ]
    assert "Ungdomens hus" not in rec["places"]
    assert "Åsby fritidsgård" in rec["places"]


# --- a place name does not run on into the next short line ---------------------------

SHORT_LINES = """Prioriterade områden
Narkotikaförsäljning bland unga i Ekbacka
Skadegörelse med sprayfärg i Åby

Polisen lovar att patrullera i Ekbacka varje fredag.
"""


def test_a_place_ends_with_its_short_line() -> None:
    places = record(SHORT_LINES)["places"]
    assert "Ekbacka" in places
    assert not any("Skadegörelse" in p for p in places)


# --- a news article's furniture -------------------------------------------------------

ARTICLE = """ÅSBY

Nytt löfte mot klotter i Ekbacka

Per Lind
Publicerad 2031-03-02 07.00

Lyssna på artikeln 2 min

Enligt löftet ska kommunen sätta upp sex nya lampor längs Ekvägen före den 1 september 2031.

Annons

Löftet skrevs under av kommunpolis Lena Ås och kommunalrådet Olle Berg på tisdagen.
"""


def test_a_byline_and_a_listen_button_head_no_focus_area() -> None:
    areas = record(ARTICLE)["focus_areas"]
    assert "Per Lind" not in areas
    assert not any(a.startswith("Lyssna") for a in areas)


def test_a_preposition_ends_the_counted_noun() -> None:
    (c,) = record(ARTICLE)["commitments"]
    assert c["target"]["quantity"] == 6
    assert c["target"]["unit"] == "nya lampor"


def test_a_deadline_or_a_publication_date_is_no_signing_date() -> None:
    signatories = record(ARTICLE)["signatories"]
    assert [s["name"] for s in signatories] == ["Lena Ås", "Olle Berg"]
    assert all(s.get("date") is None for s in signatories)


# --- the basis of the lägesbild in a news text ---------------------------------------


def test_what_residents_raised_in_dialogues_and_reported_crimes_are_sources() -> None:
    rec = record(
        "Medborgarlöfte Ekbacka 2031\n\n"
        "Löftet bygger på de brott som anmäldes i Ekbacka under 2030. Under "
        "dialogmötena i höstas lyfte många boende klottret vid skolan.\n\n"
        "Polisen lovar att patrullera vid Ekbackaskolan varje fredag.\n"
    )
    assert {"brottsstatistik", "medborgardialog"} <= set(rec["evidence_sources"])
