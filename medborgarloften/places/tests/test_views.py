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
def test_it_shows_organisation_pages_to_admins(client, request, persona, kalmar):
    client.force_login(request.getfixturevalue(persona))
    for url in _org_urls(kalmar):
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
def test_it_adds_an_lpo_with_its_polisomrade_and_kommuner(client, superuser, kalmar):
    reference_data_load()
    polisomrade = Organisation.objects.get(kind=OrganisationKind.POLISOMRADE)
    client.force_login(superuser)
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
def test_it_names_an_unknown_kommunkod(client, superuser, kalmar):
    client.force_login(superuser)
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
def test_it_names_a_duplicate_organisation_name(client, superuser, lpo_kalmar):
    client.force_login(superuser)
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
def test_it_edits_an_lpo_and_shows_what_it_serves(client, superuser, lpo_kalmar, nybro):
    client.force_login(superuser)
    url = reverse("places:edit", args=[lpo_kalmar.pk])
    assert "0880 Kalmar" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "name": "Lokalpolisområde Kalmar",
            "serves": "0880 Kalmar, 0881 Nybro",
            "version": lpo_kalmar.version,
        },
    )
    assert response.status_code == 302
    assert sorted(k.code for k in lpo_kalmar.serves.all()) == ["0880", "0881"]


# --- who may change which organisation (issue 13, H1) ------------------------------


@pytest.fixture
def polis_admin(lpo_kalmar):
    from medborgarloften.accounts.models import Membership, User

    user = User.objects.create_user(username="polis_admin", password="x")
    Membership.objects.create(user=user, organisation=lpo_kalmar, role="admin")
    return user


@pytest.fixture
def nybro_admin(nybro):
    from medborgarloften.accounts.models import Membership, User

    user = User.objects.create_user(username="nybro_admin", password="x")
    Membership.objects.create(user=user, organisation=nybro, role="admin")
    return user


@pytest.fixture
def kalmarhem_admin(kalmar):
    from medborgarloften.accounts.models import Membership, User

    kalmarhem = Organisation.objects.create(
        kind=OrganisationKind.BOSTADSBOLAG, name="Kalmarhem"
    )
    kalmarhem.serves.add(kalmar)
    user = User.objects.create_user(username="kalmarhem_admin", password="x")
    Membership.objects.create(user=user, organisation=kalmarhem, role="admin")
    return user


def _lpo_post(lpo, **changes):
    data = {
        "name": lpo.name,
        "serves": ", ".join(k.code for k in lpo.serves.all()),
        "version": lpo.version,
    }
    return {**data, **changes}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["polis_admin", "kalmarhem_admin", "kommun_admin"])
def test_it_refuses_an_admin_another_kommun_and_its_kommunkod(
    client, request, persona, nybro
):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("places:edit", args=[nybro.pk])
    assert client.get(url).status_code == 403
    response = client.post(
        url, {"name": "Smygby", "code": "0999", "source": "x", "version": 1}
    )
    assert response.status_code == 403
    nybro.refresh_from_db()
    assert (nybro.name, nybro.code, nybro.source) == ("Nybro", "0881", "")
    assert client.get(reverse("publishing:kommun", args=["0881"])).status_code == 200


@pytest.mark.django_db
def test_it_refuses_an_admin_an_organisation_they_do_not_belong_to(
    client, kalmarhem_admin, lpo_kalmar, nybro
):
    client.force_login(kalmarhem_admin)
    url = reverse("places:edit", args=[lpo_kalmar.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, _lpo_post(lpo_kalmar, serves="0880, 0881"))
    assert response.status_code == 403
    assert [k.code for k in lpo_kalmar.serves.all()] == ["0880"]
    page = client.get(reverse("places:list")).content.decode()
    assert reverse("places:edit", args=[lpo_kalmar.pk]) not in page


@pytest.mark.django_db
def test_it_keeps_a_kommuns_name_and_code_from_its_own_admin(
    client, kommun_admin, kalmar
):
    client.force_login(kommun_admin)
    url = reverse("places:edit", args=[kalmar.pk])
    page = client.get(url).content.decode()
    assert "kommer från SCB:s referensdata" in page
    assert 'name="code"' not in page and 'name="name"' not in page
    response = client.post(
        url,
        {"name": "Smygby", "code": "0999", "source": "Egen källa", "version": 1},
    )
    assert response.status_code == 302  # what the page shows (nothing) is saved
    kalmar.refresh_from_db()
    assert (kalmar.name, kalmar.code, kalmar.source) == ("Kalmar", "0880", "")


@pytest.mark.django_db
def test_it_lets_a_superuser_rename_a_kommun(client, superuser, kalmar):
    client.force_login(superuser)
    response = client.post(
        reverse("places:edit", args=[kalmar.pk]),
        {
            "name": "Kalmar stad",
            "code": "0880",
            "county": kalmar.county_id,
            "version": kalmar.version,
        },
    )
    assert response.status_code == 302
    kalmar.refresh_from_db()
    assert kalmar.name == "Kalmar stad"


@pytest.mark.django_db
def test_it_refuses_an_lpo_admin_access_to_a_kommun_it_does_not_administer(
    client, polis_admin, lpo_kalmar, nybro
):
    from medborgarloften.places.models import OrganisationEvent

    client.force_login(polis_admin)
    url = reverse("places:edit", args=[lpo_kalmar.pk])
    response = client.post(url, _lpo_post(lpo_kalmar, serves="0880, 0881"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "bara en administratör för Nybro kommun" in page
    assert [k.code for k in lpo_kalmar.serves.all()] == ["0880"]
    assert not OrganisationEvent.objects.filter(kommun=nybro).exists()


@pytest.mark.django_db
def test_it_lets_an_lpo_admin_rename_its_own_lpo_and_stop_serving_a_kommun(
    client, polis_admin, lpo_kalmar, kalmar
):
    from medborgarloften.places.models import OrganisationEvent

    client.force_login(polis_admin)
    url = reverse("places:edit", args=[lpo_kalmar.pk])
    response = client.post(
        url, _lpo_post(lpo_kalmar, name="Lokalpolisområde Kalmar stad", serves="")
    )
    assert response.status_code == 302
    lpo_kalmar.refresh_from_db()
    assert lpo_kalmar.name == "Lokalpolisområde Kalmar stad"
    assert not lpo_kalmar.serves.exists()
    revoked = OrganisationEvent.objects.get(
        action=OrganisationEvent.Action.ACCESS_REVOKED
    )
    assert (revoked.organisation, revoked.kommun, revoked.actor) == (
        lpo_kalmar,
        kalmar,
        polis_admin,
    )


@pytest.mark.django_db
def test_it_lets_a_kommuns_admin_grant_an_lpo_access_and_audits_it(
    client, nybro_admin, lpo_kalmar, nybro
):
    from medborgarloften.places.models import OrganisationEvent
    from medborgarloften.situation.permissions import can_view_situation

    client.force_login(nybro_admin)
    url = reverse("places:edit", args=[nybro.pk])
    response = client.post(
        url, {"served_by": [lpo_kalmar.pk], "version": nybro.version}
    )
    assert response.status_code == 302
    assert list(lpo_kalmar.serves.order_by("code").values_list("code", flat=True)) == [
        "0880",
        "0881",
    ]
    event = OrganisationEvent.objects.get(
        action=OrganisationEvent.Action.ACCESS_GRANTED
    )
    assert (event.organisation, event.kommun, event.actor, event.source) == (
        lpo_kalmar,
        nybro,
        nybro_admin,
        "webb",
    )
    page = client.get(url).content.decode()
    assert "Historik" in page
    assert "Lokalpolisområde Kalmar betjänar nu Nybro kommun" in page
    from medborgarloften.accounts.models import Membership

    viewer = Membership.objects.create(
        user=nybro_admin.__class__.objects.create_user(username="lpo_viewer"),
        organisation=lpo_kalmar,
        role="viewer",
    ).user
    assert can_view_situation(viewer, nybro)


@pytest.mark.django_db
def test_it_lets_a_superuser_grant_access_to_any_kommun(
    client, superuser, lpo_kalmar, nybro
):
    from medborgarloften.places.models import OrganisationEvent

    client.force_login(superuser)
    response = client.post(
        reverse("places:edit", args=[lpo_kalmar.pk]),
        _lpo_post(lpo_kalmar, serves="0880, 0881"),
    )
    assert response.status_code == 302
    assert OrganisationEvent.objects.filter(
        organisation=lpo_kalmar, kommun=nybro, actor=superuser
    ).exists()


@pytest.mark.django_db
def test_it_refuses_creating_a_party_that_serves_another_kommun(
    client, kalmarhem_admin, nybro
):
    client.force_login(kalmarhem_admin)
    response = client.post(
        reverse("places:create"),
        {"kind": "bostadsbolag", "name": "Nybrohem", "serves": "0881"},
    )
    assert response.status_code == 400
    assert "bara en administratör för Nybro kommun" in response.content.decode()
    assert not Organisation.objects.filter(name="Nybrohem").exists()


@pytest.mark.django_db
def test_it_leaves_adding_police_units_to_police_admins(
    client, kommun_admin, polis_admin
):
    client.force_login(kommun_admin)
    page = client.get(reverse("places:list")).content.decode()
    assert "Lägg till lokalpolisområde" not in page
    post = {"kind": "lokalpolisomrade", "name": "Lokalpolisområde Smyg"}
    response = client.post(reverse("places:create"), post)
    assert response.status_code == 400
    assert not Organisation.objects.filter(name="Lokalpolisområde Smyg").exists()
    client.force_login(polis_admin)
    assert client.post(reverse("places:create"), post).status_code == 302
    assert Organisation.objects.filter(name="Lokalpolisområde Smyg").exists()


@pytest.mark.django_db
def test_it_refuses_an_organisation_edit_made_on_an_older_version(
    client, polis_admin, lpo_kalmar
):
    client.force_login(polis_admin)
    url = reverse("places:edit", args=[lpo_kalmar.pk])
    opened = _lpo_post(lpo_kalmar)
    assert client.post(url, {**opened, "source": "först"}).status_code == 302
    response = client.post(url, {**opened, "source": "sedan"})
    assert response.status_code == 400
    assert "Någon annan har sparat ändringar" in response.content.decode()
    lpo_kalmar.refresh_from_db()
    assert lpo_kalmar.source == "först"
    without = {k: v for k, v in opened.items() if k != "version"}
    response = client.post(url, {**without, "source": "blint"})
    assert response.status_code == 400
    assert "Formuläret saknar sin version" in response.content.decode()
    lpo_kalmar.refresh_from_db()
    assert lpo_kalmar.source == "först"


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
        url,
        {
            "name": "Berga",
            "kind": "stadsdel",
            "aliases": "Funkabo",
            "version": berga.version,
        },
    )
    assert response.status_code == 302
    berga.refresh_from_db()
    assert berga.aliases == ["Funkabo"]


@pytest.mark.django_db
def test_it_refuses_an_area_edit_made_on_an_older_version(
    client, kommun_editor, kalmar, berga
):
    client.force_login(kommun_editor)
    url = reverse("places:area_edit", args=[kalmar.code, berga.pk])
    opened = berga.version
    first = {"name": "Berga", "kind": "stadsdel", "aliases": "Funkabo"}
    assert client.post(url, {**first, "version": opened}).status_code == 302
    response = client.post(
        url, {"name": "Berga C", "kind": "stadsdel", "version": opened}
    )
    assert response.status_code == 400
    assert "Någon annan har sparat ändringar i Berga" in response.content.decode()
    berga.refresh_from_db()
    assert (berga.name, berga.aliases) == ("Berga", ["Funkabo"])


@pytest.mark.django_db
def test_it_refuses_an_area_edit_posted_without_its_version(
    client, kommun_editor, kalmar, berga
):
    client.force_login(kommun_editor)
    url = reverse("places:area_edit", args=[kalmar.code, berga.pk])
    response = client.post(url, {"name": "Berga C", "kind": "stadsdel"})
    assert response.status_code == 400
    assert "Formuläret saknar sin version" in response.content.decode()
    berga.refresh_from_db()
    assert berga.name == "Berga"


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
