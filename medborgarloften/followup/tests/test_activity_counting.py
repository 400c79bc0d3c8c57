"""The confirmation says when a logged activity does not count toward the target,
and "Senaste ändring" on the follow-up page reflects the latest activity."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from medborgarloften.followup.evidence import evidence_rows
from medborgarloften.followup.models import Activity
from medborgarloften.followup.selectors import activity_not_counted
from medborgarloften.followup.services import activity_create
from medborgarloften.promises.models import Commitment

pytestmark = pytest.mark.django_db


def _log(client, commitment, **data):
    payload = {"date": "2025-03-01", "kind": "trygghetsvandring", "quantity": "1"}
    payload.update(data)
    response = client.post(
        reverse("followup:activity_new", args=[commitment.pk]), payload
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


def test_an_activity_outside_the_commitments_areas_is_saved_and_said_not_to_count(
    client, kommun_editor, walks, berga, funkabo
):
    walks.areas.remove(funkabo)  # the commitment names Berga only
    client.force_login(kommun_editor)
    page = _log(client, walks, area=str(funkabo.pk))
    assert Activity.objects.filter(area=funkabo).exists()
    assert "räknas inte mot målet" in page
    assert "Funkabo är inte ett av åtagandets områden (Berga)" in page
    page = _log(client, walks, area=str(berga.pk))
    assert "räknas inte mot målet" not in page


def test_an_activity_without_an_area_on_a_per_area_target(walks, kommun_editor):
    activity = activity_create(
        commitment=walks, date=dt.date(2025, 3, 1), kind="vandring", actor=None
    )
    assert "har inget område" in activity_not_counted(activity)


def test_an_activity_after_the_deadline(promise):
    commitment = Commitment.objects.create(
        promise=promise, text="Kartläggning klar.", target_deadline=dt.date(2025, 1, 31)
    )
    late = activity_create(
        commitment=commitment, date=dt.date(2025, 3, 1), kind="kartläggning"
    )
    on_time = activity_create(
        commitment=commitment, date=dt.date(2025, 1, 15), kind="kartläggning"
    )
    assert "efter åtagandets sista dag, 2025-01-31" in activity_not_counted(late)
    assert activity_not_counted(on_time) == ""


def test_senaste_andring_shows_the_latest_activity(promise, patrols, kommun_editor):
    activity_create(
        commitment=patrols,
        date=dt.date(2025, 3, 1),
        kind="fotpatrull",
        quantity=3,
        actor=kommun_editor,
    )
    newest = activity_create(
        commitment=patrols,
        date=dt.date(2025, 2, 1),
        kind="kvällspatrull",
        actor=kommun_editor,
    )
    row = next(
        r
        for r in evidence_rows(promise=promise, today=dt.date(2025, 3, 2))
        if r.row.commitment == patrols
    )
    # changed last, though dated earlier
    assert row.row.last_logged == (newest.updated_at, newest.date, newest.kind)
    assert row.activity_is_latest


def test_the_dashboard_column_names_the_latest_activity(
    client, promise, patrols, kommun_editor
):
    for day, kind in (
        (dt.date(2025, 2, 3), "kvällspatrull"),
        (dt.date(2025, 2, 4), "fotpatrull"),
    ):
        # the first moves the status (recorded), the second moves none
        activity_create(commitment=patrols, date=day, kind=kind, actor=kommun_editor)
    client.force_login(kommun_editor)
    body = client.get(reverse("followup:dashboard", args=[promise.pk])).content
    assert "aktivitet 2025-02-04 fotpatrull" in body.decode()
