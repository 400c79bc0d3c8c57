"""The record assembly: SCHEMA shape, invariants, provenance, and no crash on any text."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medborgarloften.extract.record import EXTRACTOR_VERSION, extract_record
from medborgarloften.vocabulary import EVIDENCE_SOURCES, PER, RESPONSIBLE, THEMES

FIXTURES = Path(__file__).parent / "fixtures" / "document"
SCHEMA_KEYS = {
    "id",
    "source_url",
    "municipalities",
    "police_area",
    "period",
    "focus_areas",
    "themes",
    "places",
    "evidence_sources",
    "commitments",
    "follow_up",
    "signatories",
}


def record_of(name: str) -> tuple[str, dict]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return text, extract_record(text, record_id=name.removesuffix(".txt"))


def assert_schema_shape(record: dict) -> None:
    assert record.keys() >= SCHEMA_KEYS
    assert set(record["period"]) == {"start", "end", "text"}
    assert set(record["follow_up"]) == {"text", "reports_per_period"}
    assert set(record["themes"]) <= THEMES.keys()
    assert set(record["evidence_sources"]) <= EVIDENCE_SOURCES.keys()
    for c in record["commitments"]:
        assert c["measurable"] is (c["target"] is not None)
        assert set(c["responsible"]) <= RESPONSIBLE.keys()
        if c["target"]:
            assert c["target"]["per"] in {*PER, None}
        assert set(c["places"]) <= set(record["places"])
    for s in record["signatories"]:
        # SCHEMA's signatory: name, title, organisation, and the date when found.
        assert set(s) - {"date"} == {"name", "title", "organisation"}
        if "date" in s:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", s["date"])
    json.dumps(record, ensure_ascii=False)  # serialisable as the CLI prints it


def test_it_assembles_the_whole_record_of_a_promise():
    _, record = record_of("dev_nybro_2025.txt")
    assert_schema_shape(record)
    assert record["id"] == "dev_nybro_2025"
    assert record["source_url"] == "https://example.org/nybro/medborgarlofte-2025"
    assert record["municipalities"] == ["Nybro"]
    assert record["police_area"] == "Lokalpolisområde Nybro"
    assert record["period"] == {
        "start": "2025-01-01",
        "end": "2026-12-31",
        "text": "2025–2026",
    }
    assert record["evidence_sources"] == [
        "trygghetsmatning",
        "medborgardialog",
        "brottsstatistik",
    ]
    assert {"trygghet_offentlig_miljo", "inbrott"} <= set(record["themes"])
    assert record["follow_up"]["reports_per_period"] == 2
    assert [s["name"] for s in record["signatories"]] == [
        "Maria Ekström",
        "Johan Berglund",
    ]
    assert record["extractor_version"] == EXTRACTOR_VERSION
    assert record["warnings"] == []


def test_it_keeps_every_span_pointing_at_the_text_it_names():
    text, record = record_of("dev_nybro_2025.txt")
    ev = record["evidence"]
    for item in ev["municipalities"]:
        start, end = item["span"]
        assert text[start:end] == item["value"]
    for item in ev["focus_areas"] + ev["signatories"]:
        start, end = item["span"]
        assert text[start:end] == item["value"]
        assert item["rule"]
    start, end = ev["period"]["spans"][0]
    assert text[start:end] == record["period"]["text"]
    start, end = ev["police_area"]["span"]
    assert f"Lokalpolisområde {text[start:end]}" == record["police_area"]
    for item in ev["themes"] + ev["evidence_sources"]:
        start, end = item["span"]
        assert text[start:end] == item["matched"]


def test_it_takes_the_source_url_from_the_first_line_unless_given():
    text = "# source: https://example.org/a\n\nMedborgarlöfte 2024 för Nybro kommun"
    assert extract_record(text, record_id="a")["source_url"] == "https://example.org/a"
    given_url = extract_record(text, record_id="a", source_url="https://example.org/b")
    assert given_url["source_url"] == "https://example.org/b"


def test_it_returns_an_empty_record_for_empty_text():
    record = extract_record("", record_id="empty")
    assert_schema_shape(record)
    assert record["municipalities"] == []
    assert record["commitments"] == []
    assert record["period"] == {"start": None, "end": None, "text": None}


def test_it_reports_a_failing_rule_as_a_warning_instead_of_raising(monkeypatch):
    import medborgarloften.extract.record as rec

    def broken(text: str):
        raise RuntimeError("boom")

    monkeypatch.setattr(rec, "find_period", broken)
    record = extract_record("Medborgarlöfte 2024 för Nybro kommun", record_id="x")
    assert record["period"] == {"start": None, "end": None, "text": None}
    assert record["municipalities"] == ["Nybro"]
    assert record["warnings"] == ["period: RuntimeError: boom"]


GENRE_WORDS = st.sampled_from(
    [
        "Medborgarlöfte",
        "2024–2025",
        "Polisen lovar att:",
        "•",
        "- ",
        "Kommunen ska",
        "Lokalpolisområde",
        "Nybro kommun",
        "minst två (2) gånger",
        "31 juni 2021",
        "fram till",
        "\n",
        "\n\n",
        "   ",
        "Uppföljning",
        "undertecknade",
        "Anna Berg",
        "Kommunstyrelsens ordförande",
        "2023-xx-xx",
        "#",
        "*",
        ":",
        ".",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(st.text(max_size=400), st.lists(GENRE_WORDS, max_size=60).map(" ".join))
)
def test_it_never_raises_on_any_text(text):
    record = extract_record(text, record_id="fuzz")
    assert_schema_shape(record)
    assert record["warnings"] == []


SIGNED = """Medborgarlöfte för Ekby kommun 2031

Polisen lovar att:
- hålla en öppen träff i Ekby centrum senast den 30 november 2031
Ekbohem sanerar klotter i sina hus inom en vecka.

Ekby den 4 mars 2031

Eva Ek
Kommunstyrelsens ordförande

Olle Ås
Lokalpolisområdeschef
"""


def test_it_dates_the_signatories_by_the_date_nearest_the_signatures():
    record = extract_record(SIGNED, record_id="signed")
    assert [s.get("date") for s in record["signatories"]] == ["2031-03-04"] * 2
    span = record["evidence"]["signature_date"]["span"]
    assert SIGNED[span[0] : span[1]] == "4 mars 2031"


def test_it_leaves_a_placeholder_signing_date_out():
    record = extract_record(
        SIGNED.replace("Ekby den 4 mars 2031", "Datum: 2031-xx-xx"), record_id="x"
    )
    assert all("date" not in s for s in record["signatories"])


def test_it_names_a_third_party_that_promises_by_its_own_name():
    record = extract_record(SIGNED, record_id="signed")
    others = [c.get("other_parties") for c in record["commitments"]]
    assert others == [None, ["Ekbohem"]]
