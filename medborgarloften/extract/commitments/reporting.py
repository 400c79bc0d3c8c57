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
