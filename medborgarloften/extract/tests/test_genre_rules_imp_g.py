"""Genre rules from the ho22/ho23 blind batches (branch imp-g), each tested on our
own invented promises (Ekeby, Norrhamn, Björkvik: no real kommun's text)."""

from __future__ import annotations

from medborgarloften.extract.commitments.sentences import classify_heading
from medborgarloften.extract.parties import subject_parties
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- "Polisen i lokalpolisområde X": the police named by its local area --------


def test_police_named_by_its_local_area_is_a_subject() -> None:
    found = subject_parties(
        "Polisen i lokalpolisområde Ekeby och Ekeby kommun åtar sig att ordna "
        "fyra trygghetsvandringar i Södra Hagen."
    )
    assert found is not None
    assert found.parties == {"polis", "kommun"}
    found = subject_parties(
        "Ekeby kommun och Polisen i lokalpolisområde Ekeby ska tillsammans med "
        "Ekebybostäder AB starta två nya grannsamverkansområden."
    )
    assert found is not None
    assert found.parties >= {"polis", "kommun"}


LOCAL_AREA = """Medborgarlöfte Ekeby 2031

Våra löften

Polisen i lokalpolisområde Ekeby ska patrullera vid busstationen varje fredagskväll under hösten.

Ekeby kommun och Polisen i lokalpolisområde Ekeby ska gemensamt bjuda in till två öppna möten om trygghet i Södra Hagen.

Ekeby 2031-01-15
"""


def test_promises_of_the_police_named_by_its_local_area_are_found() -> None:
    got = by_text(record(LOCAL_AREA))
    assert any(t.startswith("Polisen i lokalpolisområde Ekeby ska") for t in got)
    both = [r for t, r in got.items() if t.startswith("Ekeby kommun och Polisen")]
    assert both and set(both[0]) == {"polis", "kommun"}


# --- "<Place>: <sentence>": a promise per village, in the present tense --------

VILLAGES = """Medborgarlöfte Björkvik 2031

Så här lovar vi att arbeta i socknarna

Norrås: Polisen kontrollerar hastigheten på länsvägen minst fyra gånger under sommaren.
Lillsjö: Kommunen byter ut gatubelysningen längs skolvägen före vintern.
Västby: Ett föräldramöte om droger hålls tillsammans med hembygdsföreningen.

Gemensamt för hela kommunen

Kommunen och polisen informerar om löftet i lokalradion två gånger om året.

Kontakt: Eva Berg, trygghetssamordnare
"""


def test_a_place_label_before_a_present_tense_promise_keeps_the_label() -> None:
    got = by_text(record(VILLAGES))
    norr = "Norrås: Polisen kontrollerar hastigheten på länsvägen minst fyra gånger under sommaren."
    assert got.get(norr) == ["polis"]
    assert got.get(
        "Lillsjö: Kommunen byter ut gatubelysningen längs skolvägen före vintern."
    ) == ["kommun"]
    # a passive is the whole promise's, not the party of the line before
    passive = [r for t, r in got.items() if t.startswith("Västby:")]
    assert passive and "polis" in passive[0]


def test_parties_informing_about_the_promise_is_an_activity() -> None:
    got = by_text(record(VILLAGES))
    assert any(t.startswith("Kommunen och polisen informerar om löftet") for t in got)


# --- a time fronted: "Under julilovet är … ute", "Senast i maj har … satt upp" ---

FRONTED = """Medborgarlöfte Norrhamn 2031

Så här ska vi arbeta under året

Under julilovet är kommunens fältassistenter och polisen ute tillsammans i hamnen fyra kvällar i veckan.

Senast i oktober har kommunen satt upp nya lampor längs strandpromenaden.

Polisen är ute vid skolorna varje morgon under första skolveckan.
"""


def test_being_out_on_patrol_and_a_deadline_in_the_perfect_are_promises() -> None:
    got = by_text(record(FRONTED))
    out = [r for t, r in got.items() if t.startswith("Under julilovet är")]
    assert out and set(out[0]) == {"polis", "kommun"}
    assert got.get(
        "Senast i oktober har kommunen satt upp nya lampor längs strandpromenaden."
    ) == ["kommun"]
    assert got.get(
        "Polisen är ute vid skolorna varje morgon under första skolveckan."
    ) == ["polis"]


def test_a_past_perfect_without_a_deadline_is_no_promise() -> None:
    text = FRONTED.replace("Senast i oktober har", "Under förra året har")
    got = by_text(record(text))
    assert not any(t.startswith("Under förra året har") for t in got)


# --- work already under way ("Det här gör vi redan") holds no commitments ------

ONGOING = """Medborgarlöfte Ekeby 2031

Det här gör vi redan

Kommunens fritidsledare arbetar i centrum varje fredagskväll.
Ekeby kommun deltar i länets nätverk mot våld i nära relationer.

Det här lovar vi

1. Polisen genomför trafikkontroller vid Ekebyskolan varje vecka under hösten.
2. Kommunen anordnar en föräldrakväll om nätsäkerhet i oktober.
"""


def test_work_already_under_way_is_not_promised() -> None:
    got = by_text(record(ONGOING))
    assert not any("fritidsledare" in t or "nätverk" in t for t in got)
    assert any("trafikkontroller" in t for t in got)
    assert any("föräldrakväll" in t for t in got)


def test_ongoing_work_headings_are_excluded() -> None:
    for heading in ("Det här gör vi redan", "Vad görs redan i dag?", "Pågående arbete"):
        assert classify_heading(heading) == "excluded", heading
    assert classify_heading("Det här gör vi") == "promise"


def test_the_label_of_a_line_under_a_by_place_heading_is_a_place() -> None:
    rec = record(VILLAGES)
    places = {
        c["text"].split(":")[0]: [p.casefold() for p in c["places"]]
        for c in rec["commitments"]
        if ":" in c["text"]
    }
    assert "norrås" in places["Norrås"]
    assert "lillsjö" in places["Lillsjö"]


def test_a_label_under_a_heading_not_about_places_is_no_place() -> None:
    text = VILLAGES.replace("i socknarna", "under året")
    for c in record(text)["commitments"]:
        assert "norrås" not in [p.casefold() for p in c["places"]]


# --- topic headings inside a lead-in's list keep the lead-in's promise ---------

SUBHEADED = """Medborgarlöfte Björkvik 2031

Fokusområden

• Trafik
• Ungdomar

Kommunen och polisen lovar att:

Trafik

- kontrollera hastigheten på Kyrkvägen minst en gång i månaden
- informera om cykelhjälm på alla lågstadieskolor

Ungdomar

- ordna en sommarfotbollsturnering på Björkviks IP i juli

Kontakt
Eva Berg, trygghetssamordnare
"""


def test_topic_headings_inside_a_leadins_list_keep_its_promise() -> None:
    got = by_text(record(SUBHEADED))
    for start in (
        "kontrollera hastigheten",
        "informera om cykelhjälm",
        "ordna en sommar",
    ):
        hits = [r for t, r in got.items() if t.startswith(start)]
        assert hits and set(hits[0]) == {"polis", "kommun"}, start


# --- "Med det här löftet vill vi visa vad …": about the document, no promise ----


def test_a_sentence_about_what_the_promise_shows_is_no_commitment() -> None:
    text = SUBHEADED.replace(
        "Kommunen och polisen lovar att:",
        "Inledning\n\nMed detta medborgarlöfte vill vi visa vad vi kommer att "
        "göra de närmaste två åren, och vi hoppas att ni i Björkvik vill följa "
        "arbetet.\n\nKommunen och polisen lovar att:",
    )
    got = by_text(record(text))
    assert not any(t.startswith("Med detta medborgarlöfte") for t in got)
    assert any(t.startswith("kontrollera hastigheten") for t in got)


def test_what_the_promise_wants_to_show_is_about_the_document() -> None:
    from medborgarloften.extract.commitments.sentences import _is_commitment_sentence

    assert not _is_commitment_sentence(
        "Med detta medborgarlöfte vill vi visa vad vi kommer att göra de närmaste "
        "två åren, och vi vill att ni som bor i Björkvik ska kunna följa oss."
    )
