"""Staff pages for activities: quick entry, edit with locking, delete, import, roles."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.urls import reverse

from medborgarloften.followup.models import Activity
from medborgarloften.followup.services import activity_create

PASSWORD = "test-losenord-123"


@pytest.fixture
def as_user(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in


def _post_activity(client, commitment, **data):
    payload = {"date": "2025-03-01", "kind": "fotpatrullering", "quantity": "1"}
    payload.update(data)
    return client.post(reverse("followup:activity_new", args=[commitment.pk]), payload)


@pytest.mark.django_db
def test_it_logs_an_activity_from_the_quick_form(as_user, kommun_editor, walks, berga):
    client = as_user(kommun_editor)
    page = client.get(reverse("followup:activity_new", args=[walks.pk]))
    assert page.status_code == 200
    assert 'name="quantity"' in page.content.decode()
    assert (
        page.context["form"].initial["organisation"] == walks.promise.kommuner()[0].pk
    )
    response = _post_activity(
        client, walks, kind="trygghetsvandring", area=str(berga.pk), quantity="2"
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.area, activity.quantity, activity.created_by) == (
        berga,
        2,
        kommun_editor,
    )
    # The form comes back for the next one, showing the progress made.
    page = client.get(response["Location"])
    assert "Aktiviteten är sparad." in page.content.decode()
    assert 'data-progress="50"' in page.content.decode()


@pytest.mark.django_db
def test_it_shows_service_errors_on_the_field(as_user, kommun_editor, patrols):
    response = _post_activity(as_user(kommun_editor), patrols, date="2024-06-01")
    body = response.content.decode()
    assert response.status_code == 200
    assert "utanför löftets period" in body
    assert 'id="error-summary"' in body
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_it_names_the_field_of_an_absurd_quantity(as_user, kommun_editor, patrols):
    response = _post_activity(as_user(kommun_editor), patrols, quantity="5000")
    assert "Antal: 5000 är orimligt många för en aktivitet (högst 1000)" in (
        response.content.decode()
    )
    response = _post_activity(as_user(kommun_editor), patrols, quantity="0")
    assert "Antal: ska vara minst 1." in response.content.decode()
    response = _post_activity(as_user(kommun_editor), patrols, hours="-2")
    assert "Timmar: kan inte vara negativt." in response.content.decode()
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_it_lets_reporters_log_but_not_viewers_or_other_kommuner(
    as_user, client, kommun_reporter, kommun_viewer, other_kommun_editor, patrols
):
    assert _post_activity(as_user(kommun_reporter), patrols).status_code == 302
    for user in (kommun_viewer, other_kommun_editor):
        client.force_login(user)
        assert _post_activity(client, patrols).status_code == 403
    assert Activity.objects.count() == 1


@pytest.mark.django_db
def test_it_lets_a_reporter_change_only_their_own_activities(
    as_user, kommun_reporter, kommun_editor, patrols
):
    own = activity_create(
        commitment=patrols, date=dt.date(2025, 3, 1), kind="x", actor=kommun_reporter
    )
    other = activity_create(
        commitment=patrols, date=dt.date(2025, 3, 1), kind="y", actor=kommun_editor
    )
    client = as_user(kommun_reporter)
    assert (
        client.get(reverse("followup:activity_edit", args=[own.pk])).status_code == 200
    )
    assert (
        client.get(reverse("followup:activity_edit", args=[other.pk])).status_code
        == 403
    )


@pytest.mark.django_db
def test_it_refuses_a_stale_edit_with_an_explanation(as_user, kommun_editor, patrols):
    activity = activity_create(
        commitment=patrols, date=dt.date(2025, 3, 1), kind="kontroll"
    )
    client = as_user(kommun_editor)
    url = reverse("followup:activity_edit", args=[activity.pk])
    form = {"date": "2025-03-01", "kind": "kontroll", "quantity": "2", "version": "1"}
    assert client.post(url, form).status_code == 302
    response = client.post(url, {**form, "quantity": "7"})  # read at version 1 too
    assert response.status_code == 409
    assert "Någon annan sparade aktiviteten" in response.content.decode()
    activity.refresh_from_db()
    assert (activity.quantity, activity.version) == (2, 2)


@pytest.mark.django_db
def test_it_deletes_after_confirmation(as_user, kommun_editor, patrols):
    activity = activity_create(
        commitment=patrols, date=dt.date(2025, 3, 1), kind="kontroll"
    )
    client = as_user(kommun_editor)
    url = reverse("followup:activity_delete", args=[activity.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"version": "1"}).status_code == 302
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_version_in_superscript_digits_is_stale_not_a_server_error(
    as_user, kommun_editor, patrols
):
    activity = activity_create(
        commitment=patrols, date=dt.date(2025, 3, 1), kind="kontroll"
    )
    client = as_user(kommun_editor)
    client.raise_request_exception = False
    url = reverse("followup:activity_delete", args=[activity.pk])
    # '²'.isdigit() is true, int('²') fails: this was a 500.
    assert client.post(url, {"version": "²"}).status_code == 409
    assert Activity.objects.filter(pk=activity.pk).exists()


@pytest.mark.django_db
def test_it_previews_an_import_then_saves_all_rows(
    as_user, kommun_editor, promise, walks, patrols
):
    client = as_user(kommun_editor)
    url = reverse("followup:import", args=[promise.pk])
    data = "Åtagande;Datum;Typ;Område\n1;2025-03-04;trygghetsvandring;Berga\n"
    data += "2;2025-03-05;fotpatrullering;\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("lista.csv", data.encode("cp1252"))
    preview = client.post(url, {"file": upload})
    body = preview.content.decode()
    assert "2 aktiviteter är klara att sparas" in body
    assert not Activity.objects.exists()
    payload = base64.b64encode(data.encode("cp1252")).decode()
    saved = client.post(url, {"payload": payload, "filename": "lista.csv"})
    assert saved.status_code == 302
    assert Activity.objects.count() == 2


@pytest.mark.django_db
def test_it_lists_row_errors_and_saves_nothing(as_user, kommun_editor, promise, walks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = as_user(kommun_editor)
    data = b"\xef\xbb\xbfnr;datum;typ\n1;2025-03-04;x\n9;2025-03-04;y\n"
    response = client.post(
        reverse("followup:import", args=[promise.pk]),
        {"file": SimpleUploadedFile("a.csv", data)},
    )
    body = response.content.decode()
    assert "Rad 3" in body and "inget åtagande nummer 9" in body
    assert 'name="payload"' not in body  # no save button
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_it_lists_activities_for_members(as_user, kommun_viewer, promise, patrols):
    activity_create(commitment=patrols, date=dt.date(2025, 3, 1), kind="kontroll")
    response = as_user(kommun_viewer).get(
        reverse("followup:activities", args=[promise.pk])
    )
    assert response.status_code == 200
    assert "kontroll" in response.content.decode()


@pytest.mark.django_db
def test_the_activity_list_stacks_on_a_phone(as_user, kommun_viewer, promise, patrols):
    """The list is a stack-narrow table: on a phone each activity is a card with
    every cell under its column's name, so "Ändra" is never off-screen."""
    import re

    activity_create(commitment=patrols, date=dt.date(2025, 3, 1), kind="kontroll")
    html = (
        as_user(kommun_viewer)
        .get(reverse("followup:activities", args=[promise.pk]))
        .content.decode()
    )
    table = html[html.index("<table") : html.index("</table>")]
    assert 'class="stack-narrow"' in table
    row = table[table.index("<tbody>") :]
    cells = re.findall(r"<td[^>]*>", row)
    labelled = [c for c in cells if "data-label=" in c]
    assert len(labelled) >= 6, cells
    for label in ("Datum", "Åtagande", "Vad", "Antal", "Område", "Utförd av"):
        assert f'data-label="{label}"' in row


@pytest.mark.django_db
def test_it_sends_anonymous_visitors_to_the_login_page(client, promise):
    response = client.get(reverse("followup:dashboard", args=[promise.pk]))
    assert response.status_code == 302
    assert "/konto/" in response["Location"]


@pytest.mark.django_db
def test_the_same_activity_form_sent_twice_saves_once(as_user, kommun_editor, walks):
    client = as_user(kommun_editor)
    page = client.get(reverse("followup:activity_new", args=[walks.pk]))
    key = page.context["form"].initial["submission"]
    assert f'value="{key}"' in page.content.decode()
    first = _post_activity(client, walks, submission=str(key))
    again = _post_activity(client, walks, submission=str(key))
    assert first.status_code == again.status_code == 302
    assert Activity.objects.count() == 1
    notice = client.get(again["Location"]).content.decode()
    assert "Aktiviteten var redan sparad" in notice
    # A new form has a new key and saves a new activity.
    fresh = client.get(reverse("followup:activity_new", args=[walks.pk]))
    assert fresh.context["form"].initial["submission"] != key
    _post_activity(
        client, walks, submission=str(fresh.context["form"].initial["submission"])
    )
    assert Activity.objects.count() == 2


@pytest.mark.django_db
def test_a_key_from_another_commitment_is_refused(
    as_user, kommun_editor, walks, patrols
):
    client = as_user(kommun_editor)
    key = "0b7f3c1e-1111-4222-8333-944455556666"
    assert _post_activity(client, walks, submission=key).status_code == 302
    response = _post_activity(client, patrols, submission=key)
    assert response.status_code == 200
    assert "ett annat åtagande" in response.content.decode()
    assert Activity.objects.count() == 1


@pytest.mark.django_db
def test_an_import_confirmed_twice_saves_its_rows_once(
    as_user, kommun_editor, promise, walks, patrols
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = as_user(kommun_editor)
    url = reverse("followup:import", args=[promise.pk])
    data = "Åtagande;Datum;Typ\n1;2025-03-04;trygghetsvandring\n2;2025-03-05;fotpatrullering\n"
    preview = client.post(url, {"file": SimpleUploadedFile("l.csv", data.encode())})
    key = str(preview.context["submission"])
    assert f'name="submission" value="{key}"' in preview.content.decode()
    payload = base64.b64encode(data.encode()).decode()
    confirm = {"payload": payload, "filename": "l.csv", "submission": key}
    assert client.post(url, confirm).status_code == 302
    again = client.post(url, confirm)
    assert again.status_code == 302
    assert Activity.objects.count() == 2
    assert "redan sparade" in client.get(again["Location"]).content.decode()
    # The same file confirmed from a new preview is a new import.
    confirm["submission"] = "9d2f4c1e-2222-4333-8444-955566667777"
    client.post(url, confirm)
    assert Activity.objects.count() == 4
