"""English pages read as English in Sweden: dates day-month-year with the 24-hour
clock, and vocabulary labels (themes) in English where a model shows them."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.utils import translation

from medborgarloften.cases.models import Case
from medborgarloften.situation.models import CrimeStatistic, DialogueFinding


def _render(text: str, **context: object) -> str:
    return Template(text).render(Context(context))


def test_english_dates_put_the_day_first_and_use_the_24_hour_clock():
    when = dt.datetime(2026, 12, 21, 13, 5)
    with translation.override("en"):
        assert _render("{{ d|date }}", d=when.date()) == "21 December 2026"
        assert _render("{{ d }}", d=when.date()) == "21 December 2026"
        assert _render("{{ d|date:'DATETIME_FORMAT' }}", d=when) == (
            "21 December 2026, 13:05"
        )
    with translation.override("sv"):
        assert _render("{{ d|date }}", d=when.date()) == "21 december 2026"


def test_theme_labels_follow_the_language():
    for model in (DialogueFinding, CrimeStatistic, Case):
        record = model(theme="narkotika")
        with translation.override("en"):
            assert record.get_theme_display() == "Drugs"
        with translation.override("sv"):
            assert record.get_theme_display() == "Narkotika"
