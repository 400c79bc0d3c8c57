"""A change to a promise the parties have agreed is mailed to the other parties'
editors: the kommun's coordinator changed the police's commitment from 40 to 20
patrols and nobody at the police heard (new-user planning session)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from medborgarloften.promises.services import promise_update
from medborgarloften.promises.services.authoring import CommitmentRow, PromiseFields
from medborgarloften.publishing.tests.apidata import _promise

pytestmark = pytest.mark.django_db

PERIOD = {"period_start": date(2025, 1, 1), "period_end": date(2026, 12, 31)}


@pytest.fixture
def agreed(superuser, kalmar, lpo_kalmar):
    promise, _area = _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Tryggare Ekby",
        status="published",
        commitments=[
            {
                "text": "Polisen genomför fotpatruller i centrum.",
                "responsible": ["polis"],
                "themes": ["trygghet_offentlig_miljo"],
                "target_quantity": 40,
                "target_unit": "fotpatruller",
                "target_per": "år",
            }
        ],
        **PERIOD,
    )
    return promise


def _halve_the_patrols(actor, promise, kalmar, lpo_kalmar):
    commitment = promise.commitments.get()
    promise_update(
        actor=actor,
        promise=promise,
        fields=PromiseFields(
            title=promise.title, parties=[kalmar, lpo_kalmar], **PERIOD
        ),
        commitments=[
            CommitmentRow(
                id=commitment.pk,
                text=commitment.text,
                responsible=["polis"],
                themes=["trygghet_offentlig_miljo"],
                target_quantity=20,
                target_unit="fotpatruller",
                target_per="år",
            )
        ],
    )


def test_the_other_party_hears_of_a_change_to_an_agreed_promise(
    agreed,
    kalmar,
    lpo_kalmar,
    kommun_editor,
    polis_editor,
    django_capture_on_commit_callbacks,
):
    kommun_editor.email = "samordnare@kalmar.example"
    kommun_editor.save()
    polis_editor.email = "kommunpolis@polisen.example"
    polis_editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        _halve_the_patrols(kommun_editor, agreed, kalmar, lpo_kalmar)
    (message,) = mail.outbox
    assert message.to == ["kommunpolis@polisen.example"]  # not the one who changed it
    assert "Tryggare Ekby" in message.subject
    assert "antagit" in message.body and "Ändrat:" in message.body
    assert f"/personal/lofte/{agreed.pk}/historik/" in message.body


def test_a_draft_changes_without_mail(
    superuser,
    kalmar,
    lpo_kalmar,
    kommun_editor,
    polis_editor,
    django_capture_on_commit_callbacks,
):
    polis_editor.email = "kommunpolis@polisen.example"
    polis_editor.save()
    draft, _area = _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Utkast",
        status="draft",
        commitments=[{"text": "Polisen patrullerar.", "responsible": ["polis"]}],
        **PERIOD,
    )
    with django_capture_on_commit_callbacks(execute=True):
        _halve_the_patrols(kommun_editor, draft, kalmar, lpo_kalmar)
    assert mail.outbox == []


def test_saving_an_agreed_promise_unchanged_tells_nobody(
    agreed,
    kalmar,
    lpo_kalmar,
    kommun_editor,
    polis_editor,
    django_capture_on_commit_callbacks,
):
    polis_editor.email = "kommunpolis@polisen.example"
    polis_editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        _halve_the_patrols(kommun_editor, agreed, kalmar, lpo_kalmar)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _halve_the_patrols(kommun_editor, agreed, kalmar, lpo_kalmar)
    assert mail.outbox == []
