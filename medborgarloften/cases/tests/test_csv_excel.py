"""``bom=true`` ("CSV för Excel") is the dialect Swedish Excel opens in columns:
the byte order mark, ';' between the fields and a decimal comma; plain CSV keeps
',' and the decimal point. For cases.csv and every table of the API alike."""

from __future__ import annotations

import csv
import io

import pytest

from medborgarloften.publishing.api.fields import Field, Table
from medborgarloften.publishing.api.tabular import lines

from ..api import COLUMNS
from ..models import CaseSource
from ..services import case_create, case_moderate
from .conftest import KALMAR_POINT

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(kalmar, kommun_editor):
    case = case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme="trafik",
        text="Fortkörning, och det är farligt",
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
    )
    return case_moderate(actor=kommun_editor, case=case, publish=True)


def test_cases_csv_for_excel_has_semicolons_and_decimal_commas(client, placed):
    body = client.get("/api/v1/cases.csv?bom=true").content.decode("utf-8")
    assert body.startswith("\ufeff" + ";".join(COLUMNS) + "\r\n")
    row = next(csv.DictReader(io.StringIO(body[1:]), delimiter=";"))
    assert "," in row["latitude"] and "." not in row["latitude"]
    assert float(row["latitude"].replace(",", ".")) == pytest.approx(
        KALMAR_POINT[0], abs=1e-3
    )
    assert row["text"] == "Fortkörning, och det är farligt"  # the comma stays text
    plain = client.get("/api/v1/cases.csv").content.decode("utf-8")
    assert plain.startswith(",".join(COLUMNS) + "\r\n")
    row = next(csv.DictReader(io.StringIO(plain)))
    assert "." in row["latitude"] and "," not in row["latitude"]


def test_every_tables_csv_for_excel_is_the_same_dialect():
    table = Table(
        name="t",
        title="T",
        description="",
        fields=(
            Field("name", "string", ""),
            Field("share", "number", ""),
            Field("count", "integer", ""),
            Field("done", "boolean", ""),
        ),
    )
    rows = [{"name": "Öland; norra", "share": 0.25, "count": 3, "done": True}]
    excel = "".join(lines(table, [rows], excel=True))
    assert excel == 'name;share;count;done\r\n"Öland; norra";0,25;3;true\r\n'
    plain = "".join(lines(table, [rows]))
    assert plain == "name,share,count,done\r\nÖland; norra,0.25,3,true\r\n"
