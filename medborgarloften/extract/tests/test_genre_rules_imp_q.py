"""Rules written after the blind batch ho34 (action plans as tables: Aktivitet |
Ansvarig | Var | Tidsplan | Mål/indikator, cells wrapping onto the next line) on
branch imp-q. Every text below is invented for the test.
"""

from __future__ import annotations

import io

import docx

from medborgarloften.extract.readers import read_bytes
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- a plan's table: one commitment a row, empty cells keep their columns ----------

PLAN = (
    "Medborgarlöfte Norrby 2031\n"
    "Norrby kommun och lokalpolisområde Sjöstad\n\n"
    "Fokusområde 1: Trygg hamn\n\n"
    "Aktivitet\tAnsvarig\tVar\tTidsplan\tMål/indikator\tUppföljning\n"
    "Kvällsvandringar med stöd av ungdomscoacherna\tKommunen\t\tLördagar\t"
    "3 vandringar per månad\t\n"
    "Byta armaturer längs strandpromenaden mellan Gästhamnen och Norra\tKommunen\t"
    "Gästhamnen\tKlart maj 2031\t\tTrygghetsmätning\n"
    "Kajgatan\t\t\t\t\t\n"
    "Samordnade insatser med ordningsvakter och Norrby Hamn AB\tPolisen\t"
    "Kajgatan, Fiskartorget\tJuni–augusti\tMinst 2 kvällar per vecka\t\n\n"
    "Uppföljning\n"
    "Löftet följs upp två gånger under perioden.\n"
)


def test_each_row_of_a_plan_is_a_commitment_with_its_cells() -> None:
    rec = record(PLAN)
    got = {c["text"]: c for c in rec["commitments"]}
    assert set(got) == {
        "Kvällsvandringar med stöd av ungdomscoacherna",
        "Byta armaturer längs strandpromenaden mellan Gästhamnen och Norra Kajgatan",
        "Samordnade insatser med ordningsvakter och Norrby Hamn AB",
    }
    walk = got["Kvällsvandringar med stöd av ungdomscoacherna"]
    assert walk["responsible"] == ["kommun"]
    assert (walk["target"]["quantity"], walk["target"]["per"]) == (3, "månad")
    joint = got["Samordnade insatser med ordningsvakter och Norrby Hamn AB"]
    # the one it is done "med" is a co-party of a row named without a verb
    assert joint["responsible"] == ["polis", "annan"]
    assert {"Kajgatan", "Fiskartorget"} <= set(joint["places"])


def test_a_wrapped_cell_in_lower_case_goes_on_with_its_row() -> None:
    text = (
        "Medborgarlöfte Västby 2030\n\n"
        "Nr\tAktivitet\tAnsvarig\tTidsplan\tMål/indikator\n"
        "1\tStarta föräldragrupper i två nya\tKommunen\tSenast mars\tTvå nya\n"
        "\tbostadsområden i Västby\ttillsammans med\t\tföräldra-\n"
        "\t\tFamiljestöd Väst\t\tgrupper\n"
        "2\tFotpatrullering vid Västby station\tPolisen\tVarje fredag\t\n"
    )
    got = by_text(record(text))
    assert got == {
        "Starta föräldragrupper i två nya bostadsområden i Västby": [
            "kommun",
            "annan",
        ],
        "Fotpatrullering vid Västby station": ["polis"],
    }


def test_a_responsible_line_over_a_table_without_that_column() -> None:
    text = (
        "Medborgarlöfte Österå 2032\n\n"
        "Fokusområde: Bedrägerier mot äldre\n"
        "Ansvarig: Kommunen\n"
        "Aktivitet\tVar\tTidsplan\tMål/indikator\n"
        "Informationsträffar på seniorträffarna\tTräffpunkt Linden\tMars–maj\t"
        "6 träffar\n"
        "Utskick till alla hushåll med personer över 80 år\t\tSenast april 2032\t"
        "1 utskick\n"
    )
    got = by_text(record(text))
    assert got == {
        "Informationsträffar på seniorträffarna": ["kommun"],
        "Utskick till alla hushåll med personer över 80 år": ["kommun"],
    }


def test_a_party_heading_over_a_table_without_a_responsible_column() -> None:
    text = (
        "Medborgarlöfte Lillby 2031\n\n"
        "Polisen åtar sig\n"
        "Aktivitet\tVar\tTidsplan\tMål/indikator\n"
        "Genomföra trafikkontroller vid skolorna\tLillby skola\tAugusti\t"
        "4 kontroller\n\n"
        "Lillby kommun åtar sig\n"
        "Aktivitet\tVar\tTidsplan\tMål/indikator\n"
        "Röja sly längs gångvägen till idrottsplatsen\t\tSenast juni\t\n"
    )
    got = by_text(record(text))
    assert got == {
        "Genomföra trafikkontroller vid skolorna": ["polis"],
        "Röja sly längs gångvägen till idrottsplatsen": ["kommun"],
    }


def test_a_row_that_lost_its_empty_first_cell_is_moved_to_its_columns() -> None:
    text = (
        "Medborgarlöfte Åby 2031\n\n"
        "Fokusområde\tAktivitet\tAnsvarig\tTidsplan\tMål/indikator\n"
        "Trygg skolväg\tHastighetskontroller vid Åby skola\tPolisen\tLöpande\t"
        "10 kontroller\n"
        "Skyltning av skolvägen från centrum\tKommunen\tSenast maj\t\t\n"
    )
    got = by_text(record(text))
    assert got == {
        "Hastighetskontroller vid Åby skola": ["polis"],
        "Skyltning av skolvägen från centrum": ["kommun"],
    }


# --- Word: a plan's rows keep their empty cells, a cut table goes on -------------


def _plan_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Medborgarlöfte Sjöby 2031")
    rows = [
        ["Aktivitet", "Ansvarig", "Var", "Tidsplan"],
        ["Nattvandringar med föräldrar i centrum", "Kommunen", "", "Fredagar"],
        ["Byta belysning vid busstationen och", "Kommunen", "Sjöby station", "Maj"],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    document.add_paragraph("gångtunneln")
    rest = document.add_table(rows=1, cols=4)
    for c, cell in enumerate(
        ["Polisiär närvaro vid Sjöby torg kvällstid", "Polisen", "Sjöby torg", ""]
    ):
        rest.cell(0, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_rows_of_a_plan_keep_empty_cells_in_their_columns() -> None:
    text = read_bytes(_plan_docx(), filename="plan.docx").text
    assert "Nattvandringar med föräldrar i centrum    Kommunen        Fredagar" in text
    # the headerless table after the paragraph is read as the plan's rows
    assert "Polisiär närvaro vid Sjöby torg kvällstid    Polisen    Sjöby torg" in text
    got = by_text(record(text))
    assert got == {
        "Nattvandringar med föräldrar i centrum": ["kommun"],
        "Byta belysning vid busstationen och gångtunneln": ["kommun"],
        "Polisiär närvaro vid Sjöby torg kvällstid": ["polis"],
    }


# --- a signature table: one signatory a row -----------------------------------------

SIGNED = (
    "Medborgarlöfte Ekeby 2032\n\n"
    "Polisen lovar att patrullera vid Ekeby torg varje fredag.\n\n"
    "Underskrifter\n"
    "Namn\tBefattning\tDatum\n"
    "Lovisa Berglund\tKommunstyrelsens ordförande, Ekeby kommun\t2032-01-10\n"
    "Tor Malmgren\tLokalpolisområdeschef\t2032-01-10\n"
)


def test_each_row_of_a_signature_table_is_a_signatory() -> None:
    sigs = record(SIGNED)["signatories"]
    assert [(s["name"], s["title"], s["organisation"]) for s in sigs] == [
        ("Lovisa Berglund", "Kommunstyrelsens ordförande", "Ekeby kommun"),
        ("Tor Malmgren", "Lokalpolisområdeschef", None),
    ]


def test_a_name_and_title_cell_beside_its_date() -> None:
    text = SIGNED.replace("Namn\tBefattning\tDatum\n", "Namn, titel\tDatum\n")
    text = text.replace("Lovisa Berglund\t", "Lovisa Berglund, ").replace(
        "Tor Malmgren\t", "Tor Malmgren, "
    )
    sigs = record(text)["signatories"]
    assert [s["name"] for s in sigs] == ["Lovisa Berglund", "Tor Malmgren"]


# --- a plan's table printed to PDF: wrapped column names, empty cells ----------------

PLAN_PAGE = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>
body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;margin:2cm}
td{padding:3pt 6pt;vertical-align:top;width:16%}</style></head><body>
<h2>Fokusområde: Trygg hamn i Norrby</h2>
<table>
<tr><td>Aktivitet</td><td>Ansvarig</td><td>Var</td><td>Tidsplan</td>
<td>Mål/&#8203;indikator</td><td>Uppföljning</td></tr>
<tr><td>Kvällsvandringar med stöd av ungdomscoacherna</td><td>Kommunen</td><td></td>
<td>Lördagar</td><td>Tre vandringar per månad</td><td></td></tr>
<tr><td>Polisiär närvaro vid gästhamnen kvällstid</td><td>Polisen</td>
<td>Gästhamnen</td><td>Juni–augusti</td><td></td><td>Kvartalsvis</td></tr>
</table>
<p>Arbetet följs upp i brottsförebyggande rådet.</p>
</body></html>"""


def test_a_plans_pdf_rows_keep_their_empty_cells() -> None:
    from . import producers

    pdf = producers.weasyprint_pdf(PLAN_PAGE)
    text = read_bytes(pdf, filename="plan.pdf").text
    rows = [line for line in text.splitlines() if "    " in line]
    assert rows[1].startswith(
        "Kvällsvandringar med stöd av ungdomscoacherna    Kommunen        Lördagar"
    )
    assert rows[2].startswith("Polisiär närvaro vid gästhamnen kvällstid    Polisen")
    got = by_text(record(text))
    assert got["Kvällsvandringar med stöd av ungdomscoacherna"] == ["kommun"]
    assert got["Polisiär närvaro vid gästhamnen kvällstid"] == ["polis"]


# --- the years of a data source, an umbrella against a problem, prose after a plan ----


def test_the_years_of_a_data_source_are_not_the_period() -> None:
    from medborgarloften.extract.document.period import find_period

    text = (
        "MEDBORGARLÖFTE 2033–2034\nLokalpolisområde Sjöstad och Norrby kommun\n\n"
        "Löftet bygger på trygghetsmätningen och anmälda brott under perioden "
        "2029–2032.\n"
    )
    found = find_period(text)
    assert found is not None
    assert (found.start, found.end) == ("2033-01-01", "2034-12-31")


def test_a_promise_to_work_against_problems_over_a_plan_is_an_umbrella() -> None:
    text = (
        "Medborgarlöfte Åby 2031\n\nSammanfattning\n"
        "Åby kommun och polisen lovar att under 2031 arbeta tillsammans mot "
        "klotter och mot otrygghet vid stationen.\n\n"
        "Aktivitet\tAnsvarig\tTidsplan\n"
        "Sanera klotter vid stationen\tKommunen\tInom två dygn\n"
        "Fotpatrullering vid stationen kvällstid\tPolisen\tVarje fredag\n"
    )
    assert set(by_text(record(text))) == {
        "Sanera klotter vid stationen",
        "Fotpatrullering vid stationen kvällstid",
    }


def test_a_promise_in_prose_after_a_plans_table_counts() -> None:
    text = (
        "Medborgarlöfte Åby 2031\n\nFokusområde: Trygg station\n"
        "Aktivitet\tAnsvarig\tTidsplan\n"
        "Fotpatrullering vid stationen kvällstid\tPolisen\tVarje fredag\n\n"
        "Om skolorna önskar ett besök lovar polisen att komma till dem.\n"
    )
    assert by_text(record(text)) == {
        "Fotpatrullering vid stationen kvällstid": ["polis"],
        "Om skolorna önskar ett besök lovar polisen att komma till dem.": ["polis"],
    }


# --- "Fokusområde: A och B" over a plan's table is one area -------------------------


def test_a_focus_label_over_a_table_names_one_area_whole() -> None:
    text = (
        "Medborgarlöfte Åby 2031\n\n"
        "Fokusområde: Klotter och skadegörelse vid stationen\n"
        "Aktivitet\tAnsvarig\tTidsplan\n"
        "Sanera klotter vid stationen\tKommunen\tInom två dygn\n\n"
        "Fokusområde Trygga skolvägar\n"
        "Aktivitet\tAnsvarig\tTidsplan\n"
        "Hastighetskontroller vid Åby skola\tPolisen\tVarje vecka\n"
    )
    assert record(text)["focus_areas"] == [
        "Klotter och skadegörelse vid stationen",
        "Trygga skolvägar",
    ]


def test_lettered_focus_lines_under_a_label_lose_their_label() -> None:
    text = (
        "Handlingsplan – Medborgarlöfte Västby 2031\n\n"
        "Fokusområden\n"
        "Fokusområde A: Inbrott i sommarstugor\n"
        "Fokusområde B: Buskörning i hamnen\n\n"
        "Aktiviteter\n"
        "Nr\tAktivitet\tAnsvarig\tTidsplan\n"
        "A1\tStarta grannsamverkan i två byar\tKommunen\tSenast maj\n"
    )
    assert record(text)["focus_areas"] == [
        "Inbrott i sommarstugor",
        "Buskörning i hamnen",
    ]
