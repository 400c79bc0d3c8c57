"""The staff report page and form: a published report is not offered for editing,
a final evaluation gets a matching title, the assessment fields name their
commitment, and activity kinds are summed whatever their capitals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from medborgarloften.followup.models import Activity, Report, ReportStatus
from medborgarloften.followup.reports import report_context
from medborgarloften.followup.services import report_create


@pytest.fixture
def draft(promise, walks, patrols):
    return report_create(
        promise=promise,
        title="Uppföljning våren 2025",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 6, 30),
    )


@pytest.mark.django_db
def test_a_published_report_is_not_offered_for_editing(client, kommun_editor, draft):
    Report.objects.filter(pk=draft.pk).update(status=ReportStatus.PUBLISHED)
    client.force_login(kommun_editor)
    page = client.get(reverse("followup:report", args=[draft.pk])).content.decode()
    assert "Ändra texter och period" not in page
    edit = client.get(reverse("followup:report_edit", args=[draft.pk]))
    assert edit.status_code == 302
    assert edit["Location"] == reverse("followup:report", args=[draft.pk])


@pytest.mark.django_db
def test_a_final_evaluation_gets_a_matching_title(client, kommun_editor, promise):
    client.force_login(kommun_editor)
    url = reverse("followup:report_new", args=[promise.pk])
    page = client.get(url).content.decode()
    default = f"Uppföljning av {promise.title}"
    assert default in page
    response = client.post(
        url,
        {
            "kind": "evaluation",
            "title": default,  # the form's default, left as it was
            "period_start": "2025-01-01",
            "period_end": "2025-06-30",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.title == f"Slututvärdering av {promise.title}"


@pytest.mark.django_db
def test_a_title_the_user_wrote_is_kept(client, kommun_editor, promise):
    client.force_login(kommun_editor)
    client.post(
        reverse("followup:report_new", args=[promise.pk]),
        {
            "kind": "evaluation",
            "title": "Vår utvärdering",
            "period_start": "2025-01-01",
            "period_end": "2025-06-30",
        },
    )
    assert Report.objects.get().title == "Vår utvärdering"


@pytest.mark.django_db
def test_the_assessment_fields_name_their_commitment(
    client, kommun_editor, draft, walks
):
    client.force_login(kommun_editor)
    page = client.get(reverse("followup:report", args=[draft.pk])).content.decode()
    section = page[page.index('id="assess-heading"') :]
    legend = section[section.index("<legend>") : section.index("</legend>")]
    assert walks.text in legend
    assert "Bedömning av åtagande 1" in section


@pytest.mark.django_db
def test_activity_kinds_are_summed_whatever_their_capitals(draft, patrols):
    for kind, quantity in (
        ("Hastighetskontroll", 2),
        ("hastighetskontroll", 5),
        ("hastighetskontroll ", 3),
        ("Öppet möte", 1),
        ("öppet möte", 1),
    ):
        Activity.objects.create(
            commitment=patrols, date=dt.date(2025, 3, 1), kind=kind, quantity=quantity
        )
    context = report_context(report=draft)
    (item,) = [i for i in context["items"] if i.row.commitment.pk == patrols.pk]
    assert [(k.kind.casefold(), k.count, k.quantity) for k in item.kinds] == [
        ("hastighetskontroll", 3, 10),
        ("öppet möte", 2, 2),
    ]
    assert item.kinds[0].kind == "hastighetskontroll"  # the spelling used most
