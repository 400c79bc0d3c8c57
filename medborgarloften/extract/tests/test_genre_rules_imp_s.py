"""Rules written after the blind batch ho37 (small rural kommuner: promises inside
running paragraphs of a news item or web page, effect goals and background mixed
in) on branch imp-s. Every text below is invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.document.topics import themes_in
from medborgarloften.extract.places import find_places
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

NEWS = (
    "Norrby kommun\n\n"
    "Publicerad 3 februari 2031\n\n"
    "Nytt medborgarlöfte för byarna\n\n"
    "Norrby kommun och Lokalpolisområde Sjöstad har kommit överens om ett "
    "medborgarlöfte för 2031–2032.\n\n"
    "Vad gör vi då? Polisen kommer att genomföra minst åtta hastighetskontroller "
    "per år på väg 512 genom Åsby och Lillby. Socialtjänstens personal kommer också "
    "att få utbildning i att samtala med unga om droger. Bygdegårdsföreningen Ekbacken "
    "har lovat att öppna sin lokal för grannsamverkansträffar. Polisen patrullerar "
    "vid badplatsen på sommarkvällarna, och kommunen anställer tre strandvärdar.\n\n"
    "Målet är att färre ska köra för fort och att ingen ska behöva oroa sig för "
    "inbrott i sommarstugan.\n\n"
    "Det här vill vi uppnå: att fler ska känna sig trygga i byarna.\n\n"
    "Varje år kommer Norrby kommun och polisen överens om ett nytt löfte.\n\n"
    "I december berättar vi här på webbplatsen hur året gick. Hur det går "
    "redovisas på kommunens webbplats två gånger under löftets giltighetstid.\n"
)


def _texts() -> set[str]:
    return set(by_text(record(NEWS)))


def test_effect_goals_questions_and_agreeing_are_no_commitments() -> None:
    texts = _texts()
    assert not any(t.startswith("Målet är att") for t in texts)
    assert not any(t.startswith("Det här vill vi uppnå") for t in texts)
    assert not any(t.endswith("?") for t in texts)
    assert not any("överens om ett nytt löfte" in t for t in texts)


def test_a_report_of_how_it_went_is_follow_up_not_an_activity() -> None:
    rec = record(NEWS)
    texts = set(by_text(rec))
    assert not any("hur året gick" in t for t in texts)
    assert not any(t.startswith("Hur det går redovisas") for t in texts)
    # "under löftets giltighetstid": a count for the whole period
    assert rec["follow_up"]["reports_per_period"] == 2


def test_a_promise_to_report_how_it_goes_stays_a_commitment() -> None:
    text = (
        "Medborgarlöfte Västby 2031\n\n"
        "Vi lovar\n\n"
        "Polisen ska genomföra fyra trafikkontroller i månaden vid Västby skola. "
        "Vi kommer att berätta hur det går på kommunens webbplats i juni.\n"
    )
    texts = set(by_text(record(text)))
    assert any(t.startswith("Vi kommer att berätta hur det går") for t in texts)


def test_a_third_party_that_has_promised_is_responsible_annan() -> None:
    got = by_text(record(NEWS))
    (text,) = [t for t in got if t.startswith("Bygdegårdsföreningen Ekbacken")]
    assert got[text] == ["annan"]


def test_a_partys_staff_as_the_subject_promise() -> None:
    got = by_text(record(NEWS))
    (text,) = [t for t in got if t.startswith("Socialtjänstens personal")]
    assert got[text] == ["kommun"]


def test_a_second_main_clause_adds_its_party() -> None:
    got = by_text(record(NEWS))
    (text,) = [t for t in got if t.startswith("Polisen patrullerar vid badplatsen")]
    assert got[text] == ["polis", "kommun"]
    # "…, och vi gör det …" adds no party of its own
    one = (
        "Medborgarlöfte Västby 2031\n\nVi lovar\n\n"
        "Polisen ska hålla fyra informationsmöten om bedrägerier, och vi gör det i "
        "Västby bygdegård.\n"
    )
    (only,) = by_text(record(one)).values()
    assert only == ["polis"]


def test_villages_a_road_runs_through_and_listed_after_an_aside() -> None:
    text = (
        "Kontroller på väg 512 genom Åsby och Lillby. Besök i byarna, framför allt "
        "Ekträsk, Granby och Mossen. Kontroller i vardera Norrvik och Stora Ås."
    )
    got = [p for p, _ in find_places(text, municipalities=["Norrby"])]
    for name in (
        "Åsby",
        "Lillby",
        "Ekträsk",
        "Granby",
        "Mossen",
        "Norrvik",
        "Stora Ås",
    ):
        assert name in got
    # a person reached "genom" someone is no place
    person = "Kontakt genom Karin Berg, samordnare, och Olof Lind, kommunpolis."
    assert find_places(person, municipalities=["Norrby"]) == []


def test_prioriterar_vi_names_the_focus_areas() -> None:
    text = (
        "Medborgarlöfte Västby 2031\n\n"
        "Prioriteringar\n\n"
        "Under perioden prioriterar vi droger och unga samt trafiken i byarna.\n\n"
        "Vad vi lovar\n\n"
        "Polisen ska göra trafikkontroller i byarna två gånger i månaden.\n"
    )
    rec = record(text)
    assert rec["focus_areas"] == ["droger och unga", "trafiken i byarna"]
    assert not any(t.startswith("Under perioden prioriterar") for t in by_text(rec))


def test_theme_words_in_control_and_hunting_contexts() -> None:
    codes = {
        h.code for h in themes_in("Skoterkontroller med fokus på fart och nykterhet.")
    }
    assert "alkohol" not in codes
    route = "Skoterkontroller på isen mellan Västby centrum och Åby."
    assert "trygghet_offentlig_miljo" not in {h.code for h in themes_in(route)}
    codes = {h.code for h in themes_in("Information till jägare om vapenförvaring.")}
    assert "annat" in codes
    codes = {h.code for h in themes_in("Kommunen anställer två sommarvärdar.")}
    assert "trygghet_offentlig_miljo" in codes


def test_a_police_area_named_with_a_landscape_word_in_lower_case() -> None:
    text = (
        "Polisen i lokalpolisområde Västby älvdal och Norrby kommun har tagit fram "
        "ett medborgarlöfte för 2031.\n\n"
        "Polisen ska genomföra fyra trafikkontroller i månaden vid Norrby skola.\n"
    )
    assert record(text)["police_area"] == "Lokalpolisområde Västby älvdal"
    other = "Polisen i lokalpolisområde Västby och Norrby kommun har ett löfte."
    assert record(other)["police_area"] == "Lokalpolisområde Västby"


def test_a_count_in_each_of_two_places_is_per_area() -> None:
    text = (
        "Medborgarlöfte Västby 2031\n\nVi lovar\n\n"
        "Polisen ska genomföra minst sex trafikkontroller per år i vardera Åby och "
        "Lillby.\n"
    )
    (commitment,) = record(text)["commitments"]
    assert commitment["target"]["quantity"] == 6
    assert commitment["target"]["per"] == "år_och_område"
