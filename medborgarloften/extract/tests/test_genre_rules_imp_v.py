"""Rules written after the blind batches ho42 (renewed and revised promises: last
period's promise and its results beside the new commitments) and ho41 (promises on
kommun news pages and police press releases) on branch imp-v. Every text below is
invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.commitments.renewals import (
    ends_promise,
    is_recap,
    unlabelled,
)
from medborgarloften.extract.commitments.sentences import classify_heading
from medborgarloften.extract.structure import parse_structure
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- "Tidigare löfte / Så här gick det / Nytt löfte" blocks -------------------------

LABELLED = (
    "Medborgarlöften 2031–2032\n\n"
    "Ekvik kommun och lokalpolisområde Ekvik\n\n"
    "1. Trafiken vid Sjövägen\n"
    "Tidigare löfte: Polisen genomför hastighetskontroller vid Sjövägen varje vecka.\n"
    "Så här gick det: 40 kontroller genomfördes och 12 förare bötfälldes.\n"
    "Nytt löfte: Polisen genomför minst tre hastighetskontroller per månad vid "
    "Sjövägen. Löftet förlängs med skärpt mål.\n\n"
    "2. Unga i Norrby\n"
    "Tidigare löfte: Kommunen ska hålla fritidsgården i Norrby öppen varje fredag.\n"
    "Status 2030: Delvis genomfört.\n"
    "2031: Kommunen håller fritidsgården i Norrby öppen två kvällar i veckan.\n"
)


def test_only_the_new_promise_lines_are_commitments_without_their_label() -> None:
    got = by_text(record(LABELLED))
    assert got == {
        "Polisen genomför minst tre hastighetskontroller per månad vid Sjövägen.": [
            "polis"
        ],
        "Kommunen håller fritidsgården i Norrby öppen två kvällar i veckan.": [
            "kommun"
        ],
    }


def test_recap_labels_and_new_labels() -> None:
    blocks = parse_structure(
        "Tidigare löfte: Kommunen ska måla om tunneln.\n\n"
        "Så här gick det med löftet: Tunneln målades i maj.\n\n"
        "Utfall 2030: 14 av 20 kontroller.\n\n"
        "Resultat för 2029–2030: elva vandringar.\n\n"
        "Nytt löfte: Kommunen målar om tunneln.\n\n"
        "2031–2032: Polisen håller möten.\n\n"
        "Polisen håller möten: varje månad i Ekvik.\n"
    ).content()
    assert [is_recap(b) for b in blocks] == [True, True, True, True] + [False] * 3
    assert unlabelled(blocks[4]).text == "Kommunen målar om tunneln."
    assert unlabelled(blocks[4]).sentences[0].text == "Kommunen målar om tunneln."
    assert unlabelled(blocks[5]).text == "Polisen håller möten."
    assert unlabelled(blocks[6]) is blocks[6]  # no label: a sentence with a colon


# --- an ended promise -----------------------------------------------------------------


def test_an_ended_promise_is_no_commitment_even_when_quoted() -> None:
    assert ends_promise(
        "Följande löfte från 2030 avslutas: ”Polisen ska hålla två möten om inbrott.”"
    )
    assert ends_promise("Löftet avslutas.")
    assert ends_promise("Medborgarlöftet om klotter ersätts av ett löfte om trafik.")
    assert not ends_promise("Polisen avslutar varje möte med frågor från publiken.")
    text = (
        "Medborgarlöfte 2031\n\n"
        "Våra löften\n"
        "- Polisen genomför tolv trafikkontroller på Storvägen under året.\n\n"
        "Följande löfte från 2030 avslutas: ”Kommunen och polisen ska hålla två "
        "informationsträffar om inbrott i byarna.”\n"
    )
    assert list(by_text(record(text))) == [
        "Polisen genomför tolv trafikkontroller på Storvägen under året."
    ]


# --- the heading of the new promise --------------------------------------------------


def test_the_new_promise_heading_opens_the_promise() -> None:
    for heading in ("Det nya löftet", "Nya löften för 2032", "Det förlängda löftet"):
        assert classify_heading(heading) == "promise", heading
    assert classify_heading("Så här gick det med förra löftet") == "excluded"
    text = (
        "Nytt medborgarlöfte för 2032\n\n"
        "Så här gick det med förra löftet\n\n"
        "Polisen gjorde 20 kontroller vid Ekvägen. Kommunen hann inte bygga "
        "farthindren.\n\n"
        "Det nya löftet\n\n"
        "Kommunen bygger två farthinder på Ekvägen före midsommar. Polisen ökar "
        "till minst fyra kontroller per månad på Ekvägen.\n"
    )
    assert list(by_text(record(text))) == [
        "Kommunen bygger två farthinder på Ekvägen före midsommar.",
        "Polisen ökar till minst fyra kontroller per månad på Ekvägen.",
    ]


# --- the topic headings of a renewed promise --------------------------------------


def test_status_and_tagged_labels_are_no_part_of_a_focus_area() -> None:
    from medborgarloften.extract.document.focus_cues import generic_heading, titled

    assert titled("Nytt för i år: Stölder i hamnen") == "Stölder i hamnen"
    assert titled("Nytt för 2032–2033: Stölder i hamnen") == "Stölder i hamnen"
    assert titled("Förlängt: Trafiken vid skolan") == "Trafiken vid skolan"
    assert titled("Löfte 3 (nytt): Unga på nätet") == "Unga på nätet"
    assert titled("Inriktning 2: Trygghet i Ekparken") == "Trygghet i Ekparken"
    assert titled("Nytt café vid torget") == "Nytt café vid torget"  # no label
    assert generic_heading("Det nya löftet")
    assert generic_heading("Nya medborgarlöften")


def test_tagged_headings_over_new_commitments_are_focus_areas() -> None:
    text = (
        "Medborgarlöfte 2032 – uppföljning och revidering\n\n"
        "Löfte 1: Trygg hamn\n"
        "Status 2031: Genomfört.\n"
        "2032: Polisen och kommunen organiserar vuxennärvaro i hamnen varje "
        "lördag i juli.\n\n"
        "Löfte 2 (nytt): Unga på nätet\n"
        "2032: Polisen håller en gång per termin lektioner om näthat för elever i "
        "årskurs 8.\n"
    )
    assert record(text)["focus_areas"] == ["Trygg hamn", "Unga på nätet"]


# --- the follow-up clause of a renewed promise --------------------------------------


def test_last_periods_results_are_not_the_follow_up_clause() -> None:
    text = (
        "Medborgarlöfte 2032\n\n"
        "Våra löften\n"
        "- Polisen genomför tolv trafikkontroller på Storvägen under året.\n\n"
        "Uppföljning\n"
        "Uppföljningen av förra löftet visade att polisen gjorde 40 kontroller. "
        "Det nya löftet följs upp två gånger under perioden, i juni och i december.\n"
    )
    assert record(text)["follow_up"] == {
        "text": "Det nya löftet följs upp två gånger under perioden, i juni och i "
        "december.",
        "reports_per_period": 2,
    }


def test_a_labelled_follow_up_paragraph_wins_over_a_cue_in_a_commitment() -> None:
    text = (
        "Medborgarlöfte 2032\n\n"
        "Här redovisar vi hur det gick med förra årets löften.\n\n"
        "Nytt löfte: Kommunen genomför en trygghetsvandring i Ekparken och "
        "återkopplar resultatet till de boende.\n\n"
        "Uppföljning: Löftet följs upp i brottsförebyggande rådet en gång per år. "
        "Resultatet presenteras på ett öppet möte i januari.\n"
    )
    assert record(text)["follow_up"]["text"] == (
        "Löftet följs upp i brottsförebyggande rådet en gång per år. "
        "Resultatet presenteras på ett öppet möte i januari."
    )


# --- a news article's dash quotes ------------------------------------------------------


def test_a_line_after_a_dash_quote_is_the_articles_text_not_the_quotes() -> None:
    text = (
        "Medborgarlöfte 2032: fokus på stölder\n\n"
        "Polisen kommer under året att genomföra tio kontroller i Ekby centrum.\n\n"
        "– Vi vet att det behövs, säger kommunpolis Kim Ek.\n\n"
        "Polisen lovar dessutom att hålla ett möte med handlarna i Ekby en gång "
        "per kvartal.\n\n"
        "– Det är ett sätt att visa att vi lyssnar, säger kommunalrådet Bo Ström.\n"
    )
    assert list(by_text(record(text))) == [
        "Polisen kommer under året att genomföra tio kontroller i Ekby centrum.",
        "Polisen lovar dessutom att hålla ett möte med handlarna i Ekby en gång "
        "per kvartal.",
    ]


# --- the parties' promise to report back, in the follow-up section -----------------


def test_the_parties_promise_to_report_under_the_follow_up_heading_counts() -> None:
    from medborgarloften.extract.commitments.reporting import promised_report

    text = (
        "Medborgarlöfte 2032\n\n"
        "Trafiken i Ekby\n"
        "Polisen genomför tolv hastighetskontroller på Ekvägen under året.\n\n"
        "Uppföljning\n\n"
        "Polisen och Ekby kommun lovar att redovisa hur arbetet går minst två (2) "
        "gånger under perioden på kommunens webbplats. Trygghetsmätningen görs "
        "igen hösten 2033.\n"
    )
    got = record(text)
    assert by_text(got) == {
        "Polisen genomför tolv hastighetskontroller på Ekvägen under året.": ["polis"],
        "Polisen och Ekby kommun lovar att redovisa hur arbetet går minst två (2) "
        "gånger under perioden på kommunens webbplats.": ["polis", "kommun"],
    }
    assert got["follow_up"]["reports_per_period"] == 2
    blocks = parse_structure(
        "Bakgrund\n\nPolisen lovar att redovisa läget.\n"
    ).content()
    assert not promised_report(blocks, 1, blocks[1].text)  # not a follow-up section
    blocks = parse_structure("Uppföljning\n\nPolisen följer upp läget.\n").content()
    assert not promised_report(blocks, 1, blocks[1].text)  # no promise to report


# --- a list of short lines: a place noun ends its line ---------------------------------


def test_a_place_noun_at_the_end_of_a_short_list_line_takes_no_name_below() -> None:
    from medborgarloften.extract.places import find_places

    def names(text: str) -> list[str]:
        return [n for n, _ in find_places(text, municipalities=["Ekby"], document=text)]

    listed = "Våra fokusområden är\nTrafik kring skolorna\nUngdomar i riskmiljöer\n"
    assert names(listed) == []
    # a wrapped sentence goes on: the name on the next line is the noun's
    wrapped = (
        "Polisen ska vara på plats i området\n"
        "Ekbacken varje fredag under hela sommaren och hösten."
    )
    assert names(wrapped) == ["Ekbacken"]
    assert names("Trygghet i området Ekbacken\nUnga i riskmiljöer\n") == ["Ekbacken"]


# --- a party that chose the object earlier is no co-party ---------------------------


def test_a_party_in_a_supine_relative_clause_is_no_co_party() -> None:
    from medborgarloften.extract.party_joins import co_parties

    assert (
        co_parties(
            "genomföra trafikkontroller på platser som utsetts i samverkan med kommunen"
        )
        == frozenset()
    )
    assert co_parties(
        "genomföra trafikkontroller i samverkan med kommunen"
    ) == frozenset({"kommun"})


# --- a promise quoted in full on a news page ---------------------------------------------


def test_vi_in_a_quoted_promise_is_the_parties_of_its_opening_sentence() -> None:
    text = (
        "Nytt medborgarlöfte för Ekby\n\n"
        "Så här lyder löftet:\n\n"
        "”Polisen och Ekby kommun lovar att arbeta för ett tryggare Ekby. Det gör vi "
        "genom att:\n\n"
        "1. Kommunen byter belysningen i Ekparken senast i maj 2032.\n"
        "2. Vi redovisar arbetet minst två (2) gånger under perioden.”\n"
    )
    got = record(text)["commitments"]
    assert [c["responsible"] for c in got] == [["kommun"], ["polis", "kommun"]]


def test_what_the_promise_is_about_this_year_names_its_focus_areas() -> None:
    text = (
        "Nytt medborgarlöfte för Ekby\n\n"
        "Polisen och Ekby kommun har kommit överens om ett nytt medborgarlöfte. I år "
        "handlar löftet om inbrott i fritidshus och om trafiken i hamnen.\n\n"
        "Polisen kommer att göra tio kontroller i hamnen under sommaren.\n"
    )
    assert record(text)["focus_areas"] == [
        "inbrott i fritidshus",
        "trafiken i hamnen",
    ]


def test_short_recap_and_new_labels() -> None:
    blocks = parse_structure(
        "Tidigare: Polisen ska hålla möten i Ekby.\n\n"
        "Förra perioden: Kommunen målade om tunneln.\n\n"
        "Nytt: Polisen håller möten i Ekby varje månad.\n\n"
        "I år: Kommunen målar om tunneln.\n"
    ).content()
    assert [is_recap(b) for b in blocks] == [True, True, False, False]
    assert unlabelled(blocks[2]).text == "Polisen håller möten i Ekby varje månad."
    assert unlabelled(blocks[3]).text == "Kommunen målar om tunneln."


def test_the_places_of_a_recap_line_are_last_periods() -> None:
    text = (
        "Medborgarlöfte 2032\n\n"
        "1. Trafiken\n"
        "Tidigare löfte: Polisen genomför kontroller vid Norrbacken varje månad.\n"
        "Så här gick det: 40 kontroller vid Norrbacken och Åsvägen.\n"
        "Nytt löfte: Polisen genomför minst två kontroller per månad vid Sjövägen.\n"
    )
    got = record(text)
    assert got["places"] == ["Sjövägen"]
    assert list(by_text(got)) == [
        "Polisen genomför minst två kontroller per månad vid Sjövägen."
    ]


def test_headings_over_last_periods_outcome_or_ended_promises_are_excluded() -> None:
    for heading in (
        "Utfall 2031",
        "Utfallet av förra året",
        "Återblick",
        "Vad hände 2031?",
        "Redovisning av 2031 års löfte",
        "Löften som avslutas",
        "Avslutade löften",
    ):
        assert classify_heading(heading) == "excluded", heading
    assert classify_heading("Löften som förlängs") == "promise"
    text = (
        "Medborgarlöfte 2032\n\n"
        "Utfall 2031\n"
        "- Polisen genomför kontroller vid Ekvägen: 40 av 48.\n\n"
        "Löften som avslutas\n"
        "- Kommunen ordnar informationsträffar om inbrott i byarna.\n\n"
        "Löften som förlängs\n"
        "- Polisen genomför minst fyra kontroller per månad vid Ekvägen.\n"
    )
    assert list(by_text(record(text))) == [
        "Polisen genomför minst fyra kontroller per månad vid Ekvägen."
    ]


def test_the_closing_mark_of_a_quoted_promise_is_no_part_of_its_last_item() -> None:
    from medborgarloften.extract.quotes import unquoted

    assert (
        unquoted("Vi redovisar arbetet två gånger.”")
        == "Vi redovisar arbetet två gånger."
    )
    assert unquoted("”Polisen ordnar ett möte.”") == "”Polisen ordnar ett möte.”"
    assert (
        unquoted("Kommunen lovar att ”hålla öppet”.")
        == "Kommunen lovar att ”hålla öppet”."
    )
    text = (
        "Nytt medborgarlöfte för Ekby\n\n"
        "”Polisen och Ekby kommun lovar att arbeta för ett tryggare Ekby. Det gör vi "
        "genom att:\n\n"
        "1. Kommunen byter belysningen i Ekparken senast i maj 2032.\n"
        "2. Vi redovisar arbetet minst två (2) gånger under perioden.”\n"
    )
    got = record(text)
    last = got["commitments"][-1]
    assert last["text"] == "Vi redovisar arbetet minst två (2) gånger under perioden."
    assert text[slice(*last["span"])] == last["text"]
    assert got["follow_up"]["text"] == last["text"]
