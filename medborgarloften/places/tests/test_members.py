"""An organisation's users: admins manage every role, editors give EST reporters and
viewers their accounts (a link by e-mail to choose a password), nobody changes their
own membership, and an organisation keeps an admin."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from medborgarloften.accounts.models import Membership, User
from medborgarloften.places.members import member_add, member_change, member_remove

PASSWORD = "test-losenord-123"


def _url(org, membership=None):
    base = f"/personal/organisationer/{org.pk}/anvandare/"
    return f"{base}{membership.pk}/" if membership else base


@pytest.mark.django_db
def test_an_editor_invites_a_reporter_who_chooses_a_password(
    client, kalmar, kommun_editor
):
    client.force_login(kommun_editor)
    page = client.get(_url(kalmar)).content.decode()
    assert "Användare i Kalmar" in page and "kommun_editor" in page
    # An editor may give reporter and viewer, not editor or admin.
    assert 'value="reporter"' in page and 'value="admin"' not in page
    response = client.post(
        _url(kalmar),
        {
            "first_name": "Eva",
            "last_name": "Est",
            "username": "eva.est",
            "email": "eva@example.org",
            "role": "reporter",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="eva.est")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == "reporter"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["eva@example.org"]
    body = mail.outbox[0].body
    assert "eva.est" in body and "rapportör" in body
    link = re.search(r"/konto/glomt-losenord/\S+/\S+/", body).group(0)
    client.logout()
    form = client.get(link, follow=True)
    assert "Välj ett nytt lösenord" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "eget-losenord-789", "new_password2": "eget-losenord-789"},
    )
    assert done.status_code == 302
    assert User.objects.get(username="eva.est").check_password("eget-losenord-789")
    # Editors see the new reporter's state on the list.
    client.force_login(kommun_editor)
    assert "Eva Est" in client.get(_url(kalmar)).content.decode()


@pytest.mark.django_db
def test_without_e_mail_a_first_password_is_needed(client, kalmar, kommun_editor):
    client.force_login(kommun_editor)
    response = client.post(_url(kalmar), {"username": "utan.post", "role": "viewer"})
    assert response.status_code == 200
    assert "ange en adress dit länken" in response.content.decode()
    assert not User.objects.filter(username="utan.post").exists()
    response = client.post(
        _url(kalmar),
        {"username": "utan.post", "role": "viewer", "password": "forsta-losen-4711"},
    )
    assert response.status_code == 302
    assert User.objects.get(username="utan.post").check_password("forsta-losen-4711")
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_taken_username_is_refused_not_reused(client, kalmar, kommun_editor):
    client.force_login(kommun_editor)
    response = client.post(
        _url(kalmar),
        {"username": "KOMMUN_EDITOR", "email": "x@example.org", "role": "reporter"},
    )
    assert "är upptaget" in response.content.decode()
    assert Membership.objects.filter(organisation=kalmar).count() == 1


@pytest.mark.django_db
def test_editors_may_not_give_or_change_editor_and_admin_roles(
    client, kalmar, kommun_editor, kommun_admin, kommun_reporter
):
    with pytest.raises(PermissionDenied):
        member_add(
            actor=kommun_editor,
            organisation=kalmar,
            username="ny.admin",
            role="admin",
            email="a@example.org",
        )
    admin_membership = Membership.objects.get(user=kommun_admin)
    client.force_login(kommun_editor)
    assert client.get(_url(kalmar, admin_membership)).status_code == 403
    assert (
        client.post(_url(kalmar, admin_membership), {"action": "remove"}).status_code
        == 403
    )
    reporter = Membership.objects.get(user=kommun_reporter)
    with pytest.raises(PermissionDenied):
        member_change(actor=kommun_editor, membership=reporter, role="editor")
    # A reporter becomes a viewer, and is taken out.
    response = client.post(_url(kalmar, reporter), {"role": "viewer"})
    assert response.status_code == 302
    reporter.refresh_from_db()
    assert reporter.role == "viewer"
    client.post(_url(kalmar, reporter), {"action": "remove"})
    assert not Membership.objects.filter(pk=reporter.pk).exists()
    assert User.objects.filter(pk=kommun_reporter.pk).exists()


@pytest.mark.django_db
def test_no_one_changes_themselves_and_the_last_admin_stays(
    kalmar, kommun_admin, superuser
):
    own = Membership.objects.get(user=kommun_admin)
    with pytest.raises(ValidationError):
        member_change(actor=kommun_admin, membership=own, role="editor")
    with pytest.raises(ValidationError):
        member_remove(actor=kommun_admin, membership=own)
    with pytest.raises(ValidationError):
        member_change(actor=superuser, membership=own, role="editor")
    with pytest.raises(ValidationError):
        member_remove(actor=superuser, membership=own)
    assert Membership.objects.get(pk=own.pk).role == "admin"


@pytest.mark.django_db
def test_others_may_not_see_the_users(
    client, kalmar, nybro, kommun_reporter, kommun_viewer, other_kommun_editor
):
    for user in (kommun_reporter, kommun_viewer, other_kommun_editor):
        client.force_login(user)
        assert client.get(_url(kalmar)).status_code == 403


@pytest.mark.django_db
def test_the_lagesbild_links_to_the_users_for_those_who_manage_them(
    client, kalmar, kommun_editor, kommun_reporter
):
    client.force_login(kommun_editor)
    page = client.get("/personal/lagesbild/0880/").content.decode()
    assert _url(kalmar) in page and "Rapportörer och användare" in page
    client.force_login(kommun_reporter)
    assert _url(kalmar) not in client.get("/personal/lagesbild/0880/").content.decode()
