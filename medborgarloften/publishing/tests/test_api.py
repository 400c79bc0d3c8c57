"""The open data API's read side: lists, filters, paging, errors, CSV, drafts."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from medborgarloften.publishing.api import params
from medborgarloften.publishing.api.fields import TABLES
from medborgarloften.publishing.api.tabular import LIST_SEPARATOR

from .apidata import SCRIPT, build

API = "/api/v1/"


@pytest.fixture
def data(superuser, kalmar, lpo_kalmar, nybro):
    return build(actor=superuser, kalmar=kalmar, lpo_kalmar=lpo_kalmar, nybro=nybro)


def _get(client, path, status=200):
    response = client.get(API + path)
    assert response.status_code == status, response.content
    return response


def _rows(client, path):
    return _get(client, path).json()["data"]


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_it_lists_kommuner_with_public_promise_counts(client, data):
    rows = _rows(client, "kommuner")
    by_code = {r["code"]: r for r in rows}
    assert by_code["0880"]["public_promise_count"] == 1  # the draft is not counted
    assert by_code["0880"]["lan_code"] == "08"
    assert by_code["0881"]["public_promise_count"] == 1
    assert _rows(client, "kommuner?lan=01") == []


def test_it_lists_only_public_promises_with_licence_and_source(client, data):
    body = _get(client, "promises").json()
    assert {r["id"] for r in body["data"]} == {
        str(data.published.uid),
        str(data.closed.uid),
    }
    assert body["license"]["id"] == "CC0-1.0"
    assert body["source"]["url"] == "http://testserver/"
    assert body["next"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kommun=0880", {"published"}),
        ("kommun=0881", {"closed"}),
        ("status=closed", {"closed"}),
        ("theme=trafik", {"published"}),  # a commitment's theme counts
        ("theme=inbrott", {"closed"}),
        ("theme=vald", set()),
        ("period_from=2025-01-01", {"published"}),
        ("period_to=2024-12-31", {"closed"}),
        ("period_from=2024-06-01&period_to=2025-06-01", {"published", "closed"}),
    ],
)
def test_it_filters_promises(client, data, query, expected):
    ids = {r["id"] for r in _rows(client, f"promises?{query}")}
    wanted = {str(getattr(data, name).uid) for name in expected}
    assert ids == wanted


def test_it_serves_the_exchange_record_as_promise_detail(client, data):
    from medborgarloften.promises.exchange import promise_to_record

    body = _get(client, f"promises/{data.published.uid}").json()
    links = body.pop("links")
    assert body == promise_to_record(data.published)
    assert links["commitments"].endswith(f"commitments?promise={data.published.uid}")


def test_it_lists_commitments_with_progress(client, data):
    rows = _rows(client, f"commitments?promise={data.published.uid}")
    assert [r["number"] for r in rows] == [1, 2, 3]
    walks, lights, traffic = rows
    assert walks["progress_done"] == 3
    assert walks["activity_count"] == 3
    assert walks["last_activity_date"] == "2025-02-03"
    assert walks["measurable"] is True
    assert lights["measurable"] is False
    assert lights["progress_status"] == "not_measurable"
    assert traffic["progress_done"] == 2
    assert traffic["progress_target"] == 10


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("measurable=true", 2),
        ("measurable=false", 2),  # the lights and Nybro's grannsamverkan
        ("responsible=kommun", 2),
        ("responsible=annan", 1),
        ("theme=trafik", 1),
        ("kommun=0881", 1),
    ],
)
def test_it_filters_commitments(client, data, query, count):
    assert len(_rows(client, f"commitments?{query}")) == count


def test_it_filters_activities(client, data):
    first = data.activities[0].commitment_id
    assert len(_rows(client, f"activities?commitment={first}")) == 3
    assert len(_rows(client, f"activities?area={data.area.pk}")) == 3
    assert len(_rows(client, "activities?date_from=2025-02-03")) == 2
    # an activity over several days overlaps a range that starts inside it
    assert len(_rows(client, "activities?date_from=2025-05-11&date_to=2025-05-11")) == 1
    assert len(_rows(client, "activities?date_to=2025-02-01")) == 1
    assert len(_rows(client, f"activities?promise={data.closed.uid}")) == 0
    assert len(_rows(client, "activities?kommun=0880")) == 4


def test_it_lists_only_published_reports(client, data):
    rows = _rows(client, "reports")
    assert [r["id"] for r in rows] == [str(data.report.uid)]
    assert rows[0]["html_url"].endswith(f"/rapport/{data.report.uid}/")
    assert _rows(client, "reports?kind=evaluation") == []


def test_it_pages_with_a_cursor_and_link_header(client, data):
    seen = []
    response = _get(client, "activities?limit=3")
    assert response["Link"] == f'<{response.json()["next"]}>; rel="next"'
    seen += [r["id"] for r in response.json()["data"]]
    next_url = response.json()["next"]
    response = client.get(next_url)
    assert response.json()["next"] is None
    assert "Link" not in response
    seen += [r["id"] for r in response.json()["data"]]
    assert seen == sorted(a.pk for a in data.activities)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("promises?limit=0", "limit"),
        ("promises?limit=501", "limit"),
        ("promises?limit=100000000000", "limit"),
        ("promises?limit=ten", "limit"),
        ("promises?limit=5&limit=6", "limit"),
        ("promises?cursor=xyz", "cursor"),
        ("promises?cursor=k0880", "cursor"),  # a kommun cursor for promises
        ("promises?kommun=880", "kommun"),
        ("promises?status=draft", "status"),
        ("promises?theme=okand", "theme"),
        ("promises?period_from=2025-13-01", "period_from"),
        ("promises?period_to=igår", "period_to"),
        ("promises?format=xml", "format"),
        ("promises?sort=title", "sort"),
        ("commitments?promise=123", "promise"),
        ("commitments?measurable=ja", "measurable"),
        ("activities?commitment=-1", "commitment"),
        ("activities?date_from=2025-02-30", "date_from"),
        ("kommuner?lan=8", "lan"),
        ("reports?kind=other", "kind"),
        ("activities.csv?area=x", "area"),
    ],
)
def test_it_refuses_malformed_parameters_with_a_problem(client, data, query, field):
    response = _get(client, query, status=400)
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400
    assert body["title"] == "Felaktig begäran"
    assert body["detail"].startswith(f"{field}:")
    assert body["errors"][0]["field"] == field
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "path",
    [
        "kommuner/9999",
        "kommuner/abc",
        "promises/00000000-0000-0000-0000-000000000000",
        "promises/not-a-uuid",
        "commitments/999999",
        "activities/999999",
        "reports/00000000-0000-0000-0000-000000000000",
        "nothing-here",
        "activities/\t\n",  # found by schemathesis: "." does not match a newline
    ],
)
def test_it_answers_unknown_ids_with_a_swedish_404(client, data, path):
    response = _get(client, path, status=404)
    body = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert body["title"] == "Hittades inte"
    assert body["detail"].startswith("Det finns ")


def test_it_never_shows_drafts_anywhere(client, data):
    secrets = ("HEMLIGT", "HEMLIG", str(data.draft.uid), str(data.draft_report.uid))
    bodies = []
    for name in TABLES:
        bodies.append(_body(_get(client, name)))
        bodies.append(_body(_get(client, f"{name}.csv")))
        bodies.append(_body(_get(client, f"{name}?format=csv&limit=500")))
    bodies.append(_body(_get(client, "activities?kommun=0880")))
    for body in bodies:
        for secret in secrets:
            assert secret not in body
    draft_commitment = data.draft.commitments.get()
    for path in (
        f"promises/{data.draft.uid}",
        f"commitments/{draft_commitment.pk}",
        f"activities/{data.draft_activity.pk}",
        f"reports/{data.draft_report.uid}",
    ):
        _get(client, path, status=404)
    kalmar = _get(client, "kommuner/0880").json()
    assert kalmar["public_promise_count"] == 1


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def test_it_returns_script_as_json_data_never_html(client, data):
    for path in ("promises", "commitments", "activities", "reports"):
        response = _get(client, path)
        assert response["Content-Type"] == "application/json"
        assert response["X-Content-Type-Options"] == "nosniff"
        raw = response.content.decode()
        assert any(SCRIPT in value for value in _strings(response.json()))
        assert "&lt;script" not in raw  # data, not escaped HTML
    assert SCRIPT in _get(client, f"promises/{data.published.uid}").json()["title"]


def test_it_serves_csv_with_the_same_rows_as_json(client, data):
    for name, table in TABLES.items():
        rows = _rows(client, f"{name}?limit=500")
        for path in (f"{name}.csv", f"{name}?format=csv"):
            response = _get(client, path)
            assert response["Content-Type"] == "text/csv; charset=utf-8"
            reader = csv.DictReader(io.StringIO(_body(response)))
            assert reader.fieldnames == table.names
            parsed = list(reader)
            assert len(parsed) == len(rows)
            for row, line in zip(rows, parsed, strict=True):
                for field in table.fields:
                    value = row[field.name]
                    text = line[field.name]
                    if value is None:
                        assert text == ""
                    elif isinstance(value, bool):
                        assert text == str(value).lower()
                    elif isinstance(value, list):
                        assert text == LIST_SEPARATOR.join(map(str, value))
                    else:
                        assert text.removeprefix("'") == str(value)


def test_it_streams_whole_csv_tables_past_one_page(client, data, monkeypatch):
    monkeypatch.setattr(params, "MAX_LIMIT", 2)
    lines = _body(_get(client, "activities.csv")).splitlines()
    assert len(lines) == 1 + len(data.activities)


def test_it_defuses_spreadsheet_formulas_in_csv(client, data):
    from medborgarloften.publishing.api.tabular import cell

    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert cell(-3) == "-3"


def test_it_sends_cors_headers_on_reads(client, data):
    response = _get(client, "promises")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(API + "promises")
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_it_refuses_other_methods_with_a_problem(client, data):
    response = client.delete(API + "promises")
    assert response.status_code == 405
    assert response.json()["title"] == "Metoden stöds inte"
    assert client.post(API + "promises").status_code == 405


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        ("kommuner", 1),
        ("promises", 4),  # promises, parties, focus areas, commitments
        ("commitments", 5),  # commitments, areas, promise areas, activities, numbers
        ("activities", 1),
        ("reports", 1),
    ],
)
def test_it_reads_a_page_in_a_fixed_number_of_queries(
    client,
    data,
    superuser,
    kalmar,
    lpo_kalmar,
    nybro,
    django_assert_num_queries,
    path,
    budget,
):
    for i in range(3):  # more rows must not mean more queries
        build_more(superuser, kalmar, lpo_kalmar, i)
    with django_assert_num_queries(budget):
        response = client.get(API + path)
    assert response.status_code == 200


def build_more(actor, kalmar, lpo_kalmar, i):
    from medborgarloften.followup.services import activity_create

    from .apidata import TODAY, _promise

    promise, area = _promise(
        actor,
        [kalmar, lpo_kalmar],
        title=f"Extra {i}",
        status="published",
        period_start=date(2025, 1, 1),
        period_end=date(2026, 12, 31),
        commitments=[
            {
                "text": f"Extra åtagande {i}",
                "responsible": ["kommun"],
                "target_quantity": 2,
                "target_per": "område",
            }
        ],
    )
    activity_create(
        commitment=promise.commitments.get(),
        date=date(2025, 4, 1),
        kind="extra",
        area=area,
        actor=actor,
        today=TODAY,
    )


def test_it_answers_ids_beyond_any_database_id_with_404(client, data):
    _get(client, "commitments/" + "9" * 30, status=404)
    _get(client, "activities/" + "9" * 30, status=404)


def test_it_reads_a_promise_record_in_a_fixed_number_of_queries(
    client, data, django_assert_max_num_queries
):
    # parties, areas, focus areas (+ areas), commitments (+ areas, other parties),
    # signatories and the promise itself; however many commitments it has
    with django_assert_max_num_queries(9):
        response = client.get(f"{API}promises/{data.published.uid}")
    assert response.status_code == 200


def test_it_links_everything_from_the_root(client, data):
    body = _get(client, "").json()
    # the registry's tables, the lägesbild and åtgärdsplan lists and the cases
    # (the root named only the first five, new-user and open-data reviews)
    assert set(body["datasets"]) == {
        *TABLES,
        "action-plans",
        "situation-reports",
        "cases",
    }
    assert body["license"]["id"] == "CC0-1.0"
    for url in (*body["datasets"].values(), body["openapi"], body["dcat"]):
        assert client.get(url).status_code == 200


def test_it_shows_one_kommun_by_its_code(client, data):
    kommun = _get(client, "kommuner/0880").json()
    assert kommun["name"] == "Kalmar"
    assert kommun["url"] == "http://testserver/api/v1/kommuner/0880"


@pytest.mark.parametrize("table", ["promises", "activities", "commitments"])
def test_an_unknown_kommun_is_a_404_not_an_empty_list(client, data, table):
    # (an unknown kommun once gave an empty list: it now says it is unknown)
    assert client.get(f"{API}{table}?kommun=0999").status_code == 404
    response = client.get(f"{API}{table}?kommun=9999")
    assert response.status_code == 404
    problem = response.json()
    assert problem["errors"][0]["field"] == "kommun" and "9999" in problem["detail"]
    assert client.get(f"{API}{table}?kommun=0880").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "promises?period_from=2026-01-01&period_to=2025-01-01",
        "activities?date_from=2025-06-01&date_to=2025-05-01",
    ],
)
def test_an_inverted_range_is_a_400(client, data, query):
    response = client.get(API + query)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"].endswith("_from")


def test_bom_true_gives_excel_a_utf8_csv_and_plain_csv_stays_plain(client, data):
    """A spreadsheet reads å, ä and ö from a CSV that begins with the byte order
    mark; programs get plain UTF-8 unless they ask, and bom on JSON is a 400."""
    plain = client.get(API + "promises.csv").content
    assert not plain.startswith(b"\xef\xbb\xbf")
    for path in ("promises.csv?bom=true", "promises.csv?bom=true&limit=1"):
        marked = client.get(API + path)
        body = (
            b"".join(marked.streaming_content) if marked.streaming else marked.content
        )
        assert body.startswith(b"\xef\xbb\xbf"), path
        rows = list(
            csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";")
        )
        assert "id" in rows[0]
    assert client.get(API + "promises?bom=true").status_code == 400
    assert client.get(API + "promises.csv?bom=ja").status_code == 400
    cases = client.get("/api/v1/cases.csv?bom=true").content
    assert cases.startswith(b"\xef\xbb\xbf") and cases.count(b"\xef\xbb\xbf") == 1
    assert client.get("/api/v1/cases?bom=true").status_code == 400
    docs = client.get(API + "docs").content.decode()
    assert "promises.csv?bom=true" in docs
