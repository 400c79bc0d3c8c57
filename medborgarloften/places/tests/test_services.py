"""Organisation and area services: validation names the field, nothing half-saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from medborgarloften.places.models import Area, AreaKind, Organisation, OrganisationKind
from medborgarloften.places.services import (
    area_create,
    area_delete,
    area_update,
    organisation_create,
    organisation_update,
)

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[16.35, 56.66], [16.37, 56.66], [16.37, 56.67], [16.35, 56.66]]],
}


def _errors(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.message_dict


@pytest.fixture
def polisomrade(db):
    region = Organisation.objects.get_or_create(
        kind=OrganisationKind.POLISREGION, name="Polisregion Syd"
    )[0]
    return Organisation.objects.create(
        kind=OrganisationKind.POLISOMRADE,
        name="Polisområde Kalmar Kronoberg",
        parent=region,
    )


@pytest.mark.django_db
def test_it_creates_an_lpo_serving_kommuner_in_its_polisomrade(
    polisomrade, kalmar, nybro
):
    lpo = organisation_create(
        kind=OrganisationKind.LOKALPOLISOMRADE,
        name="  Lokalpolisområde Växjö ",
        parent=polisomrade,
        serves=[kalmar, nybro, kalmar],
        source="https://polisen.se/",
    )
    assert lpo.name == "Lokalpolisområde Växjö"
    assert lpo.parent == polisomrade
    assert set(lpo.serves.all()) == {kalmar, nybro}


@pytest.mark.django_db
def test_it_refuses_a_duplicate_name_whatever_its_case(lpo_kalmar):
    with pytest.raises(ValidationError) as excinfo:
        organisation_create(
            kind=OrganisationKind.LOKALPOLISOMRADE, name="LOKALPOLISOMRÅDE KALMAR"
        )
    assert "Namn:" in _errors(excinfo)["name"][0]
    assert Organisation.objects.lpos().count() == 1


@pytest.mark.django_db
def test_it_allows_the_same_name_for_another_kind(kalmar):
    org = organisation_create(kind=OrganisationKind.BOSTADSBOLAG, name="Kalmar")
    assert org.kind == OrganisationKind.BOSTADSBOLAG


@pytest.mark.django_db
def test_it_refuses_a_parent_that_does_not_fit_the_police_tree(
    kalmar, polisomrade, lpo_kalmar
):
    with pytest.raises(ValidationError) as excinfo:
        organisation_create(
            kind=OrganisationKind.LOKALPOLISOMRADE,
            name="Lokalpolisområde Ny",
            parent=polisomrade.parent,
        )
    assert "Ingår i:" in _errors(excinfo)["parent"][0]
    with pytest.raises(ValidationError) as excinfo:
        organisation_create(
            kind=OrganisationKind.SKOLA, name="Lindsdalsskolan", parent=lpo_kalmar
        )
    assert "parent" in _errors(excinfo)


@pytest.mark.django_db
def test_it_refuses_serving_something_that_is_not_a_kommun(lpo_kalmar, polisomrade):
    with pytest.raises(ValidationError) as excinfo:
        organisation_create(
            kind=OrganisationKind.LOKALPOLISOMRADE,
            name="Lokalpolisområde Ny",
            serves=[lpo_kalmar],
        )
    assert "ingen kommun" in _errors(excinfo)["serves"][0]
    with pytest.raises(ValidationError) as excinfo:
        organisation_update(
            organisation=polisomrade,
            name=polisomrade.name,
            parent=polisomrade.parent,
            serves=[lpo_kalmar.serves.get()],
        )
    assert "serves" in _errors(excinfo)


@pytest.mark.django_db
def test_it_requires_a_four_digit_kommunkod_for_a_kommun(county_kalmar):
    with pytest.raises(ValidationError) as excinfo:
        organisation_create(kind=OrganisationKind.KOMMUN, name="Ny", code="88")
    assert "Kod:" in _errors(excinfo)["code"][0]


@pytest.mark.django_db
def test_it_refuses_a_code_already_used(kalmar):
    with pytest.raises(ValidationError) as excinfo:
        organisation_create(kind=OrganisationKind.KOMMUN, name="Kalmar 2", code="0880")
    assert "0880" in _errors(excinfo)["code"][0]


@pytest.mark.django_db
def test_it_updates_an_organisation_and_replaces_what_it_serves(
    lpo_kalmar, kalmar, nybro
):
    organisation_update(
        organisation=lpo_kalmar,
        name="Lokalpolisområde Kalmar",
        serves=[nybro],
        source="källa",
    )
    lpo_kalmar.refresh_from_db()
    assert list(lpo_kalmar.serves.all()) == [nybro]
    assert lpo_kalmar.kind == OrganisationKind.LOKALPOLISOMRADE
    assert lpo_kalmar.source == "källa"


@pytest.mark.django_db
def test_it_creates_an_area_with_aliases_code_and_geometry(kalmar):
    area = area_create(
        kommun=kalmar,
        name="Berga",
        kind=AreaKind.STADSDEL,
        code="0880c1010",
        aliases=["Funkabo", " Berga/Funkabo ", "berga", "Funkabo"],
        geometry=SQUARE,
    )
    assert area.aliases == ["Funkabo", "Berga/Funkabo"]
    assert area.code == "0880C1010"
    assert area.geometry == SQUARE


@pytest.mark.django_db
def test_it_refuses_a_name_or_alias_the_kommun_already_uses(kalmar, nybro):
    area_create(kommun=kalmar, name="Berga", aliases=["Funkabo"])
    with pytest.raises(ValidationError) as excinfo:
        area_create(kommun=kalmar, name="berga")
    assert "Namn:" in _errors(excinfo)["name"][0]
    with pytest.raises(ValidationError) as excinfo:
        area_create(kommun=kalmar, name="Funkabo")
    assert "annat namn för området Berga" in _errors(excinfo)["name"][0]
    with pytest.raises(ValidationError) as excinfo:
        area_create(kommun=kalmar, name="Norrliden", aliases=["FUNKABO"])
    assert "Andra namn:" in _errors(excinfo)["aliases"][0]
    assert area_create(kommun=nybro, name="Berga").kommun == nybro
    assert Area.objects.filter(kommun=kalmar).count() == 1


@pytest.mark.django_db
def test_it_keeps_an_area_name_on_update(kalmar):
    area = area_create(kommun=kalmar, name="Berga")
    area_update(area=area, name="Berga", kind=AreaKind.STADSDEL, aliases=["Funkabo"])
    area.refresh_from_db()
    assert area.kind == AreaKind.STADSDEL and area.aliases == ["Funkabo"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "words"), [("C1010", "har inte formen"), ("0881C1010", "hör inte till")]
)
def test_it_checks_a_deso_code_against_the_kommun(kalmar, code, words):
    with pytest.raises(ValidationError) as excinfo:
        area_create(kommun=kalmar, name="Berga", code=code)
    message = _errors(excinfo)["code"][0]
    assert message.startswith("DeSO/RegSO-kod:") and words in message


@pytest.mark.django_db
def test_it_refuses_invalid_geojson_naming_the_field(kalmar):
    with pytest.raises(ValidationError) as excinfo:
        area_create(kommun=kalmar, name="Berga", geometry={"type": "Polygon"})
    assert _errors(excinfo)["geometry"][0].startswith("Geometri: ogiltig GeoJSON")
    assert not Area.objects.exists()


@pytest.mark.django_db
def test_it_refuses_an_area_in_something_that_is_not_a_kommun(lpo_kalmar):
    with pytest.raises(ValidationError) as excinfo:
        area_create(kommun=lpo_kalmar, name="Berga")
    assert "kommun" in _errors(excinfo)


@pytest.mark.django_db
def test_it_deletes_an_unused_area(kalmar):
    area = area_create(kommun=kalmar, name="Berga")
    area_delete(area=area)
    assert not Area.objects.exists()


@pytest.mark.django_db
def test_it_refuses_to_delete_an_area_in_use(kalmar):
    from medborgarloften.situation.models import Observation

    area = area_create(kommun=kalmar, name="Berga")
    Observation.objects.create(
        kommun=kalmar,
        category="belysning",
        area=area,
        observed_at=timezone.make_aware(dt.datetime(2025, 3, 1, 21, 0)),
    )
    with pytest.raises(ValidationError) as excinfo:
        area_delete(area=area)
    assert "1 observation " in excinfo.value.messages[0]
    assert Area.objects.filter(pk=area.pk).exists()


# --- the actor's rights and the audit trail (issue 13, H1) ---------------------------


@pytest.mark.django_db
def test_it_refuses_an_admin_of_one_organisation_changing_another(
    kommun_admin, lpo_kalmar, nybro
):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        organisation_update(
            actor=kommun_admin,
            organisation=lpo_kalmar,
            name=lpo_kalmar.name,
            serves=[nybro],
        )
    with pytest.raises(PermissionDenied):
        organisation_update(
            actor=kommun_admin, organisation=nybro, name="Nybro", code="0881"
        )
    assert [k.code for k in lpo_kalmar.serves.all()] == ["0880"]


@pytest.mark.django_db
def test_it_keeps_a_kommuns_reference_fields_from_its_admin(kommun_admin, kalmar):
    with pytest.raises(ValidationError) as excinfo:
        organisation_update(
            actor=kommun_admin,
            organisation=kalmar,
            name="Smygby",
            code="0999",
            county=kalmar.county,
        )
    assert "referensdata" in " ".join(_errors(excinfo)["__all__"])
    kalmar.refresh_from_db()
    assert (kalmar.name, kalmar.code) == ("Kalmar", "0880")


@pytest.mark.django_db
def test_it_refuses_creating_a_kommun_or_police_unit_for_a_kommun_admin(
    kommun_admin, kalmar
):
    from django.core.exceptions import PermissionDenied

    for kind in (OrganisationKind.KOMMUN, OrganisationKind.LOKALPOLISOMRADE):
        with pytest.raises(PermissionDenied):
            organisation_create(actor=kommun_admin, kind=kind, name="Smyg", code="0999")
    assert not Organisation.objects.filter(name="Smyg").exists()


@pytest.mark.django_db
def test_it_audits_every_access_granted_by_the_reference_data(db):
    from medborgarloften.places.models import OrganisationEvent
    from medborgarloften.places.services import reference_data_load

    reference_data_load()
    granted = OrganisationEvent.objects.filter(
        action=OrganisationEvent.Action.ACCESS_GRANTED, source="loadref"
    )
    pairs = {(e.organisation_id, e.kommun_id) for e in granted}
    served = set(
        Organisation.serves.through.objects.values_list(
            "from_organisation_id", "to_organisation_id"
        )
    )
    assert pairs == served and served
    reference_data_load()  # nothing new: nothing more recorded
    assert granted.count() == len(pairs)


@pytest.mark.django_db
def test_it_bumps_the_version_on_every_change(lpo_kalmar, kalmar):
    before = lpo_kalmar.version
    organisation_update(
        organisation=lpo_kalmar, name=lpo_kalmar.name, serves=[kalmar], source="ny"
    )
    lpo_kalmar.refresh_from_db()
    assert lpo_kalmar.version == before + 1
    with pytest.raises(ValidationError) as excinfo:
        organisation_update(
            organisation=lpo_kalmar,
            name=lpo_kalmar.name,
            serves=[kalmar],
            expected_version=before,
        )
    assert excinfo.value.error_dict["__all__"][0].code == "stale"
