"""The table of bench_public.py and its JSON summary (``--json FILE``): plain Python,
tested in tests/test_bench_public.py. Not a test."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Row:
    """One measured line: a page (or the static copy) in one mode."""

    label: str
    path: str
    mode: str  # "warm cache", "uncached", "no caches", "mixed", "static"
    rps: float
    p99_ms: float
    failed: int
    last_request: str = "-"
    #: Mixed mode: what the writers did during this row's run.
    writer: dict[str, Any] | None = None


@dataclass
class Run:
    rows: list[Row] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def ceiling(self) -> float | None:
        """The static nginx figure (WhiteNoise's when nginx is missing)."""
        statics = [r for r in self.rows if r.mode == "static"]
        for row in statics:
            if "nginx" in row.label:
                return row.rps
        return statics[0].rps if statics else None

    def read_only(self, row: Row) -> Row | None:
        """The warm read-only row of the same page as a mixed row."""
        for other in self.rows:
            if other.path == row.path and other.mode == "warm cache":
                return other
        return None

    def table(self) -> str:
        ceiling = self.ceiling()
        lines = [
            "| Page | mode | req/s | p99 (ms) | failed | last request | of nginx "
            "| of read-only | writes |",
            "|---|---|---:|---:|---:|---|---:|---:|---:|",
        ]
        for row in self.rows:
            share = f"{row.rps / ceiling:.1%}" if ceiling else "-"
            base = self.read_only(row) if row.mode == "mixed" else None
            of_read = f"{row.rps / base.rps:.0%}" if base and base.rps else "-"
            writes = "-"
            if row.writer is not None:
                writes = str(row.writer.get("writes", 0))
                if row.writer.get("failed_writes"):
                    writes += f" ({row.writer['failed_writes']} failed)"
            lines.append(
                f"| {row.label} | {row.mode} | {row.rps:.0f} | {row.p99_ms:.1f} | "
                f"{row.failed} | {row.last_request} | {share} | {of_read} | {writes} |"
            )
        return "\n".join(lines)

    def summary(self) -> dict[str, Any]:
        """Every row of the table, with the ratios it prints, and the run's facts."""
        ceiling = self.ceiling()
        rows = []
        for row in self.rows:
            item = asdict(row)
            item["rps"] = round(row.rps, 1)
            item["p99_ms"] = round(row.p99_ms, 1)
            item["of_nginx"] = round(row.rps / ceiling, 4) if ceiling else None
            base = self.read_only(row) if row.mode == "mixed" else None
            item["of_read_only"] = (
                round(row.rps / base.rps, 4) if base and base.rps else None
            )
            rows.append(item)
        return {**self.meta, "nginx_ceiling_rps": ceiling, "rows": rows}

    def write_json(self, path: str | Path) -> None:
        Path(path).write_text(
            json.dumps(self.summary(), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
