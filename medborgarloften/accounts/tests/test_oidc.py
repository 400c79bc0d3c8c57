"""Single sign-on through OpenID Connect, against a real provider the tests start.

The browser's part is played by Django's test client and httpx: Django redirects to
the provider's /authorize, the provider redirects back with a code, and Django
exchanges it at the provider's /token over real HTTP and checks the ID token.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from django.test import override_settings
from django.urls import reverse

from medborgarloften.accounts.models import ExternalIdentity, Membership, User

from .oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider


@pytest.fixture(scope="module")
def running_provider():
    provider = Provider().start()
    yield provider
    provider.stop()


@pytest.fixture
def provider(running_provider, db):
    running_provider.claims = {}
    running_provider.nonce_override = None
    running_provider.sign_with_other_key = False
    running_provider.audience_override = None
    with override_settings(
        OIDC_DISCOVERY_URL=running_provider.discovery_url,
        OIDC_CLIENT_ID=CLIENT_ID,
        OIDC_CLIENT_SECRET=CLIENT_SECRET,
        OIDC_LABEL="Kalmar kommuns konto",
    ):
        yield running_provider


@pytest.fixture
def anna(kommun_editor):
    kommun_editor.email = "anna.lind@kalmar.se"
    kommun_editor.save()
    return kommun_editor


def _sso(client, provider, *, next_url="", state=None):
    """Start at Django, let the provider answer, come back to Django."""
    params = {"next": next_url} if next_url else {}
    start = client.get(reverse("accounts:sso_start"), params)
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider.issuer}/authorize?")
    at_provider = httpx.get(start["Location"], follow_redirects=False, timeout=10)
    assert at_provider.status_code == 302, at_provider.text
    back = urlsplit(at_provider.headers["location"])
    assert back.path == reverse("accounts:sso_callback")
    query = {k: v[0] for k, v in parse_qs(back.query).items()}
    if state is not None:
        query["state"] = state
    return client.get(f"{back.path}?{urlencode(query)}")


def _signed_in_as(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_the_login_page_offers_the_provider_only_when_configured(client, provider):
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Logga in med Kalmar kommuns konto" in html
    with override_settings(OIDC_DISCOVERY_URL=""):
        html = client.get(reverse("accounts:login")).content.decode()
        assert "Logga in med" not in html
        start = client.get(reverse("accounts:sso_start"))
        assert start["Location"] == reverse("accounts:login")


def test_sign_in_links_to_the_existing_user_by_verified_email(client, provider, anna):
    provider.claims = {
        "sub": "entra-123",
        "email": "Anna.Lind@Kalmar.se",
        "email_verified": True,
    }
    target = reverse("promises:create")
    response = _sso(client, provider, next_url=target)
    assert response.status_code == 302 and response["Location"] == target
    assert _signed_in_as(client) == anna
    # The code was exchanged over HTTP with the PKCE verifier and the client secret.
    exchange = provider.token_requests[-1]
    assert exchange["grant_type"] == "authorization_code"
    assert len(exchange["code_verifier"]) >= 43
    assert client.get(target).status_code == 200


def test_a_tampered_state_is_refused(client, provider, anna):
    provider.claims = {"sub": "x", "email": anna.email, "email_verified": True}
    exchanges = len(provider.token_requests)
    response = _sso(client, provider, state="fel-state")
    assert len(provider.token_requests) == exchanges  # the code was never used
    assert response.status_code == 403
    assert "misslyckades" in response.content.decode()
    assert _signed_in_as(client) is None


def _reasons(caplog) -> str:
    return " ".join(
        r.getMessage() for r in caplog.records if r.name == "medborgarloften.security"
    )


def test_an_id_token_with_another_nonce_is_refused(client, provider, anna, caplog):
    provider.claims = {"sub": "x", "email": anna.email, "email_verified": True}
    provider.nonce_override = "en-annan-nonce"
    response = _sso(client, provider)
    assert response.status_code == 403 and _signed_in_as(client) is None
    assert "nonce" in _reasons(caplog)


def test_an_id_token_with_a_bad_signature_is_refused(client, provider, anna, caplog):
    provider.claims = {"sub": "x", "email": anna.email, "email_verified": True}
    provider.sign_with_other_key = True
    response = _sso(client, provider)
    assert response.status_code == 403 and _signed_in_as(client) is None
    assert "bad_signature" in _reasons(caplog)


def test_an_id_token_for_another_client_is_refused(client, provider, anna):
    provider.claims = {"sub": "x", "email": anna.email, "email_verified": True}
    provider.audience_override = "nagon-annan-app"
    response = _sso(client, provider)
    assert response.status_code == 403 and _signed_in_as(client) is None


def test_an_unknown_user_is_refused_with_a_clear_message(client, provider, anna):
    provider.claims = {"sub": "y", "email": "okand@kalmar.se", "email_verified": True}
    response = _sso(client, provider)
    assert response.status_code == 403
    assert "inte upplagd som användare" in response.content.decode()
    assert _signed_in_as(client) is None
    assert not User.objects.filter(email="okand@kalmar.se").exists()


def test_an_inactive_user_is_refused(client, provider, anna):
    anna.is_active = False
    anna.save()
    provider.claims = {"sub": "x", "email": anna.email, "email_verified": True}
    response = _sso(client, provider)
    assert response.status_code == 403
    assert "avstängt" in response.content.decode()
    assert _signed_in_as(client) is None


def test_an_unverified_email_is_not_enough(client, provider, anna):
    provider.claims = {"sub": "x", "email": anna.email, "email_verified": False}
    response = _sso(client, provider)
    assert response.status_code == 403 and _signed_in_as(client) is None


def test_the_username_claim_may_name_the_user_instead(client, provider, anna):
    provider.claims = {"sub": "x", "preferred_username": "KOMMUN_EDITOR"}
    with override_settings(OIDC_USERNAME_CLAIM="preferred_username"):
        response = _sso(client, provider)
    assert response.status_code == 302 and _signed_in_as(client) == anna


def test_auto_create_makes_a_user_without_any_organisation(client, provider, db):
    provider.claims = {
        "sub": "z",
        "email": "ny.person@kalmar.se",
        "email_verified": True,
        "given_name": "Ny",
        "family_name": "Person",
    }
    with override_settings(OIDC_CREATE_USERS=True):
        response = _sso(client, provider)
    assert response.status_code == 302
    user = _signed_in_as(client)
    assert user.email == "ny.person@kalmar.se" and user.first_name == "Ny"
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()


@override_settings(TWO_FACTOR_REQUIRED_ROLES=["editor"])
def test_single_sign_on_counts_as_the_second_factor(client, provider, anna):
    provider.claims = {"sub": "x", "email": anna.email, "email_verified": True}
    _sso(client, provider)
    assert client.get(reverse("promises:list")).status_code == 200


def test_later_sign_ons_go_by_the_providers_subject(client, provider, anna):
    provider.claims = {"sub": "entra-123", "email": anna.email, "email_verified": True}
    assert _sso(client, provider).status_code == 302
    link = ExternalIdentity.objects.get(user=anna)
    assert (link.issuer, link.subject) == (provider.issuer, "entra-123")
    client.logout()
    # The address changed at the provider: the same subject still signs in.
    provider.claims = {
        "sub": "entra-123",
        "email": "anna.ny@kalmar.se",
        "email_verified": True,
    }
    assert _sso(client, provider).status_code == 302
    assert _signed_in_as(client) == anna
    assert ExternalIdentity.objects.count() == 1


def test_an_address_given_to_another_provider_account_is_refused(
    client, provider, anna, caplog
):
    provider.claims = {"sub": "entra-123", "email": anna.email, "email_verified": True}
    assert _sso(client, provider).status_code == 302
    client.logout()
    # Somebody else at the provider now has Anna's old address.
    provider.claims = {"sub": "entra-999", "email": anna.email, "email_verified": True}
    response = _sso(client, provider)
    assert response.status_code == 403
    assert "kopplat till ett annat konto" in response.content.decode()
    assert _signed_in_as(client) is None
    assert "linked to another subject" in caplog.text


def test_a_linked_user_who_is_switched_off_is_refused(client, provider, anna):
    provider.claims = {"sub": "entra-123", "email": anna.email, "email_verified": True}
    assert _sso(client, provider).status_code == 302
    client.logout()
    anna.is_active = False
    anna.save()
    response = _sso(client, provider)
    assert response.status_code == 403 and _signed_in_as(client) is None


def test_an_admin_sees_and_can_remove_a_link(client, provider, anna, superuser):
    provider.claims = {"sub": "entra-123", "email": anna.email, "email_verified": True}
    assert _sso(client, provider).status_code == 302
    client.logout()
    client.force_login(superuser)
    page = client.get(reverse("admin:accounts_user_change", args=[anna.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "entra-123" in body and provider.issuer in body
    ExternalIdentity.objects.filter(user=anna).delete()  # what the inline's delete does
    client.logout()
    provider.claims = {"sub": "entra-456", "email": anna.email, "email_verified": True}
    assert _sso(client, provider).status_code == 302
    assert _signed_in_as(client) == anna
