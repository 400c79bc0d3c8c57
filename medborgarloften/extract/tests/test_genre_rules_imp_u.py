"""Rules written after the blind batch ho40 (commitments in action tables as they come
out of Word files and tjänsteskrivelser pasted to text) on branch imp-u: a table is
a table whatever its delimiters. Every text below is invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.commitments.table_legend import expand, legend
from medborgarloften.extract.commitments.table_text import retable
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

HEAD = "Medborgarlöfte 2031\nEkby kommun och lokalpolisområde Ekby\n\nVi lovar\n\n"

# --- Markdown pipes, a number column, wrapped cells on rows of their own -------------

PIPES = HEAD + (
    "| Nr | Åtgärd | Ansvarig | När |\n"
    "|----|--------|----------|-----|\n"
    "| 1 | Polisen håller öppet hus på stationen | Polisen | Löpande |\n"
    "|   | för elever i Norrskolan | | |\n"
    "| 2 | Kommunen rustar belysningen i Ekparken | Kommunen | Maj 2031 |\n"
    "| 3 | Genomföra tre trygghetsvandringar i Åsen | Polisen/Kommunen | Hösten |\n"
)


def test_retable_keeps_every_offset() -> None:
    out = retable(PIPES)
    assert len(out) == len(PIPES)
    assert "|" not in out
    row = out.splitlines()[7]
    assert row.split("\t")[1].strip() == "Polisen håller öppet hus på stationen"
    assert row.index("Polisen") == PIPES.splitlines()[7].index("Polisen")
    assert retable("Ingen tabell här.\n") == "Ingen tabell här.\n"


def test_a_pipe_table_row_with_its_wrapped_rest_is_one_commitment() -> None:
    got = by_text(record(PIPES))
    assert got == {
        "Polisen håller öppet hus på stationen för elever i Norrskolan": ["polis"],
        "Kommunen rustar belysningen i Ekparken": ["kommun"],
        "Genomföra tre trygghetsvandringar i Åsen": ["polis", "kommun"],
    }


# --- a grid table: rules between the rows, cells wrapped over several lines ---------

GRID = HEAD + (
    "+----+--------------------------+-------------+\n"
    "| Nr | Åtgärd                   | Ansvarig    |\n"
    "+====+==========================+=============+\n"
    "| 1  | Kommunen anställer två   | Kommunen    |\n"
    "|    | fältassistenter i        |             |\n"
    "|    | Västra Åsen              |             |\n"
    "+----+--------------------------+-------------+\n"
    "| 2  | Polisen patrullerar till | Polisen och |\n"
    "|    | fots vid Ekby torg       | kommunen    |\n"
    "+----+--------------------------+-------------+\n"
)


def test_a_grid_table_row_is_the_lines_between_two_rules() -> None:
    got = by_text(record(GRID))
    assert got == {
        "Kommunen anställer två fältassistenter i Västra Åsen": ["kommun"],
        "Polisen patrullerar till fots vid Ekby torg": ["polis", "kommun"],
    }


# --- columns aligned by spaces, parties as letters with a legend ------------------

SPACED = HEAD + (
    "Förkortningar: P = Polisen, K = Ekby kommun, G = Gemensamt\n\n"
    "Nr  Åtgärd                                         Ansv.  När\n"
    "1   Hembesök hos familjer vars barn påträffats      P, K   Löpande\n"
    "    i narkotikamiljöer\n"
    "2   Ny belysning vid Norrskolans idrottsplats       K      2031\n"
)


def test_space_aligned_columns_are_cut_at_the_header_columns() -> None:
    out = retable(SPACED)
    assert len(out) == len(SPACED)
    lines = out.splitlines()
    row = next(line for line in lines if line.startswith("1"))
    assert [c.strip() for c in row.split("\t")] == [
        "1",
        "Hembesök hos familjer vars barn påträffats",
        "P, K",
        "Löpande",
    ]
    rest = next(line for line in lines if "narkotikamiljöer" in line)
    assert rest.split("\t")[0].strip() == ""


def test_letters_in_the_responsibility_column_are_read_through_the_legend() -> None:
    names = legend(SPACED, len(SPACED))
    assert names == {"P": "Polisen", "K": "Ekby kommun", "G": "Gemensamt"}
    assert expand("P, K", names) == "Polisen, Ekby kommun"
    assert expand("Polisen", names) == "Polisen"  # no abbreviation: as it stands
    got = by_text(record(SPACED))
    assert got == {
        "Hembesök hos familjer vars barn påträffats i narkotikamiljöer": [
            "polis",
            "kommun",
        ],
        "Ny belysning vid Norrskolans idrottsplats": ["kommun"],
    }


# --- a Word table pasted one cell a line ------------------------------------------

CELL_LINES = HEAD + (
    "Åtgärd\nAnsvarig\nTidplan\n"
    "Kommunen inventerar klotter i Norrbacka\nKommunen\nLöpande\n"
    "Polisen genomför nykterhetskontroller vid Ekby hamn\nPolisen\nSommaren 2031\n"
    "\nUppföljning\nLöftet följs upp i december.\n"
)


def test_a_table_pasted_one_cell_a_line_is_read_row_by_row() -> None:
    out = retable(CELL_LINES)
    assert len(out) == len(CELL_LINES)
    assert "Åtgärd\tAnsvarig\tTidplan" in out
    assert "Kommunen inventerar klotter i Norrbacka\tKommunen\tLöpande" in out
    got = by_text(record(CELL_LINES))
    assert got == {
        "Kommunen inventerar klotter i Norrbacka": ["kommun"],
        "Polisen genomför nykterhetskontroller vid Ekby hamn": ["polis"],
    }


def test_short_lines_that_only_look_like_column_names_stay_as_they_are() -> None:
    text = "Åtgärder\nTidplan\nEn mening som förklarar något längre om planen.\n"
    assert retable(text) == text


# --- the same tables as published files ------------------------------------------

_STYLE = (
    '<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>'
    "body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;margin:2cm}"
    "td{padding:0 8pt;vertical-align:top}</style></head><body>"
)

GROUPED_PAGE = _STYLE + (
    "<h2>Våra löften</h2><table>"
    "<tr><td>Område</td><td>Åtgärd</td><td>Ansvarig</td><td>Tidplan</td></tr>"
    "<tr><td>Trygg park</td><td>Polisen patrullerar i Ekparken</td><td>Polisen</td>"
    "<td>Löpande</td></tr>"
    "<tr><td></td><td>Kommunen byter belysningen i Ekparken</td><td>Kommunen</td>"
    "<td>Maj 2031</td></tr>"
    "<tr><td>Trafik</td><td>Polisen gör hastighetskontroller vid Norrskolan</td>"
    "<td>Polisen</td><td>Varje vecka</td></tr>"
    "</table><p>Löftet följs upp i december.</p></body></html>"
)


def test_a_pdf_row_that_leaves_only_the_group_column_empty_is_a_row() -> None:
    from medborgarloften.extract.readers import read_bytes

    from . import producers

    text = read_bytes(producers.weasyprint_pdf(GROUPED_PAGE), filename="l.pdf").text
    lines = text.splitlines()
    row = next(line for line in lines if "byter belysningen" in line)
    assert row.startswith("–") and "Polisen patrullerar" not in row
    assert row.split("    ")[1:] == [
        "Kommunen byter belysningen i Ekparken",
        "Kommunen",
        "Maj 2031",
    ]


ROW_TABLE_PAGE = _STYLE + (
    "<p>Nr    Åtgärd    Ansvarig</p><table>"
    "<tr><td>1</td><td>Kommunen anställer två</td><td>Kommunen</td><td>Löpande</td></tr>"
    "<tr><td></td><td>fältassistenter i Västra Åsen</td><td></td><td></td></tr>"
    "</table><p>Löftet följs upp i december.</p></body></html>"
)


def test_a_pdf_table_of_one_wrapped_row_reads_as_one_line() -> None:
    from medborgarloften.extract.readers import read_bytes

    from . import producers

    text = read_bytes(producers.weasyprint_pdf(ROW_TABLE_PAGE), filename="l.pdf").text
    assert (
        "1    Kommunen anställer två fältassistenter i Västra Åsen    Kommunen    Löpande"
        in text
    )


def test_dash_rows_under_a_row_of_cells_stay_empty_cells() -> None:
    from medborgarloften.extract.readers.cleanup import normalise

    text = (
        "1    Kommunen startar arbete    Kommunen\n"
        "–    med fältassistenter och\n"
        "–    fritidsledare i Åsen\n"
    )
    assert normalise(text).splitlines()[2].startswith("–    fritidsledare")


def test_a_numbered_table_keeps_group_rows_out_of_the_commitments() -> None:
    text = HEAD + (
        "Nr\tÅtgärd\tAnsvarig\tKlart\n"
        "1\tTrygghet i Norrbacka\t\t\n"
        "1.1\tPolisen ökar närvaron i Norrbacka kvällstid\tPolisen\tLöpande\n"
        "1.2\tKommunen rensar buskagen vid Norrbacka skola\tKommunen\t2031\n"
        "2\tKommunikation\t\t\n"
        "2.1\tInformera om löftet i lokalpressen\tGemensamt\tMars 2031\n"
    )
    got = by_text(record(text))
    assert set(got) == {
        "Polisen ökar närvaron i Norrbacka kvällstid",
        "Kommunen rensar buskagen vid Norrbacka skola",
        "Informera om löftet i lokalpressen",
    }


def test_a_schedule_cell_helps_the_target_only_with_a_date_count_or_rate() -> None:
    from medborgarloften.extract.commitments.timing_cells import timing_hint

    assert timing_hint("Hela perioden") == ""
    assert timing_hint("Löpande") == ""
    assert timing_hint("Läsår 31/32") == ""  # a school year, no count of 31
    assert timing_hint("Oktober") == "i Oktober"
    assert timing_hint("Klart senast maj 2031") == "Klart senast maj 2031"
    assert timing_hint("Minst 3 gånger per månad") == "Minst 3 gånger per månad"
    assert timing_hint("Hösten 2031") == "Hösten 2031"
    assert timing_hint("Fredagar") == "Fredagar"  # a day that comes back
    rec = record(
        HEAD + "Åtgärd\tAnsvarig\tNär\n"
        "Fältassistenterna rör sig i Ekparken varje helg\tKommunen\tHela perioden\n"
        "Föräldrautbildning om droger för vårdnadshavare\tKommunen\tLäsår 31/32\n"
    )
    targets = [c["target"] for c in rec["commitments"]]
    assert targets[0] is not None and targets[0]["unit"] != "Hela"
    assert targets[1] is None


def test_a_group_column_filled_on_a_group_s_first_row_names_no_place() -> None:
    rec = record(
        HEAD + "Område\tÅtgärd\tAnsvarig\n"
        "Trygga parker\tPolisen patrullerar i Ekparken kvällstid\tPolisen\n"
        "\tKommunen byter belysningen vid Norrskolan\tKommunen\n"
        "Lugn trafik\tPolisen gör hastighetskontroller på Storvägen\tPolisen\n"
    )
    assert len(rec["commitments"]) == 3
    assert "Trygga parker" not in rec["places"] and "Lugn trafik" not in rec["places"]
    assert rec["commitments"][1]["responsible"] == ["kommun"]
