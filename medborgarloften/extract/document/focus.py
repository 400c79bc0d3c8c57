"""Focus areas, in SCHEMA's order of preference.

1. Areas explicitly labelled as fokusområden, prioriteringar or problemområden
   (a list under such an intro, "I fokus står …", "Särskilt fokus läggs på …",
   "ska fokusera på …", "valt att prioritera …", "Problemen … är …").
2. Otherwise the section headings that group the commitments.
3. Otherwise a short phrase from the umbrella statement that a list of
   activities follows ("… lovar att arbeta för att <phrase>. Det ska åstadkommas
   genom följande aktiviteter:").
4. Otherwise nothing.
A focus statement inside the commitment list ("Särskilt fokus läggs på …") is a
focus area in every case.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ..page_controls import is_control
from ..parties import subject_parties
from ..prefilter import fold
from ._lex import NOT_A_TOPIC
from ._person import is_name
from .focus_area import FocusArea, _similar_tokens, _tokens
from .focus_cues import (
    _CHANGE,
    _INDICATOR,
    _SECTION_NUMBER,
    ACTIVITY_INTRO,
    EFFECT_HEADING,
    HEADING_RULES,
    INLINE,
    INLINE_LITERALS,
    LIST_INTRO,
    LIST_LEAD,
    PAST,
    PROMISE_VERB,
    RELATIVE_VERB,
    UMBRELLA,
    UMBRELLA_GOAL,
    and_items,
    cut_long,
    generic_heading,
    line_items,
    titled,
)
from .text import Unit

_I = re.IGNORECASE

_PREFIX = re.compile(
    r"^(?:\d{1,2}[.)]\s*)?(?:.{0,80}?\b(?:ska|lovar\s+att|kommer\s+att)\s+)?"
    r"(?:tillsammans\s+|gemensamt\s+|aktivt\s+)*(?:arbeta|verka)\s+"
    r"(?:förebyggande\s+|aktivt\s+|tillsammans\s+)*(?:med\s+att|med|för\s+att|för|mot)\s+",
    _I,
)
_FOCUS_ON = re.compile(r"\bmed\s+(?:särskilt\s+)?fokus\s+på\s+(?P<x>.+)$", _I)
_BE = re.compile(r"\bska\s+(?:bli|vara)\s+(?P<x>.+)$", _I)
# Real promises name a handful of focus areas; past this many the list is not one.
MAX_FOCUS_AREAS = 50


def _trim(text: str, start: int) -> tuple[str, int]:
    """Strip list numbering, emphasis and closing punctuation; keep the span right."""
    m = re.match(r"[\s*_]*(?:\d{1,2}[.)]\s+)?", text)
    lead = m.end() if m else 0
    body = text[lead:].rstrip(" \t*_.:;,!")
    return body, start + lead


def _shorten(text: str, start: int) -> tuple[str, int]:
    """Reduce a statement to its focus phrase ("… arbeta för ett tryggare centrum")."""
    first = re.split(r"(?<=[.!?])\s+|\n", text.strip(), maxsplit=1)[0]
    body, start = _trim(first, start + (len(text) - len(text.lstrip())))
    for rx in (_FOCUS_ON, _BE):
        m = rx.search(body)
        if m:
            return _trim(m.group("x"), start + m.start("x"))
    m = _PREFIX.match(body)
    if m and m.end() < len(body):
        return body[m.end() :], start + m.end()
    return body, start


def _split(x: str, start: int, how: str | None) -> list[tuple[str, int]]:
    x = x.rstrip(" .!?")
    colon = x.find(":")
    if 0 <= colon < len(x) - 2 and how is not None:
        # "… prioritera två områden: trafik och narkotika": the list after the colon.
        lead = colon + 1 + (len(x[colon + 1 :]) - len(x[colon + 1 :].lstrip()))
        return _split(x[lead:], start + lead, "problem_list")
    if how is None:
        return [(x, start)]
    if how == "and_items":
        return and_items(x, start)
    if how == "problem_list" and ";" in x:
        how = r"\s*;\s*"  # "A med B och C; D": the semicolons part the areas
    elif how == "problem_list":
        purpose = re.search(r"\s+(?:för\s+att|i\s+syfte|så\s+att|eftersom)\s", x)
        if purpose:
            x = x[: purpose.start()]
        if re.search(r"\s+samt\s+", x):
            # "trafik, våld samt droger och unga": "samt" joins the last item.
            out = []
            for item in re.finditer(r"[^,]+", x):
                pos = 0
                text = item.group(0)
                for sep in [*re.finditer(r"\s+samt\s+", text), None]:
                    piece = text[pos : sep.start() if sep else len(text)]
                    body = piece.strip()
                    if body:
                        lead = len(piece) - len(piece.lstrip())
                        out.append((body, start + item.start() + pos + lead))
                    if sep:
                        pos = sep.end()
            return out
        parts = [(m.group(0), m.start()) for m in re.finditer(r"[^,]+", x)]
        if parts:
            last, off = parts[-1]
            m = re.search(r"\s+och\s+", last)
            if m:
                parts[-1:] = [
                    (last[: m.start()], off),
                    (last[m.end() :], off + m.end()),
                ]
        out = []
        for part, off in parts:
            lead = len(part) - len(part.lstrip())
            body = re.sub(r"\s+i\s+(?:kommunen|hela\s+kommunen)$", "", part.strip())
            out.append((body, start + off + lead))
        return [(p, s) for p, s in out if p]
    out, pos = [], 0
    for m in re.finditer(how, x):
        out.append((x[pos : m.start()], start + pos))
        pos = m.end()
    out.append((x[pos:], start + pos))
    return [(p.strip(), s + (len(p) - len(p.lstrip()))) for p, s in out if p.strip()]


_WHERE_ASIDE = re.compile(
    r"\s+(?:främst|särskilt|bland\s+annat|framför\s+allt)\s+(?:i|på|vid|kring)\s.*$", _I
)


def _goal_phrase(part: str, start: int) -> tuple[str, int]:
    """ "tillsammans arbeta för en tryggare miljö främst i X" → "en tryggare miljö"."""
    m = _PREFIX.match(part)
    if m and m.end() < len(part):
        part, start = part[m.end() :], start + m.end()
    return _WHERE_ASIDE.sub("", part), start


_MAX_LINES_UNDER = 6


def _lines_under(units: Sequence[Unit], i: int) -> list[FocusArea]:
    """Short lines set right under a label heading ("Fokusområden" over one area per
    line, no bullets), up to a blank line or a heading of the genre."""
    found: list[FocusArea] = []
    intro = units[i]
    if intro.kind != "heading" and not (
        # "Prioriterade områden för perioden är:" over one area per line
        intro.single_line and intro.text.rstrip().endswith(":")
    ):
        return found
    prev = intro
    for unit in units[i + 1 : i + 1 + _MAX_LINES_UNDER]:
        text = unit.text.strip("*_ ")
        if is_control(text):
            prev = unit  # "Läs mer" under an accordion's heading
            continue
        if (
            unit.kind != "heading"
            or unit.start - prev.end > 2  # a blank line ends the list
            or len(text.split()) > 12
            or "\t" in text
            or "    " in text  # a table row (its header), no area
            or generic_heading(text)
            or _names_a_party(text)
        ):
            break
        for item, start in line_items(unit.text, unit.start):
            found.append(
                FocusArea(item, (start, start + len(item)), "focus.lines_under")
            )
        prev = unit
    return found


_IN_PASSING = ("focus.med_fokus", "focus.lofte_har_fokus")  # a bullet says in passing
# "Prioriterade områden 2025: A och B.": the list is on the label's own line, so
# the items below it are something else (the commitments).
_LIST_ON_LINE = re.compile(r":[ \t]*[^\W\d][^\n]{2,}$")


def _labelled(units: Sequence[Unit]) -> list[FocusArea]:
    found: list[FocusArea] = []
    for i, unit in enumerate(units):
        if (
            unit.kind != "bullet"
            and LIST_INTRO.search(unit.text)
            and not PAST.search(unit.text)
            and not PROMISE_VERB.search(RELATIVE_VERB.sub(" ", unit.text))
            and not _LIST_ON_LINE.search(unit.text)
        ):
            j = i + 1
            while j < len(units) and is_control(units[j].text.strip()):
                j += 1  # "Fokusområden", "Läs mer", then the list
            found += _lines_under(units, i)
            while j < len(units) and units[j].kind == "bullet":
                body, start = _shorten(units[j].text, units[j].start)
                if body:
                    found.append(
                        FocusArea(
                            body, (start, start + len(body)), "focus.labelled_list"
                        )
                    )
                j += 1
        folded = fold(unit.text)
        # Which labels' literals the unit holds, looked for once: an expression
        # holding none of them cannot match (its own prefilter would say so).
        held = {literal for literal in INLINE_LITERALS or () if literal in folded}
        if INLINE_LITERALS is not None and not held:
            continue  # no inline label can match: skip all its expressions
        for rule, rx, how in INLINE:
            if unit.kind == "heading" and rule not in HEADING_RULES:
                continue
            if held and rx.literals is not None and held.isdisjoint(rx.literals):
                continue
            for m in rx.finditer(unit.text, folded=folded):
                group = "x" if m.group("x") is not None else "y"
                if unit.kind == "bullet" and rule in _IN_PASSING:
                    continue  # "… med särskilt fokus på X" inside a commitment
                pieces = _split(m.group(group), unit.start + m.start(group), how)
                if rule == "focus.fokusera_pa":
                    pieces = [_goal_phrase(part, off) for part, off in pieces]
                for part, off in pieces:
                    found.append(FocusArea(part, (off, off + len(part)), rule))
    return found


_MAX_GOALS = 6


def _goal_item(text: str) -> bool:
    return (
        2 <= len(text.split()) <= 12
        and "\n" not in text
        and bool(_CHANGE.search(text))
        and not _INDICATOR.search(text)
        and not _names_a_party(text.split(" ska ")[0])
        and subject_parties(text) is None
    )


def _effect_goals(units: Sequence[Unit]) -> list[FocusArea]:
    """The items (bullets, or one-line sentences) under an effect-goal heading."""
    found: list[FocusArea] = []
    for i, unit in enumerate(units):
        label = _SECTION_NUMBER.sub("", unit.text.strip("*_# "))
        if not EFFECT_HEADING.match(label) or not (
            unit.kind == "heading"
            or (
                unit.single_line
                and unit.text[-1:] not in ".!?:;,"
                and label != unit.text
            )
        ):
            continue  # … "§ 3 Effektmål", a numbered section heading, counts too
        items: list[Unit] = []
        for item in units[i + 1 : i + 1 + _MAX_GOALS]:
            if item.kind in ("bullet", "sentence"):
                if items and item.kind != items[0].kind:
                    break
                if (
                    item.kind == "sentence"
                    and items
                    and item.paragraph != items[0].paragraph
                ):
                    break
                items.append(item)
            else:
                break
        for item in items:
            text = item.text.strip().rstrip(".!;, ")
            if _goal_item(text):
                found.append(
                    FocusArea(
                        text, (item.start, item.start + len(text)), "focus.effects"
                    )
                )
    return found


def _heading_like(unit: Unit) -> bool:
    if unit.kind == "heading":
        # A document label ("TJÄNSTESKRIVELSE"), a date line, a table header, a
        # page's button or an article's byline ("Anna Berg"): no topic.
        text = unit.text.strip()
        return not (NOT_A_TOPIC.search(text) or is_control(text) or is_name(text))
    return (
        unit.kind == "sentence"
        and unit.single_line
        and not NOT_A_TOPIC.search(unit.text)
        and unit.text[-1:] not in ".!?:;,"
        and len(unit.text.split()) <= 18
        and unit.text[:1].isupper()
    )


def _names_a_party(heading: str) -> bool:
    """A heading that is only parties ("Räddningstjänsten", "Åby kommun · Polisen")."""
    res = subject_parties(re.sub(r"\s+[·|•]\s+", " och ", heading.strip("*_ #:")))
    return (
        res is not None
        and res.span is not None
        and res.span[0] <= 1
        and (len(heading.strip("*_ #:")[res.span[1] :].split()) <= 1)
    )


def _grouping_headings(
    units: Sequence[Unit], commitment_starts: list[int]
) -> list[FocusArea]:
    """Headings that open a group of commitments, in one pass over the units.

    ``units`` are in reading order (``read_units``), so the heading-like units
    between two positions are a slice of ``heads``, found by bisection.
    """
    if not commitment_starts:
        return []
    found: list[FocusArea] = []
    starts = sorted(commitment_starts)
    heads = [k for k, u in enumerate(units) if _heading_like(u)]
    head_starts = [units[k].start for k in heads]

    def heads_between(lo: int, hi: int) -> list[int]:
        """Indexes of heading-like units with lo < start < hi."""
        return heads[bisect_right(head_starts, lo) : bisect_left(head_starts, hi)]

    group_firsts: list[int] = []
    last = None
    for s in starts:
        if last is None or heads_between(last, s):
            group_firsts.append(s)
        last = s
    prev_end = -1
    for s in group_firsts:
        # "Aktiviteter:" over the items says nothing of the group: look past it.
        cands = [
            k
            for k in heads_between(prev_end, s)
            if not LIST_LEAD.match(units[k].text.strip("*_ #"))
        ]
        prev_end = s
        good = [
            k
            for k in cands
            if not generic_heading(titled(units[k].text.strip("*_ #")))
            and not _names_a_party(units[k].text)
        ]
        if not good or cands[-1] != good[-1]:
            continue  # a generic heading ("Medborgarlöfte 2024") is nearer: no focus
        good_set = set(good)
        k = good[-1]
        while k - 1 in good_set and k - 1 >= 0:
            k -= 1
        unit = units[k]
        body, start = _trim(unit.text, unit.start)
        title = titled(body)
        start += len(body) - len(title)
        if title:
            found.append(FocusArea(title, (start, start + len(title)), "focus.heading"))
    return found


# A numbered line left unfinished over its own list: "1. Polisen skall öka
# synligheten i centrum genom" (the goal), then the activities as bullets.
_UNFINISHED_GOAL = re.compile(
    r"^(?:.{0,80}?\b(?:ska|skall|lovar\s+att|kommer\s+att)\s+)(?P<x>.{8,}?)"
    r"\s+(?:genom(?:\s+att)?|bland\s+annat\s+genom)\s*(?:\.{2,}|…|:)?$",
    _I,
)


def _unfinished_goals(units: Sequence[Unit]) -> list[FocusArea]:
    found: list[FocusArea] = []
    for i, unit in enumerate(units[:-1]):
        if unit.kind != "bullet" or units[i + 1].kind != "bullet":
            continue
        m = _UNFINISHED_GOAL.match(unit.text.strip())
        if m:
            x = m.group("x")
            start = (
                unit.start + (len(unit.text) - len(unit.text.lstrip())) + m.start("x")
            )
            found.append(FocusArea(x, (start, start + len(x)), "focus.unfinished_goal"))
    return found


def _umbrellas(units: Sequence[Unit]) -> list[FocusArea]:
    goals = _unfinished_goals(units)
    intro_positions = [u.start for u in units if ACTIVITY_INTRO.search(u.text)]
    if not intro_positions:
        return goals
    found: list[FocusArea] = goals
    for unit in units:
        if unit.kind != "sentence" or unit.start > intro_positions[-1]:
            continue
        m = UMBRELLA.search(unit.text) or UMBRELLA_GOAL.search(unit.text)
        if not m:
            continue
        x, xs = m.group("x"), unit.start + m.start("x")
        be = _BE.search(x)
        if be:
            xs += be.start("x")
            x = be.group("x")
        x = re.sub(r"\s+med\s+(?:särskilt\s+)?fokus\s+på\s.*$", "", x, flags=_I)
        for part, off in _split(x, xs, r"\s+och\s+att\s+"):
            part = cut_long(part)
            found.append(FocusArea(part, (off, off + len(part)), "focus.umbrella"))
    return found


def _dedupe(areas: list[FocusArea]) -> list[FocusArea]:
    """Drop areas similar to an earlier one; at most MAX_FOCUS_AREAS are kept, so a
    hostile list of thousands costs a bounded number of comparisons per area."""
    out: list[FocusArea] = []
    kept: list[set[str]] = []
    for area in areas:
        if len(out) >= MAX_FOCUS_AREAS:
            break
        if not area.text:
            continue
        tokens = _tokens(area.text)
        if not any(_similar_tokens(tokens, other) for other in kept):
            out.append(area)
            kept.append(tokens)
    return out


# Rules that only name a purpose in passing: used when nothing labels focus areas.
# What the promise is about ("Löftet handlar om …") says less than a label does.
_WEAK = frozenset({"focus.for_att_lovar"})
# What the text says the promise is about or what worries people ("Löftet handlar
# om …", "många oroar sig för …"): only when no rule of SCHEMA's order finds any.
_FALLBACK = frozenset(
    {
        "focus.fokus_ar_kort",
        "focus.lofte_med_fokus",
        "focus.lofte_handlar_om",
        "focus.oroar",
        "focus.lofte_ar_att",
        "focus.ar_problemen",
    }
)


def find_focus_areas(
    units: Sequence[Unit], *, commitment_starts: list[int] | None = None
) -> list[FocusArea]:
    """Focus areas per SCHEMA's order of preference, deduplicated."""
    labelled = _labelled(units)
    fallback = [a for a in labelled if a.rule in _FALLBACK]
    labelled = [a for a in labelled if a.rule not in _FALLBACK]
    if any(a.rule not in _WEAK and a.rule != "focus.sarskilt_fokus" for a in labelled):
        labelled = [a for a in labelled if a.rule not in _WEAK]
    if commitment_starts is None:
        commitment_starts = [u.start for u in units if u.kind == "bullet"]
    if any(a.rule != "focus.sarskilt_fokus" for a in labelled):
        if len(labelled) > 1 or labelled[0].rule != "focus.lines_under":
            return _dedupe(labelled)
        # "Fokusområden" over sections: the one line under it, text under that,
        # is the first of the headings that group the commitments.
        after = next((u for u in units if u.start > labelled[0].span[0]), None)
        if after is None or after.kind == "heading":
            return labelled
        more = [
            a
            for a in _grouping_headings(units, commitment_starts)
            if not LIST_INTRO.search(a.text) and a.span > labelled[-1].span
        ]
        return _dedupe(sorted(labelled + more, key=lambda a: a.span))
    headings = _grouping_headings(units, commitment_starts)
    if len(headings) >= 2:
        # Headings that group the commitments (SCHEMA rule 2) come before the goals.
        return _dedupe(headings + labelled)
    effects = _effect_goals(units)
    if effects and not _umbrellas(units):
        # The goals a list of effects names; an umbrella statement, when the
        # document has one, says the same in the promise's own words (rule 3).
        return _dedupe(effects + labelled)
    if headings:
        return _dedupe(headings + labelled)
    umbrellas = _umbrellas(units)
    if umbrellas:
        return _dedupe(umbrellas + labelled)
    return _dedupe(fallback + labelled)
