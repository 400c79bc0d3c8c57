"""Correcting and removing an EST report: the reporter for two weeks, the kommun's
editors always; the rollups follow; a reporter starts on the report page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from medborgarloften.accounts.models import Membership, User
from medborgarloften.situation.models import Observation, ObservationCount
from medborgarloften.situation.services import (
    observation_create,
    observation_delete,
    observation_update,
)

PASSWORD = "test-losenord-123"
BASE = "/personal/lagesbild/0880/rapportera/"


def _filed(kalmar, reporter, area, **extra):
    return observation_create(
        kommun=kalmar,
        category="klotter",
        observed_at=timezone.now() - dt.timedelta(hours=1),
        reporter=reporter,
        area=area,
        text="Klotter på muren.",
        **extra,
    )


def _form(observation, **changes):
    data = {
        "category": observation.category,
        "area": observation.area_id or "",
        "observed_at": timezone.localtime(observation.observed_at).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "text": observation.text,
    }
    return data | changes


@pytest.mark.django_db
def test_the_reporter_corrects_their_report_and_the_counts_follow(
    client, kalmar, kommun_reporter, areas
):
    observation = _filed(kalmar, kommun_reporter, areas["Centrum"])
    client.force_login(kommun_reporter)
    page = client.get(BASE).content.decode()
    assert "Dina rapporter de senaste två veckorna" in page
    assert f"{BASE}{observation.pk}/" in page
    response = client.post(
        f"{BASE}{observation.pk}/",
        _form(observation, category="skadegorelse", area=areas["Norrliden"].pk),
    )
    assert response.status_code == 302
    observation.refresh_from_db()
    assert (observation.category, observation.area) == (
        "skadegorelse",
        areas["Norrliden"],
    )
    counts = {(c.area_key, c.category): c.n for c in ObservationCount.objects.all()}
    assert counts == {(areas["Norrliden"].pk, "skadegorelse"): 1}
    assert "Rapporten är ändrad" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_a_correction_is_checked_as_a_new_report(
    client, kalmar, kommun_reporter, areas
):
    observation = _filed(kalmar, kommun_reporter, areas["Centrum"])
    client.force_login(kommun_reporter)
    response = client.post(
        f"{BASE}{observation.pk}/",
        _form(observation, area="", latitude="59.9", longitude="10.0"),
    )
    assert response.status_code == 200
    assert "ligger utanför Sverige" in response.content.decode()
    observation.refresh_from_db()
    assert observation.area == areas["Centrum"]


@pytest.mark.django_db
def test_the_reporter_removes_a_report_after_confirming(
    client, kalmar, kommun_reporter, areas
):
    observation = _filed(kalmar, kommun_reporter, areas["Centrum"])
    client.force_login(kommun_reporter)
    page = client.get(f"{BASE}{observation.pk}/ta-bort/")
    assert "Ta bort rapporten?" in page.content.decode()
    assert Observation.objects.exists()
    response = client.post(f"{BASE}{observation.pk}/ta-bort/")
    assert response["Location"] == BASE
    assert not Observation.objects.exists()
    assert not ObservationCount.objects.exists()


@pytest.mark.django_db
def test_a_reporter_may_not_change_others_or_old_reports(
    client, kalmar, kommun_reporter, kommun_editor, areas
):
    others = _filed(kalmar, kommun_editor, areas["Centrum"])
    own_old = _filed(kalmar, kommun_reporter, areas["Centrum"])
    Observation.objects.filter(pk=own_old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=15)
    )
    client.force_login(kommun_reporter)
    for observation in (others, own_old):
        assert client.get(f"{BASE}{observation.pk}/").status_code == 403
        assert client.post(f"{BASE}{observation.pk}/ta-bort/").status_code == 403
    assert Observation.objects.count() == 2
    # The service refuses too, whoever calls it.
    own_old.refresh_from_db()
    with pytest.raises(PermissionDenied):
        observation_delete(actor=kommun_reporter, observation=own_old)
    with pytest.raises(PermissionDenied):
        observation_update(
            actor=kommun_reporter,
            observation=others,
            category="annat",
            observed_at=others.observed_at,
            area=others.area,
        )
    # An old report is no longer offered on the report page.
    page = client.get(BASE).content.decode()
    assert f"{BASE}{own_old.pk}/" not in page


@pytest.mark.django_db
def test_an_editor_corrects_any_report_from_the_week_list(
    client, kalmar, kommun_reporter, kommun_editor, kommun_viewer, areas
):
    observation = _filed(kalmar, kommun_reporter, areas["Centrum"])
    Observation.objects.filter(pk=observation.pk).update(
        created_at=timezone.now() - dt.timedelta(days=40)
    )
    client.force_login(kommun_viewer)
    week = client.get("/personal/lagesbild/0880/vecka/").content.decode()
    assert f"{BASE}{observation.pk}/" not in week
    assert client.get(f"{BASE}{observation.pk}/").status_code == 403
    client.force_login(kommun_editor)
    week = client.get("/personal/lagesbild/0880/vecka/").content.decode()
    assert f"{BASE}{observation.pk}/?next=vecka" in week
    observation.refresh_from_db()
    response = client.post(
        f"{BASE}{observation.pk}/", _form(observation, text="Sanerat.", next="vecka")
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/personal/lagesbild/0880/vecka/?period=")
    observation.refresh_from_db()
    assert observation.text == "Sanerat."


@pytest.mark.django_db
def test_a_report_of_another_kommun_is_not_found_under_this_one(
    client, kalmar, nybro, kommun_reporter, areas
):
    observation = _filed(kalmar, kommun_reporter, areas["Centrum"])
    client.force_login(kommun_reporter)
    assert (
        client.get(f"/personal/lagesbild/0881/rapportera/{observation.pk}/").status_code
        == 404
    )


@pytest.mark.django_db
def test_a_reporter_signs_in_to_the_report_page(client, kalmar, kommun_reporter):
    response = client.post(
        "/konto/logga-in/", {"username": "kommun_reporter", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == BASE


@pytest.mark.django_db
def test_others_sign_in_to_the_promises(client, kalmar, nybro, kommun_editor):
    response = client.post(
        "/konto/logga-in/", {"username": "kommun_editor", "password": PASSWORD}
    )
    assert response["Location"] == "/personal/"
    # A reporter for two kommuner has no one report page to start on.
    both = User.objects.create_user(username="both", password=PASSWORD)
    Membership.objects.create(user=both, organisation=kalmar, role="reporter")
    Membership.objects.create(user=both, organisation=nybro, role="reporter")
    client.logout()
    response = client.post(
        "/konto/logga-in/", {"username": "both", "password": PASSWORD}
    )
    assert response["Location"] == "/personal/"
