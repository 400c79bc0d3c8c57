"""Tables in PDFs: rows whose cells wrap onto several lines come out whole."""

from __future__ import annotations

from medborgarloften.extract.readers import read_bytes
from medborgarloften.extract.readers.lines import Line, Word
from medborgarloften.extract.readers.tables import merge_table_rows

from . import producers

PAGE = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>
body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;margin:2cm}
td{padding:0 8pt;vertical-align:top}</style></head><body>
<h2>Insatser under 2025</h2>
<p>Kommunen och polisen har kommit överens om följande insatser.</p>
<table>
<tr><td>Insats</td><td>Vem</td><td>Hur ofta</td></tr>
<tr><td>Kvällsöppen fritidsgård för unga i Tallbacka med personal från socialtjänsten</td>
<td>Kommunen och Tallbacka Bostäder</td><td>Tre kvällar i veckan</td></tr>
<tr><td>Trafikkontroller vid Norrskolan</td><td>Polisen</td><td>Två gånger i månaden</td></tr>
<tr><td>Möte med butiksägarna på Storgatan om stölder och klotter</td>
<td>Polisen och kommunen</td><td>En gång per termin</td></tr>
</table>
<p>Arbetet följs upp i brottsförebyggande rådet.</p>
</body></html>"""

ROWS = [
    "Insats    Vem    Hur ofta",
    "Kvällsöppen fritidsgård för unga i Tallbacka med personal från socialtjänsten"
    "    Kommunen och Tallbacka Bostäder    Tre kvällar i veckan",
    "Trafikkontroller vid Norrskolan    Polisen    Två gånger i månaden",
    "Möte med butiksägarna på Storgatan om stölder och klotter"
    "    Polisen och kommunen    En gång per termin",
]


def test_it_reads_a_weasyprint_table_with_wrapped_cells_row_by_row() -> None:
    text = read_bytes(producers.weasyprint_pdf(PAGE), filename="löfte.pdf").text
    assert "\n".join(ROWS) in text
    assert (
        text.index("överens om") < text.index("Insats    Vem") < text.index("följs upp")
    )


def _line(base: float, *cells: tuple[float, str]) -> Line:
    words = []
    for x0, text in cells:
        x = x0
        for part in text.split():
            words.append(Word(part, x, x + 6 * len(part), base, 10))
            x += 6 * len(part) + 3
    return Line(words)


def test_it_leaves_a_signature_block_of_capitalised_lines_as_it_is() -> None:
    lines = [
        _line(700, (50, "Anna Berg"), (300, "Olle Sand")),
        _line(688, (50, "Kommunstyrelsens ordförande"), (300, "Lokalpolisområdeschef")),
    ]
    assert [line.text for line in merge_table_rows(lines)] == [
        line.text for line in lines
    ]


def test_it_joins_a_continuation_whose_first_word_is_a_name_to_its_row() -> None:
    lines = [
        _line(700, (50, "Aktivitet"), (300, "Ansvar")),
        _line(688, (50, "Trygghetsvandring med"), (300, "Kommunen")),
        _line(676, (50, "Vallby Energi"), (300, "och polisen")),
        _line(664, (50, "Trafikkontroller"), (300, "Polisen")),
    ]
    merged = [line.text for line in merge_table_rows(lines)]
    assert merged == [
        "Aktivitet    Ansvar",
        "Trygghetsvandring med Vallby Energi    Kommunen och polisen",
        "Trafikkontroller    Polisen",
    ]


def test_it_reads_a_named_third_party_in_a_tables_responsibility_cell() -> None:
    from medborgarloften.extract.commitments import extract_commitments
    from medborgarloften.extract.structure import parse_structure

    text = "Insatser\n\n" + "\n".join(ROWS) + "\n"
    got = extract_commitments(text, parse_structure(text), municipalities=["Ljusdal"])
    assert [c["responsible"] for c in got] == [
        ["kommun", "annan"],
        ["polis"],
        ["polis", "kommun"],
    ]


def test_it_reads_an_action_table_right_after_a_list_of_goals() -> None:
    from medborgarloften.extract.commitments import extract_commitments
    from medborgarloften.extract.structure import parse_structure

    text = (
        "Önskat läge\n- Färre stölder i Ljusdals centrum.\n\n"
        "Åtgärd\tAnsvarig part\tTidsplan\n"
        "Trygghetsvandring i centrum\tKommunen och polisen\tI maj\n"
        "Information till butikerna\tPolisen\tVarje kvartal\n"
    )
    got = extract_commitments(text, parse_structure(text), municipalities=["Ljusdal"])
    assert [c["text"] for c in got] == [
        "Trygghetsvandring i centrum",
        "Information till butikerna",
    ]
