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
