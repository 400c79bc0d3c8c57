"""The tag the public promise page includes: published reports only, one query."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template

from medborgarloften.followup.services import report_create, report_set_status

TEMPLATE = Template("{% load followup %}{% followup_reports promise %}")


@pytest.mark.django_db
def test_it_lists_only_published_reports(promise, django_assert_num_queries):
    draft = report_create(
        promise=promise,
        title="Utkast till rapport",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 6, 30),
    )
    published = report_create(
        promise=promise,
        title="Uppföljning första halvåret",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 6, 30),
    )
    report_set_status(report=published, status="approved")
    report_set_status(report=published, status="published")
    with django_assert_num_queries(1):
        html = TEMPLATE.render(Context({"promise": promise}))
    assert "Uppföljning första halvåret" in html
    assert draft.title not in html
    assert f"/rapport/{published.uid}/pdf/" in html and "/personal/" not in html


@pytest.mark.django_db
def test_it_says_when_nothing_is_published(promise):
    html = TEMPLATE.render(Context({"promise": promise}))
    assert "Ingen uppföljningsrapport är publicerad än." in html
