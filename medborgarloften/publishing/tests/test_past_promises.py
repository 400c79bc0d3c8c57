"""A promise of an earlier period, imported afterwards: residents are not told that
every commitment is late when its follow-up was never recorded here, while a
current promise without progress still is (that is the accountability)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from medborgarloften.promises.models import PromiseStatus

from .test_pages import _log
from .test_views import _promise

UNRECORDED = "Ingen uppföljning registrerad i systemet"


def _years_ago(years: int) -> dt.date:
    today = timezone.localdate()
    return dt.date(today.year - years, 1, 1)


@pytest.fixture
def past(superuser, kalmar, lpo_kalmar):
    return _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Medborgarlöfte förr",
        period_start=_years_ago(3),
        period_end=_years_ago(2) - dt.timedelta(days=1),
        commitments=3,
    )


@pytest.fixture
def current(superuser, kalmar, lpo_kalmar):
    return _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Medborgarlöfte nu",
        period_start=_years_ago(2),
        period_end=_years_ago(-2) - dt.timedelta(days=1),
        commitments=2,
    )


def _page(client, promise) -> str:
    response = client.get(reverse("publishing:promise", args=[promise.uid]))
    assert response.status_code == 200
    return response.content.decode()


def _api_statuses(client, promise) -> list[tuple[str, str]]:
    response = client.get(f"/api/v1/commitments?promise={promise.uid}")
    assert response.status_code == 200
    return [
        (row["progress_status"], row["progress_status_label"])
        for row in response.json()["data"]
    ]


def test_it_says_no_follow_up_is_recorded_for_an_ended_promise_without_any(
    client, past
):
    html = _page(client, past)
    assert html.count(UNRECORDED) == 3
    assert "Försenat" not in html
    assert "förväntat hittills" not in html
    assert "<progress" not in html
    assert _api_statuses(client, past) == [("unrecorded", UNRECORDED)] * 3


def test_it_still_calls_a_current_promise_without_progress_late(client, current):
    html = _page(client, current)
    assert "Försenat" in html
    assert UNRECORDED not in html
    assert {status for status, _ in _api_statuses(client, current)} == {"overdue"}


def test_it_keeps_an_ended_promise_with_recorded_follow_up_accountable(client, past):
    _log(past, 1, number=0, day=past.period_start + dt.timedelta(days=10))
    html = _page(client, past)
    assert UNRECORDED not in html
    assert "Försenat" in html  # commitments 2 and 3 missed their targets
    statuses = [status for status, _ in _api_statuses(client, past)]
    assert statuses == ["done", "overdue", "overdue"]
    # One commitment without activities read alone agrees with the page.
    second = past.commitments.order_by("position", "pk")[1]
    row = client.get(f"/api/v1/commitments/{second.pk}").json()
    assert row["progress_status"] == "overdue"


def _adopted(client, superuser, parties, *, years: tuple[int, int]):
    """An adopted promise from ``years[0]`` years ago to ``years[1]`` years ago,
    and the address that publishes it, for a signed-in coordinator."""
    promise = _promise(
        superuser,
        parties,
        status="adopted",
        period_start=_years_ago(years[0]),
        period_end=_years_ago(years[1]) - dt.timedelta(days=1),
        commitments=2,
    )
    client.force_login(superuser)
    return promise, reverse("promises:status", args=[promise.pk, "published"])


def test_a_historical_promise_shows_no_delay_for_commitments_without_activities(
    client, superuser, kalmar, lpo_kalmar
):
    promise, url = _adopted(client, superuser, [kalmar, lpo_kalmar], years=(3, 2))
    _log(promise, 1, number=0, day=promise.period_start + dt.timedelta(days=3))
    confirm = client.get(url).content.decode()
    # Suggested for a promise whose period has ended.
    assert 'name="historical" value="1" checked' in confirm
    client.post(url, {"historical": "1"})
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.PUBLISHED and promise.historical
    client.logout()
    html = _page(client, promise)
    assert html.count(UNRECORDED) == 2  # the badge's title and commitment 2
    assert "Försenat" not in html
    assert "Historiskt" in html
    kommun = client.get(reverse("publishing:kommun", args=["0880"])).content.decode()
    assert "Historiskt" in kommun


def test_publishing_without_the_box_leaves_a_current_promise_accountable(
    client, superuser, kalmar, lpo_kalmar
):
    promise, url = _adopted(client, superuser, [kalmar, lpo_kalmar], years=(2, -2))
    assert (
        'name="historical" value="1" aria-describedby'
        in client.get(url).content.decode()
    )
    client.post(url, {})
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.PUBLISHED and not promise.historical


def test_it_keeps_the_page_of_an_ended_promise_within_the_query_budget(
    client, past, django_assert_max_num_queries
):
    with django_assert_max_num_queries(13):
        _page(client, past)
