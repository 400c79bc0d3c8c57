"""A party's promise to report back, made in the follow-up section.

A follow-up section ("Uppföljning") holds no commitments as a rule: it says how the
promise is followed up. But when the parties themselves promise there, in so many
words, to report to the residents ("Polisen och kommunen lovar att redovisa hur
arbetet går minst två gånger under perioden"), that is an undertaking like any
other: SCHEMA's reporting commitment, which is the follow-up clause as well.
"""

from __future__ import annotations

import re

from ..parties import subject_parties
from ..structure import Block

_FOLLOW_UP_HEADING = re.compile(
    r"\s*(?:\d{1,2}[.)]?\s+)?(?:uppföljning|återrapportering|redovisning|återkoppling)",
    re.IGNORECASE,
)
# The promise verb right after the parties, then a verb of reporting.
_PROMISES_TO_REPORT = re.compile(
    r"\s+(?:lovar|åtar\s+sig)\s+(?:\w+\s+){0,2}?att\s+(?:\w+\s+)?"
    r"(?:redovisa|rapportera|återrapportera|återkoppla|informera|berätta|presentera)\b",
    re.IGNORECASE,
)


def promised_report(blocks: list[Block], idx: int, sentence: str) -> bool:
    """``sentence`` (in block ``idx``) is the parties' own promise to report back,
    under a follow-up heading."""
    heading = next((b.text for b in reversed(blocks[:idx]) if b.kind == "heading"), "")
    if not _FOLLOW_UP_HEADING.match(heading):
        return False
    subj = subject_parties(sentence)
    if subj is None or subj.span is None or subj.span[0] > 2:
        return False
    return _PROMISES_TO_REPORT.match(sentence, subj.span[1]) is not None


# "Vi redovisar hur det går …", "… kommer att berätta om arbetet på webbplatsen":
# telling the residents how the work goes.
_REPORTS_PROGRESS = re.compile(
    # the sentence's own verb, a few words in ("… för att berätta om löftet" is
    # the purpose of another action)
    r"\s*(?:(?!för\b)\w+\s+){0,5}?(?:redovisa|rapportera|återrapportera|återkoppla|berätta|informera|"
    r"presentera)\w*\s+(?:\w+\s+){0,3}?"
    r"(?:hur\s+(?:det|arbetet|vi)\s+(?:går|gått|har\s+gått)|om\s+(?:arbetet|löftet|"
    r"medborgarlöftet|resultat\w*)|(?:arbetet|resultat\w*|utfallet)\b)",
    re.IGNORECASE,
)
_EXPLICIT_PROMISE = re.compile(
    r"\b(?:lovar|ska|skall|åtar\s+sig|förbinder\s+sig)\b", re.IGNORECASE
)


def closing_report(blocks: list[Block], idx: int, sentence: str) -> bool:
    """``sentence`` closes the promise list as its follow-up statement (SCHEMA): a
    paragraph right after the list's last item saying how the parties will tell the
    residents how the work goes, with no promise verb of its own ("Vi redovisar hur
    det går två gånger per år på webbplatsen", "… kommer att berätta om arbetet i
    lokala medier"). A "lovar att redovisa …" or "ska redovisa …" is an undertaking
    and stays a commitment."""
    before = next((b for b in reversed(blocks[:idx]) if b.kind != "blank"), None)
    return (
        before is not None
        and before.kind == "bullet"
        and _REPORTS_PROGRESS.match(sentence) is not None
        and _EXPLICIT_PROMISE.search(sentence) is None
    )
