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
