"""The public benchmark's mixed mode and its JSON summary (benchmarks/bench_public.py,
issue #20 item 3): the writers' plan, their schedule, the table and the JSON rows.
No timing is asserted: the writer runs on a fake clock."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_public_mixed import Writer, writer_plan  # noqa: E402
from bench_public_report import Row, Run  # noqa: E402

TARGETS = [("0880", 1), ("0880", 2), ("0881", 3), ("0882", 4), ("0882", 5)]


def test_it_spreads_writes_over_kommuner_before_repeating_one():
    plan = writer_plan(TARGETS, 6)
    assert [code for code, _ in plan] == ["0880", "0881", "0882"] * 2
    # Each kommun's commitments take turns.
    assert [c for code, c in plan if code == "0880"] == [1, 2]
    assert [c for code, c in plan if code == "0882"] == [4, 5]


def test_it_starts_with_the_read_kommun_and_shifts_the_others():
    plan = writer_plan(TARGETS, 3, first="0882", offset=1)
    assert [code for code, _ in plan] == ["0882", "0881", "0880"]


def test_it_plans_nothing_without_targets():
    assert writer_plan([], 5) == []


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_it_writes_once_per_tick_and_counts_failures():
    clock = FakeClock()
    done: list[tuple[str, int]] = []
    ticks: list[float] = []

    def write(code: str, commitment: int) -> None:
        ticks.append(clock.now)
        if commitment == 3:
            raise ValueError("refused")
        done.append((code, commitment))
        clock.now += 0.25  # the write takes a quarter of a tick

    writer = Writer(
        writer_plan(TARGETS, 4), write, rate=2.0, clock=clock, sleep=clock.sleep
    )
    writer.run()  # in this thread: the fake clock needs no other
    result = writer.result
    assert ticks == [0.0, 0.5, 1.0, 1.5]
    assert result.saved == 3 and result.failed == 1
    assert "refused" in result.errors[0]
    summary = result.summary()
    assert summary["writes"] == 3 and summary["failed_writes"] == 1
    assert summary["kommuner_written"] == 2  # 0881's write failed
    assert summary["write_ms_median"] == 250.0


def test_it_skips_ticks_a_slow_write_missed_instead_of_bursting():
    clock = FakeClock()
    ticks: list[float] = []

    def slow(code: str, commitment: int) -> None:
        ticks.append(clock.now)
        clock.now += 2.5  # two and a half ticks

    writer = Writer(writer_plan(TARGETS, 5), slow, clock=clock, sleep=clock.sleep)
    writer.run()
    # Tick 1 (due at 1.0) and tick 2 (due at 2.0) are more than a tick late at 2.5:
    # tick 2 is within one tick (0.5 late) and runs; tick 1 is skipped.
    assert ticks == [0.0, 2.5, 5.0]
    assert writer.result.saved == 3


def _run() -> Run:
    run = Run(meta={"command": "bench_public.py --json x.json"})
    run.rows = [
        Row("Kommun page", "/kommun/0880/", "warm cache", 2000.0, 30.0, 0, "hit"),
        Row(
            "Kommun page",
            "/kommun/0880/",
            "mixed",
            500.0,
            120.0,
            0,
            "miss",
            {"writes": 18, "failed_writes": 1},
        ),
        Row("Kommun page", "/kommun/0880/", "uncached", 100.0, 900.0, 0),
        Row("Static (WhiteNoise)", "/lofte/", "static", 5000.0, 10.0, 0),
        Row("Static (nginx)", "/lofte/", "static", 40000.0, 2.0, 0),
    ]
    return run


def test_it_compares_with_nginx_even_when_whitenoise_is_listed_first():
    assert _run().ceiling() == 40000.0


def test_it_prints_the_mixed_row_beside_its_read_only_figure():
    lines = _run().table().splitlines()
    mixed = next(line for line in lines if "| mixed |" in line)
    assert "| 500 | 120.0 |" in mixed
    assert "| 25% |" in mixed  # 500 of the read-only 2000
    assert "| 1.2% |" in mixed  # of nginx's 40 000
    assert "18 (1 failed)" in mixed
    assert len(lines) == 2 + 5


def test_it_writes_every_row_of_the_table_as_json(tmp_path):
    path = tmp_path / "public.json"
    run = _run()
    run.write_json(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["command"] == "bench_public.py --json x.json"
    assert data["nginx_ceiling_rps"] == 40000.0
    assert len(data["rows"]) == len(run.rows)
    modes = [row["mode"] for row in data["rows"]]
    assert modes == ["warm cache", "mixed", "uncached", "static", "static"]
    mixed = data["rows"][1]
    assert mixed["of_read_only"] == 0.25
    assert mixed["of_nginx"] == 0.0125
    assert mixed["writer"]["writes"] == 18
    assert data["rows"][0]["of_read_only"] is None
    assert data["rows"][2]["p99_ms"] == 900.0
