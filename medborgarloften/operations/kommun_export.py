"""Everything one kommun has in the system, in open formats, in one zip.

So a kommun can leave with its data: its promises in the exchange format
(docs/format.md, the same records as ``medborgarloften export``) and every follow-up
and lägesbild table about it as JSON (Django's serialisation: ``model``, ``pk``,
``fields``; staff named by user name) and CSV (one column per field; text that a
spreadsheet would run as a formula starts with an apostrophe). A manifest lists the
files with their row counts and sha256.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.core import serializers

from medborgarloften.lib.csvdialect import formula_safe
from medborgarloften.places.models import Organisation
from medborgarloften.promises.exchange import dumps, envelope, promise_to_record
from medborgarloften.promises.selectors import promises_for_export

FORMAT = "medborgarloften-kommun-export"
VERSION = 1

#: file stem -> (model label, lookup from the model to the kommun).
TABLES: dict[str, tuple[str, str]] = {
    "revisions": ("promises.Revision", "promise__parties"),
    "activities": ("followup.Activity", "commitment__promise__parties"),
    "assessments": ("followup.Assessment", "commitment__promise__parties"),
    "reports": ("followup.Report", "promise__parties"),
    "report_entries": ("followup.ReportEntry", "report__promise__parties"),
    "planned_activities": ("followup.PlannedActivity", "commitment__promise__parties"),
    "recurring_events": ("followup.RecurringEvent", "organisation"),
    "communication": ("followup.CommunicationActivity", "promise__parties"),
    "observations": ("situation.Observation", "kommun"),
    "survey_results": ("situation.SurveyResult", "kommun"),
    "crime_statistics": ("situation.CrimeStatistic", "kommun"),
    "key_figures": ("situation.KeyFigure", "kommun"),
    "dialogues": ("situation.Dialogue", "kommun"),
    "dialogue_findings": ("situation.DialogueFinding", "dialogue__kommun"),
    "cause_analyses": ("situation.CauseAnalysis", "focus_area__promise__parties"),
    "baselines": ("situation.BaselineValue", "promise__parties"),
    "surveys": ("situation.Survey", "kommun"),
    "survey_questions": ("situation.SurveyQuestion", "survey__kommun"),
    "survey_responses": ("situation.SurveyResponse", "survey__kommun"),
    "survey_answers": ("situation.SurveyAnswer", "response__survey__kommun"),
    "walk_points": ("situation.WalkPoint", "survey__kommun"),
}


def _rows(label: str, lookup: str, kommun: Organisation) -> list[dict] | None:
    try:
        model = apps.get_model(label)
    except LookupError:
        return None  # a table another version of the application has
    ids = model._default_manager.filter(**{lookup: kommun}).values("pk")
    queryset = model._default_manager.filter(pk__in=ids).order_by("pk")
    text = serializers.serialize(
        "json", queryset, use_natural_foreign_keys=True, ensure_ascii=False
    )
    return json.loads(text)


def _csv(records: list[dict]) -> str:
    columns = ["pk"]
    for record in records:
        for name in record["fields"]:
            if name not in columns:
                columns.append(name)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = {"pk": record["pk"]}
        for name, value in record["fields"].items():
            row[name] = (
                json.dumps(value, ensure_ascii=False)
                if isinstance(value, (list, dict))
                # survey answers and observations are typed by the public: a
                # formula in them stays text (as in the API's CSV)
                else formula_safe(value)
            )
        writer.writerow(row)
    return out.getvalue()


def kommun_export(*, kommun: Organisation, path: Path) -> dict[str, object]:
    """Write the kommun's zip; returns its manifest."""
    files: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    records = [promise_to_record(p) for p in promises_for_export(kommun=kommun)]
    files["promises.json"] = dumps(envelope(records)).encode("utf-8")
    counts["promises"] = len(records)
    for stem, (label, lookup) in TABLES.items():
        rows = _rows(label, lookup, kommun)
        if rows is None:
            continue
        counts[stem] = len(rows)
        files[f"{stem}.json"] = json.dumps(rows, ensure_ascii=False, indent=1).encode(
            "utf-8"
        )
        files[f"{stem}.csv"] = _csv(rows).encode("utf-8")
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "kommun": {"code": getattr(kommun, "code", ""), "name": kommun.name},
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": counts,
        "checksums": {n: hashlib.sha256(b).hexdigest() for n, b in files.items()},
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        archive.writestr(
            "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2)
        )
    return manifest
