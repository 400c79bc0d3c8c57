"""The review's document checks are worded in the reader's language: the extractor
words them in Swedish, the review translates them by their code and outcome."""

from __future__ import annotations

from django.utils import translation

from medborgarloften.documents.review import translated_checks

RECORD = {
    "checks": [
        {"code": "period", "ok": True, "message": "Löftesperioden är angiven."},
        {
            "code": "signature_date",
            "ok": False,
            "message": "Underskriftsdatumet är en platshållare: 'ÅÅÅÅ-MM-DD'.",
            "span": [10, 20],
        },
        {"code": "nytt_slag", "ok": False, "message": "Något annat."},
        "inte en kontroll",
    ]
}


def test_the_checks_are_translated_by_code():
    with translation.override("en"):
        checks = translated_checks(RECORD)
    assert [c["message"] for c in checks][0] == "The promise period is given."
    assert "'ÅÅÅÅ-MM-DD'" in checks[1]["message"]
    assert checks[2]["message"] == "Något annat."  # an unknown code as it came
    assert len(checks) == 3


def test_the_swedish_page_reads_as_the_extractor_wrote():
    with translation.override("sv"):
        checks = translated_checks(RECORD)
    assert [c["message"] for c in checks[:2]] == [
        "Löftesperioden är angiven.",
        "Underskriftsdatumet är en platshållare: 'ÅÅÅÅ-MM-DD'.",
    ]
