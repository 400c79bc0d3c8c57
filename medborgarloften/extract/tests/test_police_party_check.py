"""The document check "Kommun och polis är namngivna" asks for the police as a
party (a police area, the police organisation, a signatory for the police), not
any word that begins with "polis". Invented sentences in the genre."""

from __future__ import annotations

import pytest

from medborgarloften.extract.document.checks import check_document


def _parties(text, police_area=None, signatories=None):
    checks = check_document(
        text,
        municipalities=["Exempelby kommun"],
        police_area=police_area,
        period={},
        follow_up={},
        signatories=signatories or [],
        signature_spans=[],
    )
    return next(c for c in checks if c["code"] == "parties")["ok"]


@pytest.mark.parametrize(
    "text",
    [
        "Antalet polisanmälningar om skadegörelse ökade förra året.",
        "Mötet hölls i polishuset. Exempelby kommun lovar fler lampor.",
        "Tryggheten är låg enligt polisiära bedömningar och invånarna.",
        "Exempelby kommun lovar att rensa buskar vid skolan.",
    ],
)
def test_a_mere_mention_of_polis_does_not_name_the_police(text):
    assert not _parties(text)


@pytest.mark.parametrize(
    "text",
    [
        "Exempelby kommun och polisen lovar att öka tryggheten i centrum.",
        "Polisen genomför trygghetsvandringar varje månad.",
        "Medborgarlöftet tas fram av Polismyndigheten och Exempelby kommun.",
        "Polisområde Norrkust och kommunen arbetar tillsammans.",
        "Polisen ska finnas på plats vid stora evenemang.",
        "Vi i kommunen och polisen vill att alla ska känna sig trygga.",
    ],
)
def test_the_police_named_as_an_organisation_pass(text):
    assert _parties(text)


def test_a_found_police_area_or_a_police_signatory_names_the_police():
    text = "Exempelby kommun lovar att rensa buskar vid skolan."
    assert _parties(text, police_area="Lokalpolisområde Exempelby")
    signatory = {"name": "Eva Exempel", "title": "Lokalpolisområdeschef"}
    assert _parties(text, signatories=[{**signatory, "organisation": None}])
    clerk = {"name": "Per Prov", "title": "Kommundirektör", "organisation": None}
    assert not _parties(text, signatories=[clerk])


def test_without_a_kommun_the_check_fails_whatever_the_police():
    checks = check_document(
        "Polisen lovar att patrullera.",
        municipalities=[],
        police_area="Lokalpolisområde Exempelby",
        period={},
        follow_up={},
        signatories=[],
        signature_spans=[],
    )
    assert not next(c for c in checks if c["code"] == "parties")["ok"]
