"""The load run's figures (load.py): percentiles per kind of request, the activities
in the database counted by marker, the printed table, and why a run failed. Not a
test."""

from __future__ import annotations

import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
from load_clients import Stats  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 10) - 1]


def count_markers(run: str) -> dict[str, int]:
    from django.db import connection

    from medborgarloften.followup.models import Activity

    connection.close()  # the database may have been restarted meanwhile
    counts: dict[str, int] = defaultdict(int)
    for text in Activity.objects.filter(
        description__startswith=f"Lastprov LAST-{run}-"
    ).values_list("description", flat=True):
        counts[text.removeprefix("Lastprov ")] += 1
    return counts


def report(args, stats: Stats, counts: dict[str, int]) -> dict:
    acknowledged = set(stats.acknowledged)
    lost = sorted(m for m in acknowledged if counts.get(m, 0) == 0)
    duplicated = sorted(m for m, n in counts.items() if n > 1)
    unexpected = sorted(
        m for m in counts if m not in acknowledged and m not in set(stats.unknown)
    )
    rows = []
    kinds = sorted(set(stats.latencies) | set(stats.errors))
    for kind in kinds:
        ok = stats.latencies.get(kind, [])
        errors = dict(stats.errors.get(kind, {}))
        rows.append(
            {
                "kind": kind,
                "ok": len(ok),
                "errors": errors,
                "p50_ms": round(percentile(ok, 50) * 1000, 1),
                "p95_ms": round(percentile(ok, 95) * 1000, 1),
                "p99_ms": round(percentile(ok, 99) * 1000, 1),
                "max_ms": round(max(ok) * 1000, 1) if ok else None,
            }
        )
    result = {
        "machine": common.machine(),
        "duration_s": args.duration,
        "staff": args.staff,
        "readers": args.readers,
        "server": args.server,
        "via": args.via,
        "requests": len(stats.timeline),
        "signed_in": stats.signed_in,
        "activities_posted": stats.posted,
        "rows": rows,
        "activities_acknowledged": len(acknowledged),
        "activities_in_database": sum(counts.values()),
        "posted_without_answer": len(stats.unknown),
        "posted_without_answer_saved": sum(1 for m in stats.unknown if m in counts),
        "posts_refused": len(stats.refused),
        "lost": lost,
        "duplicated": duplicated,
        "unexpected": unexpected,
        "unclean_5xx": stats.unclean,
        "server_peak_rss_mb": getattr(stats, "peak_memory_mb", None),
        "restart": getattr(stats, "restart", []),
    }
    print(f"\n{result['machine']}")
    print(
        f"{args.staff} staff + {args.readers} readers, {args.duration} s, "
        f"{'nginx → ' if args.via == 'nginx' else ''}{args.server}; "
        f"{result['requests']} requests; {stats.signed_in} of {args.staff} staff "
        "signed in"
    )
    print("\n| Request | ok | errors | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for row in rows:
        errors = ", ".join(f"{k} {v}" for k, v in row["errors"].items()) or "0"
        print(
            f"| {row['kind']} | {row['ok']} | {errors} | {row['p50_ms']} | "
            f"{row['p95_ms']} | {row['p99_ms']} | {row['max_ms']} |"
        )
    print(
        f"\nactivities posted {stats.posted}, acknowledged "
        f"{result['activities_acknowledged']}, in the "
        f"database {result['activities_in_database']}, lost {len(lost)}, "
        f"duplicated {len(duplicated)}, saved without being posted {len(unexpected)}; "
        f"posts without an answer {result['posted_without_answer']} (of them saved "
        f"{result['posted_without_answer_saved']}), refused {result['posts_refused']}; "
        f"5xx without the error page {stats.unclean}; largest server process "
        f"{result['server_peak_rss_mb']} MB resident at its peak"
    )
    return result


def failures(result: dict) -> list[str]:
    """Why the run failed; empty when everything that was to happen happened."""
    reasons = []
    failed = {row["kind"]: row["errors"] for row in result["rows"] if row["errors"]}
    if failed:
        reasons.append(f"requests failed: {failed}")
    if result["signed_in"] < result["staff"]:
        reasons.append(
            f"{result['staff'] - result['signed_in']} of {result['staff']} staff "
            "clients never signed in"
        )
    acknowledged, posted = (
        result["activities_acknowledged"],
        result["activities_posted"],
    )
    if acknowledged == 0:
        reasons.append(f"no activity was acknowledged ({posted} posted)")
    elif acknowledged < posted:
        reasons.append(f"only {acknowledged} of {posted} activity posts acknowledged")
    for key, what in (
        ("lost", "acknowledged but not in the database"),
        ("duplicated", "in the database more than once"),
        ("unexpected", "in the database without having been posted"),
    ):
        if result[key]:
            reasons.append(f"{len(result[key])} activities {what}")
    return reasons
