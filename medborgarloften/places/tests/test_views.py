"""Staff pages for organisations and areas: who may do what, and messages naming fields."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from medborgarloften.places.models import Area, AreaKind, Organisation, OrganisationKind
from medborgarloften.places.services import reference_data_load

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[16.35, 56.66], [16.37, 56.66], [16.37, 56.67], [16.35, 56.66]]],
}


@pytest.fixture
def berga(kalmar):
    return Area.objects.create(kommun=kalmar, name="Berga", kind=AreaKind.STADSDEL)


def _org_urls(lpo):
    return [
        reverse("places:list"),
        reverse("places:create"),
        reverse("places:edit", args=[lpo.pk]),
    ]


def _area_urls(kalmar, area):
    return [
        reverse("places:areas", args=[kalmar.code]),
        reverse("places:area_create", args=[kalmar.code]),
        reverse("places:area_edit", args=[kalmar.code, area.pk]),
        reverse("places:area_delete", args=[kalmar.code, area.pk]),
    ]


# --- who may see the pages ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["kommun_admin", "superuser"])
def test_it_shows_organisation_pages_to_admins(client, request, persona, lpo_kalmar):
    client.force_login(request.getfixturevalue(persona))
    for url in _org_urls(lpo_kalmar):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona",
    [
        "kommun_editor",
        "kommun_reporter",
        "kommun_viewer",
        "polis_editor",
        "other_kommun_editor",
    ],
)
def test_it_refuses_organisation_pages_to_other_roles(
    client, request, persona, lpo_kalmar
):
    client.force_login(request.getfixturevalue(persona))
    for url in _org_urls(lpo_kalmar):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("places:create"),
        {"kind": "skola", "name": "Smygskolan"},
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Smygskolan").exists()


@pytest.mark.django_db
def test_it_sends_anonymous_visitors_to_the_login_page(client, lpo_kalmar, kalmar):
    area = Area.objects.create(kommun=kalmar, name="Berga")
    for url in _org_urls(lpo_kalmar) + _area_urls(kalmar, area):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["kommun_admin", "kommun_editor", "superuser"])
def test_it_shows_area_pages_to_the_kommuns_admins_and_editors(
    client, request, persona, kalmar, berga
):
    client.force_login(request.getfixturevalue(persona))
    for url in _area_urls(kalmar, berga):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona",
    ["kommun_reporter", "kommun_viewer", "polis_editor", "other_kommun_editor"],
)
def test_it_refuses_area_pages_to_other_roles(client, request, persona, kalmar, berga):
    client.force_login(request.getfixturevalue(persona))
    for url in _area_urls(kalmar, berga):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("places:area_create", args=[kalmar.code]),
        {"name": "Norrliden", "kind": "stadsdel"},
    )
    assert response.status_code == 403
    response = client.post(reverse("places:area_delete", args=[kalmar.code, berga.pk]))
    assert response.status_code == 403
    assert list(Area.objects.values_list("name", flat=True)) == ["Berga"]


@pytest.mark.django_db
def test_it_does_not_reach_another_kommuns_area_through_this_kommun(
    client, kommun_editor, kalmar, nybro
):
    area = Area.objects.create(kommun=nybro, name="Centrum")
    client.force_login(kommun_editor)
    url = reverse("places:area_edit", args=[kalmar.code, area.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("places:areas", args=["9999"])).status_code == 404


# --- organisations -------------------------------------------------------------------


@pytest.mark.django_db
def test_it_lists_and_filters_organisations_by_kind_and_lan(client, kommun_admin):
    reference_data_load()
    client.force_login(kommun_admin)
    response = client.get(
        reverse("places:list"), {"kind": "lokalpolisomrade", "lan": "07"}
    )
    names = [o.name for o in response.context["page"].object_list]
    # LPO Nybro belongs to Kalmar län but serves kommuner in Kronobergs län.
    assert names == ["Lokalpolisområde Ljungby", "Lokalpolisområde Nybro"]
    response = client.get(reverse("places:list"), {"q": "örebro", "kind": "kommun"})
    assert [o.code for o in response.context["page"].object_list] == ["1880"]
    response = client.get(reverse("places:list"), {"q": "0880"})
    assert [o.name for o in response.context["page"].object_list] == ["Kalmar"]


@pytest.mark.django_db
def test_it_lists_a_page_of_organisations_in_a_few_queries(
    client, kommun_admin, django_assert_max_num_queries
):
    reference_data_load()
    client.force_login(kommun_admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("places:list"), {"sida": "2"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 50


@pytest.mark.django_db
def test_it_adds_an_lpo_with_its_polisomrade_and_kommuner(client, kommun_admin, kalmar):
    reference_data_load()
    polisomrade = Organisation.objects.get(kind=OrganisationKind.POLISOMRADE)
    client.force_login(kommun_admin)
    response = client.post(
        reverse("places:create"),
        {
            "kind": "lokalpolisomrade",
            "name": "Lokalpolisområde Växjö",
            "county": kalmar.county.pk,
            "parent": polisomrade.pk,
            "serves": "0780, Alvesta",
            "source": "https://example.org/vaxjo",
        },
    )
    assert response.status_code == 302
    lpo = Organisation.objects.get(name="Lokalpolisområde Växjö")
    assert lpo.parent == polisomrade
    assert sorted(k.name for k in lpo.serves.all()) == ["Alvesta", "Växjö"]


@pytest.mark.django_db
def test_it_names_an_unknown_kommunkod(client, kommun_admin, kalmar):
    client.force_login(kommun_admin)
    response = client.post(
        reverse("places:create"),
        {
            "kind": "lokalpolisomrade",
            "name": "Lokalpolisområde X",
            "serves": "0880, 9999",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kommuner som betjänas: okänd kommunkod 9999." in page
    assert 'aria-invalid="true"' in page
    assert not Organisation.objects.filter(name="Lokalpolisområde X").exists()


@pytest.mark.django_db
def test_it_names_a_duplicate_organisation_name(client, kommun_admin, lpo_kalmar):
    client.force_login(kommun_admin)
    response = client.post(
        reverse("places:create"),
        {"kind": "lokalpolisomrade", "name": "lokalpolisområde kalmar"},
    )
    assert response.status_code == 400
    assert "Namn: det finns redan" in response.content.decode()
    assert Organisation.objects.lpos().count() == 1


@pytest.mark.django_db
def test_it_adds_another_party(client, kommun_admin, kalmar):
    client.force_login(kommun_admin)
    response = client.post(
        reverse("places:create"),
        {"kind": "bostadsbolag", "name": "Kalmarhem", "serves": "Kalmar"},
    )
    assert response.status_code == 302
    org = Organisation.objects.get(name="Kalmarhem")
    assert org.kind == OrganisationKind.BOSTADSBOLAG
    assert list(org.serves.all()) == [kalmar]


@pytest.mark.django_db
def test_it_edits_an_lpo_and_shows_what_it_serves(
    client, kommun_admin, lpo_kalmar, nybro
):
    client.force_login(kommun_admin)
    url = reverse("places:edit", args=[lpo_kalmar.pk])
    assert "0880 Kalmar" in client.get(url).content.decode()
    response = client.post(
        url, {"name": "Lokalpolisområde Kalmar", "serves": "0880 Kalmar, 0881 Nybro"}
    )
    assert response.status_code == 302
    assert sorted(k.code for k in lpo_kalmar.serves.all()) == ["0880", "0881"]


# --- areas ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_adds_an_area_with_aliases_and_geometry(client, kommun_editor, kalmar):
    client.force_login(kommun_editor)
    response = client.post(
        reverse("places:area_create", args=[kalmar.code]),
        {
            "name": "Berga",
            "kind": "stadsdel",
            "code": "",
            "aliases": "Funkabo, Berga/Funkabo",
            "geometry": json.dumps(SQUARE),
        },
    )
    assert response.status_code == 302
    area = Area.objects.get(kommun=kalmar, name="Berga")
    assert area.aliases == ["Funkabo", "Berga/Funkabo"]
    assert area.geometry == SQUARE


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"name": "berga"},
            "Namn: Kalmar kommun har redan ett område som heter Berga.",
        ),
        ({"name": "Ny", "geometry": "{not json"}, "Geometri: inte giltig JSON"),
        ({"name": "Ny", "geometry": "[1, 2]"}, "Geometri: ska vara ett GeoJSON-objekt"),
        (
            {"name": "Ny", "geometry": '{"type": "Polygon", "coordinates": []}'},
            "Geometri: ogiltig GeoJSON",
        ),
        ({"name": "Ny", "code": "0881C1010"}, "DeSO/RegSO-kod:"),
        ({"name": ""}, "Namn: skriv områdets namn."),
    ],
)
def test_it_explains_bad_area_input(
    client, kommun_editor, kalmar, berga, data, message
):
    client.force_login(kommun_editor)
    response = client.post(
        reverse("places:area_create", args=[kalmar.code]), {"kind": "stadsdel", **data}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Area.objects.count() == 1


@pytest.mark.django_db
def test_it_edits_an_area(client, kommun_editor, kalmar, berga):
    client.force_login(kommun_editor)
    url = reverse("places:area_edit", args=[kalmar.code, berga.pk])
    response = client.post(
        url, {"name": "Berga", "kind": "stadsdel", "aliases": "Funkabo"}
    )
    assert response.status_code == 302
    berga.refresh_from_db()
    assert berga.aliases == ["Funkabo"]


@pytest.mark.django_db
def test_it_removes_an_unused_area(client, kommun_editor, kalmar, berga):
    client.force_login(kommun_editor)
    url = reverse("places:area_delete", args=[kalmar.code, berga.pk])
    assert "Vill du ta bort Berga" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert not Area.objects.exists()


@pytest.mark.django_db
def test_it_keeps_an_area_in_use(client, kommun_editor, kalmar, berga):
    from medborgarloften.followup.models import Activity
    from medborgarloften.promises.models import Commitment, Promise

    promise = Promise.objects.create(title="Löfte")
    commitment = Commitment.objects.create(promise=promise, text="Vandra")
    Activity.objects.create(
        commitment=commitment, date="2025-05-01", kind="trygghetsvandring", area=berga
    )
    client.force_login(kommun_editor)
    url = reverse("places:area_delete", args=[kalmar.code, berga.pk])
    assert "1 aktivitet" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 400
    assert "kan inte tas bort" in response.content.decode()
    assert Area.objects.filter(pk=berga.pk).exists()
