"""Follow-up reports: workflow, Brå's three layers, HTML, PDF, DOCX, the public URL."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from medborgarloften.followup.models import Report, ReportStatus
from medborgarloften.followup.reports import (
    chart_svg,
    report_context,
    report_docx_bytes,
    report_pdf_bytes,
)
from medborgarloften.followup.selectors import published_reports
from medborgarloften.followup.services import (
    StaleChange,
    activity_create,
    report_create,
    report_entries_save,
    report_set_status,
    report_update,
)


@pytest.fixture
def report(promise, walks, patrols, dialogue, berga, kommun_editor):
    activity_create(
        commitment=walks,
        date=dt.date(2025, 3, 1),
        kind="trygghetsvandring",
        area=berga,
        participants=12,
        hours=4,
        cost=500,
    )
    activity_create(
        commitment=patrols,
        date=dt.date(2025, 4, 2),
        kind="fotpatrullering",
        quantity=40,
    )
    return report_create(
        promise=promise,
        title="Uppföljning våren 2025",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 6, 30),
        actor=kommun_editor,
        process="Vandringarna gjordes med fastighetsägarna.",
    )


@pytest.mark.django_db
def test_it_creates_a_draft_with_a_row_per_commitment(report):
    assert report.status == ReportStatus.DRAFT
    assert report.entries.count() == 3


@pytest.mark.django_db
def test_it_refuses_a_report_range_outside_the_promise(promise):
    with pytest.raises(ValidationError) as excinfo:
        report_create(
            promise=promise,
            title=" ",
            period_start=dt.date(2027, 2, 1),
            period_end=dt.date(2027, 1, 1),
        )
    assert {"title", "period_start", "period_end"} <= set(excinfo.value.message_dict)


@pytest.mark.django_db
def test_it_walks_draft_approved_published_and_back(report, kommun_editor):
    with pytest.raises(ValidationError):
        report_set_status(report=report, status="published")
    report_set_status(report=report, status="approved", actor=kommun_editor)
    assert report.approved_by == kommun_editor
    report_set_status(report=report, status="published")
    assert report.published_at is not None
    assert published_reports(promise=report.promise) == [report]
    with pytest.raises(ValidationError):
        report_update(
            report=report,
            version=report.version,
            title="x",
            period_start=report.period_start,
            period_end=report.period_end,
            kind="followup",
        )
    report_set_status(report=report, status="draft")
    assert (report.published_at, report.approved_by) == (None, None)
    assert published_reports(promise=report.promise) == []


@pytest.mark.django_db
def test_it_returns_an_approved_report_to_draft_when_it_changes(report):
    report_set_status(report=report, status="approved")
    report_update(
        report=report,
        version=report.version,
        title="Uppföljning januari–juni 2025",
        period_start=report.period_start,
        period_end=report.period_end,
        kind="followup",
    )
    assert report.status == ReportStatus.DRAFT
    with pytest.raises(StaleChange):
        report_entries_save(report=report, version=1, texts={})


@pytest.mark.django_db
def test_it_does_not_publish_a_report_of_an_unpublished_promise(report):
    report.promise.status = "adopted"
    report.promise.save()
    report_set_status(report=report, status="approved")
    with pytest.raises(ValidationError) as excinfo:
        report_set_status(report=report, status="published")
    assert "Publicera löftet först" in excinfo.value.messages[0]


@pytest.mark.django_db
def test_it_builds_the_three_layers(report, walks, patrols):
    report_entries_save(
        report=report,
        version=report.version,
        texts={walks.pk: ("Berga klart, Funkabo i höst.", "Funkabo sköts upp.")},
    )
    context = report_context(report=report)
    walk, patrol, dialogue = context["items"]
    assert walk.assessment == "Berga klart, Funkabo i höst."
    assert walk.kinds[0].participants == 12
    assert patrol.row.progress.counted == 40
    assert "<svg" in patrol.chart and "40 av 100" in patrol.chart
    assert dialogue.chart == ""  # no chart without a measurable target
    assert context["totals"]["n"] == 2
    assert context["effect"].has_data is False


@pytest.mark.django_db
def test_it_compares_lägesbild_observations_with_the_time_before(report, kalmar):
    from medborgarloften.situation.models import Observation

    def observe(day):
        Observation.objects.create(
            kommun=kalmar,
            category="klotter",
            observed_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12))),
        )

    observe(dt.date(2024, 9, 1))  # before the promise: baseline
    observe(dt.date(2024, 10, 1))
    observe(dt.date(2025, 2, 1))
    effect = report_context(report=report)["effect"]
    assert effect.has_data
    assert effect.baseline_end == dt.date(2024, 12, 31)
    (klotter,) = effect.indicators
    assert (klotter.label, klotter.baseline, klotter.current, klotter.change) == (
        "Klotter",
        2,
        1,
        -1,
    )


def test_it_escapes_text_in_the_chart():
    from medborgarloften.followup.progress import Bucket, Status

    svg = chart_svg(
        title="<script>",
        buckets=[Bucket("A & B", None, None, 4, done=1, status=Status.BEHIND)],
    )
    assert "<script>" not in svg and "A &amp; B" in svg
    assert 'role="img"' in svg


@pytest.mark.django_db
def test_it_renders_a_pdf(report):
    data = report_pdf_bytes(report=report)
    assert data.startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Uppföljning våren 2025" in text
    assert "Produktion" in text and "Ingen lägesbildsdata ännu" in text


@pytest.mark.django_db
def test_it_renders_a_docx_kommuner_can_edit(report):
    from docx import Document

    document = Document(io.BytesIO(report_docx_bytes(report=report)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Uppföljning våren 2025" in text
    assert "Vandringarna gjordes med fastighetsägarna." in text
    assert "Ingen lägesbildsdata ännu." in text
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Berga" in cells and "Funkabo" in cells


@pytest.mark.django_db
def test_it_serves_a_published_report_publicly_and_hides_drafts(client, report):
    url = reverse("publishing:report", args=[report.uid])
    assert client.get(url).status_code == 404
    report_set_status(report=report, status="approved")
    assert client.get(url).status_code == 404
    report_set_status(report=report, status="published")
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Produktion: mål och utfall" in body
    assert 'lang="sv"' in body
    pdf = client.get(reverse("publishing:report_pdf", args=[report.uid]))
    assert pdf["Content-Type"] == "application/pdf"
    docx = client.get(reverse("publishing:report_docx", args=[report.uid]))
    assert docx.status_code == 200


@pytest.mark.django_db
def test_it_lets_editors_run_the_workflow_from_the_staff_page(
    client, kommun_editor, kommun_viewer, report, walks
):
    client.force_login(kommun_viewer)
    url = reverse("followup:report", args=[report.pk])
    assert client.get(url).status_code == 200
    status_url = reverse("followup:report_status", args=[report.pk, "approved"])
    assert client.post(status_url).status_code == 403
    client.force_login(kommun_editor)
    response = client.post(
        url,
        {
            "version": str(report.version),
            f"assessment-{walks.pk}": "Bra uppslutning.",
            f"not_done-{walks.pk}": "",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    client.post(status_url, {"version": str(report.version)})
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert (
        client.get(reverse("followup:report_pdf", args=[report.pk])).status_code == 200
    )


@pytest.mark.django_db
def test_it_creates_a_report_from_the_staff_form(client, kommun_editor, promise, walks):
    client.force_login(kommun_editor)
    url = reverse("followup:report_new", args=[promise.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": "evaluation",
            "title": "Slututvärdering",
            "period_start": "2025-01-01",
            "period_end": "2025-06-30",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.kind == "evaluation"
    page = client.get(response["Location"]).content.decode()
    assert "vad som förändrats i lägesbilden" in page


@pytest.mark.django_db
def test_it_creates_one_report_when_the_new_report_form_is_sent_twice(
    client, kommun_editor, promise
):
    """Issue 13: a double-submitted new report created two."""
    import re

    client.force_login(kommun_editor)
    url = reverse("followup:report_new", args=[promise.pk])
    page = client.get(url).content.decode()
    key = re.search(r'name="submission" value="([0-9a-f-]{36})"', page)
    assert key, "the new-report form carries its submission key"
    data = {
        "kind": "followup",
        "title": "Uppföljning våren",
        "period_start": "2025-01-01",
        "period_end": "2025-06-30",
        "submission": key.group(1),
    }
    first = client.post(url, data)
    again = client.post(url, data, follow=True)
    report = Report.objects.get()
    assert first["Location"] == reverse("followup:report", args=[report.pk])
    assert again.redirect_chain[-1][0] == first["Location"]
    assert "var redan skapat" in again.content.decode()
    assert report.entries.count() == promise.commitments.count()


@pytest.mark.django_db
def test_it_compares_the_frozen_baseline_with_the_indicators_now(report, kalmar, berga):
    from medborgarloften.promises.models import FocusArea
    from medborgarloften.situation.models import Observation
    from medborgarloften.situation.services import baseline_freeze

    def observe(day):
        Observation.objects.create(
            kommun=kalmar,
            category="klotter",
            area=berga,
            observed_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12))),
        )

    focus = FocusArea.objects.create(
        promise=report.promise, title="Klotter i Berga", themes=["skadegorelse"]
    )
    focus.areas.set([berga])
    for day in (dt.date(2024, 2, 1), dt.date(2024, 5, 1), dt.date(2024, 11, 1)):
        observe(day)
    baseline_freeze(promise=report.promise, on=dt.date(2025, 1, 1))
    observe(dt.date(2025, 3, 1))  # after adoption: moves "now", not the baseline
    effect = report_context(report=report)["effect"]
    assert effect.source == "baseline"
    reports = next(i for i in effect.indicators if "EST-rapporter" in i.label)
    assert reports.label.endswith(", Berga")
    # Now: the year up to the report end, 2024-07-01–2025-06-30.
    assert (reports.baseline, reports.current) == (3, 2)
    assert reports.change == -1
    assert reports.baseline_period == "2024-01-01–2024-12-31"
    body = report_docx_bytes(report=report)
    from docx import Document

    cells = [
        c.text
        for t in Document(io.BytesIO(body)).tables
        for r in t.rows
        for c in r.cells
    ]
    assert any(c.startswith("3 rapporter (2024-01-01–2024-12-31)") for c in cells)
    from django.template.loader import render_to_string

    html = render_to_string("followup/report_print.html", report_context(report=report))
    assert "Utgångsläget som frystes när löftet antogs" in html
    assert "3 rapporter (2024-01-01–2024-12-31)" in html


@pytest.mark.django_db
def test_the_report_documents_stay_swedish_under_their_swedish_language_tag(
    client, report
):
    from pypdf import PdfReader

    report_set_status(report=report, status="approved")
    report_set_status(report=report, status="published")
    english = {"accept-language": "en"}
    page = client.get(reverse("publishing:report", args=[report.uid]), headers=english)
    assert 'lang="en"' in page.content.decode()
    assert "Output: targets and results" in page.content.decode()
    pdf = client.get(
        reverse("publishing:report_pdf", args=[report.uid]), headers=english
    )
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Produktion: mål och utfall" in " ".join(text.split())
    assert "Output: targets" not in text


@pytest.mark.django_db
def test_the_pdf_is_tagged_pdf_ua_in_swedish_with_the_report_as_title(report):
    from medborgarloften.lib.tests.accessible_documents import assert_tagged_pdf

    kinds = assert_tagged_pdf(report_pdf_bytes(report=report), title=report.title)
    assert kinds["/H2"] >= 3, kinds  # production, process, effect
    assert kinds["/Table"] == 0 or kinds["/TH"] >= kinds["/Table"], kinds


@pytest.mark.django_db
def test_the_docx_is_in_swedish_with_header_rows_and_the_parties_as_author(
    report, kalmar, lpo_kalmar
):
    from medborgarloften.lib.tests.accessible_documents import (
        assert_accessible_docx,
        header_row_marked,
    )

    document = assert_accessible_docx(
        report_docx_bytes(report=report),
        title=report.title,
        author="; ".join(str(p) for p in report.promise.parties.order_by("kind")),
    )
    assert document.tables, "the fixture's commitments have per-part tables"
    assert all(header_row_marked(table) for table in document.tables)


@pytest.mark.django_db
def test_an_unpublished_report_pdf_says_utkast_on_every_page(report):
    """The draft PDF says "Utkast" before its title and in a header on every page
    (the Word file already said so); the published one does not."""
    from pypdf import PdfReader

    from medborgarloften.followup.models import Report

    # Long enough for more than one page.
    Report.objects.filter(pk=report.pk).update(summary="Lång sammanfattning. " * 900)
    report.refresh_from_db()
    pages = PdfReader(io.BytesIO(report_pdf_bytes(report=report))).pages
    assert len(pages) > 1
    first = " ".join(pages[0].extract_text().split())
    assert "Utkast: Uppföljning våren 2025" in first
    for page in pages:
        assert "Utkast – inte publicerad" in " ".join(page.extract_text().split())
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.PUBLISHED)
    report.refresh_from_db()
    text = "".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(report_pdf_bytes(report=report))).pages
    )
    assert "Utkast" not in text
