"""Rules written after the blind batch ho29 (branch impl). Every text below is
invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.commitments.locatives import after_place_phrase
from medborgarloften.extract.commitments.patterns import points_ahead
from medborgarloften.extract.commitments.sentences import _present_action
from medborgarloften.extract.document.signatories import find_signatories
from medborgarloften.extract.parties import nominal_polis
from medborgarloften.extract.party_joins import co_parties
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record


def names(text: str) -> list[str]:
    return [s.name for s in find_signatories(text)]


# --- signatures in the appendix of a memo, a report or minutes ---------------------

MEMO_WITH_APPENDIX = """ÅBY KOMMUN
Kommunledningskontoret

TJÄNSTESKRIVELSE
Datum: 2031-03-02
Handläggare: Vera Holm, trygghetssamordnare

Medborgarlöfte 2031 mellan Åby kommun och Polisen

Ärendebeskrivning
Förvaltningen har tagit fram ett förslag till medborgarlöfte, se bilaga 1.

Beslutsunderlag
Tjänsteskrivelse 2031-03-02
Bilaga 1 Medborgarlöfte 2031

Förslag till beslut
Kommunstyrelsen godkänner medborgarlöftet.

Karin Ström
Kommundirektör

Beslutet skickas till
Lokalpolisområde Åby

Bilaga 1

MEDBORGARLÖFTE 2031

Polisen lovar att:
– genomföra trafikkontroller vid Åbyskolan varje vecka.

Åby 2031-04-01

Lena Berg                              Olof Sand
Kommunstyrelsens ordförande            Lokalpolisområdeschef
Åby kommun                             Lokalpolisområde Åby
"""


def test_a_memo_signs_nothing_but_its_appendix_does():
    got = names(MEMO_WITH_APPENDIX)
    assert got == ["Lena Berg", "Olof Sand"], got


def test_a_memo_without_appendix_still_has_no_signatories():
    head = MEMO_WITH_APPENDIX.split("Bilaga 1\n\nMEDBORGAR")[0]
    assert names(head) == []


def test_a_listed_appendix_is_no_heading():
    # "Bilaga 1 Medborgarlöfte 2031" in the list of documents opens nothing.
    text = MEMO_WITH_APPENDIX.replace(
        "\nBilaga 1\n\nMEDBORGARLÖFTE", "\nMEDBORGARLÖFTE"
    )
    assert names(text) == []


MEMO_WITH_SIGNATURES_HEADING = """Tjänsteskrivelse
Handläggare: Nils Dahl

Medborgarlöfte 2032 för Bydala

Förslag till beslut
Kommunstyrelsen godkänner medborgarlöftet.

Kommunen lovar att laga belysningen i Bydalaparken före oktober.

Underskrifter

Bydala 2032-02-01

Maja Lind
Kommunstyrelsens ordförande
Bydala kommun

Per Ek
Lokalpolisområdeschef
Polisen, lokalpolisområde Bydala
"""


def test_an_underskrifter_heading_opens_the_signatures_of_a_memo():
    assert names(MEMO_WITH_SIGNATURES_HEADING) == ["Maja Lind", "Per Ek"]


MINUTES_WITH_APPENDIX = """SAMMANTRÄDESPROTOKOLL
Kommunstyrelsens arbetsutskott

KSAU § 12

Medborgarlöfte 2031

Beslut
Arbetsutskottet godkänner medborgarlöftet enligt bilaga 2.

Justerandes signatur   ___________   ___________

Bilaga 2 till KSAU § 12

MEDBORGARLÖFTE 2031
Polisen kommer att genomföra hastighetskontroller på Storgatan varje vecka.

Ekeby 2031-02-20

För Ekeby kommun                       För Polisen
Sara Nord                              Jon Vik
kommunstyrelsens ordförande            lokalpolisområdeschef
"""


def test_an_appendix_after_the_minutes_labels_signs_again():
    assert names(MINUTES_WITH_APPENDIX) == ["Sara Nord", "Jon Vik"]


def test_names_under_the_minutes_label_still_sign_nothing():
    text = MINUTES_WITH_APPENDIX.replace("Bilaga 2 till KSAU § 12\n", "")
    assert names(text) == []


REPORT = """Ekeby kommun
Rapport 2031-01-15

UPPFÖLJNING AV MEDBORGARLÖFTE 2030

Resultat
Polisen genomförde tolv kontroller. Uppfyllt.

Ekeby 2031-01-15

Ida Strand, trygghetssamordnare
Ekeby kommun
"""


def test_the_name_closing_a_follow_up_report_is_its_author():
    assert names(REPORT) == []
    titled = REPORT.replace("Rapport 2031-01-15\n\nUPPFÖLJNING AV", "Uppföljning av")
    assert names(titled) == []


def test_a_plain_promise_keeps_its_closing_signature():
    text = REPORT.replace("Rapport 2031-01-15\n\nUPPFÖLJNING AV", "MEDBORGARLÖFTE")
    assert names(text) == ["Ida Strand"]


# --- responsible parties ----------------------------------------------------------


def test_a_name_inside_a_fronted_with_phrase_is_no_verb():
    # "Ekbybostäder" ends like a present verb; it is a company's name.
    text = """Medborgarlöfte Ekby 2031

Tillsammans lovar vi att
• tillsammans med Ekbybostäder AB genomföra trygghetsvandringar på Norrbacken,
• bjuda in till ett öppet möte i Ekby centrum under hösten.
"""
    got = by_text(record(text))
    walk = next(v for k, v in got.items() if "trygghetsvandringar" in k)
    assert walk == ["polis", "kommun", "annan"]
    meeting = next(v for k, v in got.items() if "öppet möte" in k)
    assert meeting == ["polis", "kommun"]


def test_a_named_organisation_that_supports_the_work_is_co_responsible():
    assert co_parties("ge eleverna en lektion med stöd av Ekby Sparbank.") == {"annan"}
    assert co_parties("med stöd av Norrhem AB och Ekby Energi") == {"annan"}


def test_a_document_or_method_named_after_med_stod_av_is_no_party():
    assert co_parties("med stöd av Polisens trygghetsmätning 2030") == set()
    assert co_parties("med stöd av Brå:s metod för platssamverkan") == set()
    assert co_parties("med stöd av statliga medel") == set()


def test_a_party_owned_by_a_common_noun_joined_with_tillsammans_med():
    assert co_parties(
        "Fältgruppen är ute tillsammans med köpcentrets egna väktare."
    ) == {"annan"}
    assert co_parties("tillsammans med stationens ordningsvakter") == {"annan"}


def test_police_work_in_a_subordinate_clause_is_no_police_action():
    assert (
        nominal_polis(
            "sätta upp skyltar på de platser där polisens kontroller visar fortkörning"
        )
        is None
    )
    assert nominal_polis("öka polisens närvaro vid torget") is not None


def test_police_work_in_a_relative_clause_leaves_the_heading_party():
    text = """Medborgarlöfte Åby 2031

Kommunen lovar att:
– beskära buskarna i de parker där polisens kontroller visar att många rör sig på kvällen,
– laga belysningen vid busstationen.
"""
    got = by_text(record(text))
    assert all(v == ["kommun"] for v in got.values()), got


def test_a_definite_plural_of_a_third_party_word_is_that_party():
    text = """Medborgarlöfte Storvik 2031

Våra löften
Kommunen och handlarna genomför en kampanj mot snatteri i december.
Polisen och butiksägarna håller ett möte om rån i mars.
"""
    got = by_text(record(text))
    assert sorted(got.values()) == [["kommun", "annan"], ["polis", "annan"]], got


# --- structure --------------------------------------------------------------------


def test_a_place_between_the_subject_and_its_verb():
    assert _present_action(
        "Kommunen och fastighetsägarna i hamnen genomför en städdag före midsommar."
    )
    assert _present_action(
        "Kommunen och krögarna i Ekbys hamn ordnar en utbildning för all personal."
    )
    assert after_place_phrase("Polisen", " i området genomför kontroller.") == 10
    assert after_place_phrase("Polisen", " genomför kontroller i området.") == 0
    assert not _present_action("Polisen i området har inga planer för sommaren.")
    assert not _present_action("Polisen i området är trött på det.")


def test_a_joint_subject_with_a_place_is_a_commitment():
    text = """Medborgarlöfte Strandby sommaren 2031

Löfte 1. Polisen patrullerar vid badplatsen varje lördag.
Löfte 2. Kommunen och krögarna på Strandgatan genomför en utbildning i ansvarsfull alkoholservering före juni.
"""
    got = by_text(record(text))
    training = [v for k, v in got.items() if "utbildning" in k]
    assert training == [["kommun", "annan"]], got


def test_a_sentence_that_counts_the_headings_to_come_is_a_lead_in():
    assert points_ahead("Under 2031 prioriterar vi tre områden.")
    assert points_ahead("Polisen och kommunen fokuserar på fyra fokusområden:")
    assert points_ahead("För 2031 lovar Polisen och Ekby kommun följande.")
    assert not points_ahead("Polisen genomför trygghetsvandringar i tre områden.")
    assert not points_ahead("Kommunen lagar belysningen i två parker.")


def test_the_lead_in_is_no_commitment():
    text = """Medborgarlöfte 2031 – Ekby kommun och Polisen

Ekby ska vara tryggt för alla. Under 2031 prioriterar vi två områden.

Narkotika
Polisen lovar att genomföra sex insatser mot narkotikabrott under året.

Trafik
Kommunen lovar att sätta upp två farthinder på Skolgatan.
"""
    got = by_text(record(text))
    assert not any("prioriterar" in k for k in got), got
    assert len(got) == 2, got


# --- a follow-up report that restates the old promise, then gives the new one ------

REPORT_AND_NEW = """Ekby kommun
Rapport 2032-01-20

UPPFÖLJNING AV MEDBORGARLÖFTE 2031 OCH MEDBORGARLÖFTE 2032

Del 1 – Uppföljning av 2031 års löfte

Löftet 2031 löd:
"Polisen lovar att genomföra tio nykterhetskontroller vid Norrviks hamn och kommunen ska starta grannsamverkan i Söderby."

Resultat
Nykterhetskontroller: tolv genomfördes vid Norrviks hamn. Uppfyllt.

Del 2 – Medborgarlöfte 2032

Löfte
För 2032 lovar Polisen och Ekby kommun följande.

a) Polisen genomför minst en trafikkontroll i månaden vid Ekby skola.
b) Kommunens fältassistenter och polisen gör kvällsbesök vid Ekby station en gång i veckan under perioden maj–augusti.
"""


def test_a_numbered_part_of_a_report_is_read_past():
    from medborgarloften.extract.commitments import classify_heading

    assert classify_heading("Del 1 – Uppföljning av 2031 års löfte") == "excluded"
    assert classify_heading("DEL 2: MEDBORGARLÖFTE 2032") == "promise"
    assert classify_heading("Delar av kommunen") == "topic"


def test_only_the_new_promise_of_a_report_counts():
    rec = record(REPORT_AND_NEW)
    texts = [c["text"] for c in rec["commitments"]]
    assert len(texts) == 2, texts
    assert texts[0].startswith("Polisen genomför minst en trafikkontroll")
    # the old promise's places are last period's
    assert "Norrviks hamn" not in rec["places"]
    assert "Söderby" not in rec["places"]


def test_an_activitys_season_in_a_lettered_item_is_no_period():
    rec = record(REPORT_AND_NEW)
    assert (rec["period"]["start"], rec["period"]["end"]) == (
        "2032-01-01",
        "2032-12-31",
    )


def test_a_report_alone_keeps_its_places():
    text = """Uppföljning av medborgarlöfte 2031

Resultat 2031
Polisen genomförde tolv kontroller vid Norrviks hamn.
"""
    assert "Norrviks hamn" in record(text)["places"]


# --- measurable -------------------------------------------------------------------

PERIOD_2031 = {"start": "2031-01-01", "end": "2031-12-31"}


def target(text: str) -> dict | None:
    from medborgarloften.extract.targets import extract_target

    return extract_target(text, period=PERIOD_2031).target


def test_within_one_time_unit_is_a_time_limit():
    got = target("Kommunen tar bort klottret vid stationen inom en arbetsvecka.")
    assert got == {"quantity": 1, "unit": "arbetsvecka", "per": None, "deadline": None}
    assert target("Kommunen bygger en skatepark inom ett område.") is None
    # a week or a month is no count, as in "inom två veckor"
    assert target("Kommunen tar bort klottret inom en vecka efter anmälan.") is None


def test_a_number_repeated_in_words_in_brackets():
    got = target("Polisen genomför minst 12 (tolv) kontroller av mopeder under året.")
    assert got is not None and (got["quantity"], got["unit"]) == (12, "kontroller")


def test_a_speed_is_no_count():
    assert target("Kommunen utreder en lägre hastighet, 30 km/h, på Skolvägen.") is None
    got = target("Polisen gör 20 kontroller på gator med 40 km/h.")
    assert got is not None and got["quantity"] == 20


def test_a_count_in_the_activity_beats_a_month_in_its_schedule_cell():
    text = """Medborgarlöfte Ekby 2031

Aktivitet\tAnsvarig\tTidsplan\tMål
Trygghetsvandring i Ekby centrum tillsammans med handlarna, en gång per år.\tKommunen\tMaj\tUnderlag för åtgärder
Polisen gör riktade kontroller vid hamnen.\tPolisen\tLöpande\tFärre stölder
"""
    rec = record(text)
    walk = next(c for c in rec["commitments"] if "Trygghetsvandring" in c["text"])
    assert walk["target"]["quantity"] == 1
    assert walk["target"]["per"] == "år"


# --- places -----------------------------------------------------------------------


def test_a_beach_and_a_centre_named_by_a_town():
    from medborgarloften.extract.places import find_places

    found = [
        p
        for p, _ in find_places("vid Ekby strand och i Ekbys center", municipalities=[])
    ]
    assert found == ["Ekby strand", "Ekbys center"]
    found = [p for p, _ in find_places("i Åbys center", municipalities=["Åby"])]
    assert found == ["Åbys center"]
