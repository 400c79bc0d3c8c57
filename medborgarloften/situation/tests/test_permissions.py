"""Who may read, report to and edit a kommun's lägesbild."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from medborgarloften.situation.permissions import (
    can_edit_situation,
    can_report,
    can_view_situation,
    kommuner_visible_to,
    reporting_organisation,
)


@pytest.mark.django_db
def test_it_lets_each_role_do_what_it_may(
    kalmar, kommun_admin, kommun_editor, kommun_reporter, kommun_viewer
):
    assert can_edit_situation(kommun_admin, kalmar)
    assert can_edit_situation(kommun_editor, kalmar)
    assert not can_edit_situation(kommun_reporter, kalmar)
    assert can_report(kommun_reporter, kalmar)
    assert not can_report(kommun_viewer, kalmar)
    assert can_view_situation(kommun_viewer, kalmar)


@pytest.mark.django_db
def test_it_lets_the_police_act_for_the_kommuner_they_serve(
    kalmar, nybro, polis_editor, lpo_kalmar
):
    assert can_report(polis_editor, kalmar)
    assert can_edit_situation(polis_editor, kalmar)
    assert not can_view_situation(polis_editor, nybro)
    assert reporting_organisation(polis_editor, kalmar) == lpo_kalmar


@pytest.mark.django_db
def test_it_keeps_other_kommuner_and_anonymous_visitors_out(
    kalmar, nybro, other_kommun_editor, superuser
):
    assert not can_view_situation(other_kommun_editor, kalmar)
    assert not can_view_situation(AnonymousUser(), kalmar)
    assert list(kommuner_visible_to(other_kommun_editor)) == [nybro]
    assert can_edit_situation(superuser, kalmar)
