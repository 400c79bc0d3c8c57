"""A party assigned to a list by a sentence after it, and page furniture (our own
texts)."""

from __future__ import annotations

import pytest

from medborgarloften.extract.commitments import extract_commitments
from medborgarloften.extract.commitments.assigned import assigned_parties
from medborgarloften.extract.structure import parse_structure


def run(text: str) -> list[dict]:
    return extract_commitments(text, parse_structure(text), municipalities=["Kalix"])


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        ("Detta ansvarar polisen för.", {"polis"}),
        ("Kommunen ansvarar för dessa insatser.", {"kommun"}),
        ("Ansvarig: socialtjänsten och polisen.", {"polis", "kommun"}),
        (
            "Dessa aktiviteter ansvarar kommunen och polisen gemensamt för.",
            {"polis", "kommun"},
        ),
        ("Polisen och kommunen står för de här insatserna.", {"polis", "kommun"}),
        ("Räddningstjänsten ansvarar för punkterna ovan.", {"annan"}),
    ],
)
def test_it_reads_who_a_sentence_after_a_list_assigns(sentence, parties) -> None:
    assert assigned_parties(sentence) == frozenset(parties)


def test_it_reads_no_assignment_in_a_sentence_about_one_activity() -> None:
    assert assigned_parties("Polisen ansvarar för nykterhetskontrollerna.") is None
    assert (
        assigned_parties("Detta ansvarar vi alla för i vardagen och i skolan.") is None
    )


TEXT = """Medborgarlöfte Kalix 2025

Vi lovar
- Kontroller av mopedtrafiken vid Strandskolan varje vecka under våren.
- Besök på fritidsgården i Nyborg en kväll i månaden.
Detta ansvarar polisen för.

- Ny belysning på gångvägen till Kalix resecentrum.
- Hastighetsdämpande åtgärder på Torggatan tillsammans med Trafikverket.
Kommunen ansvarar för dessa insatser.
"""


def test_it_gives_the_items_above_the_party_the_sentence_after_them_names() -> None:
    got = {c["text"][:20]: c["responsible"] for c in run(TEXT)}
    assert got == {
        "Kontroller av mopedt": ["polis"],
        "Besök på fritidsgård": ["polis"],
        "Ny belysning på gång": ["kommun"],
        "Hastighetsdämpande å": ["kommun", "annan"],
    }


def test_it_reads_no_commitment_in_a_web_pages_notice_about_itself() -> None:
    text = TEXT + (
        "\nVi använder kakor för att förbättra den här webbplatsen.\n"
        "\nAktivera javascript i din webbläsare för att se kartan.\n"
    )
    assert len(run(text)) == 4


def test_it_reads_a_named_organisation_in_a_closing_bracket_as_annan() -> None:
    text = (
        "Polisen lovar att\n"
        "- Närvaro vid Kalix marknad i juli (polisen och Kalix Ordningsvakter).\n"
        "- Samarbete inom SSPF (samverkansmodell mellan skola, socialtjänst, "
        "polis och fritid).\n"
    )
    got = [c["responsible"] for c in run(text)]
    assert got == [["polis", "annan"], ["polis"]]
