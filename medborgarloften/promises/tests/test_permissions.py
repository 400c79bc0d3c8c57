"""The permission rule, role by role, without going through views."""

from __future__ import annotations

import pytest

from medborgarloften.promises.permissions import (
    can_author_with_parties,
    can_create_promise,
    can_edit_promise,
    can_view_promise,
    promises_visible_to,
)


@pytest.mark.parametrize(
    ("persona", "view", "edit", "create"),
    [
        ("kommun_admin", True, True, True),
        ("kommun_editor", True, True, True),
        ("kommun_reporter", True, False, False),
        ("kommun_viewer", True, False, False),
        ("polis_editor", True, True, True),
        ("other_kommun_editor", False, False, True),
        ("superuser", True, True, True),
    ],
)
def test_it_gives_each_role_its_rights_on_a_kalmar_promise(
    request, kalmar_promise, persona, view, edit, create
):
    user = request.getfixturevalue(persona)
    assert can_view_promise(user, kalmar_promise) is view
    assert can_edit_promise(user, kalmar_promise) is edit
    assert can_create_promise(user) is create


def test_it_gives_anonymous_visitors_no_staff_rights(kalmar_promise):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not can_view_promise(anonymous, kalmar_promise)
    assert not can_edit_promise(anonymous, kalmar_promise)
    assert not can_create_promise(anonymous)
    assert not promises_visible_to(anonymous).exists()


def test_it_requires_the_editors_own_organisation_among_the_parties(
    kommun_editor, kalmar, nybro, superuser
):
    assert can_author_with_parties(kommun_editor, [kalmar.pk, nybro.pk])
    assert not can_author_with_parties(kommun_editor, [nybro.pk])
    assert can_author_with_parties(superuser, [nybro.pk])


def test_it_lists_only_promises_of_the_users_organisations(
    kalmar_promise, nybro_promise, kommun_viewer, other_kommun_editor
):
    assert list(promises_visible_to(kommun_viewer)) == [kalmar_promise]
    assert list(promises_visible_to(other_kommun_editor)) == [nybro_promise]
