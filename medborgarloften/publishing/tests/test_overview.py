"""National overview: kommuner with a current promise, themes over the years,
measurable commitments, reports as promised; filters; query budget; bad filters."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from medborgarloften.followup.services.reports import report_create, report_set_status
from medborgarloften.places.models import County, Organisation, OrganisationKind
from medborgarloften.promises.services import (
    CommitmentRow,
    PromiseFields,
    promise_create,
    promise_set_status,
)
from medborgarloften.publishing.overview import (
    bar_chart,
    line_chart,
    national_overview,
    reports_due,
)


def _promise(
    actor, parties, *, start, end, themes, commitments, reports=None, status="published"
):
    promise = promise_create(
        actor=actor,
        fields=PromiseFields(
            title=f"Löfte {start.year}",
            parties=parties,
            period_start=start,
            period_end=end,
            themes=themes,
            reports_per_period=reports,
        ),
        focus_areas=[],
        commitments=commitments,
        signatories=[],
    )
    if status != "draft":
        promise = promise_set_status(actor=actor, promise=promise, status="adopted")
        promise = promise_set_status(actor=actor, promise=promise, status="published")
    return promise


@pytest.fixture
def data(kalmar, nybro, lpo_kalmar, superuser):
    county, _ = County.objects.get_or_create(
        code="01", defaults={"name": "Stockholms län"}
    )
    solna = Organisation.objects.create(
        kind=OrganisationKind.KOMMUN, code="0184", name="Solna", county=county
    )
    measurable = CommitmentRow(
        text="Trygghetsvandringar",
        responsible=["polis"],
        target_quantity=4,
        target_unit="vandringar",
        target_per="år",
        themes=["narkotika"],
    )
    vague = CommitmentRow(text="Samverka mer", responsible=["kommun"])
    old = _promise(
        superuser,
        [kalmar, lpo_kalmar],
        start=date(2022, 1, 1),
        end=date(2023, 12, 31),
        themes=["inbrott"],
        commitments=[measurable, vague],
        reports=2,
    )
    current = _promise(
        superuser,
        [kalmar, lpo_kalmar],
        start=date(2024, 1, 1),
        end=date(2025, 12, 31),
        themes=["trafik"],
        commitments=[measurable],
        reports=4,
    )
    _promise(
        superuser,
        [solna],
        start=date(2024, 1, 1),
        end=date(2025, 12, 31),
        themes=["vald"],
        commitments=[vague],
    )
    _promise(
        superuser,
        [nybro],
        start=date(2024, 1, 1),
        end=date(2025, 12, 31),
        themes=["alkohol"],
        commitments=[measurable],
        status="draft",
    )
    for promise, n in ((old, 1), (current, 1)):
        for i in range(n):
            report = report_create(
                promise=promise,
                title=f"Rapport {i}",
                period_start=promise.period_start,
                period_end=promise.period_start.replace(month=6),
                actor=superuser,
            )
            report_set_status(report=report, status="approved", actor=superuser)
            report_set_status(report=report, status="published", actor=superuser)
    return {"solna": solna, "stockholm": county}


def test_it_spreads_promised_reports_over_the_period():
    start, end = date(2024, 1, 1), date(2025, 12, 31)
    assert reports_due(4, start, end, date(2023, 6, 1)) == 0
    assert reports_due(4, start, end, date(2025, 1, 1)) == 2
    assert reports_due(4, start, end, date(2026, 1, 1)) == 4
    assert reports_due(4, None, end, date(2026, 1, 1)) is None


def test_it_counts_kommuner_with_a_current_promise(data):
    result = national_overview(on=date(2025, 1, 1))
    # Kalmar, Nybro, Solna are kommuner; Nybro's only promise is a draft.
    assert (result.kommuner_with_current, result.kommuner_total) == (2, 3)
    assert result.promises == 3


def test_it_counts_themes_per_year_from_promise_and_commitments(data):
    result = national_overview(on=date(2025, 1, 1))
    themes = {row.code: row.promises for row in result.themes}
    assert themes == {"inbrott": 1, "narkotika": 2, "trafik": 1, "vald": 1}
    assert "alkohol" not in themes  # drafts are not counted
    assert result.years == [2022, 2024]
    narkotika = next(r for r in result.theme_years if r.label == "Narkotika")
    assert narkotika.counts == [1, 1]


def test_it_shares_measurable_commitments(data):
    result = national_overview(on=date(2025, 1, 1))
    assert (result.measurable, result.commitments) == (2, 4)
    assert [(r.year, r.measurable, r.commitments) for r in result.year_rows] == [
        (2022, 1, 2),
        (2024, 1, 2),
    ]


def test_it_compares_published_reports_with_the_promised(data):
    result = national_overview(on=date(2025, 1, 1))
    # 2022–23: 2 promised, period over, 1 published; 2024–25: 4 promised, 2 due, 1.
    assert result.reports_promised == 6
    assert result.reports_due == 4
    assert result.reports_published_of_due == 2
    assert result.reports_published == 2
    assert (result.promises_on_schedule, result.promises_due) == (0, 2)


def test_it_filters_by_lan_and_years(data):
    stockholm = national_overview(county=data["stockholm"], on=date(2025, 1, 1))
    assert (stockholm.kommuner_with_current, stockholm.kommuner_total) == (1, 1)
    assert [row.code for row in stockholm.themes] == ["vald"]
    recent = national_overview(year_from=2023, on=date(2025, 1, 1))
    assert recent.promises == 2 and recent.years == [2024]
    old = national_overview(year_to=2022, on=date(2025, 1, 1))
    # A past period is judged at its end: on 31 December 2022 the 2022 promise held.
    assert old.on == date(2022, 12, 31)
    assert old.kommuner_with_current == 1 and old.promises == 1


def test_it_shows_the_page_with_tables_beside_charts(client, data):
    response = client.get(reverse("publishing:overview"), {"lan": "08"})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<svg class="chart chart-bars" role="img"' in body
    assert "<caption>" in body
    assert "Narkotika" in body and "Våld" not in body


@pytest.mark.parametrize(
    "params",
    [
        {"lan": "99"},
        {"fran": "tjugo"},
        {"fran": "1800"},
        {"fran": "2025", "till": "2024"},
    ],
)
def test_it_refuses_malformed_filters_with_400_and_a_reason(client, data, params):
    response = client.get(reverse("publishing:overview"), params)
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()


def test_it_keeps_the_overview_within_a_query_budget(
    client, data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        client.get(reverse("publishing:overview"))
    with django_assert_max_num_queries(11):
        client.get(reverse("publishing:overview"), {"lan": "08", "fran": "2020"})


def test_a_bar_chart_names_every_row_whole_and_tells_its_figures_in_text():
    label = "Barn och unga i riskzon för kriminalitet"
    svg = bar_chart(
        [(label, 3), ("Trafik", 1)], title_id="t", title="Löften per tema", suffix=" st"
    )
    assert 'role="img"' in svg and 'aria-labelledby="t"' in svg
    assert 'aria-describedby="t-desc"' in svg
    assert f'<desc id="t-desc">{label}: 3 st; Trafik: 1 st</desc>' in svg
    # the name on a line of its own from the left edge: never cut at the start
    assert f'<text x="0" y="17" font-size="15" fill="#1a1a1a">{label}</text>' in svg
    assert all(int(size) >= 14 for size in re.findall(r'font-size="(\d+)"', svg))


def test_a_line_chart_tells_its_figures_in_text():
    svg = line_chart([2023, 2025], [("Trafik", [1, 2])], title_id="l", title="T")
    assert '<desc id="l-desc">Trafik: 2023 1, 2025 2</desc>' in svg
    assert 'aria-describedby="l-desc"' in svg


def test_it_escapes_chart_labels():
    svg = bar_chart([("<script>x</script>", 3)], title_id="t", title="<b>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_it_serves_the_cached_overview_until_a_promise_or_report_changes(
    data, superuser, django_assert_max_num_queries
):
    from django.core.cache import cache

    from medborgarloften.promises.models import Promise
    from medborgarloften.publishing.overview import national_overview_cached

    draft = Promise.objects.get(status="draft")
    draft = promise_set_status(actor=superuser, promise=draft, status="adopted")
    cache.clear()
    first = national_overview_cached(on=date(2025, 1, 1))
    with django_assert_max_num_queries(3):
        assert national_overview_cached(on=date(2025, 1, 1)).promises == first.promises
    promise_set_status(actor=superuser, promise=draft, status="published")
    assert national_overview_cached(on=date(2025, 1, 1)).promises == first.promises + 1


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (0, 290, 0),
        (1, 290, 1),
        (145, 290, 50),
        (289, 290, 99),
        (290, 290, 100),
        (0, 0, 0),
    ],
)
def test_a_share_is_never_rounded_to_nothing_or_to_all(part, whole, shown):
    from medborgarloften.publishing.overview import _percent

    assert _percent(part, whole) == shown
