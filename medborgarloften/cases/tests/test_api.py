from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from medborgarloften.publishing.api.openapi import description

from ..api import COLUMNS
from ..models import Case, CaseSource, Outcome
from ..openapi import FIELDS
from ..services import case_create, case_moderate

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(kalmar, kommun_editor):
    made = []
    for n in range(3):
        case = case_create(
            kommun=kalmar,
            source=CaseSource.FORM,
            theme="trafik",
            text=f"Fortkörning {n}, ring 0701234567",
            email="boende@example.org",
        )
        made.append(case_moderate(actor=kommun_editor, case=case, publish=True))
    case_create(kommun=kalmar, source=CaseSource.FORM, theme="trafik", text="Dold")
    return made


def test_it_lists_published_cases_anonymised_with_cursor_paging(client, cases):
    first = client.get("/api/v1/cases?kommun=0880&limit=2").json()
    assert len(first["data"]) == 2 and first["next"]
    assert first["license"]["id"] == "CC0-1.0"
    second = client.get(first["next"]).json()
    ids = [r["id"] for r in first["data"] + second["data"]]
    assert sorted(ids) == sorted(c.pk for c in cases)
    assert second["next"] is None
    flat = str(first) + str(second)
    assert "0701234567" not in flat and "boende@" not in flat and "Dold" not in flat


def test_the_csv_has_the_same_columns(client, cases):
    response = client.get("/api/v1/cases.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 3


def test_a_text_that_starts_like_a_formula_stays_text_in_the_csv(
    client, kalmar, kommun_editor
):
    case = case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme="trafik",
        text='=HYPERLINK("http://example.org","Klicka här") bilar kör för fort',
    )
    case_moderate(actor=kommun_editor, case=case, publish=True)
    for query in ("", "?bom=true"):
        body = client.get("/api/v1/cases.csv" + query).content.decode("utf-8-sig")
        delimiter = ";" if query else ","
        (row,) = csv.DictReader(io.StringIO(body), delimiter=delimiter)
        assert row["text"].startswith("'=HYPERLINK(")


def test_a_bad_parameter_is_a_problem(client, db):
    response = client.get("/api/v1/cases?kommun=abc")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/cases?cursor=xyz").status_code == 400


def test_every_column_is_documented_in_openapi(db):
    doc = description(server="http://testserver/api/v1")
    assert set(doc["paths"]) >= {"/cases", "/cases.csv"}
    documented = doc["components"]["schemas"]["Case"]["properties"]
    assert set(documented) == set(COLUMNS) == set(FIELDS)
    assert all(documented[c]["description"] for c in COLUMNS)


def test_a_write_is_a_405_problem(client, db):
    response = client.post("/api/v1/cases", {})
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"


def test_it_dates_a_case_by_the_day_in_sweden(client, cases):
    # Sent at 00:30 Swedish time on 1 March: 23:30 UTC on 28 February.
    late = cases[0]
    late.created_at = dt.datetime(2025, 2, 28, 23, 30, tzinfo=dt.UTC)
    late.answered_at = dt.datetime(2025, 3, 1, 23, 15, tzinfo=dt.UTC)
    late.save(update_fields=["created_at", "answered_at"])

    rows = client.get("/api/v1/cases?kommun=0880&limit=10").json()["data"]
    row = next(r for r in rows if r["id"] == late.pk)
    assert (row["received_on"], row["answered_on"]) == ("2025-03-01", "2025-03-02")


def test_the_csv_names_its_columns_as_every_other_table_does(client, cases):
    # The cases CSV had Swedish column names (kommunkod, tema, inkom …) where every
    # other table of the API has stable English snake_case names (open-data review).
    header = client.get("/api/v1/cases.csv").content.decode().splitlines()[0]
    assert header.split(",") == [
        "id", "kommun_code", "theme", "area", "latitude", "longitude", "text",
        "status", "responsible_organisation", "answer", "outcome", "close_reason",
        "commitment_id", "commitment_number", "activity_id", "received_on",
        "answered_on",
    ]  # fmt: skip
    row = client.get("/api/v1/cases?limit=1").json()["data"][0]
    assert list(row) == header.split(",")
    assert row["kommun_code"] == "0880" and row["theme"] == "trafik"


def test_it_filters_by_theme_as_the_other_lists_and_still_by_tema(client, cases):
    assert len(client.get("/api/v1/cases?theme=trafik").json()["data"]) == 3
    assert client.get("/api/v1/cases?theme=inbrott").json()["data"] == []
    assert len(client.get("/api/v1/cases?tema=trafik").json()["data"]) == 3
    assert client.get("/api/v1/cases?theme=okänt").status_code == 400
    # one filter under two names at once is refused, not applied twice
    both = "/api/v1/cases?theme=trafik&tema="
    assert client.get(both + "trafik").status_code == 400
    assert client.get(both + "inbrott").status_code == 400


def test_the_open_data_page_and_docs_document_every_column(client, db):
    import re
    from pathlib import Path

    page = client.get("/api/v1/docs").content.decode()
    section = page[page.index('id="cases"') :]
    section = section[: section.index("</section>")]
    docs = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text()
    cases_md = docs[docs.index("### cases") : docs.index("## Open311")]
    documented = re.findall(r"^\| `([a-z_]+)` \|", cases_md, re.M)
    assert documented == list(COLUMNS)
    for column in COLUMNS:
        assert f"<code>{column}</code>" in section, column
        assert FIELDS[column][1] in section


def test_a_closed_case_says_what_became_of_it(client, cases):
    """The residents' loop as open data: an outcome beside the words, so a reader can
    count what was done without parsing Swedish text (null while a case is open)."""
    closed = cases[0]
    Case.objects.filter(pk=closed.pk).update(
        status="closed", outcome=Outcome.PARTLY, close_reason="Lampan är bytt."
    )
    rows = client.get("/api/v1/cases?kommun=0880&limit=100").json()["data"]
    by_id = {r["id"]: r for r in rows}
    assert by_id[closed.pk]["outcome"] == "partly"
    assert by_id[closed.pk]["close_reason"] == "Lampan är bytt."
    assert [by_id[c.pk]["outcome"] for c in cases[1:]] == [None, None]
    body = client.get("/api/v1/cases.csv?kommun=0880").content.decode()
    table = {r["id"]: r for r in csv.DictReader(io.StringIO(body))}
    assert table[str(closed.pk)]["outcome"] == "partly"
    assert table[str(cases[1].pk)]["outcome"] == ""


def test_the_answer_and_outcome_are_screened_as_in_open311(client, cases):
    """A partner's answer with a phone number is published as on the public page
    and in Open311: the number hidden, in JSON and CSV alike."""
    answered = cases[0]
    Case.objects.filter(pk=answered.pk).update(
        status="closed",
        answer="Vi har lagat lampan. Ring 070-111 22 33 vid frågor.",
        close_reason="Lagat; kontakt 08-765 43 21.",
    )
    rows = client.get("/api/v1/cases?kommun=0880&limit=100").json()["data"]
    row = {r["id"]: r for r in rows}[answered.pk]
    assert (
        "111 22 33" not in row["answer"]
        and "[telefonnummer borttaget]" in row["answer"]
    )
    assert "765 43 21" not in row["close_reason"]
    body = client.get("/api/v1/cases.csv?kommun=0880").content.decode()
    assert "111 22 33" not in body and "765 43 21" not in body
    notes = client.get("/open311/v2/requests.json?jurisdiction_id=0880").json()
    by_id = {n["service_request_id"]: n for n in notes}
    assert by_id[str(answered.pk)]["status_notes"] == row["answer"]


def test_an_unknown_kommun_is_a_404_and_open311_refuses_an_unknown_status(
    client, cases
):
    response = client.get("/api/v1/cases?kommun=9999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/cases.csv?kommun=9999").status_code == 404
    bogus = client.get("/open311/v2/requests.json?jurisdiction_id=0880&status=bogus")
    assert bogus.status_code == 400
    assert bogus.json()[0]["code"] == 400 and "status" in bogus.json()[0]["description"]
    inverted = client.get(
        "/open311/v2/requests.json?start_date=2026-02-01T00:00:00Z"
        "&end_date=2026-01-01T00:00:00Z"
    )
    assert inverted.status_code == 400
    ok = client.get("/open311/v2/requests.json?jurisdiction_id=0880&status=open")
    assert ok.status_code == 200


def test_cases_speak_as_the_other_tables(client, cases):
    """source names the publisher as every table does, a 400 has the same title,
    theme and tema together are refused, and one case has its own address."""
    page = client.get("/api/v1/cases?kommun=0880").json()
    assert set(page["source"]) == {"name", "url"}
    assert (
        client.get("/api/v1/promises").json()["source"].keys() == page["source"].keys()
    )
    bad = client.get("/api/v1/cases?limit=0").json()
    assert bad["title"] == client.get("/api/v1/promises?limit=0").json()["title"]
    both = client.get("/api/v1/cases?theme=trafik&tema=trafik")
    assert both.status_code == 400 and both.json()["errors"][0]["field"] == "tema"
    one = client.get(f"/api/v1/cases/{cases[0].pk}")
    assert one.status_code == 200
    assert one.json() == next(r for r in page["data"] if r["id"] == cases[0].pk)
    hidden = Case.objects.exclude(pk__in=[c.pk for c in cases]).get()
    missing = client.get(f"/api/v1/cases/{hidden.pk}")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/cases/99999999999999999999").status_code == 404
    doc = description(server="http://testserver/api/v1")
    assert "/cases/{id}" in doc["paths"]
