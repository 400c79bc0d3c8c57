"""What a heading, lead-in, block or sentence is: promise, activity, effect goal or other."""

from __future__ import annotations

import re

from ..doccache import per_document
from ..lexicons import load, spaced
from ..parties import (
    PartyResult,
    chain_at,
    fronted_subject,
    subject_parties,
)
from ..party_joins import co_parties
from ..prefilter import prefiltered
from ..structure import Block
from ..targets import extract_target
from .locatives import after_place_phrase
from .patterns import (
    _ABOUT_THE_PROMISE,
    _ANNOUNCED_PARTS,
    _APPROXIMATE,
    _DEFAULT,
    _EMBEDDED_OUTCOME,
    _EVALUATION,
    _FRONT_PASSIVE,
    _JOINED_PROMISE,
    _PASSIVE_ACTION,
    _PROMISE_VERB,
    _VERB_AFTER_SUBJECT,
    _VERB_FIRST,
    ACTIVITY_LEADIN,
    AGREE_ON_WHAT,
    BULLET_OUTCOME,
    EXCLUDED_HEADING,
    FOCUS_HEADING,
    FOCUS_LEADIN,
    FOCUS_STATEMENT,
    INFINITIVE_START,
    OUTCOME,
    PROMISE_HEADING,
    _clean,
    _unnumbered,
    points_ahead,
)
from .prose_cues import (
    is_question,
    past_genitive_head,
    perfect_promise,
    reports_progress,
    states_goal,
    without_agreeing,
)
from .slides import recased


@per_document  # a heading is classified by the walk, the umbrellas and the record
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
    if _THIS_DOES.match(t) and _governing_party(_unnumbered(_clean(text))):
        return "promise"  # "Vad gör polisen?", "Det här gör bostadsbolaget"
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


_SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
_TOGETHER = re.compile(r"\s*(?:tillsammans|gemensamt)\b", re.IGNORECASE)


@per_document  # asked of the same heading by the walk and by the umbrellas
def _governing_party(text: str) -> frozenset[str] | None:
    """The party of a heading or lead-in; in a paragraph, its last sentence that
    names one ("Polisen och Region Gotland ska … I linje med detta gäller:")."""
    text = recased(text)  # "POLISEN OCH EKBYHEM" is read as "Polisen och Ekbyhem"
    sentences = _SENTENCE_GAP.split(_clean(text))
    for sentence in reversed(sentences):
        # "”Polisen och kommunen lovar …": a quoted promise opens with its mark
        sentence = sentence.lstrip("”“„»«\"'")
        res = subject_parties(sentence) or _promiser(sentence)
        if res is not None:
            return res.parties | frozenset(co_parties(sentence))
    if _TOGETHER.match(text):
        return _DEFAULT
    english = _ENGLISH_LEADIN.match(_clean(text))
    if english is not None:
        if english.group("polis"):
            return frozenset({"polis"})
        return frozenset({"kommun"}) if english.group("kommun") else _DEFAULT
    this = _THIS_DOES.match(_clean(text))
    if this is not None:
        # "Det här gör polisen", "Vad lovar Ekbyhem?": the party after the verb
        found = chain_at(this.group(1))
        if found is not None and _HEADING_TAIL.fullmatch(this.group(1)[found[1] :]):
            parties = set(found[0])
            if "both" in parties:
                parties = (parties - {"both"}) | {"polis", "kommun"}
            return frozenset(parties)
    return None


# What may follow the party in such a heading: "Vad ska polisen göra?", "Det här
# gör kommunen och polisen tillsammans", "Vad lovar Ekbyhem dig som bor här?"
_HEADING_TAIL = re.compile(
    r"[\s,]*(?:(?:göra|tillsammans|gemensamt|för\s+(?:dig|er|oss)|dig|er)"
    r"(?:\s+som\s+\w+(?:\s+\w+){0,3})?[\s,]*)*",
    re.IGNORECASE,
)


# The governing line of a promise's English version: "The police will:", "Lund
# Municipality will:", "Together we will:".
_ENGLISH_LEADIN = re.compile(
    r"\s*(?:the\s+)?(?:(?-i:[A-ZÅÄÖ])\w+\s+)?"
    r"(?:(?P<polis>(?:local\s+)?police(?:\s+area)?)"
    r"|(?P<kommun>municipality|council|city|municipal\s+\w+)"
    r"|(?:together,?\s+)?we(?:\s+(?:jointly|together))?|both\s+parties|the\s+parties)"
    r"\s+(?:will|shall|promises?|commits?|undertakes?|pledges?)\b",
    re.IGNORECASE,
)


_THIS_DOES = re.compile(
    r"\s*(?:det\s+här|detta|så\s+här|vad)\s+(?:gör|lovar|ska|kommer)\s+"
    r"(.+?)(?:\s+att)?\s*[:?]?\s*$",
    re.IGNORECASE,
)


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


# Every character a match of ``_UNFINISHED`` can hold (in any case).
_OUTSIDE_UNFINISHED = re.compile(
    "[^\\s.…abcdefghijklmnorstvåäö\u017f\u212a\u212b\u0130\u0131]", re.IGNORECASE
)
_UNFINISHED_TAIL = 40


def _unfinished(text: str) -> bool:
    """``_UNFINISHED.search(text)``, looked for in the text's last characters when
    they hold one that no match can hold: a match ends the text, so it would cover
    them all (the scan from the start tried the expression at every character)."""
    lo = len(text) - _UNFINISHED_TAIL
    if lo <= 0 or not _OUTSIDE_UNFINISHED.search(text, lo):
        lo = 0
    return _UNFINISHED.search(text, lo) is not None


def _governs_list(block: Block, following: list[Block]) -> bool:
    """A line left unfinished right above a list governs that list."""
    return (
        bool(following)
        and following[0].kind == "bullet"
        and _unfinished(block.text)
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


# "I löftet står vad vi ska göra, vem som ansvarar …", "Här beskriver vi hur …", "Med
# det här löftet vill vi visa vad …",
# "I löftet beskriver polisen och kommunen vilka aktiviteter …", "Tabellen visar vad
# polisen åtar sig": a sentence about what the document contains (its promise verbs
# stand in an indirect question: a question word, not "att", follows).
_DOCUMENT_CONTENT = re.compile(
    r"\s*(?:(?:i|av|med|genom)\s+)?(?:det\s+här\s+|detta\s+)?"
    r"(?:(?:medborgar)?löfte\w*|"
    r"dokument\w*|tabellen|texten|sidan|de|här|nedan)\s+(?:\w+\s+){0,2}?"
    r"(?:står|framgår|beskriv\w*|redovisa\w*|anges|anger|visa\w*|berätta\w*|"
    r"presentera\w*|"
    r"kan\s+du\s+läsa|läser\s+du|läsa)\s+(?:\w+\s+){0,3}?"
    r"(?:vad|vem|vilka|vilket|vilken|hur|när|var|varför)\b",
    re.IGNORECASE,
)
# "Enligt överenskommelsen ska parterna …", "Enligt lagen ska kommunen …": what
# another document obliges, reported as background (not "Enligt löftet ska …").
_OTHER_DOCUMENT_SAYS = re.compile(
    r"\s*enligt\s+(?:den\s+|det\s+)?(?:\w+\s+)?(?:\w*överenskommelse\w*|\w*avtal\w*|"
    r"lag\w*|förordning\w*|\w*beslut\w*|uppdrag\w*|direktiv\w*|regleringsbrev\w*|"
    r"\w*policy\w*|riktlinje\w*|handbok\w*|arbetsmodell\w*|styrdokument\w*)\b",
    re.IGNORECASE,
)


def _is_commitment_sentence(sentence: str) -> bool:
    """A prose sentence in which a party (or a passive "ska …") undertakes something."""
    s = sentence.strip()
    if len(s.split()) < 4:
        return False
    if _DOCUMENT_CONTENT.match(s) or _OTHER_DOCUMENT_SAYS.match(s):
        return False
    if is_question(s) or states_goal(s):
        return False  # prose_cues: a question, an effect goal
    cut = _reported_rest(s)
    if cut:
        rest = s[cut:]
        return _is_commitment_sentence(rest) or bool(
            INFINITIVE_START.match(rest) and not BULLET_OUTCOME.search(rest)
        )
    if OUTCOME.search(s) and not subject_parties(s):
        return False
    if points_ahead(s):
        return False  # "Det här lovar vi dig …": a line that points to the list
    if AGREE_ON_WHAT.search(s):
        return False  # "… kommer överens om vad vi ska göra": how it is decided
    subj = subject_parties(s)
    if subj is not None and subj.span is not None and perfect_promise(s, subj.span[1]):
        return True  # "Ekbyhem AB har lovat att …"
    if not _PROMISE_VERB.search(without_agreeing(s)):
        return False
    if FOCUS_STATEMENT.search(s) or _EMBEDDED_OUTCOME.search(s):
        return False
    if subj is not None and subj.span is not None:
        if subj.rule != "responsible.subject":
            return True
        # "Kommunen och polisen tar fram löften som ska …": the promise verb must
        # follow its subject closely, not sit in a relative clause further on.
        # Verb first after a heading: "Kommer kommunen och polisen att …".
        return bool(
            _VERB_AFTER_SUBJECT.match(s[subj.span[1] :])
            or _VERB_AFTER_SUBJECT.match(s[past_genitive_head(s, subj.span[1]) :])
            or _VERB_FIRST.match(s)
        )
    if _ABOUT_THE_PROMISE.match(s):
        return False  # "Medborgarlöftet ska följas upp …" is follow-up, not an activity
    passive = _PASSIVE_ACTION.search(s)
    # "… då utfallet ska utvärderas": evaluating is follow-up, not an activity;
    # so is "Enligt löftet ska uppföljning ske …", follow-up as the subject.
    return (
        passive is not None
        and not _EVALUATION.search(passive.group(0))
        and not _FOLLOW_UP_SUBJECT.search(passive.group(0))
    )


# The preterite right after the subject ("Polisen patrullerade …", "Vi genomförde
# fem vandringar", "Kommunen höll …"): a report of what was done, no commitment.
_PAST_VERB = re.compile(
    r"[\s,]*(?:(?:även|också|då|sedan|bland\s+annat|tillsammans|gemensamt)\s+)*"
    r"(?:\w+(?:ade|dde|de|te)|höll|gick|gav|tog|fick|gjorde|var|blev|såg)\b",
    re.IGNORECASE,
)


def past_report(text: str) -> bool:
    """A list item (after an optional "Label:") in which a party reports, in the
    preterite, what it did ("Trygghetsvandringar: Vi genomförde fem …")."""
    subj = subject_parties(text)
    if subj is None or subj.span is None or subj.rule != "responsible.subject":
        return False
    return bool(_PAST_VERB.match(text, subj.span[1]))


_FOLLOW_UP_SUBJECT = re.compile(
    r"\b(?:uppföljning|utvärdering|redovisning|återrapportering|avrapportering)"
    r"(?:en|ar|arna)?\b",
    re.IGNORECASE,
)


_STATIVE = frozenset(load("verbs")["stative_present"])
_REPORTING = frozenset(load("verbs")["reporting_present"])


_STATIVE_PHRASE = re.compile(
    "|".join(spaced(p) + r"\b" for p in load("verbs")["stative_with_particle"]),
    re.IGNORECASE,
)


_NEGATED = re.compile(r"\s+(?:aldrig|inte|ej|icke)\b", re.IGNORECASE)
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
_ABOUT_PROMISE_OBJECT = prefiltered(re.compile(r"\b(?:medborgar)?löfte", re.IGNORECASE))


_APPOSITION = re.compile(
    r"^\s+[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*)?(?:\s+AB)?(?=\s+[a-zåäö])"
)


# "… arbetar redan i dag med …": a description of ongoing work (SCHEMA d).
_ONGOING = prefiltered(re.compile(r"\bredan\s+(?:i\s*dag|idag|nu)\b", re.IGNORECASE))


def _present_action(sentence: str) -> bool:
    """In a promise section, a party doing something in the present tense
    ("Polisen patrullerar …", "Samverkan mellan kommunen och polisen fortsätter")."""
    s = sentence.strip()
    if len(s.split()) < 4 or s[-1:] not in ".!" or _ONGOING.search(s):
        return False
    if _ANNOUNCED_PARTS.match(s) or FOCUS_STATEMENT.search(s):
        return False  # "Under 2026 prioriterar vi tre områden.": headings follow
    if reports_progress(s, past=True):
        return False  # "I maj berättar vi hur det gick.": follow-up
    if AGREE_ON_WHAT.search(s):
        return False  # "Varje höst bestämmer vi vilka frågor vi ska …"
    joint = _JOINT_SUBJECT.match(s)
    chain = chain_at(s, joint.end()) if joint else None
    subject = ""
    if chain is not None and len(chain[0]) >= 2:
        # "… mellan kommunen och polisen i form av EST fortsätter"
        rest = re.sub(
            r"^\s+(?:i\s+form\s+av|kring|om|inom)\s+[^,.]*?(?=\s\w+(?:er|ar)\b)",
            "",
            s[chain[1] :],
        )
    else:
        subj = subject_parties(s)
        fronted = fronted_subject(s)
        if subj is None or subj.span is None:
            return False
        if fronted is not None and fronted[0].span == subj.span:
            # "Tillsammans med Ekbyhem bjuder polisen in …": the verb before
            # its subject, after a fronted phrase
            rest = " " + s[fronted[1] :]
        elif subj.span[0] > 4 or subj.rule not in (
            "responsible.subject",
            "responsible.enumeration",
        ):
            return False
        else:
            # "Kommunens fastighetsbolag Ekbyhem sätter upp …": the company's name
            # in apposition stands between the subject and its verb.
            rest = _APPOSITION.sub("", s[subj.span[1] :], count=1)
            subject = s[subj.span[0] : subj.span[1]]
    m = _PRESENT_VERB.match(rest)
    if not m and subject:
        # "Kommunen och krögarna i hamnen genomför …": a place between them
        skip = after_place_phrase(subject, rest)
        m = _PRESENT_VERB.match(rest, skip) if skip else None
    if not m or _NEGATED.match(rest, m.end()):
        return False  # "Polisen ringer aldrig och ber …": a fact, not an action
    verb = m.group("verb").casefold()
    if _ABOUT_PROMISE_OBJECT.search(s) and verb not in _REPORTING:
        return False
    if _STATIVE_PHRASE.match(rest, m.start("verb")):
        return False
    if verb == "ser" and re.match(
        r"\s+(?:(?:också|även|dessutom|nu|gemensamt|tillsammans)\s+)*(?:över|till)\b",
        rest[m.end("verb") :],
    ):
        return True  # "ser över belysningen" acts; "ser konflikter" perceives
    return verb not in _STATIVE and not _PROMISE_VERB.search(verb)


def _counted_passive(sentence: str) -> bool:
    """In a promise section, a present passive that states a count is an activity
    of the party the paragraph is about ("Under sommaren görs dessutom två
    nykterhetskontroller i månaden vid färjeläget.")."""
    s = sentence.strip()
    if len(s.split()) < 4 or s[-1:] not in ".!" or _APPROXIMATE.search(s):
        return False
    if not _FRONT_PASSIVE.match(s) or _ABOUT_THE_PROMISE.match(s):
        return False
    if reports_progress(s):
        return False  # "Hur det går redovisas två gånger per år.": follow-up
    target = extract_target(s).target
    return target is not None and target.get("quantity") is not None


def _numbered_heading(
    block: Block, following: list[Block], before: list[Block] | tuple[()] = ()
) -> bool:
    """A short numbered line without a verb or closing punctuation, followed by
    prose rather than by another list item, is a numbered heading; so is one over a
    lead-in that does not promise ("1. Trygghet i Ekby" over "Vi prioriterar
    följande platser:"; a noun-phrase item over the next "Kommunen lovar att:" stays
    an item, unless it repeats a line above: "2. Otrygghet i Ekby" after the list
    of the areas is that area's section)."""
    text = block.text.strip()
    named = text.casefold() in {b.text.strip().casefold() for b in before}
    return (
        block.marker[:1].isdigit()
        and bool(following)
        and (
            following[0].kind == "paragraph"
            or (following[0].kind == "heading" and following[0].ends_with_colon)
        )
        and (
            named
            or not (
                following[0].ends_with_colon
                and classify_leadin(following[0].text) == "activity"
            )
        )
        and text[-1:] not in ".:;,!?"
        and len(text.split()) <= 10
        and not _PROMISE_VERB.search(text)
        and not INFINITIVE_START.match(text)
    )


def section_number(blocks: list[Block], idx: int) -> bool:
    """ "4. Narkotika bland unga" after "3. Trygg stadskärna" with that section's
    bullets or prose in between: the numbers count sections, not items, so a short
    title without a verb is a numbered heading whatever opens its section."""
    block = blocks[idx]
    number = re.match(r"(\d{1,2})[.)]?$", block.marker)
    text = block.text.strip()
    if number is None or int(number.group(1)) < 2 or text[-1:] in ".:;,!?":
        return False
    if (
        len(text.split()) > 6
        or _PROMISE_VERB.search(text)
        or INFINITIVE_START.match(text)
    ):
        return False
    for between, before in enumerate(reversed(blocks[:idx])):
        if before.marker[:1].isdigit():
            previous = str(int(number.group(1)) - 1)
            return bool(between and before.marker.rstrip(".)") == previous)
    return False
