"""Reads: staff lists, grouping, and readable diffs between records."""

from __future__ import annotations

import copy

from medborgarloften.promises.exchange import promise_to_record
from medborgarloften.promises.selectors import (
    Change,
    changed_sections,
    commitment_groups,
    promise_for_staff,
    promise_list_for_user,
    record_diff,
)


def test_it_shows_a_title_change_with_before_and_after(kalmar_promise):
    before = promise_to_record(kalmar_promise)
    after = copy.deepcopy(before)
    after["title"] = "Nytt namn"
    assert record_diff(before, after) == [
        Change("Titel", "Medborgarlöfte Kalmar 2025", "Nytt namn")
    ]


def test_it_names_vocabulary_codes_by_their_labels(kalmar_promise):
    before = promise_to_record(kalmar_promise)
    after = copy.deepcopy(before)
    after["evidence_sources"] = ["brottsstatistik"]
    after["status"] = "published"
    changes = {c.label: c for c in record_diff(before, after)}
    assert changes["Underlag"].before == "Trygghetsmätning, Medborgardialog"
    assert changes["Underlag"].after == "Brottsstatistik"
    assert changes["Status"] == Change("Status", "Utkast", "Publicerat")


def test_it_matches_list_items_so_a_removed_first_item_is_one_change(kalmar_promise):
    before = promise_to_record(kalmar_promise)
    after = copy.deepcopy(before)
    after["commitments"] = after["commitments"][1:]
    changes = record_diff(before, after)
    commitment_changes = [c for c in changes if c.label.startswith("Åtagande")]
    assert commitment_changes == [
        Change("Åtagande 1", "Polisen genomför fotpatrullering i Berga.", "")
    ]
    assert commitment_changes[0].kind == "removed"


def test_it_diffs_nested_fields_inside_list_items(kalmar_promise):
    before = promise_to_record(kalmar_promise)
    after = copy.deepcopy(before)
    after["commitments"][0]["target"]["quantity"] = 55
    after["commitments"][0]["responsible"] = ["polis", "kommun"]
    changes = record_diff(before, after)
    assert Change("Åtagande 1: Antal", "40", "55") in changes
    assert Change("Åtagande 1: Ansvarig", "Polisen", "Polisen, Kommunen") in changes
    assert changed_sections(changes) == ["Åtagande 1"]


def test_it_shows_a_new_promise_as_all_added(kalmar_promise):
    changes = record_diff(None, promise_to_record(kalmar_promise))
    assert Change("Titel", "", "Medborgarlöfte Kalmar 2025") in changes
    assert all(c.kind == "added" for c in changes)


def test_it_groups_commitments_by_focus_area_with_loose_ones_last(kalmar_promise):
    promise = promise_for_staff(pk=kalmar_promise.pk)
    groups = commitment_groups(promise)
    assert [g.focus_area.title if g.focus_area else None for g in groups] == [
        "Trygg utemiljö i Berga",
        None,
    ]
    assert [len(g.commitments) for g in groups] == [1, 1]


def test_it_lists_promises_per_organisation_of_the_user(
    kalmar_promise, nybro_promise, kommun_editor, polis_editor, superuser
):
    sections = promise_list_for_user(user=kommun_editor)
    assert [(str(s.organisation), len(s.promises)) for s in sections] == [
        ("Kalmar kommun", 1)
    ]
    assert promise_list_for_user(user=polis_editor)[0].promises == [kalmar_promise]
    everything = promise_list_for_user(user=superuser)
    assert {p.pk for p in everything[0].promises} == {
        kalmar_promise.pk,
        nybro_promise.pk,
    }
    assert promise_list_for_user(user=superuser, status="published")[0].promises == []


def test_it_shows_timestamps_in_local_time(kalmar_promise):
    before = promise_to_record(kalmar_promise)
    after = copy.deepcopy(before)
    after["published_at"] = "2025-03-01T08:30:00+00:00"
    assert record_diff(before, after) == [Change("Publicerat", "", "2025-03-01 09:30")]
