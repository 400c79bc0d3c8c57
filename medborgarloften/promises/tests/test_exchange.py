"""Medborgarlöfte JSON: the serializer, its schema and documentation, export, round trip.

``rich_promise`` and ``minimal_promise`` build database state directly (not through the
authoring services) because the format must cover what any code may store.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from jsonschema import Draft202012Validator, FormatChecker

from medborgarloften.cli import main as cli_main
from medborgarloften.places.models import Area, Organisation, OrganisationKind
from medborgarloften.promises.exchange import (
    dumps,
    promise_to_record,
    record_schema,
    records_from_json,
)
from medborgarloften.promises.models import (
    Commitment,
    FocusArea,
    Promise,
    Revision,
    Signatory,
)
from medborgarloften.vocabulary import EVIDENCE_SOURCES, PER, RESPONSIBLE, THEMES

DOCS = Path(__file__).resolve().parents[3] / "docs" / "format.md"

#: The extraction record of the corpus SCHEMA.md: the keys the scorer reads.
EXTRACTION_KEYS = {
    "id",
    "source_url",
    "municipalities",
    "police_area",
    "period",
    "period.start",
    "period.end",
    "period.text",
    "focus_areas",
    "themes",
    "places",
    "evidence_sources",
    "commitments",
    "commitments[].text",
    "commitments[].responsible",
    "commitments[].measurable",
    "commitments[].target",
    "commitments[].target.quantity",
    "commitments[].target.unit",
    "commitments[].target.per",
    "commitments[].target.deadline",
    "commitments[].places",
    "follow_up",
    "follow_up.text",
    "follow_up.reports_per_period",
    "signatories",
    "signatories[].name",
    "signatories[].title",
    "signatories[].organisation",
}


def build_rich_promise(kalmar: Organisation, nybro: Organisation, lpo: Organisation):
    """Two kommuner, an LPO, another party, focus areas, every kind of commitment."""
    housing = Organisation.objects.create(
        kind=OrganisationKind.BOSTADSBOLAG, name="Kalmarhem AB"
    )
    berga = Area.objects.create(kommun=kalmar, name="Berga", aliases=["Berga centrum"])
    oxhagen = Area.objects.create(kommun=kalmar, name="Oxhagen")
    station = Area.objects.create(kommun=nybro, name="Stationsområdet")
    harbour = Area.objects.create(kommun=kalmar, name="Ångbåtsbryggan")
    promise = Promise.objects.create(
        uid=uuid.UUID("3b0d8f6e-2f44-4c1e-9a57-1f3c0a9d2b71"),
        title="Medborgarlöfte Kalmar och Nybro 2025–2026",
        status="published",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2026, 12, 31),
        period_text="2025–2026",
        situation_summary="Otrygghet i Berga kvällstid; langning vid bryggan.",
        evidence_sources=["medborgardialog", "trygghetsmatning", "brottsstatistik"],
        themes=["alkohol", "narkotika"],
        follow_up_text="Vi redovisar resultatet två (2) gånger under perioden.",
        reports_per_period=2,
        report_audience="Brottsförebyggande rådet och medborgarna",
        source_url="https://www.example.se/medborgarlofte",
        adopted_on=dt.date(2025, 1, 10),
        published_at=dt.datetime(2025, 1, 12, 9, 30, 15, tzinfo=dt.UTC),
    )
    promise.parties.set([kalmar, nybro, lpo, housing])
    promise.areas.set([harbour, oxhagen])
    evening = FocusArea.objects.create(
        promise=promise,
        title="Trygg kvällsmiljö i Berga",
        description="Kvällar och helger, särskilt kring centrum.",
        themes=["trygghet_offentlig_miljo", "ordningsstorningar"],
        position=0,
    )
    evening.areas.set([berga])
    youth = FocusArea.objects.create(
        promise=promise,
        title="Unga i riskmiljö",
        themes=["barn_unga_riskmiljo"],
        position=1,
    )
    patrols = Commitment.objects.create(
        promise=promise,
        focus_area=evening,
        text="Polisen genomför minst 40 kvällspatruller i Berga per år.",
        responsible=["polis"],
        themes=["trygghet_offentlig_miljo"],
        target_quantity=40,
        target_unit="kvällspatruller",
        target_per="år",
        position=0,
    )
    patrols.areas.set([berga])
    walks = Commitment.objects.create(
        promise=promise,
        focus_area=evening,
        text="Kommunen, polisen och Kalmarhem AB genomför trygghetsvandringar i "
        "Oxhagen och vid Stationsområdet.",
        responsible=["annan", "kommun", "polis"],
        target_quantity=2,
        target_unit="trygghetsvandringar",
        target_per="område",
        position=1,
    )
    walks.areas.set([station, oxhagen])
    walks.other_parties.set([housing])
    Commitment.objects.create(
        promise=promise,
        focus_area=youth,
        text="Fritidsgårdarna håller öppet fredagskvällar under sommarlovet.",
        responsible=["kommun"],
        themes=["barn_unga_riskmiljo"],
        target_deadline=dt.date(2025, 6, 30),
        position=2,
    )
    Commitment.objects.create(
        promise=promise,
        text="Parterna samverkar löpande kring lägesbilden.",
        responsible=["kommun", "polis"],
        position=3,
    )
    Signatory.objects.create(
        promise=promise,
        name="Åsa Exempel",
        title="Kommunstyrelsens ordförande",
        organisation=kalmar,
        signed_on=dt.date(2025, 1, 10),
        position=0,
    )
    Signatory.objects.create(
        promise=promise,
        name="Erik Prov",
        title="Lokalpolisområdeschef",
        organisation_name="Lpo Kalmar",
        signed_on=dt.date(2025, 1, 11),
        position=1,
    )
    Signatory.objects.create(promise=promise, name="Nils Nybro", position=2)
    return promise


def build_minimal_promise(kalmar: Organisation):
    promise = Promise.objects.create(
        uid=uuid.UUID("0c5e2a6b-8d1f-4f0e-b3a2-6e7d9c1b4a20"), title="Kort löfte"
    )
    promise.parties.set([kalmar])
    Commitment.objects.create(
        promise=promise, text="Kommunen ordnar en medborgardialog.", position=0
    )
    return promise


@pytest.fixture(autouse=True)
def keep_db_connection(monkeypatch):
    """The console script closes connections when a command ends (Django does so in
    run_from_argv); inside a test transaction on PostgreSQL that would end the test's
    connection, so keep it open."""
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


@pytest.fixture
def rich_promise(kalmar, nybro, lpo_kalmar):
    return build_rich_promise(kalmar, nybro, lpo_kalmar)


@pytest.fixture
def minimal_promise(kalmar):
    return build_minimal_promise(kalmar)


def export(*args: str) -> str:
    out = StringIO()
    call_command("export", *args, stdout=out)
    return out.getvalue()


def load(*paths: Path | str, **options: Any) -> str:
    out, err = StringIO(), StringIO()
    call_command("loadpromises", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue() + err.getvalue()


def documented_rows() -> list[tuple[str, str]]:
    """(key, 'E' or '') for each row of the field table in docs/format.md."""
    text = DOCS.read_text("utf-8")
    table = text.split("### The record", 1)[1].split("### Vocabularies", 1)[0]
    return re.findall(r"^\| `([^`]+)` \| [^|]+ \| *(E?) *\|", table, re.M)


def key_paths(value: Any, prefix: str = "") -> set[str]:
    """Every key of a record as a path: 'commitments[].target.quantity'."""
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            paths.add(path)
            paths |= key_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            paths |= key_paths(item, f"{prefix}[]")
    return paths


def schema_paths(schema: dict[str, Any], prefix: str = "") -> set[str]:
    defs = record_schema()["$defs"]
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    paths: set[str] = set()
    for key, sub in schema.get("properties", {}).items():
        path = f"{prefix}.{key}" if prefix else key
        paths.add(path)
        paths |= schema_paths(sub, path)
    if "items" in schema:
        paths |= schema_paths(schema["items"], f"{prefix}[]")
    return paths


# --- the serializer ---------------------------------------------------------------


def test_it_serializes_parties_in_a_fixed_order(rich_promise):
    record = promise_to_record(rich_promise)

    assert record["municipalities"] == ["Kalmar", "Nybro"]
    assert record["municipality_codes"] == ["0880", "0881"]
    assert record["police_area"] == "Lokalpolisområde Kalmar"
    assert [(p["kind"], p["name"]) for p in record["parties"]] == [
        ("bostadsbolag", "Kalmarhem AB"),
        ("kommun", "Kalmar"),
        ("kommun", "Nybro"),
        ("lokalpolisomrade", "Lokalpolisområde Kalmar"),
    ]


def test_it_gathers_themes_and_places_from_focus_areas_and_commitments(rich_promise):
    record = promise_to_record(rich_promise)

    assert record["themes"] == [
        "narkotika",
        "trygghet_offentlig_miljo",
        "barn_unga_riskmiljo",
        "alkohol",
        "ordningsstorningar",
    ]
    assert record["places"] == sorted(
        ["Berga", "Oxhagen", "Stationsområdet", "Ångbåtsbryggan"]
    )
    assert record["evidence_sources"] == [
        "trygghetsmatning",
        "medborgardialog",
        "brottsstatistik",
    ]


def test_it_writes_targets_exactly_when_measurable(rich_promise):
    commitments = promise_to_record(rich_promise)["commitments"]

    assert [c["measurable"] for c in commitments] == [True, True, True, False]
    assert commitments[0]["target"] == {
        "quantity": 40,
        "unit": "kvällspatruller",
        "per": "år",
        "deadline": None,
    }
    assert commitments[1]["responsible"] == ["polis", "kommun", "annan"]
    assert commitments[1]["other_parties"] == ["Kalmarhem AB"]
    assert commitments[2]["target"]["deadline"] == "2025-06-30"
    assert commitments[3]["target"] is None


def test_it_writes_signatories_organisation_as_written(rich_promise):
    signatories = promise_to_record(rich_promise)["signatories"]

    assert [s["organisation"] for s in signatories] == ["Kalmar", "Lpo Kalmar", None]
    assert signatories[0]["date"] == "2025-01-10"


def test_it_has_no_police_area_without_a_lokalpolisomrade(minimal_promise):
    record = promise_to_record(minimal_promise)

    assert record["police_area"] is None
    assert record["follow_up"] == {
        "text": None,
        "reports_per_period": None,
        "audience": None,
    }


def test_it_dumps_utf8_with_indent_2_and_a_final_newline():
    text = dumps({"namn": "Ångbåtsbryggan", "lista": [1]})

    assert text == '{\n  "namn": "Ångbåtsbryggan",\n  "lista": [\n    1\n  ]\n}\n'


# --- schema and documentation -------------------------------------------------------


def test_it_validates_serializer_output_against_the_schema(
    rich_promise, minimal_promise
):
    validator = Draft202012Validator(record_schema(), format_checker=FormatChecker())
    records = [promise_to_record(rich_promise), promise_to_record(minimal_promise)]

    for data in (
        records[0],
        records,
        {"format": "medborgarlofte-json", "version": 1, "promises": records},
    ):
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == []


def test_it_has_every_record_key_in_the_schema_and_no_other(rich_promise):
    record_keys = key_paths(promise_to_record(rich_promise))
    declared = schema_paths(record_schema()["$defs"]["record"])

    assert record_keys - declared == set(), "keys missing from the JSON Schema"
    assert declared - record_keys == set(), "schema keys the serializer never writes"


def test_it_documents_every_key_of_the_schema_in_format_md():
    documented = {key for key, _ in documented_rows()}
    declared = schema_paths(record_schema()["$defs"]["record"])

    assert declared - documented == set(), "keys missing from docs/format.md"
    assert documented - declared == set(), "docs/format.md documents unknown keys"


def test_it_keeps_every_key_of_the_extraction_record(rich_promise):
    assert EXTRACTION_KEYS - key_paths(promise_to_record(rich_promise)) == set()


def test_it_marks_exactly_the_extraction_keys_in_the_documentation():
    rows = documented_rows()

    assert {key for key, mark in rows if mark == "E"} == EXTRACTION_KEYS


def test_it_uses_the_vocabularies_of_vocabulary_py_in_the_schema():
    schema = record_schema()
    record = schema["$defs"]["record"]["properties"]
    commitment = record["commitments"]["items"]["properties"]

    assert schema["$defs"]["theme"]["enum"] == list(THEMES)
    assert record["evidence_sources"]["items"]["enum"] == list(EVIDENCE_SOURCES)
    assert commitment["responsible"]["items"]["enum"] == list(RESPONSIBLE)
    assert commitment["target"]["properties"]["per"]["enum"] == [*PER, None]
    kinds = record["parties"]["items"]["properties"]["kind"]["enum"]
    assert kinds == list(OrganisationKind.values)


def test_it_ships_a_schema_that_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(record_schema())

    assert record_schema()["$schema"].endswith("/draft/2020-12/schema")


def test_it_loads_the_example_in_the_documentation(kalmar, lpo_kalmar, tmp_path):
    text = DOCS.read_text("utf-8").split("## Example", 1)[1]
    example = json.loads(text.split("```json", 1)[1].split("```", 1)[0])
    path = tmp_path / "example.json"
    path.write_text(json.dumps(example, ensure_ascii=False), "utf-8")

    load(path)

    promise = Promise.objects.get(uid=example["id"])
    assert promise_to_record(promise) == example


# --- reading files ------------------------------------------------------------------


def test_it_reads_an_object_an_array_and_an_envelope():
    record = {"id": "x"}

    assert records_from_json(record) == [record]
    assert records_from_json([record, record]) == [record, record]
    envelope = {"format": "medborgarlofte-json", "version": 1, "promises": [record]}
    assert records_from_json(envelope) == [record]


def test_it_refuses_an_envelope_of_an_unknown_version():
    with pytest.raises(ValueError, match="version"):
        records_from_json(
            {"format": "medborgarlofte-json", "version": 2, "promises": []}
        )


# --- export -------------------------------------------------------------------------


def test_it_exports_one_promise_as_an_object(rich_promise):
    data = json.loads(export("--promise", str(rich_promise.uid)))

    assert data == promise_to_record(rich_promise)


def test_it_exports_a_kommun_as_a_sorted_array(
    rich_promise, minimal_promise, kalmar, nybro
):
    by_code = export("--kommun", "0880")

    assert [r["id"] for r in json.loads(by_code)] == [
        str(minimal_promise.uid),  # no period start: first
        str(rich_promise.uid),
    ]
    assert export("--kommun", "Kalmar kommun") == by_code
    assert [r["id"] for r in json.loads(export("--kommun", "Nybro"))] == [
        str(rich_promise.uid)
    ]


def test_it_exports_all_promises_as_an_array_in_an_envelope(rich_promise):
    data = json.loads(export("--all", "--envelope"))

    assert data["format"] == "medborgarlofte-json"
    assert data["version"] == 1
    assert [r["id"] for r in data["promises"]] == [str(rich_promise.uid)]


def test_it_writes_utf8_to_a_file(rich_promise, tmp_path):
    path = tmp_path / "ut.json"

    call_command("export", "--all", "-o", str(path), stderr=StringIO())

    raw = path.read_bytes()
    assert "Ångbåtsbryggan".encode() in raw
    assert raw.decode("utf-8") == export("--all")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--promise", "inte-ett-uuid"], "UUID"),
        (["--promise", "6f1c1f0e-3c1a-4b8e-9d55-2b8f5a0c7e11"], "inget löfte"),
        (["--kommun", "Atlantis"], "okänd kommun"),
    ],
)
def test_it_refuses_an_unknown_export_target(db, args, message):
    with pytest.raises(CommandError, match=message):
        export(*args)


def test_it_exits_non_zero_on_an_unknown_kommun(db, capsys):
    assert cli_main(["export", "--kommun", "Atlantis"]) == 1
    assert "Atlantis" in capsys.readouterr().err


# --- round trip ---------------------------------------------------------------------


def _forget(promise: Promise) -> None:
    """Remove a promise and what only it used, leaving the reference data."""
    Area.objects.all().delete()
    promise.delete()
    Organisation.objects.exclude(
        kind__in=[OrganisationKind.KOMMUN, OrganisationKind.LOKALPOLISOMRADE]
    ).exclude(kind=OrganisationKind.POLISREGION).delete()


@pytest.mark.parametrize("which", ["rich_promise", "minimal_promise"])
def test_it_round_trips_byte_identical_into_the_same_database(which, request, tmp_path):
    promise = request.getfixturevalue(which)
    first = export("--promise", str(promise.uid))
    path = tmp_path / "loefte.json"
    path.write_text(first, "utf-8")

    assert "ersatt/updated" in load(path)

    assert export("--promise", str(promise.uid)) == first
    assert Promise.objects.count() == 1


@pytest.mark.parametrize("which", ["rich_promise", "minimal_promise"])
def test_it_round_trips_byte_identical_into_an_empty_database(which, request, tmp_path):
    promise = request.getfixturevalue(which)
    first = export("--all")
    path = tmp_path / "alla.json"
    path.write_text(first, "utf-8")
    _forget(promise)
    assert not Promise.objects.exists()

    assert "skapad/created" in load(path)

    assert export("--all") == first


def test_it_round_trips_through_the_console_script(rich_promise, tmp_path, capsys):
    path = tmp_path / "loefte.json"
    assert (
        cli_main(["export", "--promise", str(rich_promise.uid), "-o", str(path)]) == 0
    )
    first = path.read_text("utf-8")
    _forget(rich_promise)

    assert cli_main(["load", str(path)]) == 0

    assert cli_main(["export", "--promise", str(rich_promise.uid)]) == 0
    assert capsys.readouterr().out.endswith(first)


def test_it_records_a_loaded_revision_with_the_file_name(rich_promise, tmp_path):
    path = tmp_path / "loefte.json"
    path.write_text(export("--promise", str(rich_promise.uid)), "utf-8")

    load(path)

    revision = Revision.objects.filter(promise=rich_promise).first()
    assert revision.action == Revision.Action.LOADED
    assert revision.source == "fil:loefte.json"
    assert revision.before == revision.after == promise_to_record(rich_promise)
