"""A forgotten password: a one-time link by e-mail, the same answer for unknown
addresses, and a limit on links to one address."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from medborgarloften.accounts.models import User
from medborgarloften.accounts.password_reset import PER_ADDRESS_AN_HOUR

OLD = "gammalt-losenord-123"
NEW = "ett-helt-nytt-losenord-456"


@pytest.fixture
def coordinator(db):
    return User.objects.create_user(
        username="samordnare", email="samordnare@kalmar.example", password=OLD
    )


def test_the_login_page_offers_a_new_password(client, db):
    page = client.get("/konto/logga-in/").content.decode()
    assert 'href="/konto/glomt-losenord/"' in page
    assert "Glömt lösenordet?" in page


def test_a_link_by_mail_sets_a_new_password_once(client, coordinator):
    response = client.post(
        "/konto/glomt-losenord/", {"email": "Samordnare@kalmar.example"}
    )
    assert response["Location"] == "/konto/glomt-losenord/skickat/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["samordnare@kalmar.example"]
    link = re.search(r"https?://\S+/konto/glomt-losenord/\S+/\S+/", message.body)
    assert link, message.body
    path = "/" + link.group(0).split("/", 3)[3]
    form_page = client.get(path, follow=True)
    assert "Välj ett nytt lösenord" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == "/konto/glomt-losenord/klart/"
    coordinator.refresh_from_db()
    assert coordinator.check_password(NEW)
    # The link is spent.
    again = client.get(path, follow=True).content.decode()
    assert "Länken gäller inte längre" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, coordinator):
    response = client.post("/konto/glomt-losenord/", {"email": "ingen@example.org"})
    assert response["Location"] == "/konto/glomt-losenord/skickat/"
    assert mail.outbox == []


def test_one_address_gets_a_few_links_an_hour_at_most(client, coordinator):
    for _ in range(PER_ADDRESS_AN_HOUR + 2):
        response = client.post(
            "/konto/glomt-losenord/", {"email": "samordnare@kalmar.example"}
        )
        assert response["Location"] == "/konto/glomt-losenord/skickat/"
    assert len(mail.outbox) == PER_ADDRESS_AN_HOUR
    coordinator.refresh_from_db()
    assert coordinator.check_password(OLD)


def test_a_bad_address_is_named(client, db):
    response = client.post("/konto/glomt-losenord/", {"email": "inte en adress"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fel:" in page and 'aria-invalid="true"' in page
