"""The staff map shows the kommun's own EST counts exactly, as the weekly list and the
summary do; pages that may be published (the analysis, the lägesbild document) and
survey shares keep hiding groups of 1–4."""

from __future__ import annotations

import re

import pytest

from medborgarloften.situation.periods import parse_period
from medborgarloften.situation.selectors import area_map
from medborgarloften.situation.services import observation_create

from .conftest import at


def _reports(kalmar, area, n, *, category="nedskrapning"):
    for day in range(1, n + 1):
        observation_create(
            kommun=kalmar,
            category=category,
            observed_at=at(2024, 5, day, 21),
            area=area,
        )


@pytest.mark.django_db
def test_the_staff_map_shows_small_counts_as_the_summary_does(
    client, kommun_viewer, kalmar, areas
):
    _reports(kalmar, areas["Norrliden"], 2)
    _reports(kalmar, areas["Oxhagen"], 1, category="klotter")
    client.force_login(kommun_viewer)
    map_page = client.get(
        "/personal/lagesbild/0880/karta/?period=2024-05",
        headers={"accept-language": "sv"},
    ).content.decode()
    summary = client.get(
        "/personal/lagesbild/0880/sammanstallning/?period=2024-05",
        headers={"accept-language": "sv"},
    ).content.decode()
    assert "<title>Norrliden: 2 rapporter</title>" in map_page
    assert "<title>Oxhagen: 1 rapport</title>" in map_page
    assert "färre än 5" not in map_page
    for name, n in (("Norrliden", 2), ("Oxhagen", 1)):
        assert re.search(rf'<th scope="row">{name}</th><td>{n}</td>', summary)


@pytest.mark.django_db
def test_the_default_map_still_hides_one_to_four(kalmar, areas):
    _reports(kalmar, areas["Norrliden"], 3)
    period = parse_period("2024-05")
    hidden = {s.area.name: s for s in area_map(kommun=kalmar, period=period).shapes}
    exact = {
        s.area.name: s
        for s in area_map(kommun=kalmar, period=period, exact_counts=True).shapes
    }
    assert hidden["Norrliden"].figure.suppressed
    assert hidden["Norrliden"].label == "färre än 5"
    assert not exact["Norrliden"].figure.suppressed
    assert exact["Norrliden"].figure.value == 3


@pytest.mark.django_db
def test_the_legend_has_one_class_per_count_when_counts_are_few(kalmar, areas):
    _reports(kalmar, areas["Norrliden"], 2)
    data = area_map(kommun=kalmar, period=parse_period("2024-05"), exact_counts=True)
    assert [item["label"] for item in data.legend] == ["0", "1", "2"]
    fills = {s.area.name: s.fill for s in data.shapes}
    assert fills["Oxhagen"] == data.legend[0]["fill"]  # none: the lightest
    assert fills["Norrliden"] == data.legend[-1]["fill"]


@pytest.mark.django_db
def test_the_period_field_gives_examples_from_today_and_no_future_period(
    client, kommun_viewer, kalmar
):
    from django.utils import timezone

    from medborgarloften.situation.periods import period_containing

    client.force_login(kommun_viewer)
    today = timezone.localdate()
    for url in ("karta/?period=2024", "brannpunkter/?period=2024"):
        content = client.get(
            f"/personal/lagesbild/0880/{url}", headers={"accept-language": "sv"}
        ).content.decode()
        week = period_containing("week", today).code
        assert f"Period, till exempel {week}, " in content
        assert "2025-W45" not in content
        assert 'type="text"' in content and 'list="id_period_choices"' in content
        nxt = period_containing("week", today).following().code
        assert f'<option value="{nxt}">' not in content
