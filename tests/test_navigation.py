"""The header links each signed-in user to the staff sections their role opens."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_it_shows_no_staff_links_to_a_visitor(client):
    body = client.get("/").content.decode()
    assert "Arbeta med löften" not in body
    assert "Logga in" in body


def test_it_links_an_editor_to_import_but_not_to_organisations(client, kommun_editor):
    client.force_login(kommun_editor)
    body = client.get("/").content.decode()
    assert "Arbeta med löften" in body and "Lägesbild" in body
    assert "Importera" in body
    assert "/personal/organisationer/" not in body


def test_it_hides_import_from_a_viewer(client, kommun_viewer):
    client.force_login(kommun_viewer)
    body = client.get("/").content.decode()
    assert "Arbeta med löften" in body
    assert "/personal/import/" not in body


def test_it_links_an_admin_to_organisations(client, kommun_admin):
    client.force_login(kommun_admin)
    assert "/personal/organisationer/" in client.get("/").content.decode()


def test_it_links_every_signed_in_user_to_cases(client, kommun_viewer):
    client.force_login(kommun_viewer)
    assert "/personal/arenden/" in client.get("/").content.decode()


def test_our_commitments_is_for_members_of_a_partner(client, kommun_editor):
    """ "Våra åtaganden" is a partner's page: a kommun's staff do not get the link,
    a housing company's reporter does."""
    from medborgarloften.accounts.models import Membership, Role, User
    from medborgarloften.places.models import Organisation, OrganisationKind

    client.force_login(kommun_editor)
    assert "Våra åtaganden" not in client.get("/").content.decode()
    company = Organisation.objects.create(
        kind=OrganisationKind.BOSTADSBOLAG, name="Hembo i Norrdal"
    )
    reporter = User.objects.create_user("hembo", password="x-not-used-x")
    Membership.objects.create(user=reporter, organisation=company, role=Role.REPORTER)
    client.force_login(reporter)
    assert "Våra åtaganden" in client.get("/").content.decode()


KOMMUN_SECTIONS = ("Arbeta med löften", "Lägesbild", "Åtgärdsplan", "Samordning")


def _partner_reporter(username: str):
    from medborgarloften.accounts.models import Membership, Role, User
    from medborgarloften.places.models import Organisation, OrganisationKind

    company = Organisation.objects.create(
        kind=OrganisationKind.BOSTADSBOLAG, name=f"Bolaget {username}"
    )
    user = User.objects.create_user(username, password="x-not-used-x")
    Membership.objects.create(user=user, organisation=company, role=Role.REPORTER)
    return user


@pytest.mark.django_db
def test_a_partner_only_member_gets_no_kommun_sections(client):
    """A housing company's member has no kommun: the header leads to its commitments
    and cases, not to lägesbild, åtgärdsplan or samordning."""
    client.force_login(_partner_reporter("hembo"))
    body = client.get("/").content.decode()
    assert "Våra åtaganden" in body and "/personal/arenden/" in body
    for section in KOMMUN_SECTIONS:
        assert section not in body


def test_a_partner_who_also_works_for_a_kommun_sees_everything(client, kalmar):
    from medborgarloften.accounts.models import Membership, Role

    user = _partner_reporter("dubbel")
    Membership.objects.create(user=user, organisation=kalmar, role=Role.VIEWER)
    client.force_login(user)
    body = client.get("/").content.decode()
    assert "Våra åtaganden" in body
    for section in KOMMUN_SECTIONS:
        assert section in body


def test_a_police_member_sees_the_kommun_sections(client, polis_editor):
    client.force_login(polis_editor)
    body = client.get("/").content.decode()
    for section in KOMMUN_SECTIONS:
        assert section in body


def test_a_superuser_sees_everything(client, superuser):
    client.force_login(superuser)
    body = client.get("/").content.decode()
    for section in KOMMUN_SECTIONS + ("Våra åtaganden",):
        assert section in body


@pytest.mark.django_db
def test_the_partner_decision_reads_memberships_once(client):
    """The header asks about kinds with the roles query: one membership query per page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(_partner_reporter("hembo"))
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    membership_reads = [
        q["sql"] for q in queries.captured_queries if "accounts_membership" in q["sql"]
    ]
    assert len(membership_reads) == 1, membership_reads
