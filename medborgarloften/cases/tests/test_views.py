from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from ..handling import case_answer
from ..models import Case, CaseSource, CaseStatus, Moderation
from ..services import case_create, case_moderate
from .conftest import KALMAR_POINT, jpeg_with_gps

# The form takes reports only for a kommun someone handles.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kalmar_handled")]


def _post(client, kalmar, **extra):
    data = {
        "theme": "trygghet_offentlig_miljo",
        "text": "Mörk gångväg bakom skolan.",
        "latitude": str(KALMAR_POINT[0]),
        "longitude": str(KALMAR_POINT[1]),
        "area": "",
        "place_text": "",
        "email": "",
        "website": "",
    }
    data.update(extra)
    return client.post(reverse("cases:report", args=[kalmar.code]), data)


def test_the_form_shows_the_map_and_the_fields(client, kalmar):
    response = client.get(reverse("cases:report", args=[kalmar.code]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-map-config="tyck-till-karta-config"' in body
    assert 'name="photo"' in body and 'enctype="multipart/form-data"' in body


def test_the_form_is_english_in_english_photo_help_too(client, kalmar):
    from django.conf import settings as conf

    client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("cases:report", args=[kalmar.code])).content.decode()
    assert "JPEG, PNG or WebP, at most" in body
    assert "Vi tar bort platsuppgifter" not in body


def test_a_resident_reports_a_place_with_a_photo(
    client, kalmar, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, kalmar, photo=jpeg_with_gps(), email="a@example.org")
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.source == CaseSource.FORM and case.photo
    assert case.moderation == Moderation.PENDING
    assert mail.outbox[0].to == ["a@example.org"]  # the confirmation link


def test_an_invalid_report_saves_nothing_and_says_why(client, kalmar):
    response = _post(client, kalmar, text="", latitude="59.33", longitude="18.07")
    assert response.status_code == 400
    assert not Case.objects.exists()
    body = response.content.decode()
    assert "Skriv vad det gäller." in body
    assert "utanför" in body


def test_the_honeypot_thanks_a_script_and_stores_nothing(client, kalmar):
    assert _post(client, kalmar, website="http://spam").status_code == 302
    assert not Case.objects.exists()


def test_an_unknown_kommun_is_404(client, db):
    assert client.get("/tyck-till/9999/").status_code == 404


def _public_case(kalmar, editor, text="Mörkt vid 070-123 45 67 bron."):
    case = case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme="trygghet_offentlig_miljo",
        text=text,
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
    )
    return case_moderate(actor=editor, case=case, publish=True)


def test_the_public_page_shows_moderated_cases_screened(client, kalmar, kommun_editor):
    shown = _public_case(kalmar, kommun_editor)
    case_answer(actor=kommun_editor, case=shown, answer="Ny belysning är på plats.")
    case_create(
        kommun=kalmar, source=CaseSource.FORM, theme="trafik", text="Ej granskad text"
    )
    body = client.get(reverse("cases:public", args=[kalmar.code])).content.decode()
    assert "Ny belysning är på plats." in body
    assert "070-123" not in body
    assert "Ej granskad text" not in body


def test_the_public_page_costs_a_fixed_number_of_queries(
    client, kalmar, kommun_editor, django_assert_max_num_queries
):
    for n in range(5):
        _public_case(kalmar, kommun_editor, text=f"Plats nummer {n}")
    with django_assert_max_num_queries(8):
        client.get(reverse("cases:public", args=[kalmar.code]))


def test_an_owner_cannot_open_another_owners_case(
    client, kalmar, rules, other_owner_user, owner_user
):
    case = case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme="trygghet_offentlig_miljo",
        text="Porten",
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
    )
    url = reverse("cases:staff_detail", args=[case.pk])
    client.force_login(other_owner_user)
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "answer", "answer": "x"}).status_code == 404
    client.force_login(owner_user)
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "answer", "answer": "Vi lagar porten."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED


def test_the_owner_sees_no_coordinator_actions(client, kalmar, rules, owner_user):
    case = case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme="trygghet_offentlig_miljo",
        text="Porten",
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
    )
    client.force_login(owner_user)
    body = client.get(reverse("cases:staff_detail", args=[case.pk])).content.decode()
    assert 'value="moderate"' not in body
    url = reverse("cases:staff_detail", args=[case.pk])
    response = client.post(url, {"action": "moderate", "publish": "1"})
    assert response.status_code == 403


def test_the_poster_has_a_qr_code_to_the_form_for_its_area(client, kalmar, berga):
    response = client.get(reverse("cases:poster", args=[kalmar.code, berga.pk]))
    body = response.content.decode()
    assert 'src="data:image/svg+xml' in body
    assert f"/tyck-till/{kalmar.code}/?omrade={berga.pk}" in body


def test_the_email_confirm_link_with_a_bad_token_says_so(client, db):
    response = client.post(reverse("cases:email_confirm", args=["trasig"]))
    assert "gäller inte längre" in response.content.decode()


def test_opening_the_confirm_link_asks_and_only_the_button_confirms(client, kalmar):
    # A mail scanner that follows every link confirmed the address (new-user
    # session); and the link carried the address in readable base64.
    import base64

    from ..notify import confirm_url

    case = Case.objects.create(
        kommun=kalmar,
        source="form",
        theme="belysning",
        text="Mörkt i tunneln.",
        email="boende@example.org",
    )
    url = confirm_url(case)
    token = url.rstrip("/").rsplit("/", 1)[-1]
    payload = token.split(":")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    assert b"boende" not in decoded and b"example.org" not in decoded
    page = client.get(url).content.decode()
    assert "Bekräfta adressen" in page
    case.refresh_from_db()
    assert not case.email_confirmed
    client.post(url)
    case.refresh_from_db()
    assert case.email_confirmed
    # A link for another address (the address was changed since) confirms nothing.
    other = Case.objects.create(
        kommun=kalmar,
        source="form",
        theme="belysning",
        text="x",
        email="forst@example.org",
    )
    old_link = confirm_url(other)
    Case.objects.filter(pk=other.pk).update(email="sedan@example.org")
    assert "gäller inte längre" in client.post(old_link).content.decode()


def test_staff_turn_a_dialogue_finding_into_a_case_from_the_dialogue_page(
    client, kalmar, kommun_editor
):
    import datetime as dt

    from medborgarloften.situation.models import Dialogue, DialogueFinding

    dialogue = Dialogue.objects.create(
        kommun=kalmar, kind="medborgardialog", held_on=dt.date(2026, 10, 1)
    )
    finding = DialogueFinding.objects.create(
        dialogue=dialogue,
        text="Mörkt vid busstationen.",
        theme="trygghet_offentlig_miljo",
    )
    client.force_login(kommun_editor)
    page = client.get(reverse("situation:dialogues", args=[kalmar.code]))
    url = reverse("cases:from_finding", args=[finding.pk])
    assert f'action="{url}"' in page.content.decode()
    response = client.post(url)
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:staff_detail", args=[case.pk])
    assert case.source == CaseSource.DIALOGUE
