"""The resident follows a case (new-user tester): a public reference that is not
the pk, shown on the receipt and in the confirmation mail with a link to a status
page that shows the status, and once reviewed the answer and the outcome —
nothing internal, nothing unreviewed. The receipt does not speak of "the place"
when no place was given."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ..handling import case_answer, case_close
from ..models import Case, Outcome, new_reference, normalised_reference
from ..services import case_create, case_merge, case_moderate
from .conftest import KALMAR_POINT

# The form takes reports only for a kommun someone handles.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kalmar_handled")]


def _report(client, kalmar, **extra):
    data = {
        "theme": "trafik",
        "text": "Bilar kör för fort förbi förskolan.",
        "latitude": "",
        "longitude": "",
        "area": "",
        "place_text": "",
        "email": "",
        "website": "",
    }
    data.update(extra)
    return client.post(reverse("cases:report", args=[kalmar.code]), data)


def test_references_are_not_the_pk_and_differ():
    refs = {new_reference() for _ in range(200)}
    assert len(refs) == 200
    assert all(re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", r) for r in refs)
    assert normalised_reference("k7qm 4xpr t2hd") == "K7QM-4XPR-T2HD"


def test_the_receipt_gives_the_reference_and_the_status_link(client, kalmar):
    response = _report(client, kalmar)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.reference and str(case.pk) not in case.reference
    body = client.get(response["Location"]).content.decode()
    assert case.reference in body
    assert reverse("cases:status", args=[case.reference]) in body
    assert "den som ansvarar för platsen" not in body  # no place was given
    assert "ansvarar för frågan hos Kalmar kommun" in body


def test_the_receipt_of_a_placed_case_names_the_place(client, kalmar):
    response = _report(
        client, kalmar, latitude=str(KALMAR_POINT[0]), longitude=str(KALMAR_POINT[1])
    )
    body = client.get(response["Location"]).content.decode()
    assert "den som ansvarar för platsen" in body


def test_the_confirmation_mail_gives_the_reference_and_the_status_link(
    client, kalmar, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _report(client, kalmar, email="boende@example.org")
    case = Case.objects.get()
    body = mailoutbox[-1].body
    assert case.reference in body
    assert reverse("cases:status", args=[case.reference]) in body


def test_the_status_page_shows_nothing_unreviewed(client, kalmar, kommun_editor):
    case = case_create(
        kommun=kalmar, source="form", theme="trafik", text="Ring mig på 070-123 45 67."
    )
    case_answer(actor=kommun_editor, case=case, answer="Internt utkast till svar.")
    url = reverse("cases:status", args=[case.reference])
    body = client.get(url).content.decode()
    assert "Besvarad" in body
    assert "070-123" not in body and "Internt utkast" not in body
    assert (
        client.get(reverse("cases:status", args=["AAAA-AAAA-AAAA"])).status_code == 404
    )
    assert client.get(f"/tyck-till/arende/{case.pk}/").status_code == 404


def test_the_status_page_shows_the_reviewed_answer_and_outcome(
    client, kalmar, kommun_editor
):
    case = case_create(
        kommun=kalmar, source="form", theme="trafik", text="Ring mig på 070-123 45 67."
    )
    case_moderate(actor=kommun_editor, case=case, publish=True)
    case_answer(actor=kommun_editor, case=case, answer="Vi har satt upp farthinder.")
    case_close(
        actor=kommun_editor,
        case=case,
        reason="Farthinder på plats.",
        outcome=Outcome.FIXED,
    )
    body = client.get(
        reverse("cases:status", args=[case.reference.lower()])
    ).content.decode()
    assert "Vi gjorde:</strong> Vi har satt upp farthinder." in body
    assert "Åtgärdat" in body and "Farthinder på plats." in body
    assert "070-123" not in body  # the published text is screened
    assert "Kalmar kommun" in body


def test_a_merged_case_points_to_the_other(client, kalmar, kommun_editor):
    first = case_create(kommun=kalmar, source="form", theme="trafik", text="A")
    second = case_create(kommun=kalmar, source="form", theme="trafik", text="B")
    case_merge(actor=kommun_editor, case=second, into=first)
    body = client.get(reverse("cases:status", args=[second.reference])).content.decode()
    assert reverse("cases:status", args=[first.reference]) in body


def test_the_receipt_speaks_of_the_e_mail_only_as_it_was_given(client, kalmar):
    """ "If you left your e-mail …" read oddly to a resident who just had."""
    given = client.get(_report(client, kalmar, email="boende@example.org")["Location"])
    body = given.content.decode()
    assert "Om du lämnade din e-post" not in body
    assert "Vi har skickat ett mejl till din e-postadress" in body
    assert "boende@example.org" not in body  # the receipt never shows the address
    none = client.get(_report(client, kalmar)["Location"]).content.decode()
    assert "Du lämnade ingen e-postadress" in none
    assert "Vi har skickat ett mejl" not in none
