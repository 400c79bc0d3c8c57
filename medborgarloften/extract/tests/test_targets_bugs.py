"""Bugs caught on promise texts outside the development corpus (our own wording)."""

from __future__ import annotations

import pytest

from medborgarloften.extract.targets import extract_target

PERIOD = {"start": "2024-01-01", "end": "2025-12-31"}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # "en" without "minst" is an article, except when the count is spread over
        # areas: one walk in each district is a checkable target per area.
        (
            "Genomföra en trygghetsvandring i respektive stadsdel för att hitta "
            "otrygga platser.",
            {"quantity": 1, "unit": "trygghetsvandring", "per": "område"},
        ),
        (
            "Ordna ett föräldramöte på varje skola under hösten.",
            {"quantity": 1, "unit": "föräldramöte", "per": "område"},
        ),
        # A rate adjective counts the noun right after it, not a word of the next
        # sentence.
        (
            "Vi ska genomföra årliga trygghetsvandringar. Syftet är att öka tryggheten.",
            {"quantity": None, "unit": "trygghetsvandringar", "per": "år"},
        ),
    ],
)
def test_it_reads_the_target(text, target):
    found = extract_target(text, period=PERIOD).target
    assert found is not None
    assert {k: found[k] for k in target} == target


def test_it_still_reads_a_lone_article_as_no_count():
    assert (
        extract_target(
            "Genomföra en föreläsning om droger för föräldrar.", period=PERIOD
        ).target
        is None
    )
