"""Reference data: the shipped files load completely, idempotently, in one transaction."""

from __future__ import annotations

import hashlib
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from medborgarloften.places.models import County, Organisation, OrganisationKind
from medborgarloften.places.reference import DATA_DIR, read_reference_data
from medborgarloften.places.services import reference_data_load

SUMMARY = "290 kommuner, 21 län, 7 polisregioner, 1 polisområde, 4 lokalpolisområden"


def _loadref(*args: str) -> str:
    out = StringIO()
    call_command("loadref", *args, stdout=out)
    return out.getvalue()


def _count(kind: str) -> int:
    return Organisation.objects.filter(kind=kind).count()


def test_it_ships_the_scb_list_verbatim():
    digest = hashlib.sha256((DATA_DIR / "kommuner.csv").read_bytes()).hexdigest()
    assert digest == "67231be90bf963dfaae89f70157ec41a0f35ab86ee3265feda93438dc277497e"
    assert (DATA_DIR / "README.md").exists()


def test_it_reads_every_kommun_with_a_four_digit_code():
    data = read_reference_data()
    assert len(data.kommuner) == 290
    assert all(len(k.code) == 4 and k.code.isdigit() for k in data.kommuner)
    assert {c.code for c in data.counties} >= {"01", "08", "25"}
    assert "02" not in {c.code for c in data.counties}


@pytest.mark.django_db
def test_it_loads_all_kommuner_lan_and_police_units():
    output = _loadref()
    assert f"{SUMMARY}: 323 nya, 0 ändrade" in output
    assert _count(OrganisationKind.KOMMUN) == 290
    assert County.objects.count() == 21
    assert _count(OrganisationKind.POLISREGION) == 7
    assert _count(OrganisationKind.POLISOMRADE) == 1
    assert _count(OrganisationKind.LOKALPOLISOMRADE) == 4
    kalmar = Organisation.objects.get(kind=OrganisationKind.KOMMUN, code="0880")
    assert kalmar.name == "Kalmar"
    assert kalmar.county.name == "Kalmar län"
    assert kalmar.county.police_region.name == "Polisregion Syd"
    gotland = County.objects.get(code="09")
    assert gotland.police_region.name == "Polisregion Stockholm"


@pytest.mark.django_db
def test_it_changes_nothing_when_run_again():
    _loadref()
    output = _loadref()
    assert f"{SUMMARY}: 0 nya, 0 ändrade" in output
    assert Organisation.objects.count() == 290 + 7 + 1 + 4
    assert County.objects.count() == 21


@pytest.mark.django_db
def test_it_updates_a_changed_name_in_place():
    _loadref()
    kalmar = Organisation.objects.get(kind=OrganisationKind.KOMMUN, code="0880")
    Organisation.objects.filter(pk=kalmar.pk).update(name="Kalmar stad")
    output = _loadref()
    assert f"{SUMMARY}: 0 nya, 1 ändrad" in output
    kalmar.refresh_from_db()
    assert kalmar.name == "Kalmar"
    assert Organisation.objects.filter(code="0880").count() == 1


@pytest.mark.django_db
def test_it_takes_a_renamed_kommun_from_the_file(tmp_path):
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    kommuner = tmp_path / "kommuner.csv"
    kommuner.write_text(
        kommuner.read_text(encoding="utf-8").replace(
            "0880,Kalmar,", "0880,Kalmar Nya,"
        ),
        encoding="utf-8",
    )
    _loadref()
    output = _loadref("--data-dir", str(tmp_path))
    assert "0 nya, 1 ändrad" in output
    assert Organisation.objects.get(code="0880").name == "Kalmar Nya"


@pytest.mark.django_db
def test_it_builds_the_police_tree_with_an_lpo_across_the_county_border():
    reference_data_load()
    nybro = Organisation.objects.get(
        kind=OrganisationKind.LOKALPOLISOMRADE, name="Lokalpolisområde Nybro"
    )
    served = {k.name: k.county.code for k in nybro.serves.select_related("county")}
    assert served == {
        "Nybro": "08",
        "Emmaboda": "08",
        "Torsås": "08",
        "Lessebo": "07",
        "Tingsryd": "07",
        "Uppvidinge": "07",
    }
    assert nybro.county.code == "08"
    assert nybro.parent.name == "Polisområde Kalmar Kronoberg"
    assert nybro.parent.parent.name == "Polisregion Syd"
    assert "torsas.se" in nybro.source
    kalmar_lpo = Organisation.objects.get(name="Lokalpolisområde Kalmar")
    assert sorted(k.name for k in kalmar_lpo.serves.all()) == [
        "Borgholm",
        "Kalmar",
        "Mörbylånga",
    ]
    # Each of the LPO's rows keeps its source URL.
    assert kalmar_lpo.source.count("https://") + kalmar_lpo.source.count("http://") == 3


@pytest.mark.django_db
def test_it_adopts_existing_records_instead_of_duplicating_them(lpo_kalmar, kalmar):
    _loadref()
    assert Organisation.objects.filter(code="0880").count() == 1
    lpo_kalmar.refresh_from_db()
    assert lpo_kalmar.parent.name == "Polisområde Kalmar Kronoberg"
    assert Organisation.objects.filter(name="Lokalpolisområde Kalmar").count() == 1
    assert f"{SUMMARY}: 0 nya, 0 ändrade" in _loadref()


@pytest.mark.django_db
def test_it_never_removes_a_kommun_an_admin_added_to_an_lpo():
    reference_data_load()
    lpo = Organisation.objects.get(name="Lokalpolisområde Ljungby")
    vaxjo = Organisation.objects.get(code="0780")
    lpo.serves.add(vaxjo)
    reference_data_load()
    assert vaxjo in lpo.serves.all()


@pytest.mark.django_db
def test_it_saves_nothing_in_a_dry_run():
    output = _loadref("--dry-run")
    assert "323 nya" in output and "inget sparat" in output
    assert Organisation.objects.count() == 0
    assert County.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_a_broken_file_and_saves_nothing(tmp_path):
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    lpo = tmp_path / "lokalpolisomraden.csv"
    lpo.write_text(
        lpo.read_text(encoding="utf-8").replace("\n0765,", "\n9999,"),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="okänd kommunkod '9999'"):
        _loadref("--data-dir", str(tmp_path))
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_it_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="polisregioner_lan.csv"):
        _loadref("--data-dir", str(tmp_path))
