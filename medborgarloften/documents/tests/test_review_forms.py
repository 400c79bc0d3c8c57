"""The review form's parsing: names, targets, rows added without JavaScript."""

from __future__ import annotations

import datetime as dt

from django.http import QueryDict

from medborgarloften.documents.forms import ReviewEditor, split_names, target_of


def test_it_splits_names_on_commas_semicolons_and_lines_once_each():
    assert split_names(" Norrliden, Stensö;norrliden\n  Berga  by ,") == [
        "Norrliden",
        "Stensö",
        "Berga by",
    ]
    assert split_names("") == []


def test_it_makes_a_target_only_from_a_quantity_a_rate_or_a_date():
    assert target_of(None, "kvällar", "", None) is None
    assert target_of(3, " kvällar ", "år", None) == {
        "quantity": 3,
        "unit": "kvällar",
        "per": "år",
        "deadline": None,
    }
    assert target_of(None, "", "", dt.date(2031, 6, 30)) == {
        "quantity": None,
        "unit": None,
        "per": None,
        "deadline": "2031-06-30",
    }


def test_it_adds_an_empty_row_once_the_last_one_is_filled():
    data = QueryDict(mutable=True)
    data.update(
        {
            "commitments-TOTAL_FORMS": "2",
            "commitments-1-text": "Polisen håller fyra möten.",
            "signatories-TOTAL_FORMS": "1",
            "signatories-0-name": "",
        }
    )
    out = ReviewEditor._with_blank_rows(data)
    assert out["commitments-TOTAL_FORMS"] == "3"
    assert out["signatories-TOTAL_FORMS"] == "1"
    assert data["commitments-TOTAL_FORMS"] == "2"  # the request's data is untouched


def test_it_ignores_a_broken_row_count():
    data = QueryDict(mutable=True)
    data.update({"commitments-TOTAL_FORMS": "många"})
    assert ReviewEditor._with_blank_rows(data)["commitments-TOTAL_FORMS"] == "många"
