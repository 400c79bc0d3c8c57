"""The confirmation mail of a subscription is sent by the worker, with retries.

The database task backend and the real worker command run in-process; the mail
server is Django's locmem outbox, made to fail where a test says so.
"""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from medborgarloften.publishing import services
from medborgarloften.publishing.services import subscription_request

BASE = "https://loften.example.se"


@pytest.fixture
def database_tasks(settings, transactional_db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _work() -> None:
    call_command("worker", batch=True, startup_delay=False, verbosity=0)


def _due_now() -> None:
    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(seconds=1))


def _mail_server_down(monkeypatch, times: int) -> list[str]:
    calls: list[str] = []
    send = EmailMessage.send

    def failing(message, fail_silently=False):
        calls.append(message.subject)
        if len(calls) <= times:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return send(message, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", failing)
    return calls


def test_it_queues_the_confirmation_and_the_worker_sends_it(database_tasks, kalmar):
    subscription_request(email="anna@example.se", target=kalmar, base_url=BASE)
    assert mail.outbox == []  # not sent inside the request
    _work()
    (message,) = mail.outbox
    assert message.to == ["anna@example.se"]
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{BASE}/")
    assert "Bekräfta" in message.subject


def test_the_subscribe_page_answers_while_the_mail_server_is_down(
    database_tasks, kalmar, client, monkeypatch
):
    calls = _mail_server_down(monkeypatch, times=99)
    response = client.post(
        reverse("publishing:subscribe") + "?kommun=0880", {"email": "a@example.se"}
    )
    assert response.status_code == 200
    assert calls == []  # the request did not talk to the mail server


def test_it_retries_a_failing_mail_server_later(database_tasks, kalmar, monkeypatch):
    calls = _mail_server_down(monkeypatch, times=1)
    subscription_request(email="anna@example.se", target=kalmar, base_url=BASE)
    _work()
    assert len(calls) == 1 and mail.outbox == []
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after > timezone.now() + timedelta(seconds=30)
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    _due_now()
    _work()
    assert len(calls) == 2
    assert len(mail.outbox) == 1


def test_it_gives_up_and_logs_after_the_last_attempt(
    database_tasks, kalmar, monkeypatch, caplog
):
    calls = _mail_server_down(monkeypatch, times=99)
    subscription_request(email="anna@example.se", target=kalmar, base_url=BASE)
    for _ in range(services.MAIL_ATTEMPTS + 1):
        _due_now()
        _work()
    assert len(calls) == services.MAIL_ATTEMPTS
    assert mail.outbox == []
    assert not DBTaskResult.objects.filter(status="READY").exists()
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert any(
        f"not sent after {services.MAIL_ATTEMPTS} attempts" in r.getMessage()
        and "Connection unexpectedly closed" in r.getMessage()
        for r in errors
    )


def test_it_sends_at_once_with_the_immediate_backend(kalmar):
    subscription_request(email="anna@example.se", target=kalmar, base_url=BASE)
    assert len(mail.outbox) == 1
