"""Two-factor sign-in with an authenticator app (TOTP) and one-time recovery codes."""

from __future__ import annotations

import re

from django.test import override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "test-losenord-123"


def _code(device: TOTPDevice) -> str:
    """The app's current code. Forgets the last used step (so a test may use a step
    twice) and django-otp's back-off after a wrong code (as if the user waited)."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=-1, throttling_failure_count=0
    )
    device.refresh_from_db()
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def _with_two_factor(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="reserv", confirmed=True)
    codes = ["abcd2345", "efgh6723"]
    for code in codes:
        StaticToken.objects.create(device=static, token=code)
    return device, codes


def _password_step(client, username="kommun_editor", next_url=""):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_setting_up_shows_a_qr_code_made_here_and_the_key_then_recovery_codes(
    client, kommun_editor
):
    client.force_login(kommun_editor)
    response = client.get(reverse("accounts:two_factor_setup"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "http" not in html.split("<svg", 1)[1].split("</svg>")[0]
    device = TOTPDevice.objects.get(user=kommun_editor, confirmed=False)
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] + " " + secret[4:8] in html

    wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert "Koden stämmer inte" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=kommun_editor, confirmed=True).exists()

    done = client.post(reverse("accounts:two_factor_setup"), {"code": _code(device)})
    device.refresh_from_db()
    assert device.confirmed
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(codes) == 10
    stored = StaticToken.objects.filter(device__user=kommun_editor)
    assert sorted(stored.values_list("token", flat=True)) == sorted(codes)
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Tvåstegsverifiering är på" in page and "10 oanvända reservkoder" in page


def test_after_the_password_the_code_is_asked_and_staff_pages_stay_closed(
    client, kommun_editor
):
    device, _codes = _with_two_factor(kommun_editor)
    target = reverse("promises:create")
    response = _password_step(client, next_url=target)
    assert response["Location"] == reverse("accounts:verify")
    assert not _signed_in(client)
    # Only the password: the staff pages still send to sign-in.
    assert client.get(target)["Location"].startswith(reverse("accounts:login"))

    wrong = client.post(reverse("accounts:verify"), {"code": "123456"})
    assert "Koden stämmer inte" in wrong.content.decode() and not _signed_in(client)

    response = client.post(reverse("accounts:verify"), {"code": _code(device)})
    assert response["Location"] == target
    assert _signed_in(client)
    assert client.get(target).status_code == 200


def test_a_recovery_code_works_once(client, kommun_editor):
    _device, codes = _with_two_factor(kommun_editor)
    _password_step(client)
    response = client.post(reverse("accounts:verify"), {"code": codes[0].upper()})
    assert response.status_code == 302 and _signed_in(client)
    assert StaticToken.objects.filter(device__user=kommun_editor).count() == 1
    client.post(reverse("accounts:logout"))

    _password_step(client)
    again = client.post(reverse("accounts:verify"), {"code": codes[0]})
    assert again.status_code == 200 and not _signed_in(client)


def test_wrong_codes_count_towards_the_lockout(client, kommun_editor):
    device, _codes = _with_two_factor(kommun_editor)
    _password_step(client)
    for _ in range(4):
        client.post(reverse("accounts:verify"), {"code": "999999"})
    # django-otp's own throttle may refuse too; the fifth failure locks the name.
    response = client.post(reverse("accounts:verify"), {"code": "999998"})
    assert response.status_code == 429
    assert "tillfälligt spärrad" in response.content.decode()
    response = _password_step(client)
    assert response.status_code == 429 and not _signed_in(client)


def test_the_code_step_needs_the_password_step_first(client, kommun_editor):
    response = client.post(reverse("accounts:verify"), {"code": "123456"})
    assert response["Location"] == reverse("accounts:login")


def test_turning_it_off_needs_a_code(client, kommun_editor):
    device, _codes = _with_two_factor(kommun_editor)
    _password_step(client)
    client.post(reverse("accounts:verify"), {"code": _code(device)})
    refused = client.post(reverse("accounts:two_factor_disable"), {"code": "000000"})
    assert refused.status_code == 200
    assert TOTPDevice.objects.filter(user=kommun_editor).exists()
    client.post(reverse("accounts:two_factor_disable"), {"code": _code(device)})
    assert not TOTPDevice.objects.filter(user=kommun_editor).exists()
    assert not StaticDevice.objects.filter(user=kommun_editor).exists()
    client.post(reverse("accounts:logout"))
    assert _password_step(client).status_code == 302 and _signed_in(client)


@override_settings(TWO_FACTOR_REQUIRED_ROLES=["admin", "editor"])
def test_roles_that_require_it_are_sent_to_set_it_up(
    client, kommun_editor, kommun_viewer
):
    client.force_login(kommun_viewer)
    assert client.get(reverse("promises:list")).status_code == 200
    client.force_login(kommun_editor)
    response = client.get(reverse("promises:list"))
    assert response["Location"] == reverse("accounts:two_factor_setup")
    # Signed in without the code although they have an app: out, and sign in again.
    _with_two_factor(kommun_editor)
    response = client.get(reverse("promises:list"))
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not _signed_in(client)


def test_the_django_admin_signs_in_through_the_site(client, db):
    response = client.get(reverse("admin:login") + "?next=/django-admin/")
    assert (
        response["Location"] == reverse("accounts:login") + "?next=%2Fdjango-admin%2F"
    )


def test_forget_removes_the_two_factor_devices_and_sign_in_records(
    client, kommun_editor
):
    import io

    from axes.models import AccessAttempt, AccessLog
    from django.core.management import call_command

    device, _codes = _with_two_factor(kommun_editor)
    client.post(
        reverse("accounts:login"), {"username": "kommun_editor", "password": "fel"}
    )
    _password_step(client)
    client.post(reverse("accounts:verify"), {"code": _code(device)})
    assert AccessLog.objects.filter(username="kommun_editor").exists()
    call_command("forget", "--user", "kommun_editor", stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=kommun_editor).exists()
    assert not StaticDevice.objects.filter(user=kommun_editor).exists()
    assert not AccessLog.objects.filter(username="kommun_editor").exists()
    assert not AccessAttempt.objects.filter(username="kommun_editor").exists()
