"""Genre rules from the blind batches ho19/ho20 (branch imp-e): each test is a short
text of our own, written in the genre, not taken from any published promise or
from the batches.
"""

from __future__ import annotations

from medborgarloften.extract.commitments.sentences import (
    _is_commitment_sentence,
    classify_heading,
)
from medborgarloften.extract.record import extract_record
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- numbered items, each followed by its own "Ansvarig:" / "Tidsplan:" lines ----

NUMBERED_FIELDS = """Medborgarlöfte Dalby 2031–2032

Åtgärder

Trafik vid skolorna

1. Polisen ska göra hastighetskontroller vid Ekeskolan och Björkskolan minst fyra gånger per termin.
Ansvarig: Polisen
Tidsplan: Varje termin

2. Sätta upp nya farthinder på Skolvägen.
Ansvarig: Kommunen (tekniska förvaltningen)
Tidsplan: Senast i mars 2031

Oro i parken

3. Gå trygghetsvandring i Lindparken med de boende.
Ansvarig: Kommunen och polisen
Tidsplan: Löpande under 2031–2032

4. Ordna kvällsaktiviteter för unga på fritidsgården Lyktan.
Ansvarig: Kommunen (fritidsenheten och fältgruppen, som redan arbetar i området)
Tidsplan: Start hösten 2031

Uppföljning

Löftet följs upp varje halvår i brottsförebyggande rådet.
"""


def test_numbered_items_keep_their_field_lines():
    rec = record(NUMBERED_FIELDS)
    assert by_text(rec) == {
        "Polisen ska göra hastighetskontroller vid Ekeskolan och Björkskolan minst "
        "fyra gånger per termin.": ["polis"],
        "Sätta upp nya farthinder på Skolvägen.": ["kommun"],
        "Gå trygghetsvandring i Lindparken med de boende.": ["polis", "kommun"],
        "Ordna kvällsaktiviteter för unga på fritidsgården Lyktan.": ["kommun"],
    }


def test_a_tidsplan_line_gives_the_item_its_deadline():
    rec = record(NUMBERED_FIELDS)
    item = next(c for c in rec["commitments"] if c["text"].startswith("Sätta upp"))
    assert item["target"] is not None
    assert item["target"]["deadline"] == "2031-03-31"


def test_field_lines_are_no_focus_areas():
    rec = record(NUMBERED_FIELDS)
    assert not any(":" in area for area in rec["focus_areas"])


# --- a status report after each numbered promise --------------------------------

STATUS_REPORT = """Medborgarlöfte Norrvik 2031–2032 – uppföljning

Polisen lovar att:

1. patrullera i Norrviks centrum varje fredagskväll.
Status: Genomfört. Polisen patrullerade under alla fredagar utom två i juli.

2. besöka högstadieskolorna en gång per termin.
Status: Pågår. Skolorna besöks sedan augusti, men Sjöskolan återstår.

Kommunen lovar att:

3. byta belysning i gångtunneln vid stationen senast i maj 2031.
Status: Genomfört. Nya armaturer sattes upp i april.
"""


def test_a_status_line_is_the_items_field_not_a_commitment():
    rec = record(STATUS_REPORT)
    assert by_text(rec) == {
        "patrullera i Norrviks centrum varje fredagskväll.": ["polis"],
        "besöka högstadieskolorna en gång per termin.": ["polis"],
        "byta belysning i gångtunneln vid stationen senast i maj 2031.": ["kommun"],
    }


# --- "Löfte 2 – …" over one paragraph: the paragraph is one promise ------------

NUMBERED_UNITS = """MEDBORGARLÖFTE
Vika kommun och Lokalpolisområde Fjällby

Löfte 1 – Säkra skolvägar

Kommunen ska bygga en upphöjd övergång vid Bäckskolan före skolstarten 2031. Skyltar som saknas ska sättas upp längs hela skolvägen.

Så mäter vi: att övergången är byggd och hur många skyltar som kommit upp.

Löfte 2 – Lugna nätter

Polisen ska patrullera vid torget varje lördagsnatt under sommaren. Kommunen ska samtidigt ha nattvandrare ute i centrum.

Uppföljning

Löftena följs upp i december.
"""


def test_a_numbered_promise_paragraph_is_one_promise():
    got = by_text(record(NUMBERED_UNITS))
    assert got == {
        "Kommunen ska bygga en upphöjd övergång vid Bäckskolan före skolstarten "
        "2031. Skyltar som saknas ska sättas upp längs hela skolvägen.": ["kommun"],
        # a later sentence naming its own party stays a promise of its own
        "Polisen ska patrullera vid torget varje lördagsnatt under sommaren.": [
            "polis"
        ],
        "Kommunen ska samtidigt ha nattvandrare ute i centrum.": ["kommun"],
    }


# --- easy-to-read pages: "Vad händer sedan?" and a glossary hold no promise ----

EASY_READ = """Medborgarlöfte för Granby 2031

Det här lovar kommunen

Kommunen ska ha fritidsgården öppen på lördagar.

Vad händer sedan?

I december pratar vi om hur det har gått.
Vi frågar er vad ni tycker nu.

Svåra ord

Medborgardialog: Vi träffar er och lyssnar. Vi skriver ner vad ni säger.
"""


def test_what_happens_next_and_a_glossary_hold_no_promises():
    assert by_text(record(EASY_READ)) == {
        "Kommunen ska ha fritidsgården öppen på lördagar.": ["kommun"],
    }


def test_after_and_glossary_headings_are_excluded():
    for heading in (
        "Vad händer sedan?",
        "Vad händer efter löftet?",
        "Ordlista",
        "Ord som kan vara svåra",
        "Hur går det?",
        "Följ arbetet",
    ):
        assert classify_heading(heading) == "excluded", heading


# --- a news text: follow-up sections, quotes and the genre described -----------

NEWS = """Nytt löfte för tryggare kvällar i Solby

Publicerad 3 mars 2031

Varje år lovar kommunen och polisen att göra några saker tillsammans för att Solby ska bli tryggare. Löftet bygger på trygghetsmätningen.

Polisen ska vara i Solby centrum två kvällar i veckan. Kommunen ska öppna en mötesplats för unga vid biblioteket.

Kommunpolisen Lena Berg berättar:

– Vi märker att unga vill prata med oss. Det gör arbetet lättare.

Hur går det?

Kommunen och polisen berättar på solby.se hur arbetet går efter sommaren.

Följ arbetet

Vi redovisar resultatet på kommunens webbplats i december.
"""


def test_a_news_text_keeps_only_the_promises():
    rec = record(NEWS)
    assert sorted(by_text(rec)) == [
        "Kommunen ska öppna en mötesplats för unga vid biblioteket.",
        "Polisen ska vara i Solby centrum två kvällar i veckan.",
    ]


def test_a_lone_item_under_a_speech_line_is_a_quote():
    text = NEWS.replace("– Vi märker", "• Vi märker")
    assert len(record(text)["commitments"]) == 2


def test_doing_some_things_describes_the_genre():
    assert not _is_commitment_sentence(
        "Varje år lovar polisen och kommunen att göra några konkreta saker för "
        "att öka tryggheten i Tallby."
    )
    assert _is_commitment_sentence(
        "Polisen lovar att göra fler trafikkontroller vid Tallbyskolan."
    )


def test_a_follow_up_section_still_gives_the_follow_up():
    rec = extract_record(NEWS, record_id="t")
    assert rec["follow_up"] is not None and rec["follow_up"]["text"]


# --- "Tillsammans lovar polisen, kommunen och <a name> att:" -----------------------


def test_an_inverted_enumeration_runs_on_to_its_att():
    from medborgarloften.extract.parties import subject_parties

    found = subject_parties(
        "Tillsammans lovar polisen, kommunen och Brottsofferjouren Västerby att:"
    )
    assert found is not None and found.parties == {"polis", "kommun", "annan"}
    # participating residents are no third party
    found = subject_parties("Därför lovar polisen, kommunen och de boende att:")
    assert found is not None and found.parties == {"polis", "kommun"}


# --- "… nedan kallade parterna": "Parterna ska …" is every party of the promise ---

DEFINED_PARTIES = """Medborgarlöfte för Östby hamn 2031

Östby kommun, Lokalpolisområde Östby och Hamnbolaget Östby AB står bakom löftet, nedan kallade parterna.

Våra åtaganden

Parterna ska gå en trygghetsvandring i hamnen varje vår.

Hamnbolaget Östby AB ska sätta upp belysning på kajen senast i juni 2031.

Polisen ska patrullera i hamnen på fredagskvällar.
"""


def test_parties_defined_by_the_document_are_all_of_them():
    got = by_text(record(DEFINED_PARTIES))
    assert got["Parterna ska gå en trygghetsvandring i hamnen varje vår."] == [
        "polis",
        "kommun",
        "annan",
    ]


def test_parterna_without_a_definition_stays_both_when_no_third_party_promises():
    # (A third party with commitments of its own is one of "parterna" even
    # undefined: test_genre_rules_imp_f.)
    text = DEFINED_PARTIES.replace(", nedan kallade parterna", "").replace(
        "Hamnbolaget Östby AB ska sätta upp belysning på kajen senast i juni 2031.\n\n",
        "",
    )
    got = by_text(record(text))
    assert got["Parterna ska gå en trygghetsvandring i hamnen varje vår."] == [
        "polis",
        "kommun",
    ]


def test_a_party_that_takes_responsibility_in_its_own_clause_shares_it():
    from medborgarloften.extract.parties import subject_parties

    found = subject_parties(
        "I år lovar polisen att kontrollera hastigheten vid Norrskolan, medan "
        "kommunen tar ansvar för att måla om övergångsstället."
    )
    assert found is not None and found.parties == {"polis", "kommun"}
