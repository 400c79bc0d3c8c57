"""Pages that list police events say where the archive ends (never a silent zero),
and the period arrows never offer a period that has not begun."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from medborgarloften.situation.periods import period_containing
from medborgarloften.situation.services import events_store


def _event(event_id: int, when: str, title: str) -> tuple[str, dict]:
    return (
        f"#{event_id}",
        {
            "id": event_id,
            "datetime": when,
            "name": title,
            "summary": "Invented for the test.",
            "url": f"/aktuellt/handelser/test/{event_id}/",
            "type": title.split(", ")[1],
            "location": {"name": "Kalmar", "gps": "56.661333,16.363587"},
        },
    )


@pytest.fixture
def archive(kalmar):
    events_store(
        records=[
            _event(1, "2024-03-05 10:00:00 +01:00", "5 mars 09.40, Stöld, Kalmar"),
            _event(2, "2024-03-07 22:10:00 +01:00", "7 mars 21.55, Brand, Kalmar"),
        ]
    )


@pytest.mark.django_db
def test_a_later_week_says_where_the_events_end_and_links_that_week(
    client, archive, kommun_viewer
):
    client.force_login(kommun_viewer)
    content = client.get(
        "/personal/lagesbild/0880/vecka/?period=2024-W20",
        headers={"accept-language": "sv"},
    ).content.decode()
    assert "Polisens händelser finns till och med 7 mars 2024." in content
    assert 'href="?period=2024-W10"' in content


@pytest.mark.django_db
def test_the_week_with_the_last_events_lists_them_and_does_not_link_itself(
    client, archive, kommun_viewer
):
    client.force_login(kommun_viewer)
    content = client.get(
        "/personal/lagesbild/0880/vecka/?period=2024-W10",
        headers={"accept-language": "sv"},
    ).content.decode()
    assert "7 mars 21.55, Brand, Kalmar" in content
    assert "Visa vecka 10 2024" not in content


@pytest.mark.django_db
def test_a_kommun_without_archived_events_says_so(client, kalmar, kommun_viewer):
    client.force_login(kommun_viewer)
    content = client.get(
        "/personal/lagesbild/0880/vecka/?period=2024-W10",
        headers={"accept-language": "sv"},
    ).content.decode()
    assert "Inga av Polisens händelser är inlästa för" in content


@pytest.mark.django_db
def test_hotspots_for_a_year_past_the_archive_say_where_the_events_end(
    client, archive, kommun_viewer
):
    client.force_login(kommun_viewer)
    content = client.get(
        "/personal/lagesbild/0880/brannpunkter/?period=2024",
        headers={"accept-language": "sv"},
    ).content.decode()
    assert "Polisens händelser finns till och med 7 mars 2024." in content
    # The year that holds the last day is the year asked for: no link to itself.
    assert 'href="?period=2024"' not in content.split("finns till och med")[1][:200]


@pytest.mark.django_db
def test_the_arrows_do_not_offer_a_period_that_has_not_begun(
    client, kalmar, kommun_viewer
):
    client.force_login(kommun_viewer)
    this_week = period_containing("week", timezone.localdate())
    content = client.get(
        f"/personal/lagesbild/0880/vecka/?period={this_week.code}"
    ).content.decode()
    assert f"?period={this_week.previous().code}" in content
    assert f"?period={this_week.following().code}" not in content
    older = period_containing("week", timezone.localdate() - dt.timedelta(days=21))
    content = client.get(
        f"/personal/lagesbild/0880/vecka/?period={older.code}"
    ).content.decode()
    assert f"?period={older.following().code}" in content
