"""The public benchmarks' data set: 290 kommuner × 10 published promises, built with
``bulk_create`` (bench_public.py, profile_public.py). Not a test."""

from __future__ import annotations

import datetime as dt
from typing import Any

KINDS = ["trygghetsvandring", "fotpatrullering", "medborgardialog", "kontroll"]
TEXTS = [
    "Polisen och kommunen genomför trygghetsvandringar, åtagande {c}.",
    "Kommunen förbättrar belysningen i parker och gångtunnlar ({c}).",
    "Polisen är synlig vid skolorna på eftermiddagarna ({c}).",
    "Fältassistenter rör sig i centrum på helgkvällar ({c}).",
    "Grannsamverkan startas i nya bostadsområden ({c}).",
    "Klotter saneras inom ett dygn ({c}).",
    "Medborgardialog hålls två gånger per år ({c}).",
    "Trafikkontroller vid skolor under höstterminen ({c}).",
]
THEME_CYCLE = ["narkotika", "trafik", "inbrott", "vald", "trygghet_offentlig_miljo"]


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def published_promise(title: str, first_year: int, n: int, now: dt.datetime) -> Any:
    """A published two-year promise (unsaved, for ``bulk_create``), the ``n``-th
    theme of the cycle."""
    from medborgarloften.promises.models import Promise

    return Promise(
        title=title,
        period_start=dt.date(first_year, 1, 1),
        period_end=dt.date(first_year + 1, 12, 31),
        status="published",
        published_at=now,
        situation_summary="Lägesbilden visar otrygghet kring centrum på "
        "kvällarna och oro för narkotika bland unga. " * 3,
        themes=[THEME_CYCLE[n % len(THEME_CYCLE)]],
        reports_per_period=2,
    )


def build(kommuner: int = 290, per_kommun: int = 10) -> str:
    """The data set; returns the uid of one promise in the middle of it."""
    from medborgarloften.followup.models import Activity, Report
    from medborgarloften.places.models import County, Organisation, OrganisationKind
    from medborgarloften.promises.models import (
        Promise,
    )

    counties = [
        County.objects.create(code=f"{n:02d}", name=f"Län {n}") for n in range(1, 22)
    ]
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                kind=OrganisationKind.KOMMUN,
                code=f"{9000 + k}",
                name=f"Bänkeby {k}",
                county=counties[k % len(counties)],
            )
            for k in range(kommuner)
        ]
        + [
            Organisation(
                kind=OrganisationKind.LOKALPOLISOMRADE,
                name=f"Lokalpolisområde Bänkeby {k}",
                county=counties[k % len(counties)],
            )
            for k in range(kommuner)
        ]
    )
    kommun_orgs, lpos = orgs[:kommuner], orgs[kommuner:]
    now = dt.datetime.now(dt.UTC)
    promises = Promise.objects.bulk_create(
        [
            published_promise(
                f"Medborgarlöfte {p + 1} för {kommun.name}", 2017 + p, p, now
            )
            for kommun in kommun_orgs
            for p in range(per_kommun)
        ]
    )
    commitments = promise_contents(promises, kommun_orgs, lpos, per_kommun)
    Activity.objects.bulk_create(
        [
            Activity(
                commitment=commitments[i * 8 + a % 8],
                date=promise.period_start + dt.timedelta(days=30 * a),
                kind=KINDS[a % len(KINDS)],
                description="Genomförd enligt plan.",
            )
            for i, promise in enumerate(promises)
            for a in range(20)
        ],
        batch_size=5000,
    )
    Report.objects.bulk_create(
        [
            Report(
                promise=promise,
                title="Uppföljning år 1",
                period_start=promise.period_start,
                period_end=promise.period_start + dt.timedelta(days=364),
                status="published",
                published_at=now,
                summary="Det mesta blev gjort.",
            )
            for promise in promises
        ]
    )
    return str(promises[len(promises) // 2].uid)


def promise_contents(
    promises: list[Any],
    kommuner: list[Any],
    lpos: list[Any],
    per_kommun: int,
    batch_size: int | None = None,
) -> list[Any]:
    """Each promise's parties (its kommun and local police area; ``per_kommun``
    promises in a row per kommun), 3 focus areas, 8 commitments and 4 signatories.
    Returns the commitments, 8 per promise in the promises' order."""
    from medborgarloften.promises.models import (
        Commitment,
        FocusArea,
        Promise,
        Signatory,
    )

    through = Promise.parties.through
    through.objects.bulk_create(
        [
            through(promise_id=promise.pk, organisation_id=org.pk)
            for i, promise in enumerate(promises)
            for org in (kommuner[i // per_kommun], lpos[i // per_kommun])
        ]
    )
    focus = FocusArea.objects.bulk_create(
        [
            FocusArea(promise=promise, title=f"Fokusområde {f + 1}", position=f)
            for promise in promises
            for f in range(3)
        ]
    )
    commitments = Commitment.objects.bulk_create(
        [
            Commitment(
                promise=promise,
                focus_area=focus[i * 3 + c % 3],
                text=TEXTS[c % len(TEXTS)].format(c=c),
                responsible=["polis", "kommun"],
                themes=[THEME_CYCLE[c % len(THEME_CYCLE)]],
                target_quantity=4 if c % 2 else None,
                target_unit="vandringar" if c % 2 else "",
                target_per="år" if c % 2 else "",
                position=c,
            )
            for i, promise in enumerate(promises)
            for c in range(8)
        ],
        batch_size=batch_size,
    )
    Signatory.objects.bulk_create(
        [
            Signatory(promise=promise, name=f"Person {s}", title="Kommundirektör")
            for promise in promises
            for s in range(4)
        ],
        batch_size=batch_size,
    )
    return commitments
