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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from medborgarloften.lib.months import MONTH_PATTERN_SV

from .lexicons import load, spaced
from .parties import (
    PartyResult,
    chain_at,
    co_parties,
    nominal_polis,
    order,
    parties_in_chain,
    stated_parties,
    subject_parties,
)
from .places import find_places
from .prefilter import Prefiltered, prefiltered
from .structure import Block, Structure
from .targets import extract_target

_SECTIONS = load("sections")


def _compile(key: str) -> re.Pattern[str] | Prefiltered:
    return prefiltered(
        re.compile("|".join(f"(?:{spaced(p)})" for p in _SECTIONS[key]), re.IGNORECASE)
    )


PROMISE_HEADING = _compile("promise")
EXCLUDED_HEADING = _compile("excluded")
ACTIVITY_LEADIN = _compile("activity_leadin")
FOCUS_LEADIN = _compile("focus_leadin")
FOCUS_HEADING = _compile("focus_heading")
UMBRELLA_GOAL = _compile("umbrella_goal")
FOCUS_STATEMENT = _compile("focus_statement")
OUTCOME = _compile("outcome")

# A finite promise verb: the sentence undertakes something.
_JOINED_PROMISE = re.compile(
    r"\b(?:och|samt|&)\s+(?:\w+\s+)?(?:medborgar)?(?:löfte|löften|åtgärder|aktiviteter|"
    r"insatser|åtaganden)\b"
)
_PROMISE_VERB = prefiltered(
    re.compile(
        spaced(
            r"\b(?:ska|skall|lovar|lovade|kommer att|kommer|åtar sig|åtog sig|förbinder sig|"
            r"utlovar|garanterar)\b"
        ),
        re.IGNORECASE,
    )
)
_VERB_AFTER_SUBJECT = re.compile(
    spaced(
        r"[\s,]*(?:(?:även|också|därför|nu|tillsammans|gemensamt|båda|var för sig)\s+)*"
        r"(?:ska|skall|lovar|lovade|kommer|åtar|åtog|förbinder|utlovar|garanterar)\b"
    ),
    re.IGNORECASE,
)
_EVALUATION = re.compile(
    r"(?:utvärder|följas upp|följs upp|analyser|summer)\w*$", re.IGNORECASE
)
# "… lovar att de utsatta områdena ska bli tryggare": a promised outcome whose own
# subject is no party is an effect goal (SCHEMA b), not an activity.
_EMBEDDED_OUTCOME = re.compile(
    r"\b(?:lovar|vill|ska|skall)\s+(?:\w+\s+){0,2}?att\s+"
    r"(?P<np>(?:alla|de|det|den|fler|färre|vår|våra|invånarna|medborgarna)\b[^,.;:]{0,60}?)"
    r"\s+(?:ska|skall)\s+(?:bli|känna|uppleva|vara|upplevas|minska|öka)\b",
    re.IGNORECASE,
)
# A bullet about the promise itself ("Medborgarlöften handlar om …", "Löftet är en
# del av …") describes; it undertakes nothing.
_ABOUT_ITSELF = re.compile(
    r"\s*(?:(?:det|detta|vårt|våra)\s+)?(?:medborgar)?löfte(?:t|n|na)?\s+"
    r"(?:handlar|är|innebär|bygger|utgår|syftar|gäller|består)\b",
    re.IGNORECASE,
)
_VERB_FIRST = re.compile(r"\s*(?:kommer|ska|skall|lovar)\s", re.IGNORECASE)
_PASSIVE_ACTION = prefiltered(
    re.compile(
        spaced(
            r"\b(?:ska|skall|kommer att)\s+(?:\w+\s+){0,3}?(?:\w+(?:as|ås)|fortgå|fortsätta|ske)\b"
        ),
        re.IGNORECASE,
    )
)
BULLET_OUTCOME = prefiltered(
    re.compile(
        spaced(
            r"\bska (?:känna sig|kunna känna|uppleva|upplevas|bli|uppnås)\b"
            r"|\b(?:ska )?(?:utgå|grunda sig|bygga|baseras) (?:från|på|ifrån)\b"
            # how people feel, said in the main clause: a description ("Invånarna
            # känner sig trygga men …"), not "… platser där många känner sig otrygga"
            r"|^\s*(?:(?!(?:där|som|när|om|att|var)\b)[\wåäöÅÄÖ-]+\s+){1,4}"
            r"(?:känner|kände) sig\b"
        ),
        re.IGNORECASE,
    )
)
INFINITIVE_START = re.compile(
    r"\s*(?:att\s+)?(?:"
    + "|".join(sorted(load("verbs")["infinitives"], key=len, reverse=True))
    + r")\s+\S+\s+\S+",
    re.IGNORECASE,
)
_ABOUT_THE_PROMISE = re.compile(
    r"\s*(?:detta\s+|det\s+)?(?:(?:gemensamma|nya)\s+)?(?:medborgar)?löfte\w*\b"
    r"|\s*(?:arbetet|uppföljning\w*|utvärdering\w*|resultatet|resultaten)\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[,–-]\s*säger\s+\w|\bsäger\s+[A-ZÅÄÖ]\w+\s+[A-ZÅÄÖ]")
_TERMINAL = re.compile(r"[.!?:;)”\"]\s*$")
_DEFAULT = frozenset({"polis", "kommun"})


@dataclass
class _Context:
    kind: str = "neutral"  # neutral | promise | activity | focus | excluded
    party: frozenset[str] | None = None
    explicit: bool = False  # a lead-in that names activities ("… aktiviteter:")


@dataclass
class _Table:
    """A table of activities: the column of each kind, and the party of the page."""

    width: int
    activity: int
    responsible: int
    when: int | None
    context: _Context


# Column headings of an action table (general Swedish: "Aktivitet | Ansvar | När").
_ACTIVITY_COLUMN = re.compile(
    r"(?:aktivitet|åtgärd|insats|åtagande|löfte|vad\b|vad\s+ska\s+göras)", re.I
)
_RESPONSIBLE_COLUMN = re.compile(r"(?:ansvar|vem\b|utförare|huvudansvar)", re.I)
_WHEN_COLUMN = re.compile(r"(?:när\b|tid|datum|hur\s+ofta|frekvens|period)", re.I)
_CELL_SPLIT = re.compile(r"[ \t]*\|[ \t]*|\t+|[ ]{2,}")
_BARE_MONTH = re.compile(rf"(?:{MONTH_PATTERN_SV})(?:\s+\d{{4}})?$", re.I)


def _cells(text: str) -> list[tuple[str, int]]:
    """The cells of a one-line table row with their offsets, or []."""
    if "\n" in text.strip():
        return []
    out: list[tuple[str, int]] = []
    pos = 0
    for sep in [*_CELL_SPLIT.finditer(text), None]:
        end = sep.start() if sep else len(text)
        cell = text[pos:end]
        if cell.strip():
            lead = len(cell) - len(cell.lstrip())
            out.append((cell.strip(), pos + lead))
        if sep:
            pos = sep.end()
    return out if len(out) >= 2 else []


def _table_header(cells: list[tuple[str, int]], ctx: _Context) -> _Table | None:
    names = [c.casefold() for c, _ in cells]
    if any(len(n.split()) > 4 for n in names):
        return None
    activity = next((i for i, n in enumerate(names) if _ACTIVITY_COLUMN.match(n)), None)
    responsible = next(
        (i for i, n in enumerate(names) if _RESPONSIBLE_COLUMN.match(n)), None
    )
    if activity is None or responsible is None:
        return None
    when = next((i for i, n in enumerate(names) if _WHEN_COLUMN.match(n)), None)
    return _Table(len(cells), activity, responsible, when, ctx)


@dataclass
class _Candidate:
    text: str
    start: int
    end: int
    block_index: int
    kind: str  # bullet | sentence
    rule: str
    party: frozenset[str] | None
    context: _Context
    umbrella: bool = False
    focus: bool = False
    evidence: dict[str, Any] = field(default_factory=dict)
    #: Extra words for reading the target (a table row's "När" cell).
    target_hint: str = ""


def _clean(text: str) -> str:
    return text.strip().strip("*_").strip()


# "2.1 Polisen åtar sig att", "3. Uppföljning": a section number before a heading.
_SECTION_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+(?=\S)")


def _unnumbered(text: str) -> str:
    return _SECTION_NUMBER.sub("", text, count=1)


def classify_heading(text: str) -> str:
    """promise / excluded / focus / topic for one heading line."""
    t = _unnumbered(_clean(text)).casefold()
    if EXCLUDED_HEADING.search(t):
        # "Lägesbild och medborgarlöfte", "Mål och aktiviteter" hold the promise.
        if _JOINED_PROMISE.search(t):
            return "promise"
        return "excluded"
    if PROMISE_HEADING.search(t):
        return "promise"
    if FOCUS_HEADING.search(t):
        return "focus"
    return "topic"


def classify_leadin(text: str) -> str:
    """activity / focus / excluded / other for a governing line ending with ":"."""
    t = _clean(text).casefold()
    # "Polisen lovar att..", "… genom": an unfinished line reads as if it had a colon.
    t = re.sub(r"\s*(?:\.{2,}|…)$", "", t)
    if not t.endswith(":"):
        t += ":"
    last = re.split(r"(?<=[.!?])\s+", t)[-1]
    if EXCLUDED_HEADING.search(last):
        return "excluded"
    if FOCUS_LEADIN.search(last):
        return "focus"
    if ACTIVITY_LEADIN.search(last):
        return "activity"
    return "other"


def _governing_party(text: str) -> frozenset[str] | None:
    """The party of a heading or lead-in; in a paragraph, its last sentence that
    names one ("Polisen och Region Gotland ska … I linje med detta gäller:")."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", _clean(text))
    for sentence in reversed(sentences):
        res = subject_parties(sentence) or _promiser(sentence)
        if res is not None:
            return res.parties | frozenset(co_parties(sentence))
    if re.match(r"\s*(?:tillsammans|gemensamt)\b", text, re.IGNORECASE):
        return _DEFAULT
    return None


# "McDonald's lovar att": only an actor promises, so a name before "lovar" in a
# governing line is a party (a third party when it is not polis or kommun).
_PROMISER = re.compile(
    r"\s*(?P<name>(?-i:[A-ZÅÄÖ])[\w'’&-]*(?:\s+(?-i:[A-ZÅÄÖ])[\w'’&-]*){0,3})"
    r"\s+(?:lovar|åtar\s+sig|förbinder\s+sig)\b",
    re.IGNORECASE,
)


def _promiser(sentence: str) -> PartyResult | None:
    m = _PROMISER.match(sentence)
    if not m:
        return None
    return PartyResult(frozenset({"annan"}), m.span("name"), "responsible.promiser")


# A line that stops where its list takes over: "Polisen lovar att..", "… genom",
# "Polisen och kommunen skall tillsammans".
_UNFINISHED = re.compile(
    r"(?:\b(?:att|genom|genom\s+att|följande|bland\s+annat)\s*(?:\.{2,}|…)?"
    r"|\b(?:ska|skall|kommer\s+att|lovar)(?:\s+(?:tillsammans|gemensamt|även|också))?"
    r"|\.{2,}|…)\s*$",
    re.IGNORECASE,
)


def _governs_list(block: Block, following: list[Block]) -> bool:
    """A line left unfinished right above a list governs that list."""
    return (
        bool(following)
        and following[0].kind == "bullet"
        and bool(_UNFINISHED.search(block.text))
        and following[0].indent >= block.indent
    )


# A sentence that reports a promise: "I löftet står att polisen ska …", "Ett annat
# löfte är att göra minst 20 kontroller i månaden", "Löftet innebär bland annat att
# kommunen ska …". What follows "att" is the promise itself.
_REPORTED = re.compile(
    r"\s*(?:i\s+(?:medborgar)?löfte(?:t|na)\s+(?:står|sägs|framgår)(?:\s+\w+){0,2}?"
    r"|(?:ett|det|ytterligare\s+ett)\s+(?:\w+\s+)?(?:medborgar)?löfte\s+(?:är|gäller)"
    r"|(?:medborgar)?löfte(?:t|na)\s+(?:innebär|går\s+ut\s+på)(?:\s+bland\s+annat)?"
    r"|bland\s+(?:medborgar)?löftena\s+(?:finns|märks|ingår)(?:\s+(?:också|även|det))?)"
    r"\s+att\s+",
    re.IGNORECASE,
)


def _reported_rest(sentence: str) -> int:
    """Where the promise starts in a reported promise, else 0."""
    m = _REPORTED.match(sentence)
    return m.end() if m else 0


def _is_commitment_sentence(sentence: str) -> bool:
    """A prose sentence in which a party (or a passive "ska …") undertakes something."""
    s = sentence.strip()
    if len(s.split()) < 4:
        return False
    cut = _reported_rest(s)
    if cut:
        rest = s[cut:]
        return _is_commitment_sentence(rest) or bool(
            INFINITIVE_START.match(rest) and not BULLET_OUTCOME.search(rest)
        )
    if OUTCOME.search(s) and not subject_parties(s):
        return False
    if not _PROMISE_VERB.search(s):
        return False
    if FOCUS_STATEMENT.search(s) or _EMBEDDED_OUTCOME.search(s):
        return False
    subj = subject_parties(s)
    if subj is not None and subj.span is not None:
        if subj.rule != "responsible.subject":
            return True
        # "Kommunen och polisen tar fram löften som ska …": the promise verb must
        # follow its subject closely, not sit in a relative clause further on.
        # Verb first after a heading: "Kommer kommunen och polisen att …".
        return bool(
            _VERB_AFTER_SUBJECT.match(s[subj.span[1] :]) or _VERB_FIRST.match(s)
        )
    if _ABOUT_THE_PROMISE.match(s):
        return False  # "Medborgarlöftet ska följas upp …" is follow-up, not an activity
    passive = _PASSIVE_ACTION.search(s)
    # "… då utfallet ska utvärderas": evaluating is follow-up, not an activity.
    return bool(passive) and not _EVALUATION.search(passive.group(0))


_STATIVE = frozenset(load("verbs")["stative_present"])
_STATIVE_PHRASE = re.compile(
    "|".join(spaced(p) + r"\b" for p in load("verbs")["stative_with_particle"]),
    re.IGNORECASE,
)
_PRESENT_VERB = re.compile(
    r"[\s,]*(?:(?:även|också|nu|därför|tillsammans|gemensamt|bland annat)\s+)*"
    r"(?P<verb>\w+(?:ar|er|ör|år|r))\b",
    re.IGNORECASE,
)
# "Samverkan mellan kommunen och polisen fortsätter": the parties of a joint
# activity named as the subject.
_JOINT_SUBJECT = re.compile(
    r"\s*(?:samverkan|samarbetet|samarbete|arbetet|dialogen)\s+mellan\s+",
    re.IGNORECASE,
)


# "Kommunen och polisen tar fram medborgarlöften …" is about the promise itself.
_ABOUT_PROMISE_OBJECT = re.compile(r"\b(?:medborgar)?löfte", re.IGNORECASE)


_APPOSITION = re.compile(
    r"^\s+[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*)?(?:\s+AB)?(?=\s+[a-zåäö])"
)


def _present_action(sentence: str) -> bool:
    """In a promise section, a party doing something in the present tense
    ("Polisen patrullerar …", "Samverkan mellan kommunen och polisen fortsätter")."""
    s = sentence.strip()
    if len(s.split()) < 4 or s[-1:] not in ".!":
        return False
    joint = _JOINT_SUBJECT.match(s)
    chain = chain_at(s, joint.end()) if joint else None
    if chain is not None and len(chain[0]) >= 2:
        # "… mellan kommunen och polisen i form av EST fortsätter"
        rest = re.sub(
            r"^\s+(?:i\s+form\s+av|kring|om|inom)\s+[^,.]*?(?=\s\w+(?:er|ar)\b)",
            "",
            s[chain[1] :],
        )
    else:
        subj = subject_parties(s)
        if subj is None or subj.span is None or subj.span[0] > 4:
            return False
        if subj.rule not in ("responsible.subject", "responsible.enumeration"):
            return False
        # "Kommunens fastighetsbolag Ekbyhem sätter upp …": the company's name in
        # apposition stands between the subject and its verb.
        rest = _APPOSITION.sub("", s[subj.span[1] :], count=1)
    m = _PRESENT_VERB.match(rest)
    if not m or _ABOUT_PROMISE_OBJECT.search(s):
        return False
    verb = m.group("verb").casefold()
    if _STATIVE_PHRASE.match(rest, m.start("verb")):
        return False
    if verb == "ser" and re.match(r"\s+(?:över|till)\b", rest[m.end("verb") :]):
        return True  # "ser över belysningen" acts; "ser konflikter" perceives
    return verb not in _STATIVE and not _PROMISE_VERB.search(verb)


def _numbered_heading(block: Block, following: list[Block]) -> bool:
    """A short numbered line without a verb or closing punctuation, followed by
    prose rather than by another list item, is a numbered heading."""
    text = block.text.strip()
    return (
        block.marker[:1].isdigit()
        and bool(following)
        and following[0].kind == "paragraph"
        and not following[0].ends_with_colon
        and text[-1:] not in ".:;,!?"
        and len(text.split()) <= 10
        and not _PROMISE_VERB.search(text)
        and not INFINITIVE_START.match(text)
    )


def _group_header(block: Block, following: list[Block]) -> bool:
    """A bullet directly over deeper bullets, or a numbered item over plain bullets."""
    if not following or following[0].kind != "bullet":
        return False
    nxt = following[0]
    if nxt.indent > block.indent:
        return True
    numbered = block.marker[:1].isdigit() or block.marker[:1].isalpha()
    return numbered and not (nxt.marker[:1].isdigit() or nxt.marker[:1].isalpha())


def _truncated(
    block: Block, is_last: bool, siblings: list[Block] | None = None, document: str = ""
) -> bool:
    """SCHEMA (f): the last bullet of a page cut off mid-sentence.

    It has no closing punctuation and ends in a short word fragment, or its list's
    other bullets all close with punctuation and it does not.
    """
    if not is_last:
        return False
    text = block.text.rstrip()
    if _TERMINAL.search(text):
        return False
    last_word = re.findall(r"\w+", text)[-1:] or [""]
    if len(last_word[0]) <= 3 or _cut_word(last_word[0], document):
        return True
    others = [b for b in siblings or [] if b is not block]
    return len(others) >= 1 and all(_TERMINAL.search(b.text.rstrip()) for b in others)


def _cut_word(word: str, document: str) -> bool:
    """A last word that the document writes elsewhere only inside a longer word
    ("kommu" where "kommunen" occurs) was cut off with the page."""
    folded = word.casefold()
    tokens = re.findall(r"\w+", document.casefold())
    if tokens.count(folded) > 1:
        return False
    return any(t != folded and t.startswith(folded) for t in tokens)


def _speech(block: Block, blocks: list[Block], idx: int) -> bool:
    """A lone dash paragraph in a news text is a quotation ("– Vi ser …")."""
    if block.marker not in ("-", "–", "—"):
        return False
    before = blocks[idx - 1] if idx > 0 else None
    after = blocks[idx + 1] if idx + 1 < len(blocks) else None
    if before is not None and (
        before.kind == "bullet" and before.marker == block.marker
    ):
        return bool(_QUOTE.search(before.text)) and before.end < block.start - 1
    if before is None or before.kind != "paragraph" or before.ends_with_colon:
        return False  # a one-item list under a heading or a lead-in is a list
    return after is None or after.kind != "bullet"


def _table_row(
    block: Block, cells: list[tuple[str, int]], table: _Table, idx: int
) -> _Candidate | None:
    """One row of an action table as a commitment: the activity cell is its text,
    the responsibility cell names the parties, the "När" cell helps the target."""
    activity, offset = cells[table.activity]
    if len(activity.split()) < 2 or table.context.kind == "excluded":
        return None
    parties = parties_in_chain(cells[table.responsible][0])
    if "both" in parties:
        parties = (parties - {"both"}) | {"polis", "kommun"}
    hint = ""
    if table.when is not None:
        when = cells[table.when][0]
        hint = f"i {when}" if _BARE_MONTH.match(when) else when
    start = block.start + offset
    return _Candidate(
        activity,
        start,
        start + len(activity),
        idx,
        "bullet",
        "table.row",
        frozenset(parties) or table.context.party,
        table.context,
        target_hint=hint,
    )


# An action table written as labelled lines: "Löfte: Genomföra …" then "Ansvarig:
# Polisen" (and maybe "När: …"), one record after another.
_RECORD_LABEL = re.compile(
    r"\s*(?P<label>[^\W\d][\w ]{1,25}?)\s*:\s+(?P<value>\S.*)$", re.S
)


def _record_fields(blocks: list[Block], idx: int) -> tuple[str, int, str, str] | None:
    """For a "Löfte: …" line at ``idx``: (activity, its offset, the responsibility
    value, the "När" value) when a labelled responsibility line follows it."""
    block = blocks[idx]
    m = _RECORD_LABEL.match(block.text)
    if not m or not _ACTIVITY_COLUMN.fullmatch(m.group("label").strip()):
        return None
    value = m.group("value").rstrip()
    if len(value.split()) < 3 or "\n" in value:
        return None
    responsible = when = None
    for nxt in blocks[idx + 1 : idx + 3]:
        f = _RECORD_LABEL.match(nxt.text)
        if not f or "\n" in f.group("value").strip():
            break
        label = f.group("label").strip()
        if _RESPONSIBLE_COLUMN.match(label) and responsible is None:
            responsible = f.group("value").strip()
        elif _WHEN_COLUMN.match(label) and when is None:
            when = f.group("value").strip()
        else:
            break
    if responsible is None:
        return None
    return value, m.start("value"), responsible, when or ""


def _list_of(blocks: list[Block], idx: int) -> list[Block]:
    """The bullets of the list that the bullet at ``idx`` belongs to."""
    lo = idx
    while lo > 0 and blocks[lo - 1].kind == "bullet":
        lo -= 1
    hi = idx
    while hi + 1 < len(blocks) and blocks[hi + 1].kind == "bullet":
        hi += 1
    return blocks[lo : hi + 1]


def _scan(structure: Structure) -> list[_Candidate]:
    """Walk the blocks once and collect commitment candidates with their context."""
    blocks = structure.content()
    candidates: list[_Candidate] = []
    section = _Context()
    leadin: _Context | None = None
    last_party: frozenset[str] | None = None
    table: _Table | None = None
    skip_labelled = False
    for idx, block in enumerate(blocks):
        is_last = idx == len(blocks) - 1
        cells = _cells(block.text) if block.kind != "bullet" else []
        if table is not None:
            if len(cells) == table.width:
                row = _table_row(block, cells, table, idx)
                if row is not None:
                    candidates.append(row)
                continue
            table = None
        if cells:
            table = _table_header(cells, leadin or section)
            if table is not None:
                continue
        fields = _record_fields(blocks, idx) if block.kind != "bullet" else None
        if fields is not None:
            value, offset, who, when = fields
            ctx = leadin or section
            parties = parties_in_chain(who)
            if "both" in parties:
                parties = (parties - {"both"}) | {"polis", "kommun"}
            if ctx.kind != "excluded":
                start = block.start + offset
                candidates.append(
                    _Candidate(
                        value,
                        start,
                        start + len(value),
                        idx,
                        "bullet",
                        "record.fields",
                        frozenset(parties) or ctx.party,
                        ctx,
                        target_hint=f"i {when}" if _BARE_MONTH.match(when) else when,
                    )
                )
            skip_labelled = True
            continue
        if (
            skip_labelled
            and _RECORD_LABEL.match(block.text)
            and (
                _RESPONSIBLE_COLUMN.match(block.text.strip())
                or _WHEN_COLUMN.match(block.text.strip())
            )
        ):
            continue  # the record's "Ansvarig:" / "När:" line
        skip_labelled = False
        governs = block.ends_with_colon or _governs_list(
            block, blocks[idx + 1 : idx + 2]
        )
        if section.kind == "focus" and block.kind == "paragraph" and not governs:
            section = _Context("neutral", section.party)  # the focus list has ended
        if governs:
            kind = classify_leadin(block.text)
            party = _governing_party(_unnumbered(block.text))
            if kind == "activity":
                leadin = _Context("activity", party or section.party, explicit=True)
            elif kind == "focus":
                leadin = _Context("focus", party or section.party)
            elif kind == "excluded":
                leadin = _Context("excluded")
            else:
                # An unknown governing line ("Mätningen visar:") outside the
                # promise part introduces a list that must prove itself.
                base = section.kind
                leadin = _Context(
                    "activity"
                    if base in ("promise", "activity")
                    else ("excluded" if base == "excluded" else "unknown"),
                    party or section.party,
                )
            if block.kind == "paragraph" and kind in ("activity", "other"):
                for sent in block.sentences:
                    if _is_commitment_sentence(sent.text):
                        candidates.append(
                            _Candidate(
                                sent.text,
                                sent.start,
                                sent.end,
                                idx,
                                "sentence",
                                "umbrella.leadin",
                                None,
                                section,
                                umbrella=True,
                            )
                        )
            last_party = None
            continue
        if block.kind == "heading":
            kind = classify_heading(block.text)
            party = _governing_party(_unnumbered(block.text))
            if kind == "excluded":
                section = _Context("excluded")
            elif kind == "promise":
                section = _Context("promise", party)
            elif kind == "focus":
                # "Prioriterade områden": its list names problems (focus areas);
                # a commitment under it must name its party and promise.
                section = _Context("focus", party)
            else:
                if section.kind == "excluded":
                    section = _Context("neutral")
                elif party is not None:
                    section = _Context(section.kind, party)
            leadin = None
            last_party = None
            continue
        ctx = leadin or section
        if block.kind == "bullet":
            text = block.text.rstrip()
            if FOCUS_STATEMENT.search(text.strip()):
                candidates.append(
                    _Candidate(
                        text,
                        block.start,
                        block.start + len(text),
                        idx,
                        "bullet",
                        "focus.statement",
                        ctx.party,
                        ctx,
                        focus=True,
                    )
                )
                continue
            if _numbered_heading(block, blocks[idx + 1 : idx + 2]):
                kind = classify_heading(text)
                if kind in ("excluded", "promise"):
                    # "3. Uppföljning", "2. Medborgarlöftet": a numbered section
                    # heading of the genre, which opens its section.
                    section = (
                        _Context("excluded")
                        if kind == "excluded"
                        else _Context("promise", _governing_party(text))
                    )
                    leadin = None
                    last_party = None
                    continue
                # "1. Narkotika bland unga" over prose: a numbered heading.
                candidates.append(
                    _Candidate(
                        text,
                        block.start,
                        block.start + len(text),
                        idx,
                        "bullet",
                        "focus.numbered_heading",
                        ctx.party,
                        ctx,
                        focus=True,
                    )
                )
                leadin = None
                continue
            if _truncated(
                block, is_last, _list_of(blocks, idx), structure.text
            ) or _QUOTE.search(text):
                continue
            if (
                ctx.kind not in ("excluded", "focus")
                and not _PROMISE_VERB.search(text)
                and _group_header(block, blocks[idx + 1 : idx + 2])
            ):
                # "1. Ökad trygghet i centrum" over its own bulleted activities.
                candidates.append(
                    _Candidate(
                        text,
                        block.start,
                        block.start + len(text),
                        idx,
                        "bullet",
                        "focus.group_header",
                        ctx.party,
                        ctx,
                        focus=True,
                    )
                )
                continue

            if len(text.split()) < 3 and not (
                leadin is not None and leadin.kind == "activity" and leadin.explicit
            ):
                continue  # a bare noun is a commitment only under "… aktiviteter:"
            if _speech(block, blocks, idx):
                continue
            own = subject_parties(text)
            explicit = own is not None and bool(_PROMISE_VERB.search(text))
            if ctx.kind == "excluded":
                continue
            if ctx.kind == "focus" and not explicit:
                continue
            if ctx.kind == "unknown" and not (
                explicit or own is not None or INFINITIVE_START.match(text)
            ):
                continue
            if own is None and BULLET_OUTCOME.search(text):
                continue  # SCHEMA (b)/(c): an effect goal or a principle
            if _ABOUT_ITSELF.match(text):
                continue  # "Medborgarlöften handlar om att lyssna …": a description
            rule = "bullet." + ctx.kind
            candidates.append(
                _Candidate(
                    text,
                    block.start,
                    block.start + len(text),
                    idx,
                    "bullet",
                    rule,
                    ctx.party,
                    ctx,
                )
            )
            continue
        if block.kind == "paragraph" and ctx.kind in ("promise", "activity"):
            line = block.text.rstrip()
            if (
                "\n" not in line
                and len(block.sentences) <= 2
                and INFINITIVE_START.match(line)
                and not FOCUS_STATEMENT.search(line)
                and not BULLET_OUTCOME.search(line)
            ):
                # A list written without bullet markers ("Att genomföra …").
                candidates.append(
                    _Candidate(
                        line,
                        block.start,
                        block.start + len(line),
                        idx,
                        "bullet",
                        "line." + ctx.kind,
                        ctx.party,
                        ctx,
                    )
                )
                continue
        if block.kind == "paragraph":
            for sent in block.sentences:
                present = ctx.kind in ("promise", "activity") and _present_action(
                    sent.text
                )
                if not (present or _is_commitment_sentence(sent.text)) or _QUOTE.search(
                    sent.text
                ):
                    continue
                if FOCUS_STATEMENT.search(sent.text):
                    continue
                own = subject_parties(sent.text)
                inherited = own.parties if own else (last_party or ctx.party)
                if own and _bare_vi(sent.text, own) and ctx.party:
                    inherited = ctx.party  # "Vi" under a heading naming one party
                cand = _Candidate(
                    sent.text,
                    sent.start,
                    sent.end,
                    idx,
                    "sentence",
                    ("present." if present else "sentence.") + ctx.kind,
                    inherited,
                    ctx,
                )
                if ctx.kind in ("excluded", "focus"):
                    continue
                candidates.append(cand)
                if own:
                    last_party = own.parties
    _mark_umbrellas(blocks, candidates)
    return candidates


def _mark_umbrellas(blocks: list[Block], candidates: list[_Candidate]) -> None:
    """SCHEMA (a): a promise followed by its own list of activities is an umbrella."""
    # Prose before the promise part is an intro summary, unless the document has no
    # promise part at all (a page with nothing but promise sentences).
    has_promise_part = any(
        c.context.kind in ("promise", "activity") and not c.umbrella for c in candidates
    ) or any(c.kind == "bullet" for c in candidates)
    first_real = next((c for c in candidates if not c.umbrella and not c.focus), None)
    for cand in candidates:
        if cand.kind != "sentence" or cand.umbrella:
            continue
        if (
            cand.context.kind == "neutral"
            and has_promise_part
            and not _is_concrete(cand.text)
        ):
            cand.umbrella = True
            cand.rule = "umbrella.preamble"
            continue
        if (
            cand is first_real
            and cand.context.kind in ("neutral", "promise")
            and UMBRELLA_GOAL.search(cand.text)
            and not _is_concrete(cand.text)
            and any(c.start > cand.end and not c.focus for c in candidates)
        ):
            # "X och Y lovar att arbeta för …" opening a page of promise sentences:
            # an intro summary (SCHEMA a), not an activity.
            cand.umbrella = True
            cand.rule = "umbrella.intro_goal"
            continue
        # Look at what follows the paragraph: more prose, then a lead-in or a list.
        j = cand.block_index + 1
        while (
            j < len(blocks)
            and blocks[j].kind == "paragraph"
            and not blocks[j].ends_with_colon
        ):
            if any(_is_commitment_sentence(s.text) for s in blocks[j].sentences):
                break
            j += 1
        if j >= len(blocks):
            continue
        nxt = blocks[j]
        concrete = _is_concrete(cand.text)
        if (
            nxt.ends_with_colon
            and classify_leadin(nxt.text) in ("activity", "other")
            and not concrete
        ):
            cand.umbrella = True
            cand.rule = "umbrella.before_leadin"
        elif (
            nxt.kind == "heading"
            and not concrete
            and classify_heading(nxt.text) == "promise"
            and j + 1 < len(blocks)
            and (blocks[j + 1].kind == "bullet" or blocks[j + 1].ends_with_colon)
        ):
            cand.umbrella = True
            cand.rule = "umbrella.before_activity_heading"
        elif (
            nxt.kind == "bullet"
            and j == cand.block_index + 1
            and _last_sentence_of_block(blocks[cand.block_index], cand)
            and UMBRELLA_GOAL.search(cand.text)
        ):
            cand.umbrella = True
            cand.rule = "umbrella.goal_before_list"


@lru_cache(maxsize=2048)
def _is_concrete(text: str) -> bool:
    """A counted promise ("genomföra fyra vandringar") is no umbrella goal."""
    target = extract_target(text).target
    return bool(target and target.get("quantity") is not None) and not (
        UMBRELLA_GOAL.search(text)
    )


def _last_sentence_of_block(block: Block, cand: _Candidate) -> bool:
    return not block.sentences or block.sentences[-1].end == cand.end


def _bare_vi(sentence: str, own: PartyResult) -> bool:
    """The subject is a plain "Vi" (not "Vi tillsammans", "Vi båda")."""
    return (
        own.parties == _DEFAULT
        and own.span is not None
        and sentence[own.span[0] : own.span[1]].strip().casefold() == "vi"
        and not re.match(
            r"\s*vi\s+(?:\w+\s+)?(?:tillsammans|gemensamt|båda)\b", sentence, re.I
        )
    )


def _responsible(cand: _Candidate) -> tuple[list[str], dict[str, Any]]:
    parties, evidence = _responsible_of(cand)
    return parties, evidence


# A bullet's own short title before a dash: "Belysning – Kommunen byter ut …".
_LABEL_DASH = re.compile(
    r"\s*[^\W\d][\w/-]*(?:\s+[\w/-]+){0,4}?\s+[–—-]\s+(?=[A-ZÅÄÖ])"
)


def _responsible_of(cand: _Candidate) -> tuple[list[str], dict[str, Any]]:
    first = re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", cand.text.strip(), maxsplit=1)[0]
    cut = _reported_rest(first)
    if cut:
        # "I löftet står att polisen ska …": read the promise after the frame.
        inner = _Candidate(
            cand.text[cut:] if cand.text.startswith(first) else first[cut:],
            cand.start + cut,
            cand.end,
            cand.block_index,
            cand.kind,
            cand.rule,
            cand.party,
            cand.context,
        )
        return _responsible_of(inner)
    titled = _LABEL_DASH.match(first)
    if titled and subject_parties(first[titled.end() :]) is not None:
        # "Trafikkontroller – Polisen gör …": read the party after the label.
        cut = titled.end()
        inner = _Candidate(
            cand.text[cut:],
            cand.start + cut,
            cand.end,
            cand.block_index,
            cand.kind,
            cand.rule,
            cand.party,
            cand.context,
        )
        return _responsible_of(inner)
    label = stated_parties(cand.text)
    if label is not None and label.span is not None:
        return order(label.parties), {
            "span": [cand.start + label.span[0], cand.start + label.span[1]],
            "rule": label.rule,
        }
    own = subject_parties(first)
    joint = _JOINT_SUBJECT.match(first)
    chain = chain_at(first, joint.end()) if joint else None
    if chain is not None and len(chain[0]) >= 2:
        # "Samarbetet mellan områdespoliser och trygghetsvärdar fortsätter"
        return order(chain[0] | co_parties(cand.text)), {
            "span": [cand.start + joint.end(), cand.start + chain[1]],
            "rule": "responsible.joint_subject",
        }
    # A co-responsible party may be named in an explanatory sentence of the same
    # bullet ("Detta ska ske … i samverkan med skolan").
    co = co_parties(cand.text)
    if (
        own is not None
        and _bare_vi(first, own)
        and cand.party
        and cand.party != _DEFAULT
    ):
        # "Vi" under a heading or lead-in that names one party means that party
        # ("Räddningstjänsten\n • Vi kommer att …").
        base = set(cand.party)
        return order(base | co), {
            "span": [cand.start + own.span[0], cand.start + own.span[1]],
            "rule": "responsible.vi_governed",
        }
    if own is not None:
        parties = set(own.parties) | co
        span = own.span or (0, 0)
        return order(parties), {
            "span": [cand.start + span[0], cand.start + span[1]],
            "rule": own.rule + ("+co" if co - own.parties else ""),
        }
    nominal = nominal_polis(first)
    if nominal:
        return order({"polis"} | co), {
            "span": [cand.start + nominal.start(), cand.start + nominal.end()],
            "rule": "responsible.polis_nominal",
        }
    base = set(cand.party or _DEFAULT)
    return order(base | co), {
        "span": [cand.start, cand.start],
        "rule": "responsible.inherited" + ("+co" if co - base else ""),
    }


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
    candidates = [c for c in _scan(structure) if not c.umbrella and not c.focus]
    records = []
    for cand in candidates:
        responsible, r_ev = _responsible(cand)
        places = find_places(cand.text, municipalities=municipalities)
        place_names = [p for p, _ in places]
        target_text = (
            f"{cand.text} ({cand.target_hint})" if cand.target_hint else cand.text
        )
        tres = extract_target(target_text, period=period, places=place_names)
        target = tres.target
        evidence: dict[str, Any] = {"responsible": r_ev}
        for key, ev in tres.evidence.items():
            evidence["target." + key] = {
                "span": [cand.start + ev["span"][0], cand.start + ev["span"][1]],
                "rule": ev["rule"],
            }
        if places:
            evidence["places"] = [
                {"span": [cand.start + s, cand.start + e], "rule": "places.named"}
                for _, (s, e) in places
            ]
        records.append(
            {
                "text": cand.text,
                "responsible": responsible,
                "measurable": target is not None,
                "target": target,
                "places": place_names,
                "span": [cand.start, cand.end],
                "rule": cand.rule,
                "evidence": evidence,
            }
        )
    return records


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
