"""Loading medborgarlöfte JSON: extraction records, replacing, name resolution, errors.

Every error test checks three things: the command fails (exit status 1 through the
console script, CommandError through call_command), the message names the file, the
record and the field, and nothing was stored.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import medborgarloften.extract
from medborgarloften.cli import main as cli_main
from medborgarloften.extract.record import extract_record
from medborgarloften.followup.models import Activity
from medborgarloften.places.models import Area, AreaKind, Organisation, OrganisationKind
from medborgarloften.promises.exchange import promise_to_record
from medborgarloften.promises.models import Commitment, Promise, Revision
from medborgarloften.promises.services import (
    RecordError,
    promise_load_record,
    promises_load,
)

from .test_exchange import build_rich_promise


def extraction_record(**changes: Any) -> dict[str, Any]:
    """An extraction record as the importer writes it: names only, file name as id."""
    record: dict[str, Any] = {
        "id": "017_kalmar_2024",
        "source_url": "https://www.example.se/kalmar/medborgarlofte-2024.pdf",
        "municipalities": ["Kalmar"],
        "police_area": "Lokalpolisområde Kalmar",
        "period": {"start": "2024-01-01", "end": "2024-12-31", "text": "under 2024"},
        "focus_areas": ["Trygg miljö i centrala Kalmar"],
        "themes": ["trygghet_offentlig_miljo", "alkohol"],
        "places": ["centrala Kalmar", "Berga centrum"],
        "evidence_sources": ["trygghetsmatning", "brottsstatistik"],
        "commitments": [
            {
                "text": "Polisen genomför minst tolv krogkontroller under året.",
                "responsible": ["polis"],
                "measurable": True,
                "target": {
                    "quantity": 12,
                    "unit": "krogkontroller",
                    "per": "period",
                    "deadline": None,
                },
                "places": ["centrala Kalmar"],
            },
            {
                "text": "Kommunen och polisen bjuder in till trygghetsvandringar.",
                "responsible": ["polis", "kommun"],
                "measurable": False,
                "target": None,
                "places": [],
            },
        ],
        "follow_up": {
            "text": "Löftet följs upp i slutet av perioden.",
            "reports_per_period": None,
        },
        "signatories": [
            {"name": "Per Prov", "title": "Lokalpolisområdeschef", "organisation": None}
        ],
    }
    record.update(changes)
    return record


def write(tmp_path: Path, data: Any, name: str = "poster.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    return path


def load(*paths: Path, **options: Any) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("loadpromises", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def keep_db_connection(monkeypatch):
    """The console script closes connections when a command ends (Django does so in
    run_from_argv); inside a test transaction on PostgreSQL that would end the test's
    connection, so keep it open."""
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


@pytest.fixture
def berga(kalmar):
    return Area.objects.create(kommun=kalmar, name="Berga", aliases=["Berga centrum"])


# --- extraction records -------------------------------------------------------------


def test_it_loads_an_extraction_record_as_a_new_draft(kalmar, lpo_kalmar, tmp_path):
    out, _ = load(write(tmp_path, extraction_record(), "017_kalmar_2024.json"))

    promise = Promise.objects.get()
    assert promise.status == "draft"
    assert str(promise.uid) != "017_kalmar_2024"
    assert promise.title == "Medborgarlöfte Kalmar 2024"
    assert list(promise.parties.all()) == [kalmar, lpo_kalmar]
    assert promise.revisions.get().source == "fil:017_kalmar_2024.json"
    assert "1 skapade / created" in out


def test_it_keeps_every_scored_key_of_an_extraction_record(kalmar, lpo_kalmar, berga):
    record = extraction_record()

    promise = promise_load_record(record=record, source="test")

    out = promise_to_record(promise)
    assert {key: out[key] for key in record if key not in {"id", "places"}} == {
        **{key: record[key] for key in record if key not in {"id", "places"}},
        "themes": ["trygghet_offentlig_miljo", "alkohol"],
        "follow_up": {**record["follow_up"], "audience": None},
        "signatories": [{**record["signatories"][0], "date": None}],
        "commitments": [
            {**c, "themes": [], "focus_area": None, "other_parties": []}
            for c in record["commitments"]
        ],
    }
    # "Berga centrum" is an alias of the stored area Berga.
    assert out["places"] == ["Berga", "centrala Kalmar"]


def test_it_loads_an_extraction_record_with_unknown_keys_and_warns(
    kalmar, lpo_kalmar, tmp_path
):
    record = extraction_record()
    record["confidence"] = 0.8
    for commitment in record["commitments"]:
        commitment["span"] = [0, 10]

    _, err = load(write(tmp_path, record))

    assert Promise.objects.count() == 1
    assert "unknown keys ignored: commitments[].span, confidence\n" in err


def test_it_creates_missing_places_as_areas_of_the_first_kommun(
    kalmar, nybro, lpo_kalmar
):
    record = extraction_record(municipalities=["Nybro", "Kalmar"])

    promise_load_record(record=record, source="test")

    assert {(a.name, a.kommun, a.kind) for a in Area.objects.all()} == {
        ("centrala Kalmar", nybro, AreaKind.OMRADE),
        ("Berga centrum", nybro, AreaKind.OMRADE),
    }


def test_it_finds_places_by_alias_ignoring_case(kalmar, lpo_kalmar, berga):
    record = extraction_record(places=["BERGA CENTRUM"])

    promise = promise_load_record(record=record, source="test")

    assert berga in promise.areas.all()
    assert Area.objects.filter(name__iexact="berga centrum").count() == 0


@pytest.mark.parametrize(
    "name", ["Region Gotland", "Gotland", "gotland", "Gotlands kommun"]
)
def test_it_resolves_kommun_names(db, name):
    gotland = Organisation.objects.create(
        kind=OrganisationKind.KOMMUN, name="Gotland", code="0980"
    )
    record = extraction_record(municipalities=[name], police_area=None, places=[])
    for commitment in record["commitments"]:
        commitment["places"] = []

    promise = promise_load_record(record=record, source="test")

    assert list(promise.parties.all()) == [gotland]


@pytest.mark.parametrize(
    "name", ["LPO Kalmar", "Kalmar lokalpolisområde", "lokalpolisområdet Kalmar"]
)
def test_it_resolves_police_area_names(kalmar, lpo_kalmar, name):
    promise = promise_load_record(
        record=extraction_record(police_area=name), source="test"
    )

    assert lpo_kalmar in promise.parties.all()
    assert promise_to_record(promise)["police_area"] == "Lokalpolisområde Kalmar"


def test_an_unknown_police_area_names_the_one_serving_the_kommun(kalmar, lpo_kalmar):
    lpo_kalmar.serves.add(kalmar)
    record = extraction_record(police_area="Lokalpolisområde Södra Atlantis")
    with pytest.raises(RecordError) as failure:
        promise_load_record(record=record, source="test")
    assert "okänt lokalpolisområde 'Lokalpolisområde Södra Atlantis'" in str(
        failure.value
    )
    assert "kommunens lokalpolisområde: Lokalpolisområde Kalmar" in str(failure.value)
    assert (
        promise_load_record(
            record=extraction_record(police_area="kalmar LPO"), source="test"
        ).parties.filter(pk=lpo_kalmar.pk)
    ).exists()


def test_it_creates_a_missing_police_area_only_when_asked(kalmar, tmp_path):
    path = write(tmp_path, extraction_record(police_area="Lokalpolisområde Kalmar"))

    with pytest.raises(CommandError, match="--create-missing-police-area"):
        load(path)
    assert not Organisation.objects.filter(kind="lokalpolisomrade").exists()

    load(path, create_missing_police_area=True)

    lpo = Organisation.objects.get(kind=OrganisationKind.LOKALPOLISOMRADE)
    assert lpo.name == "Lokalpolisområde Kalmar"
    assert list(lpo.serves.all()) == [kalmar]


def test_it_warns_and_stores_a_unit_only_target_as_not_measurable(
    kalmar, lpo_kalmar, tmp_path
):
    record = extraction_record()
    record["commitments"][0]["target"] = {
        "quantity": None,
        "unit": "kvartalsbrev",
        "per": None,
        "deadline": None,
    }

    _, err = load(write(tmp_path, record))

    commitment = Commitment.objects.get(position=0)
    assert (commitment.measurable, commitment.target_unit) == (False, "kvartalsbrev")
    assert "commitments[0].target: varken antal" in err


def test_it_gives_every_loaded_promise_the_status_asked_for(
    kalmar, lpo_kalmar, tmp_path
):
    load(write(tmp_path, extraction_record()), status="adopted")

    assert Promise.objects.get().status == "adopted"


def test_it_stores_nothing_on_a_dry_run(kalmar, tmp_path):
    out, _ = load(
        write(tmp_path, [extraction_record(), extraction_record(id="b")]),
        dry_run=True,
        create_missing_police_area=True,
    )

    assert "Torrkörning" in out
    assert "2 skapade" in out
    assert not Promise.objects.exists()
    assert not Organisation.objects.filter(kind="lokalpolisomrade").exists()


def test_it_loads_several_files_and_an_envelope(kalmar, lpo_kalmar, tmp_path):
    first = write(tmp_path, extraction_record(), "a.json")
    envelope = {
        "format": "medborgarlofte-json",
        "version": 1,
        "promises": [extraction_record(id="b"), extraction_record(id="c")],
    }
    second = write(tmp_path, envelope, "b.json")

    out, _ = load(first, second)

    assert Promise.objects.count() == 3
    assert "3 skapade / created, 0 ersatta / updated" in out
    sources = sorted(Revision.objects.values_list("source", flat=True))
    assert sources == ["fil:a.json", "fil:b.json", "fil:b.json"]


def test_it_loads_what_the_extractor_writes_as_drafts(kalmar):
    fixtures = Path(medborgarloften.extract.__file__).parent / "tests/fixtures/promises"
    records = []
    for path in sorted(fixtures.glob("*.txt")):
        record = extract_record(path.read_text("utf-8"), record_id=path.stem)
        record["municipalities"] = ["Kalmar"]  # the fixtures' kommuner are invented
        records.append(record)
    assert records, f"no extractor fixtures in {fixtures}"

    summary = promises_load(
        records=records, source="extract", create_missing_police_area=True
    )

    assert summary.created == len(records)
    for record, result in zip(records, summary.results, strict=True):
        assert result.promise.status == "draft"
        loaded = promise_to_record(result.promise)
        assert [c["text"] for c in loaded["commitments"]] == [
            c["text"] for c in record["commitments"]
        ]
        assert loaded["police_area"] == record["police_area"]


def test_it_loads_plain_records_through_the_service(kalmar, lpo_kalmar):
    summary = promises_load(
        records=[extraction_record(), extraction_record(id="b")], source="demo"
    )

    assert (summary.created, summary.updated) == (2, 0)
    assert set(Revision.objects.values_list("source", flat=True)) == {"demo"}


# --- replacing a promise by its id --------------------------------------------------


@pytest.fixture
def rich_promise(kalmar, nybro, lpo_kalmar):
    return build_rich_promise(kalmar, nybro, lpo_kalmar)


def test_it_replaces_the_content_of_the_promise_with_the_same_id(rich_promise):
    record = promise_to_record(rich_promise)
    record["title"] = "Nytt namn"
    record["commitments"] = record["commitments"][:1]
    record["signatories"] = []

    promise = promise_load_record(record=record, source="fil:x.json")

    assert promise.pk == rich_promise.pk
    assert promise.title == "Nytt namn"
    assert promise.commitments.count() == 1
    assert not promise.signatories.exists()
    revision = promise.revisions.first()
    assert revision.action == Revision.Action.LOADED
    assert len(revision.before["commitments"]) == 4
    assert len(revision.after["commitments"]) == 1


def test_it_keeps_commitments_with_unchanged_text_and_their_activities(rich_promise):
    kept = rich_promise.commitments.get(position=0)
    Activity.objects.create(commitment=kept, date=dt.date(2025, 3, 1), kind="patrull")
    record = promise_to_record(rich_promise)
    record["commitments"] = [record["commitments"][0]]
    record["commitments"][0]["target"]["quantity"] = 50

    promise_load_record(record=record, source="test")

    kept.refresh_from_db()
    assert kept.target_quantity == 50
    assert kept.activities.count() == 1


def test_it_refuses_to_drop_a_commitment_with_activities(rich_promise, tmp_path):
    dropped = rich_promise.commitments.get(position=3)
    Activity.objects.create(commitment=dropped, date=dt.date(2025, 3, 1), kind="möte")
    record = promise_to_record(rich_promise)
    record["commitments"] = record["commitments"][:3]
    before = promise_to_record(rich_promise)

    with pytest.raises(CommandError, match="aktiviteter"):
        load(write(tmp_path, record))

    assert promise_to_record(Promise.objects.get()) == before


def test_it_carries_the_historical_flag_out_and_back(rich_promise):
    rich_promise.historical = True
    rich_promise.save(update_fields=["historical"])
    record = promise_to_record(rich_promise)
    assert record["historical"] is True

    record["historical"] = False
    promise_load_record(record=record, source="test")
    rich_promise.refresh_from_db()
    assert rich_promise.historical is False

    # A record written before the flag existed leaves it as stored.
    record["historical"] = True
    promise_load_record(record=record, source="test")
    del record["historical"]
    promise_load_record(record=record, source="test")
    rich_promise.refresh_from_db()
    assert rich_promise.historical is True


def test_it_refuses_a_historical_flag_that_is_not_true_or_false(rich_promise):
    record = promise_to_record(rich_promise)
    record["historical"] = "ja"

    with pytest.raises(RecordError, match="historical"):
        promise_load_record(record=record, source="test")


def test_it_creates_a_promise_with_the_given_uuid(kalmar, lpo_kalmar):
    uid = "7d8a3a7e-5b8e-4d0f-8f3a-0c2c4b1e9f10"
    record = extraction_record(id=uid, status="published")

    promise = promise_load_record(record=record, source="test")

    assert (str(promise.uid), promise.status) == (uid, "published")


# --- errors: nothing stored, exit status 1, file + record + field named --------------


def _bad(**changes: Any) -> dict[str, Any]:
    return extraction_record(**changes)


def _commitment(**changes: Any) -> dict[str, Any]:
    record = extraction_record()
    record["commitments"][0].update(changes)
    return record


def _target(**changes: Any) -> dict[str, Any]:
    record = extraction_record()
    record["commitments"][0]["target"].update(changes)
    return record


BAD_RECORDS = {
    "unknown kommunkod": (
        _bad(municipality_codes=["9999"]),
        "municipality_codes[0]: okänd kommunkod 9999",
    ),
    "kommunkod not 4 digits": (
        _bad(municipality_codes=["880"]),
        "municipality_codes[0]: en kommunkod har fyra siffror",
    ),
    "name against code": (
        _bad(municipality_codes=["0880"], municipalities=["Nybro"]),
        "municipalities[0]: 'Nybro' stämmer inte med kommunkod 0880",
    ),
    "unknown kommun name": (
        _bad(municipalities=["Atlantis"]),
        "municipalities[0]: okänd kommun 'Atlantis'",
    ),
    "no kommun": (_bad(municipalities=[]), "municipalities: minst en kommun"),
    "unknown police area": (
        _bad(police_area="Lokalpolisområde Atlantis"),
        "police_area: okänt lokalpolisområde",
    ),
    "end before start": (
        _bad(period={"start": "2025-01-01", "end": "2024-12-31", "text": None}),
        "period.end: perioden slutar (2024-12-31) före den börjar (2025-01-01)",
    ),
    "impossible date": (
        _bad(period={"start": "2025-02-30", "end": None, "text": None}),
        "period.start: ogiltigt datum '2025-02-30'",
    ),
    "date not ISO": (
        _bad(adopted_on="1 mars 2025"),
        "adopted_on: ogiltigt datum '1 mars 2025'",
    ),
    "quantity zero": (
        _target(quantity=0),
        "commitments[0].target.quantity: ska vara ett positivt heltal",
    ),
    "quantity as text": (
        _target(quantity="tolv"),
        "commitments[0].target.quantity: fel typ",
    ),
    "measurable without target": (
        _commitment(target=None),
        "commitments[0].target: measurable är true men target saknas",
    ),
    "target without measurable": (
        _commitment(measurable=False),
        "commitments[0].measurable: measurable är false men target är angivet",
    ),
    "unknown theme": (
        _bad(themes=["trygghet"]),
        "themes[0]: okänt värde 'trygghet'",
    ),
    "unknown evidence source": (
        _bad(evidence_sources=["enkät"]),
        "evidence_sources[0]: okänt värde 'enkät'",
    ),
    "unknown responsible": (
        _commitment(responsible=["polisen"]),
        "commitments[0].responsible[0]: okänt värde 'polisen'",
    ),
    "unknown per": (
        _target(per="dygn"),
        "commitments[0].target.per: okänt värde 'dygn'",
    ),
    "unknown status": (_bad(status="klar"), "status: okänt värde 'klar'"),
    "unknown focus area": (
        _commitment(focus_area="Trafik"),
        "commitments[0].focus_area: okänt fokusområde 'Trafik'",
    ),
    "missing commitment text": (
        _commitment(text=None),
        "commitments[0].text: fel typ",
    ),
    "missing id": (
        {k: v for k, v in extraction_record().items() if k != "id"},
        "id: saknas",
    ),
    "focus areas disagree": (
        _bad(focus_area_details=[{"title": "Något annat"}]),
        "focus_areas: ska vara titlarna i focus_area_details",
    ),
}


@pytest.mark.parametrize("case", list(BAD_RECORDS))
def test_it_refuses_a_bad_record_and_stores_nothing(
    case, kalmar, nybro, lpo_kalmar, tmp_path, capsys
):
    bad, message = BAD_RECORDS[case]
    path = write(tmp_path, [extraction_record(id="god"), copy.deepcopy(bad)])

    assert cli_main(["load", str(path)]) == 1

    err = capsys.readouterr().err
    assert f"{path}, post/record 1, {message}" in err
    assert "Inget sparades" in err
    assert not Promise.objects.exists()
    assert not Area.objects.exists()


def test_it_stores_nothing_when_a_later_file_is_bad(kalmar, lpo_kalmar, tmp_path):
    good = write(tmp_path, extraction_record(), "a.json")
    bad = write(tmp_path, _target(quantity=-1), "b.json")

    with pytest.raises(CommandError, match=r"b\.json, post/record 0"):
        load(good, bad)

    assert not Promise.objects.exists()


def test_it_refuses_the_same_id_twice(kalmar, lpo_kalmar, tmp_path):
    uid = str(uuid.uuid4())
    path = write(tmp_path, [extraction_record(id=uid), extraction_record(id=uid)])

    with pytest.raises(CommandError, match="post/record 1, id: samma id"):
        load(path)

    assert not Promise.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{ inte json", "ogiltig JSON på rad 1"),
        ('"en sträng"', "ett objekt, en lista eller ett kuvert"),
        (
            '{"format": "medborgarlofte-json", "version": 9, "promises": []}',
            "version: kan läsa version 1",
        ),
    ],
)
def test_it_refuses_a_file_that_is_not_medborgarlofte_json(db, tmp_path, text, message):
    path = tmp_path / "fel.json"
    path.write_text(text, "utf-8")

    with pytest.raises(CommandError, match=message):
        load(path)


def test_it_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="kan inte läsas"):
        load(tmp_path / "finns-inte.json")


def test_the_service_raises_a_record_error_naming_the_field(kalmar, lpo_kalmar):
    with pytest.raises(RecordError) as info:
        promise_load_record(record=_target(quantity=0), source="test")

    assert info.value.path == "commitments[0].target.quantity"
    assert info.value.message_dict == {
        "commitments[0].target.quantity": [info.value.detail]
    }
    assert not Promise.objects.exists()


def test_it_does_not_take_a_file_name_of_hex_digits_for_a_promise_id(kalmar):
    """uuid.UUID() accepts '000_1ce16330b22eff07…'-like names; the loader must not."""
    from medborgarloften.promises.services.loading.resolve import _is_uuid

    assert _is_uuid("000_1ce16330b22eff07a1b2c3d4e5f60718") is None
    assert _is_uuid("{12345678-1234-5678-1234-567812345678}") is None
    assert _is_uuid("12345678-1234-5678-1234-567812345678") is not None


# --- hostile files (issue #13) ---------------------------------------------------------


def test_it_loads_a_file_that_starts_with_a_byte_order_mark(
    tmp_path, kalmar, lpo_kalmar
):
    path = tmp_path / "bom.json"
    text = json.dumps(extraction_record(), ensure_ascii=False)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    out, _ = load(path)

    assert "1 skapade / created" in out
    assert Promise.objects.count() == 1


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "för djupt nästlad"),
        ('{"a": ' * 40 + "1" + "}" * 40, "för djupt nästlat"),
        (None, "surrogattecken"),
        ("nul", "NUL"),
    ],
    ids=["deeper-than-python", "deeper-than-a-record", "lone-surrogate", "nul"],
)
def test_it_refuses_a_hostile_file_with_a_message_not_a_traceback(
    tmp_path, kalmar, lpo_kalmar, raw, words
):
    if raw is None:
        raw = json.dumps(extraction_record(focus_areas=["X"])).replace(
            '"X"', '"Trygg \\ud800"'
        )
    elif raw == "nul":
        raw = json.dumps(extraction_record(focus_areas=["a\u0000b"]))
    path = tmp_path / "fientlig.json"
    path.write_text(raw, encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        load(path)

    message = str(refused.value)
    assert words in message
    assert "fientlig.json" in message
    assert "Inget sparades / nothing was stored" in message
    assert not Promise.objects.exists()


def test_it_names_where_the_bad_text_is(tmp_path, kalmar, lpo_kalmar):
    record = extraction_record()
    record["commitments"][1]["text"] = "Polisen ska \ud800"
    path = tmp_path / "poster.json"
    path.write_text(json.dumps(record), encoding="utf-8")

    with pytest.raises(CommandError, match=r"\$\.commitments\[1\]\.text: ett ensamt"):
        load(path)
