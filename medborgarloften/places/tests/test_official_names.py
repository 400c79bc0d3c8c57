"""Kommuner are named as they name themselves: "Karlshamns kommun", "Stockholms stad",
"Region Gotland" — reference data with a source per row, never a rule."""

from __future__ import annotations

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from medborgarloften.places.models import Organisation, OrganisationKind
from medborgarloften.places.reference import DATA_DIR, read_reference_data
from medborgarloften.places.selectors import kommuner_from_text

OFFICIAL = {
    "1082": "Karlshamns kommun",
    "0880": "Kalmar kommun",
    "2080": "Falu kommun",
    "0180": "Stockholms stad",
    "0980": "Region Gotland",
}


def _kommun(code: str) -> Organisation:
    return Organisation.objects.get(kind=OrganisationKind.KOMMUN, code=code)


def test_it_reads_an_official_name_and_a_source_for_every_kommun():
    kommuner = read_reference_data().kommuner
    assert len(kommuner) == 290
    assert all(k.official_name and k.official_name_source for k in kommuner)
    by_code = {k.code: k.official_name for k in kommuner}
    assert {code: by_code[code] for code in OFFICIAL} == OFFICIAL


@pytest.mark.django_db
def test_it_names_a_loaded_kommun_by_its_official_name():
    call_command("loadref", stdout=StringIO())
    for code, name in OFFICIAL.items():
        kommun = _kommun(code)
        assert kommun.official_name == name
        assert kommun.official_name_source
        assert str(kommun) == name
    assert "Karlshamn kommun" not in {str(k) for k in Organisation.objects.kommuner()}


@pytest.mark.django_db
def test_it_finds_a_kommun_written_in_its_official_form():
    call_command("loadref", stdout=StringIO())
    found, unknown = kommuner_from_text("Karlshamns kommun, Region Gotland, 0180")
    assert [k.code for k in found] == ["1082", "0980", "0180"]
    assert unknown == []


@pytest.mark.django_db
def test_it_refuses_an_official_name_without_a_source(tmp_path):
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    names = tmp_path / "kommun_official_names.csv"
    lines = names.read_text(encoding="utf-8").splitlines()
    lines[1] = ",".join(lines[1].split(",")[:4]) + ","
    names.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="källa saknas"):
        call_command("loadref", "--data-dir", str(tmp_path), stdout=StringIO())
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_it_shows_the_official_name_on_the_public_kommun_page(client):
    call_command("loadref", stdout=StringIO())
    body = client.get("/kommun/1082/").content.decode()
    assert "Karlshamns kommun" in body
    assert "Karlshamn kommun" not in body
