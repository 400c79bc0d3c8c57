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
from dataclasses import dataclass

from ..parties import subject_parties
from ..prefilter import Prefiltered, all_literals, fold, holds_any, prefiltered
from ._lex import NOT_A_TOPIC
from .text import Unit

_I = re.IGNORECASE
LIST_INTRO = prefiltered(
    re.compile(
        r"fokusområde|prioriteringar|problemområde|prioriterade\s+(?:områden|problem)|"
        r"prioritering(?:ar)?\s+(?:att\s+)?(?:vara|är|blir)|"
        r"följande\s+(?:\w+\s+){0,2}?(?:medborgar)?löften|fokusera\w*\s+på\s+följande|"
        # only as the intro of a list: "… fyra inriktningar som vi ska arbeta med:"
        r"\binriktningar(?:na)?\b[^.!?]*:\s*$|"
        r"\bområden\s+som\s+(?:\w+\s+){0,3}prioriteras\s*:\s*$|"
        r"\b(?:valt|beslutat)\s+att\s+prioritera\s*:\s*$|"
        r"\bprioritera\s+(?:följande|dessa|två|tre|fyra|fem)\s+(?:\w+\s+)?"
        r"(?:områden|problem|frågor)\s*:\s*$|"
        # an English heading on a bilingual page: "Focus", "Priority areas"
        r"^\s*(?:our\s+)?(?:focus(?:\s+areas?)?|priorities|priority\s+areas)\s*:?\s*$",
        _I,
    )
)
# An intro that itself promises ("Polisen ska patrullera i prioriterade områden:")
# introduces commitments, not focus areas.
PROMISE_VERB = prefiltered(re.compile(r"\b(?:lovar|ska|skall)\b|\bkommer\s+att\b", _I))
# … unless the verb sits in a relative clause: "inriktningar som polisen ska arbeta
# med:", "två områden som kommer att prioriteras:".
RELATIVE_VERB = re.compile(
    r"\bsom\s+(?:\S+\s+){0,6}?(?:lovar|ska|skall|kommer\s+att)\b", _I
)
PAST = re.compile(r"\bhar\b[^.]*\b(?:arbetat|haft|jobbat)\b|\btidigare\b", _I)
INLINE = (
    ("focus.i_fokus", Prefiltered(re.compile(r"\bI\s+fokus\s+står\s+(?:bland\s+annat\s+)?(?P<x>[^.!?\n]+)", _I)), r",\s*|\s+samt\s+"),
    ("focus.sarskilt_fokus", Prefiltered(re.compile(r"\b(?:särskilt|stort|extra)\s+fokus\s+(?:läggs|ligger|riktas)\s+(?:på|mot)\s+(?P<x>[^.!?\n]+)", _I)), None),
    ("focus.fokus_ar", Prefiltered(re.compile(r"\bFokus\s+(?:i|för)\s+(?:\S+\s+){0,3}?(?:är|blir|ligger\s+på)\s+(?P<x>[^.!?\n]+)", _I)), None),
    ("focus.fokusera_pa", Prefiltered(re.compile(r"\b(?:ska|skall|att|kommer(?:\s+att)?)\s+(?:\S+\s+){0,6}?(?:särskilt\s+)?fokusera\s+på\s+(?!under\b|de\s+kommande|för\s+att\b|i\s+(?:syfte|arbetet)\b)(?:att\s+)?(?P<x>[^.!?\n]+)", _I)), r"\s+och\s+på\s+|\s+och\s+(?:arbeta|verka)\s+(?:med|för|mot)\s+"),
    # "lovar att … arbeta med fokus på X för att …", "har vi särskilt fokus på A, B och C"
    ("focus.med_fokus", Prefiltered(re.compile(r"\b(?:arbeta\s+med\s+|har\s+(?:vi|parterna|polisen\s+och\s+kommunen)\s+(?:ett\s+)?)(?:särskilt\s+|stort\s+)?fokus\s+på\s+(?P<x>[^.!?\n]+)", _I)), "problem_list"),
    # "består av tre områden: A, B samt C", "inom områdena A och B", "A och B har valts som fokusområden"
    ("focus.omraden_lista", Prefiltered(re.compile(r"\b(?:består\s+av|omfattar)\s+(?:\w+\s+)?(?:fokus|tema|problem)?områden\s*:\s*(?P<x>[^.!?\n]+)|\binom\s+(?:fokus)?områdena\s+(?P<y>[^.!?\n]+)", _I)), "problem_list"),
    # "problem i form av A, B samt C", "inriktas på A, B och C"
    ("focus.i_form_av", Prefiltered(re.compile(r"\bproblem\w*\s+i\s+form\s+av\s+(?P<x>[^.!?\n]+?)(?:\s+(?:för\s+närvarande|är|har|kan)\b|[.!?\n]|$)", _I)), "problem_list"),
    ("focus.inriktas", Prefiltered(re.compile(r"\binrikta(?:s|t)?\s+(?:sig\s+)?på\s+(?P<x>[^.!?\n]+)", _I)), "problem_list"),
    # "Droger, trafik och klotter är fokus i nytt medborgarlöfte"
    ("focus.ar_fokus", Prefiltered(re.compile(r"^(?P<x>[^.!?\n]{3,100}?)\s+är\s+(?:i\s+)?fokus\b", _I)), "problem_list"),
    # "Löftet ska leda till ökad trygghet …, att området blir tystare och att …"
    ("focus.leda_till", Prefiltered(re.compile(r"\b(?:medborgar)?löfte\w*\s+ska\s+leda\s+till\s+(?P<x>[^.!?\n]+)", _I)), r",\s*(?:och\s+)?att\s+|\s+och\s+att\s+"),
    # "För att förebygga brott i X lovar polisen och kommunen:"
    ("focus.for_att_lovar", Prefiltered(re.compile(r"^För\s+att\s+(?P<x>[^,.!?\n]{3,120}?),?\s+(?:lovar|åtar\s+sig)\b[^.!?\n]*:\s*$", _I)), None),
    # "Fokus ligger på A samt på B", "ett medborgarlöfte för 2026 om A och B"
    ("focus.fokus_ligger", Prefiltered(re.compile(r"^Fokus\s+(?:ligger|läggs)\s+på\s+(?P<x>[^.!?\n]+)", _I)), r"\s+samt\s+på\s+|\s+och\s+på\s+|,\s*samt\s+"),
    ("focus.lofte_om", Prefiltered(re.compile(r"\b(?:ett|nytt)\s+(?:\w+\s+)?(?:medborgar)?löfte\s+(?:för\s+\d{4}(?:\s*[-–]\s*\d{4})?\s+)?om\s+(?!(?:\w+\s+)?(?:aktiviteter|åtgärder|insatser|löften|samverkan)\b|det\b|hur\b|vad\b|att\b)(?P<x>[^.!?\n]+)", _I)), "problem_list"),
    ("focus.valts_som", Prefiltered(re.compile(r"\bhar\s+(?P<x>[^.!?\n]{3,160}?)\s+valts\s+(?:ut\s+)?(?:som|till)\s+(?:fokusområden|prioriterade\s+områden|prioriteringar)", _I)), "problem_list"),
    ("focus.prioritera", Prefiltered(re.compile(r"\bvalt\s+att\s+prioritera\s+(?!(?:följande|dessa|två|tre|fyra|fem)\s+(?:\w+\s+)?(?:områden|problem|frågor)\s*:\s*$)(?:att\s+arbeta\s+med\s+)?(?P<x>[^.!?\n]+)", _I)), r",?\s+samt\s+"),
    # "Fokusområden: Otrygghet i X, Bostadsinbrott" — a label and its list on one line.
    ("focus.label_colon", Prefiltered(re.compile(r"(?:^(?:våra\s+)?|\bhar\s+(?:ett|två|tre|fyra|fem)\s+)(?:fokusområden|fokusområde|fokus(?:\s+(?:för\s+)?\d{4}(?:\s*[-–]\s*\d{4})?)?|prioriterade\s+områden|prioriteringar|problemområden)\s*:\s*(?P<x>[^.!?\n]+)", _I)), "problem_list"),
    ("focus.omraden_ar", Prefiltered(re.compile(r"\b(?:fokusområden(?:a)?|prioriteringar(?:na)?|prioriterade\s+områden|problemområden(?:a)?)\s+(?:för\s+\S+\s+|i\s+\S+\s+)?(?:är|blir)\s*:?\s+(?P<x>[^.!?\n]+)", _I)), "problem_list"),
    ("focus.problemen_ar", Prefiltered(re.compile(r"\bProblem(?:en|bilden|områdena)\s+(?:som\s+[^.]{0,80}?\s+)?(?:är|utgörs\s+av)\s+(?P<x>[^.!?\n]+)", _I)), "problem_list"),
)  # fmt: skip
_INLINE_LITERALS = all_literals(rx for _, rx, _ in INLINE)  # none held: no label
UMBRELLA = re.compile(
    r"\b(?:lovar|ska|skall|kommer)\b(?:\s+\S+){0,8}?\s+(?:arbeta|verka)\s+"
    r"(?:\w+\s+){0,2}?(?:för\s+att|för|mot|med\s+att)\s+(?P<x>[^.!?]+)",
    _I,
)
ACTIVITY_INTRO = re.compile(
    r"genom\s+följande|följande\s+(?:\w+\s+)?(?:aktiviteter|insatser|åtgärder|medborgarlöften|löften)|"
    r"ska\s+åstadkommas|göras\s+genom|genom\s+att\s*:|ska\s+genomföras\s*:",
    _I,
)
# Headings that are genre furniture or name a party, never a focus area.
GENERIC_HEADING = re.compile(
    r"^(?:det\s+här|detta|medborgarlöft|våra?\b|vårt\b|uppföljning|lägesbild|situation|"
    r"bakgrund|syfte|inledning|tid\b|tidsram|effekt|kommunikation|problembild|"
    r"aktiviteter|insatser|fakta|om\s|inriktning|löfte|sammanfattning|datum|följ\b|"
    r"polis|kommun|tillsammans|vi\b|parterna|lokalpolisområde|lpo\b|kontakt|dokument|"
    r"sök\b|till\s|titelbild|startsida|mer\s+information|läs\s+mer|meny|stäng|"
    r"nyhet|publicerad|uppdaterad|bild|foto|förslag|beslut|ärende|diarie|handläggare|"
    r"tjänsteskrivelse|underskrift|signatur|samverkansöverenskommelse|överenskommelse|avtal|"
    r"gemensam|åtagande|åtgärder|handlingsplan|aktivitetsplan|vad\s|så\s+här|här\s|hur\s|"
    r"varför|mål\b|målsättning|resultat|dela\b|skriv\s+ut|senast|relaterad|länkar|"
    r"innehåll|hoppa|huvudinnehåll|navigation|cookies|kakor|bilaga|sida\s+\d|"
    r"utgångspunkt|nuläge|förutsättningar|ansvar\w*\s*:|när\s*:|tidpunkt)|"
    r"\bmedborgarlöft|\blovar\b|\bska\b|"
    r"\bkommer\s+att\b|\båtar\b|\bkommun(?:er)?$|^[\d\s./:-]*$",
    _I,
)
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


@dataclass(frozen=True)
class FocusArea:
    """One focus area phrase, its span and the rule that found it."""

    text: str
    span: tuple[int, int]
    rule: str


def _tokens(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.casefold()))


def _similar_tokens(ta: set[str], tb: set[str]) -> bool:
    return bool(ta and tb) and len(ta & tb) / max(len(ta), len(tb)) >= 0.5


def similar(a: str, b: str) -> bool:
    """Do two focus-area texts share at least half of the longer one's words?"""
    return _similar_tokens(_tokens(a), _tokens(b))


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


def _cut_long(text: str) -> str:
    """Cut a long umbrella phrase before its place ("… på och i anslutning till …")."""
    words = text.split()
    if len(words) <= 12:
        return text
    m = re.search(r"\s+(?:på|vid|i\s+anslutning)\s+", text)
    if m and len(text[: m.start()].split()) >= 3:
        return text[: m.start()]
    return text


def _split(x: str, start: int, how: str | None) -> list[tuple[str, int]]:
    x = x.rstrip(" .!?")
    colon = x.find(":")
    if 0 <= colon < len(x) - 2 and how is not None:
        # "… prioritera två områden: trafik och narkotika": the list after the colon.
        lead = colon + 1 + (len(x[colon + 1 :]) - len(x[colon + 1 :].lstrip()))
        return _split(x[lead:], start + lead, "problem_list")
    if how is None:
        return [(x, start)]
    if how == "problem_list":
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


def _labelled(units: Sequence[Unit]) -> list[FocusArea]:
    found: list[FocusArea] = []
    for i, unit in enumerate(units):
        if (
            unit.kind != "bullet"
            and LIST_INTRO.search(unit.text)
            and not PAST.search(unit.text)
            and not PROMISE_VERB.search(RELATIVE_VERB.sub(" ", unit.text))
        ):
            j = i + 1
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
        if not holds_any(folded, _INLINE_LITERALS):
            continue  # no inline label can match: skip all its expressions
        for rule, rx, how in INLINE:
            if unit.kind == "heading" and rule != "focus.label_colon":
                continue
            for m in rx.finditer(unit.text, folded=folded):
                group = "x" if m.group("x") is not None else "y"
                if unit.kind == "bullet" and rule in ("focus.med_fokus",):
                    continue  # "… med särskilt fokus på X" inside a commitment
                pieces = _split(m.group(group), unit.start + m.start(group), how)
                if rule == "focus.fokusera_pa":
                    pieces = [_goal_phrase(part, off) for part, off in pieces]
                for part, off in pieces:
                    found.append(FocusArea(part, (off, off + len(part)), rule))
    return found


# A heading over the effects a promise aims at ("Effektmål", "Det vill vi uppnå"):
# its items name the problems the promise picks, as a focus list does.
EFFECT_HEADING = re.compile(
    r"^(?:effekt(?:mål|er(?:na)?)?\b|(?:förväntade?|önskade?)\s+(?:effekt|resultat)|"
    r"målbild|önskat\s+läge|(?:det\s+här\s+|detta\s+|det\s+|så\s+här\s+)?"
    r"vill\s+vi\s+(?:uppnå|se|nå)|(?:effekter|resultat|mål)\s+(?:som\s+)?vi\s+vill\s+"
    r"(?:uppnå|se|nå))",
    _I,
)
_MAX_GOALS = 6
# A goal states a change ("Färre inbrott", "… ska minska"); an indicator ("Andelen
# … i trygghetsmätningen") or an activity ("Fånga upp ungdomar") is no focus area.
_CHANGE = re.compile(
    r"\b(?:ska|skall)\b|^(?:färre|fler|minskad|minskat|ökad|ökat|bättre|tryggare|"
    r"lägre|högre|mindre|mer)\b",
    _I,
)
_INDICATOR = re.compile(r"andel|procent|%|mätning|undersökning|statistik|enkät", _I)


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
        if unit.kind != "heading" or not EFFECT_HEADING.match(unit.text.strip("*_# ")):
            continue
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
        # A document label ("TJÄNSTESKRIVELSE"), a date line, a table header: no topic.
        return not NOT_A_TOPIC.search(unit.text)
    return (
        unit.kind == "sentence"
        and unit.single_line
        and unit.text[-1:] not in ".!?:;,"
        and len(unit.text.split()) <= 18
        and unit.text[:1].isupper()
    )


def _names_a_party(heading: str) -> bool:
    """A heading that is only a party ("Räddningstjänsten", "Ekby kommun ska")."""
    res = subject_parties(heading.strip("*_ #:"))
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
        cands = heads_between(prev_end, s)
        prev_end = s
        good = [
            k
            for k in cands
            if not GENERIC_HEADING.search(units[k].text.strip("*_ #"))
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
        if body:
            found.append(FocusArea(body, (start, start + len(body)), "focus.heading"))
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
        if unit.kind != "sentence" or unit.start >= intro_positions[-1]:
            continue
        m = UMBRELLA.search(unit.text)
        if not m:
            continue
        x, xs = m.group("x"), unit.start + m.start("x")
        be = _BE.search(x)
        if be:
            xs += be.start("x")
            x = be.group("x")
        x = re.sub(r"\s+med\s+(?:särskilt\s+)?fokus\s+på\s.*$", "", x, flags=_I)
        for part, off in _split(x, xs, r"\s+och\s+att\s+"):
            part = _cut_long(part)
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
_WEAK = frozenset({"focus.for_att_lovar"})


def find_focus_areas(
    units: Sequence[Unit], *, commitment_starts: list[int] | None = None
) -> list[FocusArea]:
    """Focus areas per SCHEMA's order of preference, deduplicated."""
    labelled = _labelled(units)
    if any(a.rule not in _WEAK and a.rule != "focus.sarskilt_fokus" for a in labelled):
        labelled = [a for a in labelled if a.rule not in _WEAK]
    if any(a.rule != "focus.sarskilt_fokus" for a in labelled):
        return _dedupe(labelled)
    effects = _effect_goals(units)
    if effects and not _umbrellas(units):
        # The goals a list of effects names; an umbrella statement, when the
        # document has one, says the same in the promise's own words (rule 3).
        return _dedupe(effects + labelled)
    if commitment_starts is None:
        commitment_starts = [u.start for u in units if u.kind == "bullet"]
    headings = _grouping_headings(units, commitment_starts)
    if headings:
        return _dedupe(headings + labelled)
    return _dedupe(_umbrellas(units) + labelled)
