"""Bulk import from CSV and XLSX: encodings, row-level errors, all or nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from medborgarloften.followup.models import Activity
from medborgarloften.followup.services import (
    ImportRefused,
    activities_import,
    activities_import_check,
)
from medborgarloften.followup.tables import read_table

from .conftest import TODAY

CSV = (
    "Åtagande;Datum;Område;Typ;Antal;Deltagare;Utförd av;Beskrivning;Timmar;Kostnad\n"
    "1;2025-03-04;Berga;trygghetsvandring;1;14;Kalmar kommun;Kväll i Berga – "
    "belysning vid gångtunneln;3,5;1 200 kr\n"
    "2;2025-03-05;;fotpatrullering;3;;polisen;Tre kvällar i centrum;;\n"
)


@pytest.fixture
def commitments(walks, patrols, dialogue):
    return [walks, patrols, dialogue]


def _import(promise, data, filename="aktiviteter.csv"):
    return activities_import(promise=promise, data=data, filename=filename, today=TODAY)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "encoded",
    [CSV.encode("cp1252"), b"\xef\xbb\xbf" + CSV.encode("utf-8")],
    ids=["windows-1252", "utf-8-bom"],
)
def test_it_reads_excel_csv_in_both_encodings(promise, commitments, encoded, berga):
    activities = _import(promise, encoded)
    assert len(activities) == 2
    walk = Activity.objects.get(kind="trygghetsvandring")
    assert walk.area == berga
    assert walk.description == "Kväll i Berga – belysning vid gångtunneln"
    assert str(walk.hours) == "3.5" and str(walk.cost) == "1200.00"
    assert walk.source == "import"
    patrol = Activity.objects.get(kind="fotpatrullering")
    assert patrol.quantity == 3
    assert patrol.organisation.name == "Lokalpolisområde Kalmar"


@pytest.mark.django_db
def test_it_reads_xlsx_with_real_date_cells(promise, commitments):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Åtagande", "Datum", "Typ", "Område", "Antal"])
    sheet.append(
        [1, dt.datetime(2025, 4, 2), "trygghetsvandring", "Funkabo centrum", 1]
    )
    sheet.append([2, dt.date(2025, 4, 3), "fotpatrullering", None, 2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    activities = _import(promise, buffer.getvalue(), "lista.xlsx")
    assert [a.date for a in activities] == [dt.date(2025, 4, 2), dt.date(2025, 4, 3)]
    assert activities[0].area.name == "Funkabo"


@pytest.mark.django_db
def test_it_saves_nothing_when_one_row_is_wrong(promise, commitments):
    bad = CSV + (
        "7;2025-03-06;;möte;;;;;;\n"
        "2;2024-12-01;Skäggenäs;fotpatrullering;-2;;Nybro;;;\n"
        "2;6 mars;;kontroll;5000;;;;tio;\n"
    )
    with pytest.raises(ImportRefused) as excinfo:
        _import(promise, bad.encode("utf-8"))
    assert not Activity.objects.exists()
    rows = {row.line: row.errors for row in excinfo.value.check.error_rows}
    assert sorted(rows) == [4, 5, 6]
    assert "inget åtagande nummer 7 (1–3)" in rows[4][0]
    assert any("Område: Skäggenäs finns inte" in e for e in rows[5])
    assert any("Utförd av: Nybro är ingen part" in e for e in rows[5])
    assert any("6 mars är inget datum" in e for e in rows[6])
    assert any("Timmar: tio är inget tal" in e for e in rows[6])
    # Once the names resolve, the activity rules run too.
    fixed = CSV + "2;2024-12-01;;fotpatrullering;-2;;;;;\n"
    with pytest.raises(ImportRefused) as excinfo:
        _import(promise, fixed.encode("utf-8"))
    errors = excinfo.value.check.error_rows[0].errors
    assert any("utanför löftets period" in e for e in errors)
    assert any(e.startswith("Antal: ska vara minst 1") for e in errors)


@pytest.mark.django_db
def test_it_names_missing_columns_and_ignores_unknown_ones(promise, commitments):
    check = activities_import_check(
        promise=promise, data=b"Datum;Typ;Kommentar2\n2025-03-01;x;y\n", today=TODAY
    )
    assert not check.ok
    assert "Kolumner saknas: åtagande" in check.errors[0]
    check = activities_import_check(
        promise=promise,
        data=b"Nr,Datum,Typ,Extra\n2,2025-03-01,kontroll,y\n",
        today=TODAY,
    )
    assert check.ok
    assert check.ignored_columns == ["Extra"]
    assert not Activity.objects.exists()  # a check saves nothing


@pytest.mark.django_db
def test_a_pdf_is_refused_as_the_wrong_kind_of_file(promise, commitments):
    check = activities_import_check(
        promise=promise,
        data=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n",
        today=TODAY,
    )
    assert not check.ok
    assert check.errors[0].startswith("Filen är inte en CSV- eller Excel-fil")
    assert not any("Kolumner saknas" in e for e in check.errors)


@pytest.mark.django_db
def test_it_refuses_an_empty_or_broken_file(promise, commitments):
    assert activities_import_check(promise=promise, data=b"", today=TODAY).errors
    broken = activities_import_check(
        promise=promise, data=b"PK\x03\x04broken", filename="x.xlsx", today=TODAY
    )
    assert "kunde inte läsas" in broken.errors[0]


def test_it_numbers_rows_as_the_spreadsheet_does_and_skips_blank_ones():
    table = read_table(b"\n\nnr,datum,typ\n1,2025-01-01,a\n,,\n2,2025-01-02,b\n")
    assert [line for line, _ in table.rows] == [4, 6]
    assert table.rows[0][1] == {"commitment": "1", "date": "2025-01-01", "kind": "a"}


def test_it_refuses_a_file_too_big_to_carry_to_the_save_step():
    from medborgarloften.followup.tables import MAX_BYTES

    table = read_table(b"nr;datum;typ\n" + b"1;2025-01-01;x\n" * (MAX_BYTES // 15 + 1))
    assert "Filen är för stor" in table.errors[0]
    assert not table.rows


@pytest.mark.django_db
def test_a_superscript_commitment_number_is_a_row_error(promise, commitments):
    # '²'.isdigit() is true but int('²') fails: this was a server error.
    bad = CSV + "²;2025-03-06;;möte;;;;;;\n"
    with pytest.raises(ImportRefused) as excinfo:
        _import(promise, bad.encode("utf-8"))
    assert not Activity.objects.exists()
    assert "finns inte i löftet" in excinfo.value.check.error_rows[0].errors[0]


@pytest.mark.django_db
def test_it_refuses_a_small_spreadsheet_that_declares_a_million_rows(
    promise, commitments
):
    from medborgarloften.extract.tests.xlsxgen import xlsx

    data = xlsx(
        [(1, ["Åtagande", "Datum", "Typ"]), (1_048_576, [1, "2025-04-02", "vandring"])],
        dimension="A1:XFD1048576",
    )
    assert len(data) < 2_000

    check = activities_import_check(
        promise=promise, data=data, filename="lista.xlsx", today=TODAY
    )

    assert check.errors == [
        "Filen kunde inte läsas som CSV eller XLSX (Excel-filen har fler än 10 000 "
        "rader)."
    ]
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_it_reads_a_party_by_any_name_the_lookup_knows(
    promise, commitments, kalmar, lpo_kalmar
):
    rows = CSV.replace("Kalmar kommun", "Kalmars kommun").replace(
        "polisen", "LPO Kalmar"
    )
    _import(promise, rows.encode("utf-8"))
    assert Activity.objects.get(kind="trygghetsvandring").organisation == kalmar
    assert Activity.objects.get(kind="fotpatrullering").organisation == lpo_kalmar
