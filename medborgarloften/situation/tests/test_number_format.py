"""The lägesbild's figures follow the page's language: one helper
(``lib.numbers``) behind the template filters, the map and the priorities."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from medborgarloften.situation.selectors.maps import _legend

NBSP = "\u00a0"


def _render(value, language):
    template = Template(
        "{% load situation_tags %}{{ v|number }}|{{ v|number:1 }}|{{ v|localized }}"
    )
    with translation.override(language):
        return template.render(Context({"v": value}))


def test_the_filters_write_numbers_as_the_language_does():
    assert _render(10439.44, "sv") == f"10{NBSP}439|10{NBSP}439,4|10{NBSP}439,44"
    assert _render(10439.44, "en") == "10,439|10,439.4|10,439.44"
    assert _render(None, "sv") == "–|–|–"


def test_the_map_legend_groups_large_counts():
    with translation.override("sv"):
        labels = [row["label"] for row in _legend([0.0, 25000.0], 0.0, 25000.0, "")]
    assert labels[-1] == f"20{NBSP}000–25{NBSP}000"
