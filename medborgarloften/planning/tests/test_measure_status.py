"""A measure's responsible organisation, or the kommun's editors, report how it is
going; the plan page shows the newest report as the measure's reported status."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from medborgarloften.planning.models import MeasureStatus
from medborgarloften.planning.services.statuses import measure_status_report

from .conftest import build_plan

pytestmark = pytest.mark.django_db


def test_the_responsible_organisation_reports_a_measures_status(
    client, world, polis_editor
):
    built = build_plan(world)
    measure = built.measure
    measure.responsible = world.lpo
    measure.save()
    from medborgarloften.accounts.models import Membership, User

    reporter = User.objects.create_user(username="polisrapp", password="x-12345678")
    Membership.objects.create(user=reporter, organisation=world.lpo, role="reporter")
    client.force_login(reporter)
    page = client.get(reverse("planning:plan", args=[built.plan.pk])).text
    url = reverse("planning:measure_status", args=[measure.pk])
    assert url in page
    assert client.get(url).status_code == 200
    answer = client.post(url, {"status": "behind", "note": "Leveransen dröjer"})
    assert answer.status_code == 302
    report = MeasureStatus.objects.get(measure=measure)
    assert report.status == "behind" and report.organisation == world.lpo
    page = client.get(reverse("planning:plan", args=[built.plan.pk])).text
    assert "Försenat (rapporterat" in page
    assert "Leveransen dröjer" in page


def test_others_cannot_report_and_a_draft_has_no_status(
    client, world, kommun_viewer, other_kommun_editor
):
    built = build_plan(world, adopt=False)
    with pytest.raises(ValidationError):
        measure_status_report(actor=world.editor, measure=built.measure, status="done")
    from medborgarloften.planning import services

    services.plan_adopt(
        actor=world.editor,
        plan=built.plan,
        adopted_on=built.plan.situation_report.adopted_on,
        decision_body="KF",
        diarienummer="KS 1",
    )
    built.measure.refresh_from_db()
    with pytest.raises(PermissionDenied):
        measure_status_report(actor=kommun_viewer, measure=built.measure, status="done")
    with pytest.raises(ValidationError):
        measure_status_report(actor=world.editor, measure=built.measure, status="x")
    client.force_login(other_kommun_editor)
    url = reverse("planning:measure_status", args=[built.measure.pk])
    assert client.post(url, {"status": "done"}).status_code == 403
    client.force_login(kommun_viewer)
    page = client.get(reverse("planning:plan", args=[built.plan.pk])).text
    assert url not in page
    assert client.get(url).status_code == 403
    assert client.post(url, {"status": "done"}).status_code == 403
    assert not MeasureStatus.objects.exists()
    measure_status_report(actor=world.editor, measure=built.measure, status="done")
    assert MeasureStatus.objects.get().organisation == world.kommun
