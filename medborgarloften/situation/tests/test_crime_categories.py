"""Crime categories: one stored name whatever the importer's language, and the
common ones named in the reader's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from medborgarloften.situation.crime_categories import category_label
from medborgarloften.situation.models import CrimeStatistic
from medborgarloften.situation.services.imports import crime_import


@pytest.mark.django_db
def test_a_file_without_categories_is_stored_as_the_same_category_in_any_language(
    kalmar,
):
    rows = "år;antal;befolkning\n2024;900;10000\n"
    with translation.override("en"):
        crime_import(data=rows.encode(), filename="a.csv", kommun=kalmar)
    with translation.override("sv"):
        crime_import(
            data=rows.replace("900", "950").encode(), filename="b.csv", kommun=kalmar
        )
    stored = list(CrimeStatistic.objects.values_list("category", "count"))
    assert stored == [("Anmälda brott totalt", 950)]


def test_common_categories_are_named_in_the_readers_language_and_others_kept():
    with translation.override("en"):
        assert category_label("Anmälda brott totalt") == "Reported crimes in total"
        assert category_label("skadegörelse ") != "skadegörelse "
        assert category_label("Skadegörelse").isascii()
        assert category_label("Klotter på Bussgatan") == "Klotter på Bussgatan"
    with translation.override("sv"):
        assert category_label("Skadegörelse") == "Skadegörelse"
