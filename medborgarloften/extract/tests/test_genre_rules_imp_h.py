"""Rules written after the blind batches ho22 and ho23 (branch imp-h). Every text
below is invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- a lead-in over grouped lists, one topic heading per group ---------------------

GROUPED = """Medborgarlöfte Älvby 2031

Älvby kommun och Polisen i lokalpolisområde Älvby har tagit fram ett gemensamt medborgarlöfte.

Fokusområden

• Säkra skolvägar
• Ungdomar i centrum

Kommunen och polisen lovar att:

Säkra skolvägar

- kontrollera cyklisters belysning vid tre tillfällen under hösten
- bygga om korsningen vid busstorget till en säkrare cykelpassage

Ungdomar i centrum

- ordna nattvandringar varje fredag under sommarlovet
- bjuda in föreningarna till ett dialogmöte om fritidsutbudet

Uppföljning

Löftet följs upp i samverkansgruppen två gånger per år.
"""


def test_a_lead_in_governs_the_grouped_lists_under_topic_headings():
    got = by_text(record(GROUPED))
    for text in (
        "kontrollera cyklisters belysning vid tre tillfällen under hösten",
        "bygga om korsningen vid busstorget till en säkrare cykelpassage",
        "ordna nattvandringar varje fredag under sommarlovet",
        "bjuda in föreningarna till ett dialogmöte om fritidsutbudet",
    ):
        assert got[text] == ["polis", "kommun"], text
    assert len(got) == 4


# --- a party's heading right after a background section -----------------------------

AFTER_BACKGROUND = """Medborgarlöfte Sjöby 2031

Sjöby kommun och Polisen, lokalpolisområde Sjöby, har tagit fram ett medborgarlöfte.

Bakgrund

Många boende känner sig otrygga vid hamnen på kvällarna.

Polisen

• Patrullera vid hamnen minst tre kvällar i veckan under sommaren.

Sjöby kommun

• Sätta upp ny belysning längs strandpromenaden senast i maj 2031.
"""


def test_a_party_heading_after_a_background_section_keeps_its_party():
    got = by_text(record(AFTER_BACKGROUND))
    assert got["Patrullera vid hamnen minst tre kvällar i veckan under sommaren."] == [
        "polis"
    ]
    assert got["Sätta upp ny belysning längs strandpromenaden senast i maj 2031."] == [
        "kommun"
    ]


# --- a page's running footer inside a party's list ----------------------------------

FOOTER = """Medborgarlöfte Åsby 2031

Polisen lovar att
  •  kontrollera hastigheten på Skolvägen minst en gång i månaden under
     terminerna.

Medborgarlöfte Åsby 2031 | sida 1

  •  finnas på plats vid busstationen två kvällar i veckan under
     vinterhalvåret.

Kommunen lovar att
  •  ordna läxhjälp på biblioteket varje tisdag under läsåret.
"""


def test_a_running_footer_does_not_end_a_partys_list():
    rec = record(FOOTER)
    got = {" ".join(k.split()): v for k, v in by_text(rec).items()}
    assert got[
        "finnas på plats vid busstationen två kvällar i veckan under vinterhalvåret."
    ] == ["polis"]
    assert got["ordna läxhjälp på biblioteket varje tisdag under läsåret."] == [
        "kommun"
    ]
    assert len(got) == 3


# --- "Vem gör vad?": the party of each item, item first, under its own heading ------

WHO_DOES_WHAT = """Medborgarlöfte Norrby 2031

Norrby kommun och Polisen i Norrby har kommit överens om ett medborgarlöfte.

Löftet innebär att

• minst fyra alkoholkontroller vid småbåtshamnen genomförs under sommaren
• nedskräpningen i stadsparken städas bort varje måndag morgon
• två dialogmöten med boende i Åsen hålls under året

Vem gör vad?

Alkoholkontrollerna är polisens ansvar. Städningen i stadsparken sköts av kommunens gatuavdelning. Dialogmötena planeras och genomförs gemensamt av polisen, kommunen och bostadsbolaget Norrbyhem AB.
"""


def test_sentences_under_a_heading_give_each_item_of_the_list_its_party():
    got = by_text(record(WHO_DOES_WHAT))
    assert got[
        "minst fyra alkoholkontroller vid småbåtshamnen genomförs under sommaren"
    ] == ["polis"]
    assert got["nedskräpningen i stadsparken städas bort varje måndag morgon"] == [
        "kommun"
    ]
    assert got["två dialogmöten med boende i Åsen hålls under året"] == [
        "polis",
        "kommun",
        "annan",
    ]


# --- a sentence on what the promise is meant to show -------------------------------

SHOWS = """Medborgarlöfte Västby 2031

Med det här medborgarlöftet vill vi berätta hur vi ska arbeta under 2031. Genom detta löfte vill vi visa vad vi kommer att göra för tryggheten.

Våra åtaganden

Polisen ska patrullera i centrum varje fredagskväll under året.
"""


def test_a_sentence_on_what_the_promise_shows_is_no_commitment():
    got = by_text(record(SHOWS))
    assert list(got) == [
        "Polisen ska patrullera i centrum varje fredagskväll under året."
    ]


# --- "Kontakta <name>, <title>": a contact, not a signatory ------------------------

CONTACT = """Medborgarlöfte Ekås 2031

Polisen ska patrullera vid torget varje lördag under året.

Vill du veta mer?

Kontakta Petra Lind, trygghetssamordnare, via kommunens växel 0123-45 67 00.
"""


def test_a_contact_sentence_names_no_signatory():
    from medborgarloften.extract.document.signatories import find_signatories

    assert [s.name for s in find_signatories(CONTACT)] == []


# --- "Polisen i lokalpolisområde <namn>" as the subject -----------------------------

POLICE_AREA = """Medborgarlöfte Bergby 2031

Våra löften

Polisen i lokalpolisområde Bergby och Bergby kommun åtar sig att genomföra sex trygghetsvandringar i Solhem under året.

Polisen i lokalpolisområde Bergby ska kontrollera mopeder vid skolan varje vecka under våren.
"""


def test_the_police_named_with_their_area_are_the_subject():
    got = by_text(record(POLICE_AREA))
    assert got[
        "Polisen i lokalpolisområde Bergby och Bergby kommun åtar sig att genomföra "
        "sex trygghetsvandringar i Solhem under året."
    ] == ["polis", "kommun"]
    assert got[
        "Polisen i lokalpolisområde Bergby ska kontrollera mopeder vid skolan varje "
        "vecka under våren."
    ] == ["polis"]


# --- "Senast <när> har <part> <supinum>": a result promised by a deadline -----------

DEADLINE = """Medborgarlöfte Dalby 2031

Så här ska vi arbeta

I april håller polisen ett öppet möte om bedrägerier på biblioteket.

Senast i oktober har kommunen satt upp nya lampor vid busshållplatsen på Storgatan.
"""


def test_a_result_by_a_fronted_deadline_is_a_commitment():
    got = by_text(record(DEADLINE))
    assert got[
        "Senast i oktober har kommunen satt upp nya lampor vid busshållplatsen på "
        "Storgatan."
    ] == ["kommun"]


# --- a village's name as the label of a present-tense commitment --------------------

VILLAGES = """Medborgarlöfte Fjällby 2031

Så här lovar vi att arbeta i byarna

Norrvik: Polisen kontrollerar hastigheten genom byn varje vecka under sommaren.
Övre Sel: Kommunen bygger en ny gångväg till skolan under hösten.
"""


def test_a_place_label_before_a_present_tense_commitment():
    got = by_text(record(VILLAGES))
    assert got[
        "Norrvik: Polisen kontrollerar hastigheten genom byn varje vecka under sommaren."
    ] == ["polis"]
    assert got["Övre Sel: Kommunen bygger en ny gångväg till skolan under hösten."] == [
        "kommun"
    ]
