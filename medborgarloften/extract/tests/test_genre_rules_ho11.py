"""Genre rules that batch 11 of the held-out documents called for (see
fixtures/heldout_records/README.md): each test is a short text of our own, written
in the genre, not taken from any published promise.
"""

from __future__ import annotations

from medborgarloften.extract.record import extract_record


def record(text: str) -> dict:
    return extract_record(text, record_id="test")


def pairs(rec: dict) -> list[tuple[str, list[str]]]:
    return [(c["text"], c["responsible"]) for c in rec["commitments"]]


# --- numbered records: "Åtagande 2" / the activity / "Ansvar: …" ---------------

NUMBERED_RECORDS = """Medborgarlöfte Ekby 2031

Åtagande 1
Trafikkontroller vid Ekbyskolan tre gånger per termin.
Ansvar: Polisen

Åtagande 2
Nattvandring i Norrby varje lördag under sommarlovet.
Ansvar: Kommunen och Ekby Bostads AB

Aktivitet 3:
Ett öppet möte om bedrägerier för äldre i mars.
Ansvarig: Polisen och kommunen
När: mars
"""


def test_it_reads_numbered_records_with_their_responsible_line():
    rec = record(NUMBERED_RECORDS)
    assert pairs(rec) == [
        ("Trafikkontroller vid Ekbyskolan tre gånger per termin.", ["polis"]),
        (
            "Nattvandring i Norrby varje lördag under sommarlovet.",
            ["kommun", "annan"],
        ),
        (
            "Ett öppet möte om bedrägerier för äldre i mars.",
            ["polis", "kommun"],
        ),
    ]
    first = rec["commitments"][0]["target"]
    assert (first["quantity"], first["per"]) == (3, "termin")


def test_a_numbered_heading_without_a_responsible_line_is_no_record():
    # "Löfte 2" over a sentence that names its own party stays a plain sentence,
    # and a numbered heading over prose without "Ansvar:" is not read as a record.
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nLöfte 1\n"
        "Polisen ska genomföra fyra trafikkontroller vid Ekbyskolan.\n\n"
        "Bilaga 2\nStatistik över anmälda brott i Ekby under 2030.\n"
    )
    assert pairs(rec) == [
        ("Polisen ska genomföra fyra trafikkontroller vid Ekbyskolan.", ["polis"])
    ]


# --- promises in columns side by side under party headings --------------------

COLUMNS = """Medborgarlöfte 2031
Ekby kommun och Polisen

Polisen lovar      Kommunen lovar      Ekbyhem lovar
Att gå fotpatrull i Ekby centrum varje fredag.      Att öppna fritidsgården i Norrby tre kvällar i veckan.      Att laga trasig belysning inom en vecka.
Att besöka Ekbyskolan en gång per termin.      Att bjuda in till två föräldramöten.      Att anordna en städdag i Norrby i maj.
"""


def test_it_reads_promises_in_columns_under_their_party_headings():
    rec = record(COLUMNS)
    got = sorted(pairs(rec))
    assert got == sorted(
        [
            ("Att gå fotpatrull i Ekby centrum varje fredag.", ["polis"]),
            ("Att besöka Ekbyskolan en gång per termin.", ["polis"]),
            (
                "Att öppna fritidsgården i Norrby tre kvällar i veckan.",
                ["kommun"],
            ),
            ("Att bjuda in till två föräldramöten.", ["kommun"]),
            ("Att laga trasig belysning inom en vecka.", ["annan"]),
            ("Att anordna en städdag i Norrby i maj.", ["annan"]),
        ]
    )


def test_two_columns_of_text_that_are_not_party_headings_are_no_promise_columns():
    rec = record(
        "Medborgarlöfte 2031\n\nDatum      Plats\n"
        "Polisen besöker skolan i maj.      Kommunen städar torget i juni.\n"
    )
    assert all(c["rule"] != "columns.cell" for c in rec["commitments"])


# --- a follow-up report that repeats the promise with status -------------------

FOLLOW_UP_REPORT = """Uppföljning av medborgarlöftet 2030 i Ekby

Ekby kommun och polisen lovade under 2030 att arbeta för en tryggare station.

- Polisen gör kontroller vid Ekby station två gånger i månaden. Status: genomfört.
- Kommunen sätter upp ny belysning i Norrbyparken. Status: påbörjat.

Sammanfattning
Ett av två löften är helt genomfört.
"""


def test_a_follow_up_report_lists_the_promise_s_commitments():
    rec = record(FOLLOW_UP_REPORT)
    assert pairs(rec) == [
        (
            "Polisen gör kontroller vid Ekby station två gånger i månaden. "
            "Status: genomfört.",
            ["polis"],
        ),
        (
            "Kommunen sätter upp ny belysning i Norrbyparken. Status: påbörjat.",
            ["kommun"],
        ),
    ]


def test_a_follow_up_section_inside_a_promise_still_holds_no_commitments():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nVi lovar att:\n"
        "- Polisen gör tre trafikkontroller vid Ekbyskolan.\n\n"
        "Uppföljning av medborgarlöftet\n\n"
        "- Polisen har gjort två kontroller under våren.\n"
    )
    assert [t for t, _ in pairs(rec)] == [
        "Polisen gör tre trafikkontroller vid Ekbyskolan."
    ]


# --- English headings on a bilingual page ---------------------------------------

ENGLISH_HEADINGS = """Medborgarlöfte Ekby 2031

Background
Ekby kommun och polisen har gått igenom trygghetsmätningen 2030.

Focus
- Trygghet vid Ekby station
- Färre inbrott i Norrby

Our commitments
- Polisen patrullerar vid Ekby station två kvällar i veckan.
- Kommunen bjuder in till grannsamverkan i Norrby i april.

Follow-up
Resultatet redovisas i december.
"""


def test_it_reads_english_section_headings():
    rec = record(ENGLISH_HEADINGS)
    assert [t for t, _ in pairs(rec)] == [
        "Polisen patrullerar vid Ekby station två kvällar i veckan.",
        "Kommunen bjuder in till grannsamverkan i Norrby i april.",
    ]
    assert rec["focus_areas"] == ["Trygghet vid Ekby station", "Färre inbrott i Norrby"]
    assert rec["evidence_sources"] == ["trygghetsmatning"]


# --- "Att …" lines under a party's promise heading ------------------------------


def test_it_reads_att_lines_under_a_party_heading_as_that_party_s_promises():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nPolisen lovar\n"
        "Att ha ett möte om inbrott i Norrby under våren.\n\n"
        "Kommunen lovar\n"
        "Att nattvandrare finns i Ekby centrum varje fredag.\n"
    )
    assert pairs(rec) == [
        ("Att ha ett möte om inbrott i Norrby under våren.", ["polis"]),
        ("Att nattvandrare finns i Ekby centrum varje fredag.", ["kommun"]),
    ]


# --- a named school acts for the kommun; its rektor can sign --------------------


def test_a_named_school_is_the_kommun_and_its_rektor_signs():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nDet här gör vi\n"
        "- Norrbyskolan och socialtjänsten bjuder in till två föräldraträffar.\n"
        "- Polisen och Ekbyhem AB gör en trygghetsvandring i Norrby i maj.\n\n"
        "Anna Berg, kommunstyrelsens ordförande, Ekby kommun\n"
        "Per Ek, lokalpolisområdeschef, Lokalpolisområde Ekby\n"
        "Lena Holm, rektor, Norrbyskolan\n"
    )
    assert [c["responsible"] for c in rec["commitments"]] == [
        ["kommun"],
        ["polis", "annan"],
    ]
    assert [s["name"] for s in rec["signatories"]] == [
        "Anna Berg",
        "Per Ek",
        "Lena Holm",
    ]


# --- places named with a noun after the name --------------------------------------


def test_it_keeps_the_noun_after_a_place_name():
    from medborgarloften.extract.places import find_places

    text = (
        "Klotter längs Ekåns strandpromenad, bråk vid Norrby badplats och "
        "skadegörelse vid Ekby gymnasieskola."
    )
    assert [p for p, _ in find_places(text, municipalities=["Ekby"])] == [
        "Ekåns strandpromenad",
        "Norrby badplats",
        "Ekby gymnasieskola",
    ]


# --- a school as the place of a measure is no youth setting ---------------------


def test_it_does_not_give_youth_for_traffic_around_schools():
    # (formerly a known miss in test_document_known_misses.py)
    from medborgarloften.extract.document import themes_in

    def codes(text: str) -> set[str]:
        return {h.code for h in themes_in(text)}

    assert "barn_unga_riskmiljo" not in codes(
        "Polisen gör trafikkontroller vid skolorna."
    )
    assert "barn_unga_riskmiljo" not in codes(
        "Kommunen bygger en gångväg mellan Norrby och Ekby skola."
    )
    assert "barn_unga_riskmiljo" not in codes("Säkrare skolvägar")
    # … but a school as the setting of work with the young still is one
    assert "barn_unga_riskmiljo" in codes("Polisen besöker skolorna varje termin.")
    assert "barn_unga_riskmiljo" in codes(
        "Polisen är på plats vid Ekbyskolan och pratar med eleverna."
    )


def test_drug_checks_concern_drugs_but_sobriety_checks_in_traffic_do_not():
    from medborgarloften.extract.document import themes_in

    def codes(text: str) -> set[str]:
        return {h.code for h in themes_in(text)}

    assert "narkotika" in codes("Polisen gör narkotikakontroller vid stationen.")
    assert "narkotika" in codes("Polisen gör drogkontroller vid resecentrum.")
    assert "narkotika" not in codes(
        "Polisen gör trafikkontroller, inklusive alkohol-drogkontroller."
    )
    assert "barn_unga_riskmiljo" not in codes(
        "Trygghetsvandringar i centrum och vid Kvarnbergsskolan i april."
    )


# --- a span "från X till och med <month>" is a season, not a deadline -----------


def test_a_span_to_a_month_is_no_deadline_and_a_month_is_no_unit():
    from medborgarloften.extract.targets import extract_target

    period = {"start": "2031-01-01", "end": "2031-12-31"}
    got = extract_target(
        "Kommunen har ordningsvakter i hamnen varje helg från midsommar till och "
        "med augusti.",
        period=period,
    ).target
    assert got is not None
    assert got["deadline"] is None
    assert got["unit"] != "augusti"
    got = extract_target(
        "Polisen patrullerar varje helg från midsommar till och med augusti.",
        period=period,
    ).target
    assert got is not None and got["unit"] != "augusti"
    kept = extract_target("Kommunen bygger om torget senast i augusti.", period=period)
    assert kept.target is not None and kept.target["deadline"] == "2031-08-31"


# --- one item of a list assigned to a party after it -----------------------------


def test_sentences_after_a_list_assign_single_items_by_their_noun():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nEkby kommun och polisen lovar:\n"
        "- att synas vid Ekby marknad i juli,\n"
        "- att göra hastighetskontroller vid Norrbyskolan fyra gånger under året,\n"
        "- att hålla ett möte om inbrott i Norrby i mars.\n\n"
        "Polisen ansvarar för hastighetskontrollerna. Kommunen ansvarar för mötet i "
        "Norrby.\n"
    )
    assert [c["responsible"] for c in rec["commitments"]] == [
        ["polis", "kommun"],
        ["polis"],
        ["kommun"],
    ]


def test_places_named_with_vi_at_a_line_end_and_as_a_kommun_s_gymnasium():
    from medborgarloften.extract.places import find_places

    def names(text: str) -> list[str]:
        return [p for p, _ in find_places(text, municipalities=["Ekby"])]

    assert names("Kontroller i Norrby och Södra Vi varje månad.") == [
        "Norrby",
        "Södra Vi",
    ]
    assert names("Synlig polis i Norrby\nPolisen patrullerar varje kväll.") == [
        "Norrby"
    ]
    assert names("Polisen besöker Ekby gymnasium två gånger.") == ["Ekby gymnasium"]
    # … and "vi" alone is still the pronoun, the kommun still no place
    assert names("Det här gör vi i Ekby\nVi lovar att synas.") == []


def test_numbered_records_with_the_number_in_the_label_or_no_responsible_line():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nInledning\nMånga känner oro i Norrby.\n\n"
        "Åtagande 1: Hastighetskontroller vid Norrbyskolan fyra gånger per termin.\n"
        "Ansvarig: Polisen\n\n"
        "Insats 2\nFältassistenter i Norrby två kvällar i veckan (kommunen).\n"
    )
    assert pairs(rec) == [
        (
            "Hastighetskontroller vid Norrbyskolan fyra gånger per termin.",
            ["polis"],
        ),
        ("Fältassistenter i Norrby två kvällar i veckan (kommunen).", ["kommun"]),
    ]


# --- a follow-up's status table; "Det här gör X" columns; contacts ---------------


def test_a_follow_up_s_status_table_lists_its_promises():
    rec = record(
        "Uppföljning av medborgarlöfte 2030 – Ekby\n\n"
        "Åtagande\tStatus\tKommentar\n"
        "Trafikkontroller vid Norrbyskolan fyra gånger per termin\tGenomfört\tSex\n"
        "Ny belysning i Norrbyparken\tEj genomfört\tFlyttas\n"
    )
    assert [c["text"] for c in rec["commitments"]] == [
        "Trafikkontroller vid Norrbyskolan fyra gånger per termin",
        "Ny belysning i Norrbyparken",
    ]
    assert rec["places"] == ["Norrbyskolan", "Norrbyparken"]  # not "Norrbyparken Ej"


def test_a_status_table_in_a_promise_s_follow_up_section_is_not_this_promise():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nVi lovar att:\n"
        "- Polisen gör tre trafikkontroller vid Norrbyskolan.\n\n"
        "Uppföljning\n\nÅtagande\tStatus\n"
        "Nattvandring varje fredag i Ekby centrum\tGenomfört\n"
    )
    assert [c["text"] for c in rec["commitments"]] == [
        "Polisen gör tre trafikkontroller vid Norrbyskolan."
    ]


def test_columns_under_this_is_what_party_does_headings():
    rec = record(
        "Medborgarlöfte 2031\n\nDet här gör polisen      Det här gör kommunen\n"
        "Besöker Norrbyskolan en gång per termin.      Bjuder in till två "
        "föräldramöten.\n"
    )
    assert pairs(rec) == [
        ("Besöker Norrbyskolan en gång per termin.", ["polis"]),
        ("Bjuder in till två föräldramöten.", ["kommun"]),
    ]


def test_a_contact_heading_s_person_is_no_signatory():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nVi lovar att:\n"
        "- Polisen gör tre trafikkontroller vid Norrbyskolan.\n\n"
        "Kontaktpersoner\nAnna Berg, trygghetssamordnare, 0123-456 78\n"
    )
    assert rec["signatories"] == []


def test_this_is_what_party_does_headings_and_a_dated_signing_statement():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nDet här gör polisen\n"
        "- Besöker Norrbyskolan en gång per termin.\n\n"
        "Vad gör Ekbyhem?\n- Byter belysning på gårdarna i Norrby.\n\n"
        "Undertecknat den 2 februari 2031 av Anna Berg, kommunstyrelsens "
        "ordförande, och Per Ek, lokalpolisområdeschef.\n"
    )
    assert pairs(rec) == [
        ("Besöker Norrbyskolan en gång per termin.", ["polis"]),
        ("Byter belysning på gårdarna i Norrby.", ["annan"]),
    ]
    assert [s["name"] for s in rec["signatories"]] == ["Anna Berg", "Per Ek"]


def test_a_bracketed_party_before_a_list_item_s_comma_still_decides():
    rec = record(
        "Medborgarlöfte Ekby 2031\n\nPolisen och kommunen lovar att:\n"
        "1. göra två trafikkontroller i månaden vid Norrbyskolan,\n"
        "2. rusta upp belysningen i Norrbyparken (kommunen),\n"
        "3. synas på Ekby marknad (polisen och Ekby Ordningsvakter);\n"
        "4. hålla ett medborgarmöte i Norrby i oktober.\n"
    )
    assert [c["responsible"] for c in rec["commitments"]] == [
        ["polis", "kommun"],
        ["kommun"],
        ["polis", "annan"],
        ["polis", "kommun"],
    ]


def test_a_reported_promise_with_no_party_is_the_whole_promise_s():
    rec = record(
        "Polisen och Ekby kommun lovar tryggare centrum\n\n"
        "Polisen och kommunen har skrivit under ett medborgarlöfte. Kommunen kommer "
        "att anställa två trygghetsvärdar i Norrby. Ett annat löfte är att ordna tre "
        "öppna möten om trygghet under året.\n"
    )
    assert pairs(rec)[-1] == (
        "Ett annat löfte är att ordna tre öppna möten om trygghet under året.",
        ["polis", "kommun"],
    )


def test_labelled_records_whose_lines_a_pdf_ran_together():
    # A PDF reader joins "Aktivitet: …" and "Ansvarig: …" when the first line has
    # no full stop; the "Klart:" line stays in the same block.
    rec = record(
        "Medborgarlöfte Ekby 2031\n\n"
        "Aktivitet: Trygghetsvandring i Norrby med boende Ansvarig: Kommunen och "
        "Ekbyhem AB\nKlart: maj 2031\n\n"
        "Aktivitet: Riktade kontroller mot langning vid Ekby station\n"
        "Ansvarig: Polisen\nKlart: december 2031\n"
    )
    assert pairs(rec) == [
        ("Trygghetsvandring i Norrby med boende", ["kommun", "annan"]),
        ("Riktade kontroller mot langning vid Ekby station", ["polis"]),
    ]
    assert [c["target"]["deadline"] for c in rec["commitments"]] == [
        "2031-05-31",
        "2031-12-31",
    ]


def test_promise_columns_end_at_a_blank_line_before_a_two_column_signature():
    rec = record(
        "Medborgarlöfte 2031\n\nPolisen lovar      Kommunen lovar\n"
        "Att besöka Norrbyskolan varje termin.      Att bjuda in till två möten.\n\n"
        "Ordförande i kommunstyrelsen      Chef för lokalpolisområde Ekby\n"
        "Anna Berg      Per Ek\n"
    )
    assert [t for t, _ in pairs(rec)] == [
        "Att besöka Norrbyskolan varje termin.",
        "Att bjuda in till två möten.",
    ]
