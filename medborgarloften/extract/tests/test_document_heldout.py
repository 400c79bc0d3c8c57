"""Document-level rules, held-out set: examples written after the rules, only measured.

A failing held-out example is fixed with a general rule, never a rule keyed to the
example; one that cannot be fixed moves to test_document_known_misses.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from medborgarloften.extract.document import (
    find_evidence,
    find_municipalities,
    find_period,
    find_police_area,
    find_signatories,
    read_units,
    themes_in,
)
from medborgarloften.extract.record import extract_record

FIXTURES = Path(__file__).parent / "fixtures" / "document"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Medborgarlöftet gäller 2018-07-01—2020-06-30.", "2018-07-01", "2020-06-30"),
        ("Medborgarlöften 2021 - 2023 för Sala kommun", "2021-01-01", "2023-12-31"),
        ("Vårt medborgarlöfte för 2026", "2026-01-01", "2026-12-31"),
        (
            "Löftet gäller fr.o.m. 1 september 2019 t.o.m. 31 augusti 2020.",
            "2019-09-01",
            "2020-08-31",
        ),
        (
            "Medborgarlöfte\n\nGäller under perioden april–september 2025",
            "2025-04-01",
            "2025-09-30",
        ),
        ("Löftet löper till och med december 2024.", None, "2024-12-31"),
        ("Arbetet pågår under våren 2020.", None, None),
        ("Giltighetstid: 1 juni 2023 – 31 maj 2025", "2023-06-01", "2025-05-31"),
        ("Medborgarlöfte\n\n1 juni 2023 – 31 maj 2025\n", "2023-06-01", "2025-05-31"),
    ],
)
def test_it_reads_unseen_period_phrasings(text, start, end):
    period = find_period(text)
    assert (period.start, period.end) == (start, end)


def test_it_skips_a_cooperation_agreement_period_for_the_promise_year():
    text = (
        "Samverkansöverenskommelse 2020-2023 mellan kommunen och polisen.\n\n"
        "Medborgarlöfte 2021\n"
    )
    assert (find_period(text).start, find_period(text).end) == (
        "2021-01-01",
        "2021-12-31",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Upplands Väsby kommun och polisen", ["Upplands Väsby"]),
        ("Medborgarlöfte i Malung-Sälens kommun", ["Malung-Sälen"]),
        ("Göteborgs Stad och polisen lovar", ["Göteborg"]),
        ("Medborgarlöften – Gävle\n\nPolisen lovar", ["Gävle"]),
        ("Kommunerna Hofors och Ockelbo samverkar", ["Hofors", "Ockelbo"]),
        (
            "Ett löfte om trygghet i Mora. Mora är tryggt. Polisen i Leksand hjälper.",
            ["Mora"],
        ),
    ],
)
def test_it_finds_unseen_kommun_forms(text, expected):
    assert find_municipalities(text).values == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LPO Sala och Sala kommun", "Lokalpolisområde Sala"),
        (
            "chef för lokalpolisområdet Mark/Bollebygd",
            "Lokalpolisområde Mark/Bollebygd",
        ),
        ("Lokalpolisområdeschef Maria Nord skrev under", None),
    ],
)
def test_it_reads_unseen_police_area_forms(text, expected):
    assert find_police_area(text).value == expected


def test_it_reads_one_line_signatures_with_organisation():
    text = (FIXTURES / "heldout_sala_2023.txt").read_text(encoding="utf-8")
    assert [s.as_record() for s in find_signatories(text)] == [
        {
            "name": "Anna Lindgren",
            "title": "lokalpolisområdeschef",
            "organisation": "LPO Sala",
        },
        {
            "name": "Erik Sandberg",
            "title": "kommunstyrelsens ordförande",
            "organisation": "Sala kommun",
        },
    ]


def test_it_reads_a_signed_between_statement():
    text = "Löftet signerades den 4 maj 2022 mellan Ida Ek, kommundirektör och Bo Falk, kommunpolis."
    assert [(s.name, s.title) for s in find_signatories(text)] == [
        ("Ida Ek", "kommundirektör"),
        ("Bo Falk", "kommunpolis"),
    ]


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Riktade insatser mot mopedbuskörning", "trafik"),
        ("Kartlägga kriminella nätverk och gängrekrytering", "kriminella_natverk"),
        ("Informera om telefonbedrägerier", "bedrageri"),
        ("Utöka grannsamverkan i villaområden", "grannsamverkan"),
        ("Sanera graffiti på skolgårdarna", "skadegorelse"),
        ("Ordningsvakter i centrum på helgerna", "trygghet_offentlig_miljo"),
    ],
)
def test_it_maps_unseen_terms_to_themes(text, theme):
    assert theme in {h.code for h in themes_in(text)}


def test_it_assembles_a_held_out_record():
    text = (FIXTURES / "heldout_sala_2023.txt").read_text(encoding="utf-8")
    record = extract_record(text, record_id="heldout_sala_2023")
    assert record["municipalities"] == ["Sala"]
    assert record["police_area"] == "Lokalpolisområde Sala"
    assert record["period"]["start"] == "2023-01-01"
    assert record["period"]["end"] == "2024-12-31"
    assert record["follow_up"]["text"] == "Uppföljning sker i slutet av perioden."
    assert record["focus_areas"] == ["en tryggare plats för unga"]


def test_it_reads_evidence_named_in_an_underlag_sentence():
    text = "Underlaget är polisens medborgarundersökning och dialoger med invånarna."
    codes = [h.code for h in find_evidence(read_units(text))]
    assert codes == ["trygghetsmatning", "medborgardialog"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fokusområden för 2023 är trafiksäkerhet, klotter och narkotika bland unga.",
            ["trafiksäkerhet", "klotter", "narkotika bland unga"],
        ),
        (
            "Vi har valt att fokusera på trygghet i centrum och på narkotika.",
            ["trygghet i centrum", "narkotika"],
        ),
        ("Vi har valt områden att fokusera på för att stärka tryggheten.", []),
    ],
)
def test_it_reads_focus_areas_named_in_a_sentence(text, expected):
    from medborgarloften.extract.document import find_focus_areas

    assert [f.text for f in find_focus_areas(read_units(text))] == expected


def test_it_keeps_honour_related_violence_apart_from_violence():
    codes = {h.code for h in themes_in("Motverka hedersrelaterat våld och förtryck.")}
    assert codes == {"vald_i_nara_relation"}


@pytest.mark.parametrize(
    "heading", ["Gemensamma åtaganden", "Så här gör vi", "Hoppa till huvudinnehåll"]
)
def test_it_does_not_take_a_genre_heading_for_a_focus_area(heading):
    from medborgarloften.extract.document import find_focus_areas

    text = f"{heading}\n\n- Vi genomför trygghetsvandringar.\n"
    assert find_focus_areas(read_units(text)) == []


def test_it_reads_signature_blocks_with_the_title_above_the_name():
    text = (
        "Medborgarlöfte för Nybro kommun.\n\nPolisen lovar att patrullera.\n\n"
        "Nybro den 1 mars 2024\n\nKommunstyrelsens ordförande\nAnna Berg\n\n"
        "Lokalpolisområdeschef\nOla Ek\n"
    )
    assert [(s.name, s.title) for s in find_signatories(text)] == [
        ("Anna Berg", "Kommunstyrelsens ordförande"),
        ("Ola Ek", "Lokalpolisområdeschef"),
    ]


def test_it_does_not_take_the_kommuner_an_area_covers_for_parties():
    text = (
        "Nybro – medborgarlöften\n\nLokalpolisområde Nybro omfattar Nybro och "
        "Emmaboda kommuner. Nybro kommun och polisen lovar att samverka."
    )
    assert find_municipalities(text).values == ["Nybro"]
