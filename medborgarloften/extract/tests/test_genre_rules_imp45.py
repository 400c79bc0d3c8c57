"""Rules written after the blind batch ho45 (the promise as one part of a wider
published text: a program, an annual report, a plan, an agreement, a web page with
an archive of earlier promises) on branch imp45. Every text below is invented for
the test.
"""

from __future__ import annotations

from medborgarloften.extract.promise_section import promise_section
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# A numbered program for four years with a table of contents; the promise is its
# fourth chapter and has its own two years.
PROGRAM = (
    "TRYGGHETSPROGRAM FÖR EKBY KOMMUN 2030–2033\n\n"
    "Innehåll\n"
    "1. Inledning\n"
    "2. Kommunens mål\n"
    "3. Pågående arbete\n"
    "4. Medborgarlöfte 2031–2032\n"
    "5. Andra insatser\n\n"
    "1. Inledning\n\n"
    "Programmet beskriver hur kommunen arbetar förebyggande under 2030–2033.\n\n"
    "2. Kommunens mål\n\n"
    "• Öka andelen invånare som känner sig trygga i Lindvik.\n"
    "• Kommunen ska minska skadegörelsen i skolorna med tio procent.\n\n"
    "3. Pågående arbete\n\n"
    "Kommunen ska under året anställa två fältassistenter i Lindvik.\n\n"
    "4. Medborgarlöfte 2031–2032\n\n"
    "Ekby kommun och Lokalpolisområde Ekby har kommit överens om ett medborgarlöfte "
    "med två prioriteringar: Tryggare kvällar i Åsmark samt Färre inbrott i Norrbyn.\n\n"
    "Polisen lovar att:\n"
    "• patrullera till fots i Åsmark minst två kvällar i veckan.\n"
    "• informera om grannsamverkan vid tre möten i Norrbyn.\n\n"
    "Kommunen lovar att:\n"
    "• förbättra belysningen längs gångvägen i Åsmark.\n\n"
    "5. Andra insatser\n\n"
    "Kommunen ska också utreda kameraövervakning vid Lindvikstorget.\n"
)


def test_commitments_come_from_the_promise_chapter_only() -> None:
    texts = set(by_text(record(PROGRAM)))
    assert any(t.startswith("patrullera till fots i Åsmark") for t in texts)
    assert any(t.startswith("informera om grannsamverkan") for t in texts)
    assert any(t.startswith("förbättra belysningen") for t in texts)
    assert not any("fältassistenter" in t for t in texts)
    assert not any("kameraövervakning" in t for t in texts)
    assert not any("skadegörelsen" in t for t in texts)
    assert not any(t in {"Inledning", "Kommunens mål", "Andra insatser"} for t in texts)
    assert len(texts) == 3


def test_the_promise_chapter_gives_its_own_period() -> None:
    period = record(PROGRAM)["period"]
    assert (period["start"], period["end"]) == ("2031-01-01", "2032-12-31")


def test_focus_and_places_are_the_chapters() -> None:
    rec = record(PROGRAM)
    assert rec["focus_areas"] == [
        "Tryggare kvällar i Åsmark",
        "Färre inbrott i Norrbyn",
    ]
    assert "Lindvik" not in rec["places"]
    assert "Lindvikstorget" not in rec["places"]
    assert {"Åsmark", "Norrbyn"} <= set(rec["places"])


def test_a_table_of_contents_entry_is_not_the_section() -> None:
    section = promise_section(PROGRAM)
    assert section is not None
    assert PROGRAM[section.start :].startswith("4. Medborgarlöfte 2031–2032\n\nEkby")
    assert PROGRAM[section.end :].startswith("5. Andra insatser\n\nKommunen")


# An unnumbered plan: the council's own activities first, then the promise, then
# other work.
PLAN = (
    "Brottsförebyggande rådet i Sjöby\n\n"
    "Verksamhetsplan 2031\n\n"
    "Rådets egna aktiviteter\n"
    "– Rådet ordnar en utbildningsdag för skolornas rektorer i april.\n"
    "– Rådet ska ta fram en ny folder om bedrägerier.\n\n"
    "Medborgarlöfte 2031\n"
    "Sjöby kommun och polisen har valt att fokusera på trafiken vid Ekskolan.\n\n"
    "Polisen ska:\n"
    "– genomföra hastighetskontroller vid Ekskolan varje månad,\n"
    "– besöka föräldramöten i årskurs 1.\n\n"
    "Kommunen ska:\n"
    "– bygga en ny avlämningsplats vid Ekskolan senast i juni 2031.\n\n"
    "Övriga insatser under året\n"
    "Kommunen ska också utbilda hemtjänstens personal om bedrägerier.\n"
)


def test_an_unnumbered_promise_heading_opens_the_section() -> None:
    texts = set(by_text(record(PLAN)))
    assert any(t.startswith("genomföra hastighetskontroller") for t in texts)
    assert any(t.startswith("besöka föräldramöten") for t in texts)
    assert any(t.startswith("bygga en ny avlämningsplats") for t in texts)
    assert not any("utbildningsdag" in t or "folder" in t for t in texts)
    assert not any("hemtjänstens" in t for t in texts)


# A promise alone: its title names it, a closing part speaks of promises in
# general. Nothing is lost.
ALONE = (
    "Medborgarlöfte för Ekby 2031\n\n"
    "Bakgrund\n"
    "Många i Åsmark känner sig otrygga på kvällarna.\n\n"
    "Våra löften\n"
    "Polisen lovar att patrullera i Åsmark varje helg.\n"
    "Kommunen lovar att röja sly längs gångvägen i Åsmark.\n\n"
    "Om medborgarlöften\n"
    "Ett medborgarlöfte är ett gemensamt åtagande mellan kommunen och polisen.\n"
)


def test_a_promise_alone_keeps_all_its_commitments() -> None:
    texts = set(by_text(record(ALONE)))
    assert any(t.startswith("Polisen lovar att patrullera") for t in texts)
    assert any(t.startswith("Kommunen lovar att röja") for t in texts)


def test_headings_about_promises_or_earlier_ones_are_not_the_section() -> None:
    for heading in (
        "Tidigare medborgarlöften",
        "Om medborgarlöftet",
        "Uppföljning av medborgarlöftet 2030",
        "Så arbetar vi med medborgarlöften",
    ):
        assert promise_section(f"Ekby\n\n{heading}\n\nText om löften.\n") is None


# A web page with an archive of earlier promises, a contact and a report line.
PAGE = (
    "Medborgarlöfte\n\n"
    "Nytt medborgarlöfte för 2031\n\n"
    "Polisen lovar att öka närvaron i Parkstaden på helgkvällar.\n\n"
    "Tidigare medborgarlöften\n\n"
    "- Medborgarlöfte 2029–2030: Färre inbrott i Holmby och Västerkulla\n"
    "- Medborgarlöfte 2027–2028: Trygg i Ekbacken\n\n"
    "Kontakt\n"
    "Samordnare\n"
)


def test_an_archive_list_of_earlier_promises_names_no_places() -> None:
    places = record(PAGE)["places"]
    assert "Parkstaden" in places
    assert not {"Holmby", "Västerkulla", "Ekbacken"} & set(places)


def test_a_councils_genitive_and_people_in_a_title_are_no_places() -> None:
    rec = record(
        "Medborgarlöfte 2031\n\n"
        "Löftet har två prioriteringar: Tryggt i Åsmark och Unga ska inte begå brott.\n\n"
        "Parterna lovar att följa upp arbetet på Brå-rådets möten.\n"
        "Polisen lovar att besöka skolorna i Åsmark.\n"
    )
    assert not {"Brå-rådets", "Unga"} & set(rec["places"])
    assert "Åsmark" in rec["places"]


def test_our_single_focus_area_is_named_after_is() -> None:
    rec = record(
        "Medborgarlöfte 2031–2032\n\n"
        "Vi vill att alla ska känna sig trygga. Vårt fokusområde är Trygga "
        "badplatser under sommaren.\n\n"
        "Detta gör vi:\n"
        "• Polisen patrullerar vid Ekviken varje helg i juli.\n"
        "• Kommunen sätter upp belysning vid Ekvikens parkering.\n"
    )
    assert rec["focus_areas"] == ["Trygga badplatser under sommaren"]


def test_a_focus_label_over_sections_gives_each_sections_heading() -> None:
    rec = record(
        "Medborgarlöfte 2031\n\n"
        "Fokusområden 2031\n\n"
        "Trafik vid skolor\n\n"
        "Många föräldrar är oroliga för bilarna vid skolan.\n\n"
        "- Polisen genomför hastighetskontroller vid Ekskolan.\n"
        "- Kommunen ser över skyltningen vid skolorna.\n\n"
        "Otrygghet i Ekparken\n\n"
        "Ekparken är den plats som flest pekar ut som otrygg.\n\n"
        "- Polisen ökar närvaron i Ekparken på kvällarna.\n"
        "- Kommunen anlitar ordningsvakter i Ekparken.\n"
    )
    assert rec["focus_areas"] == ["Trafik vid skolor", "Otrygghet i Ekparken"]
    focus = {c["text"]: c.get("focus_area") for c in rec["commitments"]}
    assert (
        focus["Kommunen anlitar ordningsvakter i Ekparken."] == "Otrygghet i Ekparken"
    )


def test_a_focus_label_over_lines_keeps_its_lines() -> None:
    rec = record(
        "Medborgarlöfte 2031\n\n"
        "Fokusområden\n"
        "Trafik vid skolor\n"
        "Otrygghet i Ekparken\n\n"
        "Våra löften\n\n"
        "- Polisen genomför hastighetskontroller vid Ekskolan.\n"
        "- Kommunen anlitar ordningsvakter i Ekparken.\n"
    )
    assert rec["focus_areas"] == ["Trafik vid skolor", "Otrygghet i Ekparken"]


def test_a_bus_company_joined_by_together_with_is_a_third_party() -> None:
    got = by_text(
        record(
            "Medborgarlöfte 2031\n\n"
            "Aktiviteter i medborgarlöftet:\n"
            "1. Genomföra en trygghetsvandring kring torget tillsammans med "
            "bussbolaget Ekbuss i maj. (Ansvar: kommun och polis)\n"
            "2. Öka närvaron vid torget på helgkvällar. (Ansvar: polisen)\n"
        )
    )
    walk = next(t for t in got if t.startswith("Genomföra en trygghetsvandring"))
    assert got[walk] == ["polis", "kommun", "annan"]


def test_every_entry_under_a_contact_label_is_a_contact_not_a_signatory() -> None:
    page = (
        "Medborgarlöfte 2031\n\n"
        "Polisen lovar att patrullera i Åsmark varje helg.\n\n"
        "Kontakt\n"
        "Samordnare brottsförebyggande arbete\n"
        "Elin Berg\n"
        "035-12 34 56\n\n"
        "Kommunpolis Ekby\n"
        "Jonas Holm\n\n"
        "Dela sidan: Facebook | LinkedIn\n"
    )
    assert record(page)["signatories"] == []


def test_a_dated_signature_block_after_a_contact_is_signed() -> None:
    page = (
        "Medborgarlöfte 2031\n\n"
        "Polisen lovar att patrullera i Åsmark varje helg.\n\n"
        "Kontakt\n"
        "Elin Berg\n\n"
        "Ekby den 3 mars 2031\n\n"
        "Per Olsson\n"
        "Kommunstyrelsens ordförande\n\n"
        "Anna Lind\n"
        "Lokalpolisområdeschef\n"
    )
    names = [s["name"] for s in record(page)["signatories"]]
    assert names == ["Per Olsson", "Anna Lind"]
