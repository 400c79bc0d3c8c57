"""The follow-up clause: the exact sentence(s) saying how the promise is followed
up or reported back, and a report count only when it covers the whole period.

SCHEMA: passive sentences ("Uppföljning sker i slutet av perioden") and
publication statements ("återkopplas … på våra hemsidor") count; per-year or
tertial frequencies are not converted, so ``reports_per_period`` stays null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..prefilter import prefiltered
from ..quotes import unquoted
from .text import Unit

FOLLOW_UP_CUE = prefiltered(
    re.compile(
        r"uppfölj|\bföljs?\s+upp|\bföljer\s+upp|\bföljas\s+upp|\butvärder|återkoppl|\bredovis|"
        r"\brapporteras\b|\bpubliceras\b|\bpresenteras\b|\bavrapporter|\brapportera\s+(?:till|resultat)|"
        # "informera invånarna om löftets genomförande": telling how the promise goes
        r"\binformera\w*\s+(?:\w+\s+){0,3}om\s+(?:hur\s+)?(?:medborgar)?löfte(?:ts|t)\s+"
        r"(?:och\s+dess\s+)?(?:genomför|går|fortskrider|utfall|resultat)",
        re.IGNORECASE,
    )
)
# The decision part of a memo or minutes ("Förslag till beslut", "Beslut",
# "Kommunstyrelsens beslut", "Arbetsutskottets förslag till beslut"): its points
# decide that the promise be followed up, they are not the promise's own clause.
DECISION_HEADING = re.compile(
    r"^(?:\w+s\s+)?(?:förslag\s+till\s+)?beslut\b|^yrkanden?\b", re.IGNORECASE
)
NOT_PROMISE = prefiltered(re.compile(r"\bavtal|överenskommelse", re.IGNORECASE))
NUMBER_WORDS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6,
    "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
}  # fmt: skip
WHOLE_PERIOD_COUNT = re.compile(
    r"\b(?P<n>\d{1,2}|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\s*(?:\(\d{1,2}\)\s*)?"
    r"(?:gånger|gång|tillfällen|rapporter|redovisningar)\s+under\s+"
    r"(?:den\s+|hela\s+|aktuell\s+|aktuella\s+|innevarande\s+)*"
    r"(?:löftes|medborgarlöftes|(?:medborgar)?löftets\s+)?(?:period(?:en)?|löptid(?:en)?|giltighetstid(?:en)?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FollowUp:
    """Follow-up text (exact sentences joined by a space), count, spans and rule."""

    text: str | None = None
    reports_per_period: int | None = None
    spans: tuple[tuple[int, int], ...] = ()
    rule: str | None = None

    def as_record(self) -> dict[str, str | int | None]:
        """The SCHEMA ``follow_up`` object."""
        return {"text": self.text, "reports_per_period": self.reports_per_period}


# "två gånger under året" when the promise runs for that one calendar year.
YEAR_COUNT = re.compile(
    r"\b(?P<n>\d{1,2}|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\s*(?:\(\d{1,2}\)\s*)?"
    r"(?:gånger|gång|tillfällen|rapporter|redovisningar)\s+under\s+(?:året|\d{4})\b",
    re.IGNORECASE,
)


def _count(text: str, *, single_year: bool = False) -> int | None:
    m = WHOLE_PERIOD_COUNT.search(text)
    if not m and single_year:
        m = YEAR_COUNT.search(text)
    if not m:
        return None
    n = m.group("n").casefold()
    return int(n) if n.isdigit() else NUMBER_WORDS.get(n)


FOLLOW_UP_HEADING = prefiltered(
    re.compile(r"uppfölj|utvärder|följ\s+med|återkoppl|redovisning", re.IGNORECASE)
)


# What a follow-up of the last period found ("En uppföljning … visar att polisen
# gjorde …", "Uppföljningen av förra löftet visade …", "Här redovisar vi hur det
# gick"): a result, not how this promise is followed up.
RESULT_REPORT = prefiltered(
    re.compile(
        r"\bvisa(?:r|de|t)\s+att\b|\bhur\s+det\s+(?:gick|blev)\b"
        r"|\b(?:förra|föregående|fjolårets|tidigare)\s+(?:årets\s+|periodens\s+)?"
        r"(?:medborgar)?löfte|\b(?:presenterade|redovisade|genomfördes|uppnåddes)\b"
        # in the perfect: "Resultaten har redovisats för …", "… har utvärderat
        # medborgarlöftet för 2023" (the look back of a renewal)
        r"|\bhar\s+(?:\w+\s+){0,2}?(?:redovisats|utvärderats|utvärderat|följts\s+upp"
        r"|följt\s+upp|rapporterats|återrapporterats|presenterats|publicerats)\b"
        # "Utifrån utvärderingen … har parterna enats om ett nytt löfte": its basis
        r"|\b(?:utifrån|efter|enligt)\s+(?:den\s+|årets\s+)?"
        r"(?:utvärdering|uppföljning)(?:en|arna)?\b",
        re.IGNORECASE,
    )
)
# "Uppföljning: Löftet följs upp …": the label is no part of the clause.
_LABEL = re.compile(
    r"(?:uppföljning|redovisning|återkoppling|återrapportering)\s*:\s+(?=\S)",
    re.IGNORECASE,
)


def _is_cue(unit: Unit, *, min_words: int = 5) -> bool:
    return bool(
        unit.kind in ("sentence", "bullet")
        and FOLLOW_UP_CUE.search(unit.text)
        and not RESULT_REPORT.search(unit.text)
        and not (
            # "… enligt avtalet": another agreement, unless the sentence sits under
            # the document's own follow-up heading ("Överenskommelsen följs upp")
            NOT_PROMISE.search(unit.text)
            and not FOLLOW_UP_HEADING.search(unit.heading or "")
        )
        and len(unit.text.split()) >= min_words
        and not DECISION_HEADING.search(unit.heading or "")
    )


def _opens_paragraph(units: list[Unit], index: int) -> bool:
    return index == 0 or units[index - 1].paragraph != units[index].paragraph


def _run_from(units: list[Unit], first: int, *, whole_paragraph: bool) -> list[Unit]:
    """The cue units from ``first`` on that stay in its paragraph or section.
    ``whole_paragraph``: the paragraph is about the follow-up (it sits under a
    follow-up heading, or its first sentence is the cue), so its other sentences
    belong to the clause too ("Boende bjuds in till ett möte varje höst.")."""
    picked = [units[first]]
    for unit in units[first + 1 :]:
        if (
            whole_paragraph
            and unit.kind == "sentence"
            and unit.paragraph == picked[-1].paragraph
            and not RESULT_REPORT.search(unit.text)
        ):
            picked.append(unit)
            continue
        same_place = unit.paragraph == picked[-1].paragraph or (
            unit.heading == picked[-1].heading and unit.kind == "sentence"
        )
        # a short sentence goes on a run ("Resultatet publiceras på webben.")
        if not (_is_cue(unit, min_words=4) and same_place):
            break
        picked.append(unit)
    return picked


def find_follow_up(units: list[Unit], *, single_year: bool = False) -> FollowUp:
    """The follow-up sentences: the first run under an "Uppföljning" heading, else
    the first run of follow-up sentences anywhere, in one paragraph or section.
    ``single_year``: the promise runs for one calendar year, so a count "under
    året" is a count for the whole period."""
    cues = [i for i, u in enumerate(units) if _is_cue(u)]
    if not cues:
        return FollowUp()
    under_heading = [
        i
        for i in cues
        if FOLLOW_UP_HEADING.search(units[i].heading or "")
        or _LABEL.match(units[i].text)  # "Uppföljning: …" is a heading on its line
    ]
    first = under_heading[0] if under_heading else cues[0]
    whole = bool(under_heading) or _opens_paragraph(units, first)
    picked = _run_from(units, first, whole_paragraph=whole)
    label = _LABEL.match(picked[0].text)
    if label is not None:
        head = picked[0]
        picked[0] = replace(
            head, text=head.text[label.end() :], start=head.start + label.end()
        )
    last = picked[-1]
    if (bare := unquoted(last.text)) != last.text:  # "… under perioden.”"
        picked[-1] = replace(last, text=bare, end=last.start + len(bare))
    text = " ".join(u.text for u in picked)
    count = _count(text, single_year=single_year)
    if count is None:
        # "Uppföljningen sker i rådet." under the heading, and a promise in the
        # list to report "minst två (2) gånger under perioden": SCHEMA copies the
        # reporting promise to the clause, and its count is the clause's.
        taken = {u.start for u in picked}
        counted = [
            units[i]
            for i in cues
            if units[i].start not in taken
            and _count(units[i].text, single_year=single_year) is not None
        ]
        if counted:
            picked = sorted([*picked, counted[0]], key=lambda u: u.start)
            text = " ".join(u.text for u in picked)
            count = _count(text, single_year=single_year)
    return FollowUp(
        text=text,
        reports_per_period=count,
        spans=tuple((u.start, u.end) for u in picked),
        rule="follow_up.section" if under_heading else "follow_up.cue_sentence",
    )
