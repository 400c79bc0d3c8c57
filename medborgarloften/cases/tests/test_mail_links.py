"""Resident e-mail: links are absolute under the address the request came to (or
the configured PUBLIC_SITE_URL), and the answer reaches a confirmed address once,
whether the address was confirmed before or after the case was answered."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from ..handling import case_answer
from ..models import Case
from .conftest import KALMAR_POINT

# The form takes reports only for a kommun someone handles.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kalmar_handled")]


def _report(client, kalmar, **extra):
    data = {
        "theme": "trygghet_offentlig_miljo",
        "text": "Trasig belysning i tunneln.",
        "latitude": str(KALMAR_POINT[0]),
        "longitude": str(KALMAR_POINT[1]),
        "area": "",
        "place_text": "",
        "email": "boende@example.org",
        "website": "",
    }
    return client.post(reverse("cases:report", args=[kalmar.code]), data, **extra)


def _links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def _confirm_path(body: str) -> str:
    url = next(u for u in _links(body) if "bekrafta" in u)
    return "/" + url.split("/", 3)[3]


def test_links_follow_the_host_and_port_the_request_came_to(
    client, kalmar, rules, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_SITE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        _report(client, kalmar, SERVER_PORT="8031")
    links = _links(mail.outbox[-1].body)
    assert links and all(u.startswith("http://testserver:8031/") for u in links)


def test_a_configured_site_url_wins_over_the_request(
    client, kalmar, rules, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_SITE_URL = "https://trygg.example.se"
    with django_capture_on_commit_callbacks(execute=True):
        _report(client, kalmar, SERVER_PORT="8031")
    links = _links(mail.outbox[-1].body)
    assert links and all(u.startswith("https://trygg.example.se/") for u in links)


def test_confirmed_after_the_answer_the_answer_is_mailed_then_once(
    client, kalmar, rules, owner_user, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_SITE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        _report(client, kalmar, SERVER_PORT="8031")
    confirm = _confirm_path(mail.outbox[-1].body)
    case = Case.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        case_answer(actor=owner_user, case=case, answer="Belysningen är lagad.")
    assert len(mail.outbox) == 1  # the address was not confirmed yet
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm, SERVER_PORT="8031")
    assert len(mail.outbox) == 2
    answer = mail.outbox[-1]
    assert answer.to == ["boende@example.org"]
    assert "Belysningen är lagad." in answer.body
    assert any(u.startswith("http://testserver:8031/") for u in _links(answer.body))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm, SERVER_PORT="8031")  # the link followed again
    assert len(mail.outbox) == 2
    case.refresh_from_db()
    assert case.email == "" and case.notified_at is not None


def test_confirmed_before_the_answer_the_answer_is_mailed_once(
    client, kalmar, rules, owner_user, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_SITE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        _report(client, kalmar)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_confirm_path(mail.outbox[-1].body))
    assert len(mail.outbox) == 1  # nothing to send yet
    case = Case.objects.get()
    client.force_login(owner_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("cases:staff_detail", args=[case.pk]),
            {"action": "answer", "answer": "Lagat i dag."},
            SERVER_PORT="8042",
        )
    assert len(mail.outbox) == 2
    assert "Lagat i dag." in mail.outbox[-1].body
    assert any(
        u.startswith("http://testserver:8042/") for u in _links(mail.outbox[-1].body)
    )
