"""E-mail subscriptions: double opt-in, one-click unsubscribe, notify once per item,
rate limit per address, expiry of unconfirmed subscriptions."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from medborgarloften.followup.services.activities import activity_create
from medborgarloften.followup.services.reports import report_create, report_set_status
from medborgarloften.places.models import Area
from medborgarloften.promises.services import (
    CommitmentRow,
    PromiseFields,
    promise_create,
    promise_set_status,
)
from medborgarloften.publishing.models import Delivery, Subscription
from medborgarloften.publishing.services import (
    subscription_confirm,
    subscription_request,
    subscriptions_notify,
)
from medborgarloften.publishing.subscriptions import MAILS_PER_HOUR

BASE = "https://loften.example.se"


@pytest.fixture
def promise(kalmar, lpo_kalmar, superuser):
    area = Area.objects.create(kommun=kalmar, name="Oxhagen")
    promise = promise_create(
        actor=superuser,
        fields=PromiseFields(
            title="Tryggare Oxhagen",
            parties=[kalmar, lpo_kalmar],
            period_start=date(2024, 1, 1),
            period_end=date(2030, 12, 31),
        ),
        focus_areas=[],
        commitments=[
            CommitmentRow(
                text="Trygghetsvandringar", responsible=["polis"], areas=[area]
            ),
            CommitmentRow(text="Belysning", responsible=["kommun"]),
        ],
        signatories=[],
    )
    promise = promise_set_status(actor=superuser, promise=promise, status="adopted")
    return promise_set_status(actor=superuser, promise=promise, status="published")


def _activity(promise, *, index=0, kind="Trygghetsvandring"):
    commitment = promise.commitments.order_by("position", "id")[index]
    return activity_create(
        commitment=commitment, date=date(2025, 3, 1), kind=kind, today=date(2025, 3, 2)
    )


def _report(promise, actor):
    report = report_create(
        promise=promise,
        title="Första uppföljningen",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        actor=actor,
    )
    report_set_status(report=report, status="approved", actor=actor)
    return report_set_status(report=report, status="published", actor=actor)


def _link(message, name):
    match = re.search(rf"{BASE}(/prenumerera/{name}/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def _confirmed(email, target):
    subscription = subscription_request(email=email, target=target, base_url=BASE)
    return subscription_confirm(subscription=subscription)


def test_it_sends_a_signed_confirmation_link_and_confirms_on_post(client, kalmar):
    response = client.post(
        reverse("publishing:subscribe") + "?kommun=0880", {"email": "Anna@Example.se"}
    )
    assert response.status_code == 200
    assert "Kolla din e-post" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.email == "anna@example.se" and subscription.kommun == kalmar
    assert subscription.confirmed_at is None
    (message,) = mail.outbox
    assert message.to == ["anna@example.se"]
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/")
    confirm = re.search(r"http://testserver(/prenumerera/bekrafta/\S+/)", message.body)
    assert confirm
    # A GET (a mail scanner) shows the button but confirms nothing.
    assert client.get(confirm.group(1)).status_code == 200
    assert Subscription.objects.get().confirmed_at is None
    assert client.post(confirm.group(1)).status_code == 200
    assert Subscription.objects.get().confirmed_at is not None


def test_it_refuses_a_forged_or_expired_confirmation_link(client, kalmar, monkeypatch):
    subscription_request(email="a@example.se", target=kalmar, base_url=BASE)
    link = _link(mail.outbox[0], "bekrafta")
    assert client.get(link.replace("/bekrafta/", "/bekrafta/x")).status_code == 404
    later = time.time() + timedelta(days=8).total_seconds()
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = client.post(link)
    assert response.status_code == 404
    assert "Länken gäller inte" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_it_tells_each_published_activity_and_report_once(promise, kalmar, superuser):
    _activity(promise)  # before the subscription: not news
    subscription = _confirmed("a@example.se", kalmar)
    mail.outbox.clear()
    first = _activity(promise)
    report = _report(promise, superuser)
    summary = subscriptions_notify(base_url=BASE)
    assert (summary.mails, summary.items) == (1, 2)
    (message,) = mail.outbox
    assert (
        "Trygghetsvandring" in message.body and "Första uppföljningen" in message.body
    )
    assert f"/rapport/{report.uid}/" in message.body
    assert _link(message, "avsluta")
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    assert subscriptions_notify(base_url=BASE).mails == 0
    assert len(mail.outbox) == 1
    _activity(promise, kind="Medborgardialog")
    subscriptions_notify(base_url=BASE)
    assert len(mail.outbox) == 2
    assert "Medborgardialog" in mail.outbox[1].body
    assert "Trygghetsvandring" not in mail.outbox[1].body
    assert Delivery.objects.filter(subscription=subscription).count() == 3
    assert first.pk in Delivery.objects.values_list("object_id", flat=True)


def test_it_follows_an_area_or_a_commitment(promise, kalmar):
    area = Area.objects.get(name="Oxhagen")
    belysning = promise.commitments.get(text="Belysning")
    _confirmed("area@example.se", area)
    _confirmed("c@example.se", belysning)
    mail.outbox.clear()
    _activity(promise, index=0)  # Oxhagen's commitment
    subscriptions_notify(base_url=BASE)
    assert [m.to for m in mail.outbox] == [["area@example.se"]]
    _activity(promise, index=1, kind="Nya lampor")
    subscriptions_notify(base_url=BASE)
    assert mail.outbox[-1].to == ["c@example.se"]


def test_it_tells_nothing_unconfirmed_or_unpublished(promise, kalmar, superuser):
    subscription_request(email="a@example.se", target=kalmar, base_url=BASE)
    mail.outbox.clear()
    _activity(promise)
    assert subscriptions_notify(base_url=BASE).mails == 0
    _confirmed("b@example.se", kalmar)
    mail.outbox.clear()
    promise_set_status(actor=superuser, promise=promise, status="adopted")
    _activity(promise)
    assert subscriptions_notify(base_url=BASE).mails == 0
    assert mail.outbox == []


def test_it_unsubscribes_with_one_click_and_deletes_the_address(promise, kalmar):
    _confirmed("a@example.se", kalmar)
    _activity(promise)
    subscriptions_notify(base_url=BASE)
    link = _link(mail.outbox[-1], "avsluta")
    strict = Client(enforce_csrf_checks=True)
    assert "Avsluta" in strict.get(link).content.decode()
    assert Subscription.objects.exists()
    response = strict.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists() and not Delivery.objects.exists()
    assert strict.post(link).status_code == 200  # twice is no error


def test_it_rate_limits_confirmation_mails_per_address(client, kalmar, nybro, promise):
    url = reverse("publishing:subscribe")
    client.post(url + "?kommun=0880", {"email": "a@example.se"})
    response = client.post(url + "?kommun=0881", {"email": "A@example.se"})
    assert "Vänta en stund" in response.content.decode()
    assert len(mail.outbox) == 1
    # Another address is not held back.
    client.post(url + "?kommun=0881", {"email": "b@example.se"})
    assert len(mail.outbox) == 2


def test_it_limits_mails_per_hour_even_when_spaced(kalmar, promise):
    now = timezone.now()
    commitments = list(promise.commitments.all())
    targets = [kalmar, Area.objects.get(name="Oxhagen"), *commitments]
    for i, target in enumerate(targets):
        subscription_request(
            email="a@example.se",
            target=target,
            base_url=BASE,
            now=now + timedelta(minutes=3 * i),
        )
    extra = Area.objects.create(kommun=kalmar, name="Berga")
    extra2 = Area.objects.create(kommun=kalmar, name="Norrliden")
    subscription_request(
        email="a@example.se",
        target=extra,
        base_url=BASE,
        now=now + timedelta(minutes=15),
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Vänta"):
        subscription_request(
            email="a@example.se",
            target=extra2,
            base_url=BASE,
            now=now + timedelta(minutes=20),
        )


def test_it_expires_unconfirmed_subscriptions(kalmar, nybro):
    old = timezone.now() - timedelta(days=8)
    subscription_request(email="old@example.se", target=kalmar, base_url=BASE, now=old)
    subscription_request(email="new@example.se", target=nybro, base_url=BASE)
    assert subscriptions_notify(base_url=BASE).expired == 1
    assert list(Subscription.objects.values_list("email", flat=True)) == [
        "new@example.se"
    ]


def test_it_refuses_unknown_targets_and_bad_addresses(client, kalmar):
    url = reverse("publishing:subscribe")
    assert client.get(url).status_code == 404
    assert client.get(url + "?kommun=9999").status_code == 404
    assert client.get(url + "?omrade=abc").status_code == 404
    assert client.get(url + "?atagande=999999").status_code == 404
    response = client.post(url + "?kommun=0880", {"email": "inte en adress"})
    assert "E-postadress: skriv en giltig adress" in response.content.decode()
    assert not Subscription.objects.exists() and mail.outbox == []


def test_it_does_not_offer_a_draft_promises_commitment(
    client, kalmar, lpo_kalmar, superuser
):
    draft = promise_create(
        actor=superuser,
        fields=PromiseFields(title="Utkast", parties=[kalmar, lpo_kalmar]),
        focus_areas=[],
        commitments=[CommitmentRow(text="Hemligt", responsible=["polis"])],
        signatories=[],
    )
    commitment = draft.commitments.get()
    url = reverse("publishing:subscribe") + f"?atagande={commitment.pk}"
    assert client.get(url).status_code == 404


def test_it_runs_notify_as_a_command(promise, kalmar, capsys):
    _confirmed("a@example.se", kalmar)
    mail.outbox.clear()
    _activity(promise)
    call_command("notify", "--dry-run", f"--base-url={BASE}")
    assert mail.outbox == [] and "1 nyhet till 1 prenumeration," in (
        capsys.readouterr().out
    )
    call_command("notify", f"--base-url={BASE}")
    assert len(mail.outbox) == 1
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("notify", "--base-url=ftp://x")


def test_it_escapes_nothing_into_html_because_mails_are_plain_text(promise, kalmar):
    _confirmed("a@example.se", kalmar)
    mail.outbox.clear()
    _activity(promise, kind="<script>alert(1)</script>")
    subscriptions_notify(base_url=BASE)
    (message,) = mail.outbox
    assert message.content_subtype == "plain"
    assert not getattr(message, "alternatives", [])


@pytest.mark.parametrize(
    "variants",
    [
        ["anna@example.se", "anna+1@example.se", "Anna+kalmar@Example.se"],
        [
            "anna.berg@gmail.com",
            "annaberg@gmail.com",
            "a.n.n.a.b.e.r.g+x@googlemail.com",
        ],
    ],
)
def test_tags_and_dots_do_not_buy_more_confirmation_mails(kalmar, promise, variants):
    from django.core.exceptions import ValidationError

    now = timezone.now()
    targets = [kalmar, Area.objects.get(name="Oxhagen"), *promise.commitments.all()]
    targets += [
        Area.objects.create(kommun=kalmar, name=f"Område {i}") for i in range(4)
    ]
    sent = refused = 0
    for i, target in enumerate(targets):
        try:
            subscription_request(
                email=variants[i % len(variants)],
                target=target,
                base_url=BASE,
                now=now + timedelta(minutes=3 * i),
            )
            sent += 1
        except ValidationError:
            refused += 1
    assert (sent, refused) == (MAILS_PER_HOUR, len(targets) - MAILS_PER_HOUR)
    assert len(mail.outbox) == MAILS_PER_HOUR
    # An hour later the mailbox may ask again, but not twice within the gap.
    later = now + timedelta(hours=2)
    subscription_request(
        email=variants[1], target=targets[-1], base_url=BASE, now=later
    )
    with pytest.raises(ValidationError, match="Vänta"):
        subscription_request(
            email=variants[2],
            target=targets[-2],
            base_url=BASE,
            now=later + timedelta(seconds=30),
        )


def test_a_different_mailbox_is_not_held_back(kalmar, promise):
    now = timezone.now()
    subscription_request(email="anna@example.se", target=kalmar, base_url=BASE, now=now)
    for email in ("annan@example.se", "anna@example.com", "anna.b@example.se"):
        subscription_request(
            email=email, target=kalmar, base_url=BASE, now=now + timedelta(seconds=5)
        )
    assert len(mail.outbox) == 4


def test_the_mailbox_of_an_address():
    from medborgarloften.publishing.subscriptions import mailbox

    assert mailbox("Anna+Kalmar@Example.SE") == "anna@example.se"
    assert mailbox("a.nna+1@googlemail.com") == "anna@gmail.com"
    assert mailbox("a.nna@example.se") == "a.nna@example.se"  # dots matter elsewhere
