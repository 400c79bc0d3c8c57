"""Hostile survey and crime files (issue #13, M2): a few hundred bytes of XLSX that
declare a sheet of a million rows, a sheet of more rows than any import has, and a
file larger than the import takes, each refused with a reason and nothing saved."""

from __future__ import annotations

import pytest

from medborgarloften.extract.tests.xlsxgen import xlsx
from medborgarloften.situation import tabular
from medborgarloften.situation.models import CrimeStatistic, SurveyResult
from medborgarloften.situation.services import (
    ImportRefused,
    crime_import,
    survey_import,
)
from medborgarloften.situation.tabular import MAX_BYTES, MAX_ROWS

HEADER = ["Område", "År", "Indikator", "Kön", "Åldersgrupp", "Andel", "Svarande"]
ROW = ["Norrliden", 2024, "oro_brott", "Kvinnor", "alla", 30, 50]


@pytest.mark.django_db
def test_it_refuses_a_sheet_that_declares_more_rows_than_an_import_has(kalmar):
    data = xlsx([(1, HEADER), (2, ROW), (MAX_ROWS + 50, ROW)], dimension="A1:G200000")
    assert len(data) < 2_000

    with pytest.raises(ImportRefused) as refused:
        survey_import(kommun=kalmar, data=data, filename="matning.xlsx")

    assert refused.value.messages == ["Excel-filen har fler än 100 000 rader."]
    assert not SurveyResult.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_sheet_with_more_rows_than_an_import_has(kalmar, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 500)  # the same rule, a smaller file
    rows = [(1, ["Kommun", "År", "Antal"])]
    rows += [(n, ["Kalmar", 2024, n]) for n in range(2, 510)]

    with pytest.raises(ImportRefused) as refused:
        crime_import(data=xlsx(rows), filename="brott.xlsx", category="alla")

    assert refused.value.messages == ["Excel-filen har fler än 500 rader."]
    assert not CrimeStatistic.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_csv_with_more_rows_than_an_import_has(kalmar, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 500)
    data = ("Kommun;År;Antal\n" + "Kalmar;2024;1\n" * 501).encode()

    with pytest.raises(ImportRefused) as refused:
        crime_import(data=data, filename="brott.csv", category="alla")

    assert refused.value.messages == ["Filen har fler än 500 rader; dela upp den."]
    assert not CrimeStatistic.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_file_larger_than_the_import_takes_before_reading_it(kalmar):
    data = b"Kommun;\xc5r;Antal\n" + b"x" * MAX_BYTES

    with pytest.raises(ImportRefused) as refused:
        survey_import(kommun=kalmar, data=data, filename="matning.csv")

    assert refused.value.messages == ["Filen är större än 10 MB; dela upp den."]
