"""Hostile input costs linear work in the document-level rules (issue #13, M1).

20 000 lines of "• Polisen ska" took 15 s and 1.28 MB took 263 s because the
focus rules compared every commitment with every unit. Speed is never timed here
(docs/reliability.md has the figures): each test counts the work a rule does —
calls, or characters handed to a helper — and requires it to grow with the input,
not with its square.
"""

from __future__ import annotations

import pytest

from medborgarloften.extract.document import focus, text
from medborgarloften.extract.document.focus import FocusArea, find_focus_areas
from medborgarloften.extract.document.text import read_units
from medborgarloften.extract.record import extract_record


def _grouped(n: int) -> str:
    """n sections, each a heading over one commitment: n groups of commitments."""
    return "\n".join(
        f"Trygghet i stadsdel {i}\n• Polisen ska patrullera vid skolan {i}."
        for i in range(n)
    )


def _count_calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list:
    calls: list = []
    original = getattr(module, name)

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


class _CountingUnits(list):
    """The units, counting every unit a rule reads (by iteration or by index)."""

    reads = 0

    def __iter__(self):
        for unit in super().__iter__():
            self.reads += 1
            yield unit

    def __getitem__(self, index):
        self.reads += 1
        return super().__getitem__(index)


def test_it_reads_each_unit_a_bounded_number_of_times_when_grouping_commitments():
    units = _CountingUnits(read_units(_grouped(400)))
    starts = [u.start for u in list.__iter__(units) if u.kind == "bullet"]

    found = focus._grouping_headings(units, starts)

    assert len(found) == 400  # every section heading is a focus area, as before
    assert found[0].text == "Trygghet i stadsdel 0"
    # Before: each of the 400 groups read all 800 units twice (640 000 reads).
    assert units.reads <= 4 * len(units)


def test_it_keeps_the_nearest_non_generic_heading_of_each_group():
    source = (
        "Medborgarlöfte 2025\n"
        "Trygghet i centrum\n"
        "• Polisen ska patrullera i centrum.\n"
        "• Kommunen ska tända belysningen.\n"
        "Uppföljning\n"
        "• Polisen ska rapportera varje kvartal.\n"
        "Unga och skolan\n"
        "Närområdet kring skolan\n"
        "• Kommunen ska ordna fältarbete.\n"
    )
    units = read_units(source)
    starts = [u.start for u in units if u.kind == "bullet"]

    found = [a.text for a in focus._grouping_headings(units, starts)]

    # "Uppföljning" is generic and nearest to its group: that group has no focus;
    # two focus headings in a row count from the first. (Not "Skolans …": a heading
    # that opens with a party in the genitive, like "Kommunens insatser", names who
    # acts and is no focus area.)
    assert found == ["Trygghet i centrum", "Unga och skolan"]


def test_it_compares_each_focus_area_with_a_bounded_number_of_others(monkeypatch):
    areas = [
        FocusArea(f"Stadsdel{i} kvarter{i}", (i, i + 5), "focus.heading")
        for i in range(3000)
    ]
    calls = _count_calls(monkeypatch, focus, "_tokens")

    kept = focus._dedupe(areas)

    assert len(kept) == focus.MAX_FOCUS_AREAS
    assert kept[0] is areas[0]
    # Before: two token sets per pair compared, ~9 million calls for 3 000 areas.
    assert len(calls) <= 2 * len(areas)


def test_it_still_drops_a_focus_area_similar_to_an_earlier_one():
    areas = [
        FocusArea("Trygghet i centrum", (0, 18), "focus.heading"),
        FocusArea("Tryggheten i centrum", (30, 50), "focus.heading"),
        FocusArea("trygghet i centrum", (60, 78), "focus.heading"),
        FocusArea("Narkotika bland unga", (90, 110), "focus.heading"),
    ]

    assert [a.text for a in focus._dedupe(areas)] == [
        "Trygghet i centrum",
        "Narkotika bland unga",
    ]


def test_it_reads_a_long_paragraph_without_copying_it_once_per_line(monkeypatch):
    source = "\n".join(
        f"Polisen ska patrullera i centrum vecka {i}." for i in range(2000)
    )
    handed: list[int] = []
    original = text.is_heading_text

    def measuring(line: str, **kwargs):
        handed.append(len(line))
        return original(line, **kwargs)

    monkeypatch.setattr(text, "is_heading_text", measuring)

    units = read_units(source)

    assert len(units) == 2000  # one paragraph, one sentence per line, as before
    assert {u.paragraph for u in units} == {0}
    # Before: the growing paragraph was tested on every line (~90 MB of text).
    assert sum(handed) <= 3 * len(source)


def test_it_extracts_twenty_thousand_bullet_lines_with_few_focus_areas():
    source = "Medborgarlöfte för Kalmar kommun\n\n" + "\n".join(
        "• Polisen ska" for _ in range(20_000)
    )

    record = extract_record(source, record_id="hostile")

    assert record["municipalities"] == ["Kalmar"]
    assert len(record["focus_areas"]) <= focus.MAX_FOCUS_AREAS


def test_it_finds_at_most_max_focus_areas_in_a_hostile_labelled_list():
    source = "Fokusområden:\n" + "\n".join(
        f"• Stadsdel{i} och Kvarter{i}" for i in range(500)
    )

    areas = find_focus_areas(read_units(source))

    assert len(areas) == focus.MAX_FOCUS_AREAS
    assert areas[0].text == "Stadsdel0 och Kvarter0"
