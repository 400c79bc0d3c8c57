"""The lägesbild's revision deadline is on the "Att göra" of the kommun's editors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from medborgarloften.planning.todo import planning_todo

from .conftest import adopt_report

pytestmark = pytest.mark.django_db


def test_an_overdue_revision_is_on_att_gora(client, world, kommun_viewer, monkeypatch):
    report = adopt_report(world)  # 2026-01-20, revised every 12 months
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a: dt.date(2026, 6, 1)
    )
    assert planning_todo(world.editor) == []  # not due yet
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a: dt.date(2027, 2, 1)
    )
    [entry] = planning_todo(world.editor)
    assert "2027-01-20" in entry.text
    assert entry.link == reverse("planning:report", args=[report.pk])
    assert planning_todo(kommun_viewer) == []  # a viewer does not revise
    client.force_login(world.editor)
    page = client.get(reverse("followup:reminders")).text
    assert "Revideringen av lägesbilden är försenad" in page
    assert reverse("planning:report", args=[report.pk]) in page
