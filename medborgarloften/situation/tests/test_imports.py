"""Survey results, crime statistics and Kolada: row-level messages, all or nothing,
no double counting on re-import."""

from __future__ import annotations

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from medborgarloften.situation.models import (
    CrimeStatistic,
    ImportBatch,
    KeyFigure,
    SurveyResult,
)
from medborgarloften.situation.services import (
    ImportRefused,
    crime_import,
    kolada_parse,
    population,
    survey_import,
)
from medborgarloften.situation.tabular import parse_number

FIXTURES = Path(__file__).parent / "fixtures"
SURVEY = (FIXTURES / "trygghetsmatning_kalmar.csv").read_bytes()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("33.0 %", 33.0),
        ("15,2%", 15.2),
        ("1 234,5", 1234.5),
        ("1\u00a0234", 1234.0),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
    ],
)
def test_it_reads_swedish_and_english_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "ca 12", "12,5,3", "-"])
def test_it_refuses_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.django_db
def test_it_imports_survey_shares_with_mixed_decimals_and_percent_signs(
    kalmar, areas, kommun_editor
):
    summary = survey_import(
        kommun=kalmar, data=SURVEY, filename="matning.csv", actor=kommun_editor
    )
    assert (summary.rows, summary.created) == (8, 8)
    women = SurveyResult.objects.get(area=None, year=2024, gender="kvinnor")
    assert (women.share, women.respondents) == (33.0, 430)
    young = SurveyResult.objects.get(area=areas["Centrum"])
    assert (young.indicator, young.age_group) == ("otrygg_kvall", "16-29")
    assert ImportBatch.objects.get().imported_by == kommun_editor


@pytest.mark.django_db
def test_it_does_not_double_count_a_file_imported_twice(kalmar, areas):
    survey_import(kommun=kalmar, data=SURVEY, filename="matning.csv")
    again = survey_import(kommun=kalmar, data=SURVEY, filename="matning.csv")
    assert (again.created, again.updated) == (0, 8)
    assert SurveyResult.objects.count() == 8


@pytest.mark.django_db
def test_it_reads_xlsx(kalmar, areas):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["Område", "År", "Indikator", "Kön", "Åldersgrupp", "Andel", "Svarande"]
    )
    sheet.append(["Norrliden", 2024, "oro_brott", "Kvinnor", "alla", 0.5 * 61, 50])
    sheet.append(["Oxhagen", "2024", "oro_brott", "Män", "alla", "12,5 %", "40"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    summary = survey_import(kommun=kalmar, data=buffer.getvalue(), filename="m.xlsx")
    assert summary.created == 2
    assert SurveyResult.objects.get(area=areas["Norrliden"]).share == 30.5


@pytest.mark.django_db
def test_it_names_each_bad_row_and_imports_nothing(kalmar, areas):
    bad = (
        "område;år;indikator;kön;åldersgrupp;andel;svarande\n"
        "Norrliden;2024;otrygg_kvall;alla;alla;38,1;96\n"
        "Atlantis;2024;otrygg_kvall;alla;alla;20;50\n"
        "Oxhagen;tjugo;otrygg_kvall;alla;alla;20;50\n"
        "Oxhagen;2024;ufo;alla;alla;20;50\n"
        "Oxhagen;2024;otrygg_kvall;alla;alla;120 %;50\n"
        "Oxhagen;2024;otrygg_kvall;okänt;alla;20;50\n"
        "Norrliden;2024;otrygg_kvall;alla;alla;38.1;96\n"
    ).encode()
    with pytest.raises(ImportRefused) as excinfo:
        survey_import(kommun=kalmar, data=bad, filename="m.csv")
    messages = excinfo.value.messages
    assert messages[0] == "Rad 3, område: okänt område 'Atlantis' i Kalmar kommun."
    assert messages[1].startswith("Rad 4, år: inget år")
    assert messages[2].startswith("Rad 5, indikator: okänd indikator 'ufo'")
    assert messages[3].startswith("Rad 6, andel: andelen 120 ligger inte")
    assert messages[4].startswith("Rad 7, kön: okänt kön")
    assert messages[5] == (
        "Rad 8, område: samma område, år, indikator, kön och åldersgrupp som rad 2."
    )
    assert not SurveyResult.objects.exists()
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_survey_without_a_group_column(kalmar):
    missing = "område;år;indikator;andel\nHela kommunen;2024;oro_brott;20\n".encode()
    with pytest.raises(ImportRefused) as excinfo:
        survey_import(kommun=kalmar, data=missing, filename="m.csv")
    assert excinfo.value.messages == [
        "Kolumnen 'kön' saknas (godtagna namn: kön, kon, gender).",
        "Kolumnen 'åldersgrupp' saknas (godtagna namn: åldersgrupp, ålder, "
        "aldersgrupp, age_group, age).",
    ]


@pytest.mark.django_db
def test_it_imports_bra_open_csv_with_bom_semicolons_and_crlf(kalmar, nybro):
    data = (FIXTURES / "bra_anmalda_brott.csv").read_bytes()
    summary = crime_import(data=data, filename="bra.csv", year=2025, source="Brå")
    assert summary.created == 2
    row = CrimeStatistic.objects.get(kommun=kalmar)
    assert (row.category, row.year, row.count, row.rate_per_100k) == (
        "Anmälda brott totalt",
        2025,
        9512,
        13200.0,
    )
    assert crime_import(data=data, filename="bra.csv", year=2025).created == 0
    assert CrimeStatistic.objects.count() == 2


@pytest.mark.django_db
def test_it_computes_rates_from_the_population_data(kalmar, areas):
    data = (
        "kommun,område,brottskategori,år,antal\n"
        "0880,,Skadegörelse,2025,1000\n"
        "Kalmar kommun,Oxhagen,Skadegörelse,2025,120\n"
    ).encode()
    crime_import(data=data, filename="k.csv")
    whole = CrimeStatistic.objects.get(area=None)
    people = population(kommun_code="0880", year=2025)
    assert people and whole.population == people
    assert whole.rate_per_100k == round(1000 * 100_000 / people, 1)
    assert whole.theme == "skadegorelse"
    # No population for an area: the rate stays unknown rather than invented.
    assert CrimeStatistic.objects.get(area=areas["Oxhagen"]).rate_per_100k is None


@pytest.mark.django_db
def test_it_refuses_unknown_kommuner_and_other_kommuner_on_upload(kalmar, nybro):
    data = b"Kommun;Antal\nKalmar;10\nNybro;5\nAtlantis;3\n"
    with pytest.raises(ImportRefused) as excinfo:
        crime_import(data=data, filename="b.csv", year=2025, kommun=kalmar)
    assert excinfo.value.messages == [
        "Rad 3, kommun: Nybro kommun är inte Kalmar kommun.",
        "Rad 4, kommun: okänd kommun 'Atlantis'.",
    ]
    assert not CrimeStatistic.objects.exists()


@pytest.mark.django_db
def test_it_needs_a_year_for_a_file_without_one(kalmar):
    with pytest.raises(ImportRefused, match="Kolumnen 'år' saknas"):
        crime_import(data=b"Kommun;Antal\nKalmar;10\n", filename="b.csv")


@pytest.mark.django_db
def test_the_import_commands_report_row_errors_and_exit_nonzero(
    kalmar, nybro, tmp_path
):
    path = tmp_path / "m.csv"
    path.write_text(
        "område;år;indikator;kön;åldersgrupp;andel\nAtlantis;2024;oro_brott;alla;alla;3\n"
    )
    with pytest.raises(CommandError, match="Rad 2, område: okänt område"):
        call_command("importsurvey", "0880", str(path))
    out = io.StringIO()
    bra = FIXTURES / "bra_anmalda_brott.csv"
    call_command("importcrime", str(bra), "--year", "2025", "--dry-run", stdout=out)
    assert "provkörning" in out.getvalue()
    assert not CrimeStatistic.objects.exists()


def test_it_parses_kolada_pages_and_leaves_deleted_values_out():
    values, next_url = kolada_parse(
        json.loads((FIXTURES / "kolada/page2.json").read_text())
    )
    assert next_url == ""
    assert [(v.municipality, v.gender, v.value) for v in values] == [
        ("0000", "T", 13100.0)
    ]
    with pytest.raises(ValueError, match="values"):
        kolada_parse({"count": 0})


class _Kolada(BaseHTTPRequestHandler):
    paths: list[str] = []
    base = ""

    def do_GET(self):  # noqa: N802
        type(self).paths.append(self.path)
        name = "page2.json" if self.path.endswith("/page2") else "page1.json"
        body = (
            (FIXTURES / "kolada" / name)
            .read_text()
            .replace("NEXT", type(self).base + "/page2")
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def kolada_server():
    server = HTTPServer(("127.0.0.1", 0), _Kolada)
    _Kolada.paths = []
    _Kolada.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield _Kolada.base
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_it_loads_kolada_for_the_kommun_its_region_and_the_riket(kalmar, kolada_server):
    from medborgarloften.situation.services import similar_kommuner

    out = io.StringIO()
    args = ["loadkolada", "--kpi", "N07540", "--kommun", "0880", "--year", "2025"]
    call_command(*args, "--base-url", f"{kolada_server}/v3", stdout=out)
    # The kommun and its ten similar kommuner, then its region and the riket.
    codes = sorted(["0880", *similar_kommuner("0880")]) + ["0008", "0000"]
    assert _Kolada.paths[0] == (
        f"/v3/data/kpi/N07540/municipality/{','.join(codes)}/year/2025"
    )
    assert _Kolada.paths[1] == "/page2"
    assert "Källa: Kolada" in out.getvalue()
    figures = {f.municipality_code: f for f in KeyFigure.objects.all()}
    assert set(figures) == {"0880", "0008", "0000"}
    assert figures["0880"].kommun == kalmar and figures["0880"].value == 12770.6281
    call_command(*args, "--base-url", f"{kolada_server}/v3", stdout=out)
    assert KeyFigure.objects.count() == 3


@pytest.mark.django_db
def test_it_loads_a_saved_kolada_response(kalmar):
    call_command(
        "loadkolada",
        "--file",
        str(FIXTURES / "kolada/page2.json"),
        stdout=io.StringIO(),
    )
    assert KeyFigure.objects.get().municipality_code == "0000"


@pytest.mark.django_db
def test_it_reports_an_unreachable_kolada(kalmar):
    with pytest.raises(CommandError, match="fetch failed"):
        call_command(
            "loadkolada",
            "--kommun",
            "0880",
            "--year",
            "2025",
            "--base-url",
            "http://127.0.0.1:9/v3",
        )


@pytest.mark.django_db
def test_editors_upload_files_and_see_every_row_problem(
    client, kommun_editor, kommun_reporter, kalmar, areas
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = "/personal/lagesbild/0880/import/"
    client.force_login(kommun_reporter)
    assert client.get(url).status_code == 403
    client.force_login(kommun_editor)
    good = SimpleUploadedFile("matning.csv", SURVEY, content_type="text/csv")
    response = client.post(url, {"kind": "survey", "file": good}, follow=True)
    assert "matning.csv är importerad: 8 rader: 8 nya, 0 ersatta." in (
        response.content.decode()
    )
    bad = SimpleUploadedFile(
        "fel.csv",
        "område;år;indikator;kön;åldersgrupp;andel\nAtlantis;2024;oro_brott;alla;alla;3\n".encode(),
    )
    page = client.post(url, {"kind": "survey", "file": bad}).content.decode()
    assert "Filen importerades inte" in page
    assert "Rad 2, område: okänt område &#x27;Atlantis&#x27;" in page
    assert SurveyResult.objects.count() == 8


@pytest.mark.django_db
def test_a_year_written_with_other_digit_characters_is_a_row_error(kalmar, areas):
    # '²' and '٢' are digits to str.isdigit() but not years (int('²') raises).
    bad = (
        "område;år;indikator;kön;åldersgrupp;andel;svarande\n"
        "Norrliden;202²;otrygg_kvall;alla;alla;38,1;96\n"
    ).encode()
    with pytest.raises(ImportRefused) as excinfo:
        survey_import(kommun=kalmar, data=bad, filename="m.csv")
    assert excinfo.value.messages[0].startswith("Rad 2, år: inget år")
    assert not SurveyResult.objects.exists()


@pytest.mark.django_db
def test_the_import_commands_name_the_kommun_by_code_or_name(kalmar, nybro, tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("område;år;indikator;kön;åldersgrupp;andel\n")
    for name in ("Kalmar kommun", "kalmars", "880"):
        out = io.StringIO()
        call_command("importsurvey", name, str(path), "--dry-run", stdout=out)
        assert out.getvalue().startswith("0 rader")
    with pytest.raises(CommandError, match="Okänd kommun / unknown kommun: Ankeborg"):
        call_command("importsurvey", "Ankeborg", str(path))
    with pytest.raises(CommandError, match="unknown kommun: Ankeborg"):
        call_command("importcrime", str(path), "--kommun", "Ankeborg")


@pytest.mark.django_db
def test_loadkolada_names_the_kommuner_it_does_not_know(kalmar):
    with pytest.raises(CommandError, match="unknown kommun: Ankeborg, 9999"):
        call_command(
            "loadkolada", "--kommun", "Kalmar", "Ankeborg", "9999", "--year", "2025"
        )


@pytest.mark.django_db
def test_one_mistake_on_every_row_is_one_line_naming_the_rows(kalmar, areas):
    # A 960-row file with the survey's question text in the indicator column gave
    # a page of 960 identical errors (new-user planning session).
    rows = ["område;år;indikator;kön;åldersgrupp;andel;svarande"]
    rows += [
        f"Norrliden;{2000 + n % 20};Känner sig otrygg ute på kvällen;alla;16-29;38,1;96"
        for n in range(60)
    ]
    rows.insert(30, "Atlantis;2024;otrygg_kvall;alla;alla;20;50")
    with pytest.raises(ImportRefused) as excinfo:
        survey_import(kommun=kalmar, data="\n".join(rows).encode(), filename="m.csv")
    messages = excinfo.value.messages
    indicator = [m for m in messages if "indikator" in m and "okänd" in m]
    assert len(indicator) == 1, messages
    assert indicator[0].startswith("Rader 2–30, 32–62 (60 rader), indikator: okänd ")
    # the error names the questions by their words, not only by their codes
    assert "Otrygghet ute ensam sen kväll (otrygg_kvall)" in indicator[0]
    assert any(
        m.startswith("Rad 31, område: okänt område 'Atlantis'") for m in messages
    )


@pytest.mark.django_db
def test_samtliga_is_every_gender_as_it_is_every_age(kalmar, areas):
    data = (
        "område;år;indikator;kön;åldersgrupp;andel;svarande\n"
        "Norrliden;2024;otrygg_kvall;Samtliga;Samtliga;38,1;96\n"
    ).encode()
    summary = survey_import(kommun=kalmar, data=data, filename="m.csv")
    assert summary.created == 1
    assert SurveyResult.objects.get().gender == "alla"


@pytest.mark.django_db
def test_a_title_row_above_the_header_is_skipped(kalmar):
    from medborgarloften.situation.services.imports import crime_import

    data = (
        "Anmälda brott i Kalmar kommun 2025;;\n"
        ";;\n"
        "Brottskategori;År;Antal\n"
        "Rån;2025;12\n"
    ).encode()
    summary = crime_import(data=data, filename="bra.csv", kommun=kalmar)
    assert summary.rows == 1
    assert CrimeStatistic.objects.get(category="Rån").count == 12


@pytest.mark.django_db
def test_the_example_files_import_cleanly(kalmar):
    from pathlib import Path

    from medborgarloften.places.models import Area
    from medborgarloften.situation.services.imports import crime_import

    Area.objects.create(kommun=kalmar, name="Exempelområdet")
    folder = Path(__file__).resolve().parents[2] / "static/medborgarloften/examples"
    survey = (folder / "trygghetsmatning-exempel.csv").read_bytes()
    assert survey_import(kommun=kalmar, data=survey, filename="t.csv").rows == 5
    crime = (folder / "brottsstatistik-exempel.csv").read_bytes()
    assert crime_import(data=crime, filename="b.csv", kommun=kalmar).rows == 3
