"""Membership roles, read once per request."""

from __future__ import annotations

from medborgarloften.accounts.models import Membership, Role
from medborgarloften.accounts.permissions import (
    editing_organisation_ids,
    forget_roles,
    member_organisation_ids,
    organisation_roles,
    role_in,
)


def test_it_reads_roles_once_per_user_object(
    kommun_editor, kalmar, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert organisation_roles(kommun_editor) == {kalmar.pk: "editor"}
        assert editing_organisation_ids(kommun_editor) == {kalmar.pk}
        assert role_in(kommun_editor, kalmar.pk) == Role.EDITOR


def test_it_separates_editing_from_reading_roles(
    kommun_viewer, kommun_reporter, kommun_admin, kalmar
):
    for reader in (kommun_viewer, kommun_reporter):
        assert member_organisation_ids(reader) == {kalmar.pk}
        assert editing_organisation_ids(reader) == set()
    assert editing_organisation_ids(kommun_admin) == {kalmar.pk}


def test_it_sees_a_new_membership_after_forgetting(kommun_viewer, nybro):
    assert nybro.pk not in member_organisation_ids(kommun_viewer)
    Membership.objects.create(user=kommun_viewer, organisation=nybro, role="editor")
    forget_roles(kommun_viewer)
    assert editing_organisation_ids(kommun_viewer) == {nybro.pk}


def test_it_gives_anonymous_visitors_no_roles():
    from django.contrib.auth.models import AnonymousUser

    assert organisation_roles(AnonymousUser()) == {}
    assert role_in(AnonymousUser(), 1) is None
