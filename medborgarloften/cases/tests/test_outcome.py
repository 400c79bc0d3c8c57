"""A closed case's outcome (new-user tester): chosen when closing, shown on "Du sa –
vi gjorde" with its words; "Vi gjorde:" only before an outcome that says something
was done; closing asks for confirmation; old closed cases get "Besvarat"."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from ..handling import case_answer, case_close
from ..models import Case, CaseStatus, Outcome
from ..services import case_create, case_moderate

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(kalmar, kommun_editor):
    case = case_create(
        kommun=kalmar, source="form", theme="trafik", text="Farlig korsning vid skolan."
    )
    return case_moderate(actor=kommun_editor, case=case, publish=True)


def _public(client, kalmar) -> str:
    return client.get(reverse("cases:public", args=[kalmar.code])).content.decode()


def test_closing_asks_first_then_saves_the_outcome(client, case, kommun_editor):
    client.force_login(kommun_editor)
    url = reverse("cases:staff_detail", args=[case.pk])
    data = {"action": "close", "outcome": "fixed", "reason": "Nytt övergångsställe."}
    asked = client.post(url, data)
    assert asked.status_code == 200
    body = asked.content.decode()
    assert "går inte att öppna igen" in body and 'name="confirmed"' in body
    assert Case.objects.get(pk=case.pk).status != CaseStatus.CLOSED
    assert client.post(url, {**data, "confirmed": "1"}).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome) == (CaseStatus.CLOSED, Outcome.FIXED)


def test_closing_without_an_outcome_is_refused(client, case, kommun_editor):
    client.force_login(kommun_editor)
    url = reverse("cases:staff_detail", args=[case.pk])
    response = client.post(url, {"action": "close", "reason": "Klart."})
    assert response.status_code == 400
    assert "Välj vad ärendet ledde till." in response.content.decode()


def test_answer_and_close_asks_first_and_is_besvarat_by_default(
    client, case, kommun_editor
):
    client.force_login(kommun_editor)
    url = reverse("cases:staff_detail", args=[case.pk])
    data = {"action": "answer", "answer": "Trafikverket äger vägen.", "close": "on"}
    assert "går inte att öppna igen" in client.post(url, data).content.decode()
    client.post(url, {**data, "outcome": "referred", "confirmed": "1"})
    case.refresh_from_db()
    assert (case.status, case.outcome) == (CaseStatus.CLOSED, Outcome.REFERRED)


def test_an_informational_answer_is_not_vi_gjorde(client, kalmar, case, kommun_editor):
    case_answer(
        actor=kommun_editor, case=case, answer="Korsningen sköts av Trafikverket."
    )
    body = _public(client, kalmar)
    assert "Korsningen sköts av Trafikverket." in body
    assert "Vi gjorde:" not in body
    assert "Svar:" in body


def test_the_outcome_and_its_words_are_shown(client, kalmar, case, kommun_editor):
    case_answer(actor=kommun_editor, case=case, answer="Vi har målat om.")
    case_close(
        actor=kommun_editor,
        case=case,
        reason="Övergångsstället är ommålat.",
        outcome=Outcome.FIXED,
    )
    body = _public(client, kalmar)
    assert "Utfall:</strong> Åtgärdat" in body
    assert "Vi gjorde:</strong> Vi har målat om." in body
    assert "Övergångsstället är ommålat." in body


def test_closed_cases_before_the_outcome_become_besvarat(case, kommun_editor):
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, outcome="")
    migration = importlib.import_module(
        "medborgarloften.cases.migrations.0003_case_outcome"
    )
    migration.closed_were_answered(django_apps, None)
    assert Case.objects.get(pk=case.pk).outcome == Outcome.ANSWERED
