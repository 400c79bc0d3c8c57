"""Find the commitments of a medborgarlöfte and who, what, how much and where.

The rules follow the corpus SCHEMA: a bullet in a promise list is one commitment;
prose is split into sentences and a sentence counts when a party undertakes an
action in the promise part of the document. Umbrella promises followed by a list of
activities, outcome goals, principles, background, follow-up and communication
sections are left out; umbrella and "Särskilt fokus läggs på …" statements are
returned separately for the document's focus areas.

Each record carries the span of its text and the rule that accepted it, and an
``evidence`` map with the span and rule for responsible, target and places.
"""

from __future__ import annotations

import re
from typing import Any

from ..parties import order, parties_in_chain, parties_in_enumeration
from ..party_patterns import ALL_PARTIES_RE
from ..places import find_places
from ..prefilter import prefiltered
from ..quotes import unquoted
from ..structure import Block, Structure
from ..targets import extract_target
from .action_rows import cell_places
from .fields import goal_below
from .patterns import PAGE_FURNITURE, _unnumbered
from .present_forms import place_label
from .responsible import _responsible, named_organisations
from .scan import _scan
from .sentences import classify_heading

__all__ = [
    "classify_heading",
    "extract_commitments",
    "extract_umbrella_statements",
    "guess_period",
]


# "Mål: Andelen … ska minska", "Indikator: antal …": a focus area's outcome goal
# or its measure, never an undertaking (SCHEMA (b)), whatever number it holds.
_GOAL_LABEL = re.compile(
    r"\s*(?:mål|målsättning|effektmål|resultatmål|indikator|indikatorer|mätetal)"
    r"\s*:",
    re.IGNORECASE,
)


def extract_commitments(
    text: str,
    structure: Structure,
    *,
    municipalities: list[str],
    period: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The commitments of one document as SCHEMA records plus span, rule and evidence.

    ``period`` (the document's SCHEMA period dict) lets "i maj" resolve to a date
    and "under året" in a multi-year promise count as per år; without it a period
    is guessed from the text.
    """
    if not period or not (period.get("start") or period.get("end")):
        period = guess_period(text) or period
    candidates = [
        c
        for c in _scan(structure)
        if not c.umbrella
        and not c.focus
        and not PAGE_FURNITURE.search(c.text)
        and not _GOAL_LABEL.match(c.text)
    ]
    records = []
    blocks = structure.content()
    goals = _goal_lines(blocks, candidates)
    candidates = [c for c in candidates if c.block_index - 1 not in goals]
    headings = _headings_above(blocks)
    for cand in candidates:
        responsible, r_ev = _responsible(cand)
        places = find_places(
            cand.text,
            municipalities=municipalities,
            document=text if text.startswith(cand.text, cand.start) else None,
        )
        heading = (
            headings[cand.block_index]
            if 0 <= cand.block_index < len(headings)
            else _heading_above(blocks, cand)
        )
        label = place_label(cand.text, heading)
        if label is not None and all(
            p.casefold() != label[0].casefold() for p, _ in places
        ):
            places.insert(0, label)  # "Åsen: Polisen …" under "… i byarna"
        place_names = [p for p, _ in places]
        if cand.place_cell:  # a table row's "Var" cell
            place_names += cell_places(cand.place_cell, municipalities, place_names)
        target_text = (
            f"{cand.text} ({cand.target_hint})" if cand.target_hint else cand.text
        )
        tres = extract_target(target_text, period=period, places=place_names)
        goal_text = cand.goal or goals.get(cand.block_index, "")
        goal = extract_target(goal_text, period=period) if goal_text else None
        evidence: dict[str, Any] = {"responsible": r_ev}
        own_count = tres.target is not None and tres.target["quantity"] is not None
        if (
            goal is not None
            and goal.target is not None
            # "… en gång per år" in the activity beats a month in its schedule cell
            and not (own_count and goal.target["quantity"] is None)
            # … and a count the activity writes out with its noun ("inom 24 timmar",
            # "två gånger per månad") beats the goal cell's ("24 kontroller")
            and not _written_count(cand.text, tres)
        ):
            # A table's "Mål" cell states the target; the activity's own words
            # ("på fredagskvällar") only describe when it happens.
            tres = goal
            evidence["target"] = {
                "span": [cand.start, cand.end],
                "rule": "target.goal_cell",
            }
        target = tres.target
        for key, ev in tres.evidence.items() if tres is not goal else ():
            evidence["target." + key] = {
                "span": [cand.start + ev["span"][0], cand.start + ev["span"][1]],
                "rule": ev["rule"],
            }
        if places:
            evidence["places"] = [
                {"span": [cand.start + s, cand.start + e], "rule": "places.named"}
                for _, (s, e) in places
            ]
        own_text = unquoted(cand.text)  # "… under perioden.”": the quote's mark
        end = cand.end - (len(cand.text) - len(own_text))
        records.append(
            {
                "text": own_text,
                "responsible": responsible,
                "measurable": target is not None,
                "target": target,
                "places": place_names,
                "span": [cand.start, end],
                "rule": cand.rule,
                "evidence": evidence,
            }
        )
    _all_parties(records, [_under_all_parties(blocks, c) for c in candidates])
    _parterna(text, records, [_under_joint_leadin(blocks, c) for c in candidates])
    for record in records:
        others = _other_parties(text, record)
        if others:
            record["other_parties"] = others
    return records


def _written_count(activity: str, found: Any) -> bool:
    """The activity itself writes a count with its noun, more than one ("två
    gånger per månad", "inom 48 timmar"; not "en kurs", nor a weekday's "per
    vecka" or a count from the schedule cell after it)."""
    target = found.target or {}
    where = found.evidence.get("quantity", {}).get("span", [len(activity)])
    return (
        (target.get("quantity") or 0) >= 2
        and target.get("unit") is not None
        and where[0] < len(activity)
    )


def _goal_lines(blocks: list[Block], candidates: list[Any]) -> dict[int, str]:
    """{block index: goal} for the candidates that close their paragraph and have a
    goal line ("Mätbart mål: …") below it; the goal line is no commitment itself."""
    goals = {}
    for cand in candidates:
        if not cand.goal and cand.block_index - 1 not in goals:
            found = goal_below(blocks, cand.block_index, cand.end)
            if found:
                goals[cand.block_index] = found
    return goals


def _other_parties(text: str, record: dict[str, Any]) -> list[str]:
    """The third parties a commitment names as responsible ("Kalmarhem sanerar …"),
    by the words its responsible evidence points at."""
    found = record["evidence"].get("responsible") or {}
    span = found.get("span")
    if "annan" not in record["responsible"] or not span:
        return []
    return named_organisations(text[span[0] : span[1]], str(found.get("rule", "")))


# The document names who "parterna" are: "nedan kallade parterna", "(parterna)",
# "I texten kallas de fyra för parterna".
_PARTIES_DEFINED = prefiltered(
    re.compile(
        r"\b(?:kallas|kallade|benämns|benämnda|kallad|benämnd)\b[^.]{0,60}?\bparterna\b"
        r"|\(\s*(?:nedan\s+)?(?:kallade\s+)?[”\"]?parterna[”\"]?\s*\)",
        re.IGNORECASE,
    )
)


def _headings_above(blocks: list[Block]) -> list[str]:
    """``_heading_above`` for a candidate in each block (and after the last), in one
    pass instead of one walk back per candidate."""
    out, last = [], ""
    for block in blocks:
        out.append(last)
        if block.kind == "heading":
            last = str(block.text)
    out.append(last)
    return out


def _heading_above(blocks: list[Block], cand: Any) -> str:
    """The text of the nearest heading above ``cand``."""
    for block in reversed(blocks[: cand.block_index]):
        if block.kind == "heading":
            return str(block.text)
    return ""


# Joint wording: "Gemensamt åtar sig parterna att:", "Tillsammans lovar vi att",
# "Alla parter lovar att", a heading "Gemensamt"; an item "gemensamt redovisa …".
# SCHEMA: "Vi", "tillsammans" and "parterna" mean both, that is every party of the
# promise, as "parterna" does when a third party promises too.
_JOINT_WORDING = re.compile(
    r"\s*(?:(?:gemensamt|tillsammans)\b(?!\s+med\b)|(?:alla|samtliga)\s+parter\b)"
    r"|.*\b(?:parterna|vi\s+(?:\w+\s+)?(?:tillsammans|gemensamt))\b",
    re.IGNORECASE,
)


def _under_joint_leadin(blocks: list[Block], cand: Any) -> bool:
    """The list item ``cand`` says it is joint ("gemensamt redovisa …") or stands
    under a joint lead-in or heading ("Tillsammans lovar vi att")."""
    if cand.kind != "bullet":
        return False
    if _JOINT_WORDING.match(cand.text):
        return True
    for block in reversed(blocks[: cand.block_index]):
        if block.kind != "bullet":
            line = _unnumbered(block.text).strip()
            return len(line.split()) <= 12 and bool(_JOINT_WORDING.match(line))
    return False


def _under_all_parties(blocks: list[Block], cand: Any) -> bool:
    """The nearest heading or lead-in above ``cand`` is "Alla parter (lovar att:)"."""
    for block in reversed(blocks[: cand.block_index]):
        if block.kind == "heading" or block.ends_with_colon:
            return bool(ALL_PARTIES_RE.match(_unnumbered(block.text)))
    return False


def _all_parties(records: list[dict[str, Any]], governed: list[bool]) -> None:
    """ "Samtliga parter lovar …", or an item under an "Alla parter" heading: polis,
    kommun and every third party that promises something elsewhere in the document."""
    named = {p for r in records for p in r["responsible"]} | {"polis", "kommun"}
    for record, under in zip(records, governed, strict=True):
        rule = record["evidence"]["responsible"].get("rule", "")
        if rule == "responsible.all_parties" or (
            under and rule.startswith("responsible.inherited")
        ):
            record["responsible"] = order(named)


def _promises_as_party(text: str, record: dict[str, Any]) -> bool:
    """A third party undertakes this commitment as its subject or under its own
    lead-in ("Ekbyhem AB ska …", "Polisen, kommunen och Ekbyhem lovar att:"), not
    only as a co-party ("tillsammans med Ekbyhem")."""
    if "annan" not in record["responsible"]:
        return False
    ev = record["evidence"].get("responsible") or {}
    rule, span = str(ev.get("rule", "")), ev.get("span")
    if rule.startswith("responsible.inherited"):
        return rule == "responsible.inherited"
    if not span or span[1] <= span[0]:
        return False
    phrase = text[span[0] : span[1]]
    return "annan" in parties_in_enumeration(phrase) | parties_in_chain(phrase)


def _parterna(
    text: str, records: list[dict[str, Any]], joint: list[bool] | None = None
) -> None:
    """ "Parterna ska …" means every party of the promise (SCHEMA: both, when the
    promise is the kommun's and the police's): a third party that undertakes
    commitments of its own in the same promise is one of "parterna" too, and so is
    any third party with commitments when the document says who "parterna" are
    ("… nedan kallade parterna"); so is a joint item ("Tillsammans lovar vi att:"
    over it, or its own "gemensamt redovisa …")."""
    defined = _PARTIES_DEFINED.search(text) is not None and any(
        "annan" in r["responsible"] for r in records
    )
    if not defined and not any(_promises_as_party(text, r) for r in records):
        return
    for record, together in zip(records, joint or [False] * len(records), strict=True):
        ev = record["evidence"].get("responsible") or {}
        span = ev.get("span")
        rule = str(ev.get("rule", ""))
        if (
            together
            and set(record["responsible"]) == {"polis", "kommun"}
            and (
                rule.startswith("responsible.inherited")
                or rule in ("responsible.vi_tillsammans", "responsible.all_parties")
            )
        ):
            record["responsible"] = order({"polis", "kommun", "annan"})
        elif span and text[span[0] : span[1]].strip().casefold() == "parterna":
            record["responsible"] = order(
                set(record["responsible"]) | {"polis", "kommun", "annan"}
            )


def extract_umbrella_statements(
    text: str, structure: Structure, *, municipalities: list[str] | None = None
) -> list[dict[str, Any]]:
    """Umbrella promises and "Särskilt fokus läggs på …" statements (for focus_areas).

    Each item: ``{"text", "span", "rule", "kind"}`` where kind is "umbrella" or
    "focus"; the text is the whole sentence or bullet, so the caller can shorten it
    to a focus phrase.
    """
    out = []
    for cand in _scan(structure):
        if cand.umbrella or cand.focus:
            out.append(
                {
                    "text": cand.text,
                    "span": [cand.start, cand.end],
                    "rule": cand.rule,
                    "kind": "focus" if cand.focus else "umbrella",
                }
            )
    return out


_YEAR_RANGE = re.compile(
    r"\b((?:19|20)\d\d)\s*(?:[-–−/]|till och med|till|och|t\.o\.m\.)\s*((?:19|20)\d\d)\b"
)


_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d\d)(?![\d])")


def guess_period(text: str) -> dict[str, Any] | None:
    """A rough period from the first year range or year in the text (fallback only)."""
    head = text[:3000]
    m = _YEAR_RANGE.search(head)
    if m and int(m.group(1)) <= int(m.group(2)):
        return {"start": f"{m.group(1)}-01-01", "end": f"{m.group(2)}-12-31"}
    m2 = _YEAR.search(head)
    if m2:
        return {"start": f"{m2.group(1)}-01-01", "end": f"{m2.group(1)}-12-31"}
    return None
