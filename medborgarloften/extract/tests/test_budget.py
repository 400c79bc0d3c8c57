"""Reading and extracting within a time and memory budget (issue #13, M1 and M2).

The jobs below run in the budget's child process, as a hostile document would; none
of these tests measures how fast anything is, only that a job past its budget is
stopped, refused with a reason, and leaves nothing running.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import time
from pathlib import Path

import pytest

from medborgarloften.extract import budget
from medborgarloften.extract.budget import (
    Budget,
    check_text_size,
    extract_record_within,
    read_bytes_within,
)
from medborgarloften.extract.errors import ExtractError
from medborgarloften.extract.readers import read_bytes
from medborgarloften.extract.record import extract_record

PROMISE = (
    "Medborgarlöfte för Kalmar kommun 2025\n\n"
    "Trygghet i centrum\n"
    "• Polisen ska genomföra fyra trygghetsvandringar i centrum.\n"
    "• Kommunen ska tända belysningen i Stadsparken senast i maj 2025.\n"
)


def sleep_with_a_helper(pid_file: str) -> None:
    """Starts a helper process (as OCR does), then works for far too long."""
    helper = subprocess.Popen(["sleep", "60"])
    Path(pid_file).write_text(str(helper.pid))
    time.sleep(60)


def allocate(megabytes: int) -> int:
    hoard = [bytearray(1024 * 1024) for _ in range(megabytes)]
    return len(hoard)


def crash() -> None:
    ctypes.string_at(0)  # a C library dereferencing NULL


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has finished; only its exit status is left to collect.
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split()[2] == "Z")


def test_it_stops_a_job_past_its_time_and_everything_it_started(tmp_path):
    pid_file = tmp_path / "helper.pid"

    # Three seconds, not one: on a loaded machine the child process has needed more
    # than a second to start its helper and write the pid file (seen at load 10-11),
    # and the test is about stopping what it started, not about how fast it starts.
    with pytest.raises(ExtractError, match="mer än 3 s .* more than 3 s"):
        budget._run(sleep_with_a_helper, (str(pid_file),), Budget(seconds=3))

    assert pid_file.exists(), "the job was stopped before it started its helper"
    helper = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(helper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(helper)


def test_it_refuses_a_job_that_needs_more_memory_than_its_budget():
    with pytest.raises(ExtractError, match="mer än 100 MB minne"):
        budget._run(allocate, (400,), Budget(memory_mb=100))
    # The same job within a larger budget is fine: the limit is the budget's.
    assert budget._run(allocate, (50,), Budget(memory_mb=400)) == 50


def test_it_refuses_a_job_that_crashes_its_process():
    with pytest.raises(ExtractError, match="krascha / .*crashed the reader"):
        budget._run(crash, (), Budget())


def test_it_refuses_a_text_longer_than_the_budget_before_reading_it():
    with pytest.raises(ExtractError, match="längre än 1 000 tecken"):
        check_text_size("x" * 1001, Budget(max_chars=1000))
    check_text_size("x" * 1000, Budget(max_chars=1000))


def test_it_refuses_to_extract_a_text_past_the_size_budget_without_starting_a_job(
    monkeypatch,
):
    monkeypatch.setattr(budget, "_run", lambda *args: pytest.fail("a job started"))
    with pytest.raises(ExtractError, match="längre än 10 tecken"):
        extract_record_within(PROMISE, record_id="x", budget=Budget(max_chars=10))


def test_it_refuses_a_read_text_past_the_size_budget():
    data = ("• Polisen ska\n" * 2000).encode()
    with pytest.raises(ExtractError, match="längre än 1 000 tecken"):
        read_bytes_within(data, filename="lofte.txt", budget=Budget(max_chars=1000))


def test_it_reads_and_extracts_in_the_child_exactly_as_in_process():
    data = PROMISE.encode()

    read = read_bytes_within(data, filename="lofte.txt", budget=Budget())
    record = extract_record_within(read.text, record_id="x", budget=Budget())

    assert read == read_bytes(data, filename="lofte.txt")
    assert record == extract_record(read.text, record_id="x")
    assert [c["text"] for c in record["commitments"]][0].startswith("Polisen ska")


def test_it_passes_a_readers_refusal_through_unchanged():
    with pytest.raises(ExtractError, match="^Filen är en bild \\(PNG\\)"):
        read_bytes_within(b"\x89PNG\r\n\x1a\n" + bytes(64), budget=Budget())


def test_it_runs_in_process_when_isolation_is_off():
    assert budget._run(os.getpid, (), Budget(isolated=False)) == os.getpid()
    assert budget._run(os.getpid, (), Budget()) != os.getpid()


def test_it_reads_a_spreadsheet_in_the_child_within_the_budget():
    from medborgarloften.extract.budget import xlsx_rows_within
    from medborgarloften.extract.tests.xlsxgen import xlsx

    data = xlsx([(1, ["Kommun", "Antal"]), (2, ["Kalmar", 3])], dimension="A1:B2")

    assert xlsx_rows_within(data, max_rows=10, budget=Budget()) == [
        ["Kommun", "Antal"],
        ["Kalmar", 3],
    ]
    with pytest.raises(ExtractError, match="fler än 1 rader"):
        xlsx_rows_within(data, max_rows=1, budget=Budget())
