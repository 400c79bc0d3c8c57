"""``medborgarloften extract``: records on stdout, nothing stored, no database needed.

None of these tests is marked for database access, so pytest-django fails any of
them that touches the database: that is the "runs without a migrated database"
guarantee.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from medborgarloften.cli import main

PROMISE = """# source: https://example.org/nybro

Nybro – medborgarlöfte

Medborgarlöfte för Nybro kommun och Lokalpolisområde Nybro 2025–2026

Polisen lovar att:

- Genomföra minst tolv trafikkontroller per år vid skolorna.

Uppföljning

Arbetet följs upp två gånger under perioden.

Lena Berg                          Olof Dahl

Kommunstyrelsens ordförande            Lokalpolisområdeschef Nybro
"""


@pytest.fixture
def promise_file(tmp_path: Path) -> Path:
    path = tmp_path / "nybro_2025.txt"
    path.write_text(PROMISE, encoding="utf-8")
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("extract", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_one_record_for_one_input(promise_file):
    out, err = run(str(promise_file))
    record = json.loads(out)
    assert record["id"] == "nybro_2025"
    assert record["source_url"] == "https://example.org/nybro"
    assert record["municipalities"] == ["Nybro"]
    assert record["police_area"] == "Lokalpolisområde Nybro"
    assert err == ""


def test_it_keeps_the_layout_of_a_text_file_for_two_column_signatures(promise_file):
    record = json.loads(run(str(promise_file))[0])
    assert [s["name"] for s in record["signatories"]] == ["Lena Berg", "Olof Dahl"]


def test_it_prints_a_list_for_several_inputs_and_writes_utf8(promise_file, tmp_path):
    other = tmp_path / "sala.txt"
    other.write_text("Medborgarlöfte för Sala kommun 2024\n", encoding="utf-8")
    out, _ = run(str(promise_file), str(other))
    records = json.loads(out)
    assert [r["id"] for r in records] == ["nybro_2025", "sala"]
    assert "Lokalpolisområde Nybro" in out  # ensure_ascii=False: å as itself
    assert "\\u00e5" not in out


def test_it_writes_to_a_file_with_o(promise_file, tmp_path):
    target = tmp_path / "out.json"
    out, _ = run(str(promise_file), "-o", str(target))
    assert out == ""
    text = target.read_text(encoding="utf-8")
    assert "Lokalpolisområde Nybro" in text  # UTF-8, not \\u escapes


def test_it_prints_a_readable_summary_with_format_text(promise_file):
    out, _ = run(str(promise_file), "--format", "text")
    assert out.startswith("# nybro_2025\n")
    assert "Kommuner:               Nybro" in out
    assert "2025-01-01 – 2026-12-31" in out


def test_it_reports_a_failing_input_and_still_prints_the_others(promise_file, tmp_path):
    missing = tmp_path / "saknas.txt"
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("extract", str(missing), str(promise_file), stdout=out, stderr=err)
    assert exit_info.value.code == 1
    assert err.getvalue().strip().splitlines() == [
        f"{missing}: Filen finns inte / the file does not exist (saknas.txt)"
    ]
    assert [r["id"] for r in json.loads(out.getvalue())] == ["nybro_2025"]


def test_it_refuses_a_binary_file_with_a_reason(tmp_path):
    binary = tmp_path / "bild.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command("extract", str(binary), stdout=StringIO(), stderr=err)
    line = err.getvalue().strip()
    assert line.startswith(f"{binary}: ")
    assert "\n" not in line


def test_it_runs_through_the_console_script(promise_file, capsys):
    assert main(["extract", str(promise_file)]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "nybro_2025"


def test_it_documents_the_exit_status_in_help(capsys):
    assert main(["extract", "--help"]) == 0
    help_text = capsys.readouterr().out
    assert "exit status is 1 if any input failed" in help_text
    assert "--format {json,text}" in help_text
