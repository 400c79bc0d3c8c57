"""Promises as text comes out of a PDF or a scan (branch imp44): hard-wrapped lines,
hyphenation, page furniture inside lists, tables of contents, "o" bullets, items
without markers. Invented examples, written for these tests."""

from __future__ import annotations

from medborgarloften.extract.readers import read_bytes
from medborgarloften.extract.readers.reflow import reflow
from medborgarloften.extract.record import extract_record


def record(text: str) -> dict:
    result = read_bytes(text.encode("utf-8"), filename="loefte.txt")
    return extract_record(result.text, record_id="t")


def texts(rec: dict) -> list[str]:
    """The commitments' texts with their line breaks read as spaces."""
    return [" ".join(c["text"].split()) for c in rec["commitments"]]


PAGED = """Ekby kommun och Lokalpolisområde Ekby

Polisen lovar att:

• Genomföra minst tolv nykterhetskontroller vid färjeläget under fredags-
  och lördagsnätter under perioden.

• Besöka alla mellanstadieskolor i kommunen en gång per termin för att
  berätta om polisens arbete och om trafiksäkerhet för eleverna i

Löfte 2031 | Sida 1 av 2

Ekby kommun och Lokalpolisområde Ekby

  årskurs fem och sex.

Kommunen lovar att:

• Laga belysningen i gångtunneln vid stationen och rensa buskagen kring
  cykelparkeringen före hösten, så att trygghets-
  vandringen i oktober kan gå den vägen.

Löfte 2031 | Sida 2 av 2
"""


def test_a_footer_and_running_header_inside_an_item_are_dropped_and_it_is_joined():
    out = reflow(PAGED)
    assert "Sida 1 av 2" not in out and "Sida 2 av 2" not in out
    assert out.count("Ekby kommun och Lokalpolisområde Ekby") == 1
    assert "för eleverna i årskurs fem och sex." in out
    found = texts(record(PAGED))
    assert len(found) == 3, found
    assert any(t.endswith("för eleverna i årskurs fem och sex.") for t in found)


def test_hyphenation_is_undone_but_a_shortened_compound_keeps_its_hyphen():
    found = texts(record(PAGED))
    assert any("under fredags- och lördagsnätter" in t for t in found), found
    assert any("så att trygghetsvandringen i oktober" in t for t in found), found


BARE_NUMBERS = """Trygg i Ekby 2031

Vi lovar att:
- Genomföra tre trygghetsvandringar i Norrhamn under våren tillsammans
  med bostadsbolaget.

- 1 -

- Hålla en öppen medborgardialog i Ekby bibliotek i maj.

3

Ekby kommun – Polisen   2

Ekby kommun – Polisen   3
"""


def test_page_numbers_alone_and_a_repeated_footer_with_a_number_are_furniture():
    out = reflow(BARE_NUMBERS)
    assert "- 1 -" not in out and "\n3\n" not in out
    assert "Ekby kommun – Polisen" not in out
    found = texts(record(BARE_NUMBERS))
    assert len(found) == 2, found
    assert not any(t.strip(" -") == "1" for t in found)


def test_a_number_in_a_table_row_said_once_is_no_footer():
    text = "Insats            Antal\nTrygghetsvandringar    4\n"
    assert reflow(text) == text


CONTENTS = """MEDBORGARLÖFTE EKBY 2031

Innehållsförteckning
1 Bakgrund ........................................ 2
2 Prioriteringar .................................. 2
3 Åtaganden ....................................... 3

Prioriteringar

1. Mopedbuskörning i Norrhamn
2. Klotter vid stationen
"""


def test_a_table_of_contents_is_no_text_of_the_promise():
    out = reflow(CONTENTS)
    assert "......" not in out and "Innehållsförteckning" not in out
    rec = record(CONTENTS)
    assert not any("Åtaganden" in f or "Bakgrund" in f for f in rec["focus_areas"])


O_BULLETS = """Polisen lovar att

o genomföra fartkontroller på Storvägen under sommarlovets
  veckor.
o öka närvaron vid badplatsen i Västvik under helgerna.
|
o besöka fritidsgården i Norrhamn varje månad.
"""


def test_o_opening_neighbouring_lines_is_a_list_marker():
    found = texts(record(O_BULLETS))
    assert len(found) == 3, found
    assert found[0].startswith("genomföra fartkontroller") and found[0].endswith(
        "sommarlovets veckor."
    )
    assert all(c["responsible"] == ["polis"] for c in record(O_BULLETS)["commitments"])


def test_a_single_o_at_a_line_start_is_no_marker():
    text = "Hej\n\no vad bra det blev i år, sa en boende.\n"
    assert "◦" not in reflow(text)


HANGING = """Kommunen och polisen lovar att under 2031:

Genomföra två trygghetsvandringar i Norrhamn och Västvik tillsammans
   med de boende i områdena.
Polisen ökar sin närvaro vid resecentrum under fredagskvällar, med fokus
   på platser där unga samlas.
Kommunen anställer två fältassistenter som arbetar kvällar och
   helger.
"""


def test_flush_items_with_indented_wrapped_lines_are_list_items():
    found = texts(record(HANGING))
    assert len(found) == 3, found
    assert found[0].endswith("med de boende i områdena.")


def test_a_signature_block_with_indented_titles_is_no_list():
    text = (
        "Ekby den 1 mars 2031\n\nAnna Ek\n   Kommunstyrelsens ordförande\n"
        "Per Berg\n   Lokalpolisområdeschef\n"
    )
    assert "•" not in reflow(text)


GROUPS = """Våra löften

• Narkotika
   o Polisen genomför minst sex narkotikainsatser vid skolorna under
     året.
   o Kommunen startar en föräldragrupp mot droger i samverkan med
skolorna.
• Trafik
   o Polisen genomför hastighetskontroller vid skolorna i augusti.
"""


def test_a_short_item_over_sub_items_with_another_marker_heads_its_group():
    rec = record(GROUPS)
    found = texts(rec)
    assert len(found) == 3, found
    assert "Narkotika" not in " ".join(t.split()[0] for t in found)
    assert any(t.endswith("i samverkan med skolorna.") for t in found)
    assert rec["focus_areas"][:2] == ["Narkotika", "Trafik"]


WRAPPED_PROSE = """Ekby kommun och polisen

Medborgarlöftet har undertecknats av kommunstyrelsens ordförande Anna
Ek och lokalpolisområdeschefen Per Berg den 2 mars 2031, efter att
kommunstyrelsen godkänt det. Löftet gäller under hela året och följs
upp i december, när kommunen och polisen tillsammans redovisar vad som
gjorts under året.
"""


def test_a_full_line_of_a_hard_wrapped_text_goes_on_on_the_next():
    out = reflow(WRAPPED_PROSE)
    assert "ordförande Anna Ek och" in out
    assert "Ekby kommun och polisen\n\n" in out


def test_short_lines_of_an_address_keep_their_breaks():
    text = (
        "Polisen lovar att besöka skolorna i kommunen minst en gång per termin\n"
        "och att informera om trafiksäkerhet vid varje besök under året.\n\n"
        "Beslutet skickas till\nSocialförvaltningen\nPolisen i Ekby\n"
    )
    out = reflow(text)
    assert "Beslutet skickas till\nSocialförvaltningen\n" in out


NUMBERED_SECTIONS = """1. Bakgrund

Ekby växer och tryggheten är en fråga för alla.

2. Trygg stadskärna

Det här gör vi:
• Polisen patrullerar i centrum minst två kvällar per vecka.
• Kommunen byter belysningen i gångtunneln senast i oktober 2031.

3. Trafik

Det här gör vi:
• Polisen genomför tolv hastighetskontroller under perioden.
"""


def test_a_numbered_title_after_the_previous_sections_items_is_a_heading():
    found = texts(record(NUMBERED_SECTIONS))
    assert len(found) == 3, found
    assert "Trafik" not in found


def test_private_use_bullets_under_a_focus_heading_are_its_focus_areas():
    text = (
        "2. Fokusområden\n\n\uf0b7 Trygg stadskärna\n\uf0b7 Narkotika bland unga\n\n"
        "3. Trygg stadskärna\n\nDet här gör vi:\n"
        "\uf0b7 Polisen patrullerar i centrum minst två kvällar per vecka.\n"
    )
    from medborgarloften.extract.document import find_focus_areas, read_units

    focus = [f.text for f in find_focus_areas(read_units(text))]
    assert focus == ["Trygg stadskärna", "Narkotika bland unga"], focus


def test_a_reporting_promise_with_a_count_joins_an_uncounted_follow_up_section():
    text = (
        "Medborgarlöfte Ekby 2031–2032\n\nVi lovar att:\n"
        "- Hålla tre trygghetsvandringar i Norrhamn.\n\n"
        "Kommunen och polisen lovar att redovisa arbetet för invånarna minst tre (3) "
        "gånger under perioden.\n\nUppföljning\n\n"
        "Uppföljningen sker i det lokala brottsförebyggande rådet.\n"
    )
    fu = record(text)["follow_up"]
    assert fu["reports_per_period"] == 3
    assert fu["text"].startswith("Kommunen och polisen lovar att redovisa")
    assert fu["text"].endswith("brottsförebyggande rådet.")


def test_a_follow_up_section_with_its_own_count_stays_as_it_is():
    text = (
        "Medborgarlöfte Ekby 2031–2032\n\nVi lovar att:\n"
        "- Redovisa arbetet för invånarna minst tre gånger under perioden.\n\n"
        "Uppföljning\n\nLöftet följs upp två gånger under perioden.\n"
    )
    fu = record(text)["follow_up"]
    assert fu["reports_per_period"] == 2
    assert fu["text"] == "Löftet följs upp två gånger under perioden."


def test_a_police_area_in_a_capitals_letterhead_is_named():
    from medborgarloften.extract.document import find_police_area

    found = find_police_area("EKBY KOMMUN  |  POLISEN LOKALPOLISOMRÅDE NORRHAMN\n")
    assert found.value == "Lokalpolisområde Norrhamn"
    mixed = "LOKALPOLISOMRÅDE NORRHAMN\n\nLokalpolisområde Västvik lovar.\n"
    assert find_police_area(mixed).value == "Lokalpolisområde Västvik"


def test_what_only_a_running_footer_names_is_kept_once_at_the_top():
    text = (
        "Medborgarlöfte 2031\n\nPolisen lovar att patrullera i centrum varje helg.\n\n"
        "Ekby kommun | Polisen lokalpolisområde Norrhamn | Sida 1 av 2\n\n"
        "Kommunen lovar att laga belysningen vid stationen.\n\n"
        "Ekby kommun | Polisen lokalpolisområde Norrhamn | Sida 2 av 2\n"
    )
    out = reflow(text)
    assert out.count("lokalpolisområde Norrhamn") == 1
    assert out.startswith("Ekby kommun | Polisen lokalpolisområde Norrhamn\n\n")
    assert "Sida" not in out
    assert record(text)["police_area"] == "Lokalpolisområde Norrhamn"


def test_a_table_pasted_one_cell_a_line_keeps_its_cells_apart():
    text = (
        "Åtgärd\nAnsvarig\nTidplan\n"
        "Se över belysningen i parken och vid behov byta ut den\nKommunen\nLöpande\n"
        "Genomföra kvällspass på torget tillsammans med kommunens ordningsvakter\n"
        "Polisen\nHösten 2031\n\n"
        + "En lång inledande mening om hur löftet togs fram under året som gick. " * 4
        + "\n"
    )
    assert "byta ut den\nKommunen\n" in reflow(text)


def test_numbered_running_titles_of_slides_are_no_running_header():
    text = (
        "Löften 2031 • Ekby        1 / 3\n\nLÖFTE 1\nTorget\n\n1. Polisen patrullerar.\n\n"
        "Löften 2031 • Ekby        2 / 3\n\nLÖFTE 2\nSkolan\n\n2. Kommunen ses.\n\n"
        "Löften 2031 • Ekby        3 / 3\n"
    )
    out = reflow(text)
    assert "LÖFTE 1" in out and "LÖFTE 2" in out
    assert "1 / 3" not in out


def _word_file(paragraphs: list[str]) -> bytes:
    import io

    import docx

    document = docx.Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        for index, line in enumerate(text.split("\n")):
            run = paragraph.add_run(line)
            if index < text.count("\n"):
                run.add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_file_with_a_printed_pages_text_is_reflowed_too():
    data = _word_file(
        [
            "Polisen lovar att",
            "o öka närvaron vid hamnen under sommarens helger.\n"
            "o genomföra båtkontroller i skärgården under juli.",
            "Löfte 2031 | Sida 1 av 2",
            "Kommunen lovar att",
            "o anordna tre föräldravandringar i Norrhamn under 2031.\n"
            "o hålla en medborgardialog i Västvik i maj.",
            "Löfte 2031 | Sida 2 av 2",
        ]
    )
    result = read_bytes(data, filename="loefte.docx")
    assert "Sida" not in result.text
    rec = extract_record(result.text, record_id="t")
    found = texts(rec)
    assert len(found) == 4, found
    assert [c["responsible"] for c in rec["commitments"]] == [["polis"]] * 2 + [
        ["kommun"]
    ] * 2
