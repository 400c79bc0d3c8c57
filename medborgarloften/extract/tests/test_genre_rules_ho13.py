"""Genre rules that batch 13 of the held-out documents called for (see
fixtures/heldout_records/README.md): each test is a short text of our own, written
in the genre, not taken from any published promise.
"""

from __future__ import annotations

from medborgarloften.extract.record import extract_record
from medborgarloften.extract.structure import parse_structure


def record(text: str) -> dict:
    return extract_record(text, record_id="test")


def texts(rec: dict) -> list[str]:
    return [" ".join(c["text"].split()) for c in rec["commitments"]]


# --- an item with "– Mål:" / "– Ansvarig:" sub-items ----------------------------

ITEMS_WITH_FIELDS = """Medborgarlöfte Ekby 2031

Åtgärder
1. Polisen håller öppet hus på stationen i Ekby för boende i Norrby och
   Söderby, med information om bedrägerier.
   – Mål: minst 6 tillfällen per år
   – Ansvarig: Polisen
2. Ekby Bostäder och kommunen byter armaturer i cykelgaraget vid
   Ekbyskolan.
   – Mål: klart senast 30 april 2031
   – Ansvarig: Ekby Bostäder och kommunen
3. Läxhjälp på biblioteket i Norrby varje vecka under terminerna.
   – Ansvarig: Kommunen
"""


def test_it_reads_an_item_over_its_goal_and_responsible_sub_items():
    rec = record(ITEMS_WITH_FIELDS)
    assert texts(rec) == [
        "Polisen håller öppet hus på stationen i Ekby för boende i Norrby och "
        "Söderby, med information om bedrägerier.",
        "Ekby Bostäder och kommunen byter armaturer i cykelgaraget vid Ekbyskolan.",
        "Läxhjälp på biblioteket i Norrby varje vecka under terminerna.",
    ]
    first, second, third = rec["commitments"]
    assert first["responsible"] == ["polis"]
    assert (first["target"]["quantity"], first["target"]["per"]) == (6, "år")
    assert second["responsible"] == ["kommun", "annan"]
    assert second["target"]["deadline"] == "2031-04-30"
    # a noun item is an activity when a party answers for it
    assert third["responsible"] == ["kommun"]


def test_a_goal_sub_item_under_a_problem_heading_is_no_commitment():
    # "1. Tryggare centrum" with only a "Mål:" below it names a problem and its
    # goal: neither is an activity.
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nÅtgärder\n1. Tryggare centrum\n"
        "   – Mål: färre anmälda rån\n2. Färre inbrott i Norrby\n"
        "   – Mål: hälften så många inbrott\n"
    )
    assert texts(rec) == []


def test_it_goes_on_with_an_item_after_a_blank_line_that_continues_it():
    # A PDF sets the rest of a long item apart: "… vid den nya" / "" / "skolan."
    structure = parse_structure(
        "Åtgärder\n\n1. Kommunen sätter upp belysning vid den nya\n\n"
        "skolan i Norrby.\n\n2. Polisen besöker skolan en gång i månaden under\n\n"
        "Ekbyskolans terminer.\n\nUppföljning\n"
    )
    bullets = [b.text for b in structure.content() if b.kind == "bullet"]
    assert [" ".join(b.split()) for b in bullets] == [
        "Kommunen sätter upp belysning vid den nya skolan i Norrby.",
        "Polisen besöker skolan en gång i månaden under Ekbyskolans terminer.",
    ]


def test_a_finished_item_does_not_take_the_paragraph_after_a_blank_line():
    structure = parse_structure(
        "Åtgärder\n\n1. Kommunen sätter upp belysning vid skolan.\n\n"
        "därefter följs arbetet upp i rådet.\n"
    )
    bullets = [b.text for b in structure.content() if b.kind == "bullet"]
    assert bullets == ["Kommunen sätter upp belysning vid skolan."]


# --- "§ 3 Effektmål": an agreement's numbered sections --------------------------

PARAGRAPH_SECTIONS = """ÖVERENSKOMMELSE OM MEDBORGARLÖFTE

§ 1 Bakgrund
Parterna har gått igenom anmälningar och en enkät bland boende i Ekby.

§ 2 Effektmål
– Fler boende ska våga gå ut på kvällen.
– Skolgården ska vara fri från klotter.

§ 3 Åtaganden
3.1 Polisen åtar sig att
a) genomföra fyra trafikkontroller vid Ekbyskolan per termin,
b) delta i två föräldramöten per år.

§ 4 Uppföljning
Parterna ska följa upp överenskommelsen i december.
"""


def test_a_paragraph_numbered_heading_opens_its_section():
    rec = record(PARAGRAPH_SECTIONS)
    assert texts(rec) == [
        "genomföra fyra trafikkontroller vid Ekbyskolan per termin,",
        "delta i två föräldramöten per år.",
    ]


# --- a protocol's decision points ------------------------------------------------

PROTOCOL = """PROTOKOLLSUTDRAG
Kommunstyrelsen

§ 12   Dnr KS 2031/0042

Medborgarlöfte för Ekby 2031

Beslut
Kommunstyrelsen beslutar
1. att anta medborgarlöftet för Ekby enligt bilaga,
2. att ge kommundirektören i uppdrag att skriva under löftet.

Ärendet
Enligt förslaget åtar sig parterna följande:
1. Kommunen ordnar fritidsverksamhet i Norrby tre kvällar i veckan.
2. Polisen genomför två trygghetsvandringar i Ekby per år.
"""


def test_a_protocols_decision_points_are_no_commitments():
    rec = record(PROTOCOL)
    assert texts(rec) == [
        "Kommunen ordnar fritidsverksamhet i Norrby tre kvällar i veckan.",
        "Polisen genomför två trygghetsvandringar i Ekby per år.",
    ]


# --- questions as headings -------------------------------------------------------

QUESTIONS = """Medborgarlöfte Ekby 2031

Vad lovar polisen?
Polisen kommer att ha öppet hus i Ekby varannan vecka. Polisen kommer också att
besöka föräldramöten på Ekbyskolan.

Vad lovar kommunen?
Kommunen kommer att hålla fritidsgården i Norrby öppen fem kvällar i veckan.

Vad gör vi inte?
Medborgarlöftet ersätter inte annat arbete. Polisen rycker som förut ut vid larm.
"""


def test_a_question_naming_a_party_opens_that_partys_promises():
    rec = record(QUESTIONS)
    found = zip(texts(rec), rec["commitments"], strict=True)
    assert [(t, c["responsible"]) for t, c in found] == [
        ("Polisen kommer att ha öppet hus i Ekby varannan vecka.", ["polis"]),
        (
            "Polisen kommer också att besöka föräldramöten på Ekbyskolan.",
            ["polis"],
        ),
        (
            "Kommunen kommer att hålla fritidsgården i Norrby öppen fem kvällar i "
            "veckan.",
            ["kommun"],
        ),
    ]


def test_what_the_promise_leaves_out_is_no_commitment():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nDet här ingår inte i löftet\n"
        "Polisen utreder anmälda brott som förut.\n"
    )
    assert texts(rec) == []


# --- follow-up as the subject of an inverted sentence ----------------------------


def test_follow_up_as_the_subject_is_no_commitment():
    rec = record(
        "Uppföljning av medborgarlöfte Ekby 2031\n\nSammanfattning\n"
        "Löftet antogs i januari. Enligt löftet ska en utvärdering göras två "
        "gånger per år, i juni och i november.\n\nÅtaganden\n"
        "1. Polisen ska genomföra sex trafikkontroller vid Ekbyskolan.\n"
        "Status: Pågår.\n"
    )
    assert texts(rec) == ["Polisen ska genomföra sex trafikkontroller vid Ekbyskolan."]


def test_a_sentence_before_another_partys_question_is_no_umbrella():
    # The police's last sentence stands before the kommun's own list: it is one of
    # the police's promises, not a summary of the kommun's activities.
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nVad lovar polisen?\n"
        "Polisen kommer att patrullera i Ekby centrum två kvällar i veckan. "
        "Polisen kommer också att ordna ett möte om grannsamverkan.\n\n"
        "Vad lovar kommunen?\nKommunen kommer att:\n"
        "- laga belysningen i gångtunneln vid Ekbyskolan,\n"
        "- anställa två fältassistenter i Norrby.\n"
    )
    assert texts(rec) == [
        "Polisen kommer att patrullera i Ekby centrum två kvällar i veckan.",
        "Polisen kommer också att ordna ett möte om grannsamverkan.",
        "laga belysningen i gångtunneln vid Ekbyskolan,",
        "anställa två fältassistenter i Norrby.",
    ]


def test_a_decision_line_needs_a_deciding_body():
    from medborgarloften.extract.commitments import classify_heading

    assert classify_heading("Kommunstyrelsen beslutar") == "excluded"
    assert classify_heading("Socialnämnden föreslås besluta att") == "excluded"
    assert classify_heading("Kommunfullmäktiges arbetsutskott beslutade") == "excluded"
    # parties that decide to do something are no protocol
    assert classify_heading("Polisen och kommunen beslutar") != "excluded"


def test_field_lines_without_markers_under_an_item_are_its_fields():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nÅtgärder\n"
        "1. Polisen håller öppet hus på stationen i Ekby för boende i Norrby och\n"
        "   Söderby.\n"
        "   Mål: minst 6 tillfällen per år\n"
        "   Ansvarig: Polisen\n"
        "2. Läxhjälp på biblioteket i Norrby varje vecka under terminerna.\n"
        "   Ansvarig: Kommunen\n"
    )
    assert texts(rec) == [
        "Polisen håller öppet hus på stationen i Ekby för boende i Norrby och Söderby.",
        "Läxhjälp på biblioteket i Norrby varje vecka under terminerna.",
    ]
    first, second = rec["commitments"]
    assert (first["target"]["quantity"], first["target"]["per"]) == (6, "år")
    assert second["responsible"] == ["kommun"]


def test_a_field_line_at_the_margin_below_a_list_is_not_the_last_items():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nPolisen lovar att:\n"
        "- patrullera i Ekby centrum på fredagskvällar,\n"
        "- besöka föräldramöten på Ekbyskolan.\n"
        "Tid: till och med december 2031\n"
    )
    assert texts(rec) == [
        "patrullera i Ekby centrum på fredagskvällar,",
        "besöka föräldramöten på Ekbyskolan.",
    ]
    assert rec["commitments"][1]["target"] is None


def test_other_columns_of_an_action_plan_stay_with_their_item():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nÅtgärder\n"
        "1. Kommunen ordnar läxhjälp på biblioteket i Norrby varje vecka.\n"
        "   – Samverkanspart: Ekby IF och studieförbunden\n"
        "   – Uppföljning: antal besökare räknas varje termin\n"
        "   – Ansvarig: Kommunen\n"
        "2. Polisen besöker föräldramöten på Ekbyskolan två gånger per år.\n"
        "   – Status: planeras till hösten\n"
    )
    assert texts(rec) == [
        "Kommunen ordnar läxhjälp på biblioteket i Norrby varje vecka.",
        "Polisen besöker föräldramöten på Ekbyskolan två gånger per år.",
    ]


def test_a_labelled_sub_list_of_activities_is_no_field_list():
    # "Trygghetsvandringar: …" under a goal heading names an activity, not a
    # column of the item above.
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nÅtgärder\n1. Tryggare centrum\n"
        "   – Trygghetsvandringar: kommunen och polisen går fyra vandringar per år\n"
        "   – Belysning: kommunen byter armaturer i gångtunnlarna\n"
    )
    assert texts(rec) == [
        "Trygghetsvandringar: kommunen och polisen går fyra vandringar per år",
        "Belysning: kommunen byter armaturer i gångtunnlarna",
    ]


QUESTION_VARIANTS = [
    ("Vad ska polisen göra?", ["polis"]),
    ("Det här gör kommunen och polisen tillsammans", ["polis", "kommun"]),
    ("Vad lovar Ekbyhem dig som bor i Norrby?", ["annan"]),
]


def test_question_headings_may_end_in_more_than_the_party():
    from medborgarloften.extract.commitments import classify_heading
    from medborgarloften.extract.commitments.sentences import _governing_party

    for heading, parties in QUESTION_VARIANTS:
        assert classify_heading(heading) == "promise", heading
        assert _governing_party(heading) == frozenset(parties), heading
    assert classify_heading("Vad ska hända nu?") == "topic"


def test_what_lies_outside_the_promise_and_a_bodys_decision_hold_no_commitments():
    from medborgarloften.extract.commitments import classify_heading

    for heading in (
        "Löftet omfattar inte",
        "Utanför löftet",
        "Kommunstyrelsens beslut",
    ):
        assert classify_heading(heading) == "excluded", heading


def test_a_question_about_follow_up_opens_no_promises():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nVad lovar polisen?\n"
        "Polisen kommer att ha öppet hus i Ekby varannan vecka.\n\n"
        "Hur följs löftet upp?\n"
        "Polisen kommer att redovisa antalet öppna hus för rådet två gånger per år.\n"
    )
    assert texts(rec) == ["Polisen kommer att ha öppet hus i Ekby varannan vecka."]


def test_an_item_cut_on_an_open_word_does_not_swallow_the_next_heading():
    structure = parse_structure(
        "Åtgärder\n\n1. Polisen genomför trygghetsvandringar i\n\nUppföljning\n"
        "Rådet följer upp löftet i december.\n"
    )
    kinds = [(b.kind, b.text) for b in structure.content()]
    assert ("heading", "Uppföljning") in kinds
