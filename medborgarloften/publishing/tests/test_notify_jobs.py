"""News mail as background jobs: one job fans out a child per batch of subscribers;
a batch whose mails the server refuses is retried and mails only those not told;
after the last attempt it says how many did not go."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from medborgarloften.jobs.models import Job, JobStatus
from medborgarloften.publishing import background
from medborgarloften.publishing.models import Delivery

from .test_subscriptions import BASE, _activity, _confirmed, promise  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribers(promise, kalmar):  # noqa: F811
    subscriptions = [_confirmed(f"s{n}@example.se", kalmar) for n in range(5)]
    mail.outbox.clear()
    _activity(promise)
    return subscriptions


def _refuse(monkeypatch, addresses: set[str], times: int):
    """The mail server refuses mail to ``addresses`` the first ``times`` calls."""
    from django.core.mail import EmailMessage

    real = EmailMessage.send
    refused = []

    def send(self, *args, **kwargs):
        if set(self.to) & addresses and len(refused) < times:
            refused.append(self.to[0])
            raise OSError("421 try later")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", send)
    return refused


def test_it_fans_out_one_job_per_batch(subscribers, settings, client, superuser):
    settings.NOTIFY_BATCH_SIZE = 2
    job = background.notify_start(base_url=BASE)
    job.refresh_from_db()
    batches = list(job.children.order_by("pk"))
    assert job.status == JobStatus.DONE
    assert [len(child.params["ids"]) for child in batches] == [2, 2, 1]
    assert all(child.status == JobStatus.DONE for child in batches)
    assert len(mail.outbox) == 5 and Delivery.objects.count() == 5
    assert "5 prenumerationer i 3 omgångar" in job.message
    client.force_login(superuser)
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "3 delomgångar" in page and "3 av 3 avslutade, 0 misslyckade." in page
    # A second run tells nothing twice.
    background.notify_start(base_url=BASE)
    assert len(mail.outbox) == 5


def test_a_refused_batch_is_retried_and_mails_only_the_untold(
    subscribers, settings, monkeypatch
):
    settings.NOTIFY_BATCH_SIZE = 10
    refused = _refuse(monkeypatch, {"s3@example.se"}, times=1)
    job = background.notify_start(base_url=BASE)
    (batch,) = job.children.all()
    assert batch.status == JobStatus.DONE and batch.attempts == 2
    assert refused == ["s3@example.se"]
    assert sorted(m.to[0] for m in mail.outbox) == [
        f"s{n}@example.se" for n in range(5)
    ]  # each once: the retry sent only the refused one
    assert Delivery.objects.count() == 5


def test_a_batch_refused_to_the_end_says_how_many_did_not_go(
    subscribers, settings, monkeypatch, client, superuser
):
    settings.NOTIFY_BATCH_SIZE = 10
    _refuse(monkeypatch, {"s1@example.se", "s2@example.se"}, times=100)
    job = background.notify_start(base_url=BASE)
    (batch,) = job.children.all()
    assert batch.status == JobStatus.FAILED and batch.attempts == 4
    assert "tog inte emot 2 av 2 brev" in batch.error
    assert len(mail.outbox) == 3
    client.force_login(superuser)
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "1 av 1 avslutade, 1 misslyckade." in page
    assert "tog inte emot 2 av 2 brev" in page


def test_the_command_queues_it_in_the_background(subscribers, capsys):
    call_command("notify", "--base-url", BASE, "--background")
    assert "queued as background job" in capsys.readouterr().out
    assert Job.objects.filter(kind="notify").exists()
    assert len(mail.outbox) == 5
