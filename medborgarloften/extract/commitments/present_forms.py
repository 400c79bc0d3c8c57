"""Present-tense and perfect forms that promise under a promise heading, beyond a
party's plain present verb (sentences.py): a place's label before the sentence,
a party that "är ute" (out on patrol), a deadline reached in the perfect; and a
party's label before an action ("Polisen: Genomföra …")."""

from __future__ import annotations

import re

from ..parties import fronted_subject, parties_in_chain, subject_parties
from ..party_labels import party_label
from ..prefilter import prefiltered
from ..structure import Block
from .patterns import (
    _ABOUT_THE_PROMISE,
    _APPROXIMATE,
    _FRONT_PASSIVE,
    BULLET_OUTCOME,
    INFINITIVE_START,
    _Candidate,
    _Context,
)
from .sentences import _present_action

# One to three capitalised words and a colon, then a capitalised sentence.
_PLACE_LABEL = prefiltered(
    re.compile(
        r"\s*(?P<label>(?-i:[A-ZÅÄÖ])[\w-]+(?:\s+(?-i:[A-ZÅÄÖ])[\w-]+){0,2})"
        r":\s+(?=(?-i:[A-ZÅÄÖ]))"
    )
)


def labelled_action(sentence: str) -> bool:
    """A place's label before a sentence in which a party acts in the present tense
    or an action is done (present passive)."""
    m = _PLACE_LABEL.match(sentence)
    if m is None or parties_in_chain(m.group("label")):
        return False  # "Polisen: …" is a party's label, read elsewhere
    rest = sentence[m.end() :].strip()
    if len(rest.split()) < 4 or rest[-1:] not in ".!":
        return False
    if _present_action(rest):
        return True
    return (
        _FRONT_PASSIVE.match(rest) is not None
        and not _APPROXIMATE.search(rest)
        and not _ABOUT_THE_PROMISE.match(rest)
    )


# "Polisen är ute …", "… är polisen och fältgruppen ute": out on the streets, an
# action though "är" is stative.
# "… är på plats", "… finns på plats": present where the promise says.
_OUT = re.compile(
    r"\s+(?:(?:också|även|tillsammans|gemensamt)\s+)?(?:ute|på\s+plats)\b",
    re.IGNORECASE,
)
_IS = re.compile(r"\s+(?:(?:också|även)\s+)?(?:är|finns)\b", re.IGNORECASE)
# "Senast i november har kommunen bytt ut …", "Kommunen har senast i maj satt upp …":
# a deadline reached in the perfect, a future-perfect promise.
_DEADLINE = r"senast\s+[^,.;:]{1,40}?"
_SUPINE = r"(?:\w+\s+)?\w+(?:at|it|tt|ått|dd|ut|yt)\b"


# "Ekbytrafiken har ordningsvakter på busstationen fem kvällar i veckan": staff
# placed where the promise says, an action though "har" is stative.
_HAS_STAFF_AT = re.compile(
    r"\s+har\s+(?:\w+\s+)?(?:trygghetsvärd|ordningsvakt|väktare|fältassistent|fältare"
    r"|fältsekreterare|bovärd|nattvandrare|kommunpolis|områdespolis)\w*"
    r"\s+(?:ute\s+)?(?:på|vid|i|kring)\s",
    re.IGNORECASE,
)


def present_form(sentence: str) -> bool:
    """A party out on patrol ("är … ute") or a deadline met in the perfect."""
    s = sentence.strip()
    if len(s.split()) < 4 or s[-1:] not in ".!":
        return False
    fronted = fronted_subject(s)
    if fronted is not None and fronted[0].span is not None:
        end = fronted[0].span[1]
        verb = s[fronted[1] :].split(maxsplit=1)[0].casefold()
        if verb in ("är", "finns"):
            return _OUT.match(s, end) is not None
        if verb == "har" and re.match(rf"\s*{_DEADLINE}\s+har\b", s, re.IGNORECASE):
            return re.match(rf"\s+{_SUPINE}", s[end:]) is not None
        return False
    subj = subject_parties(s)
    if subj is None or subj.span is None or subj.rule != "responsible.subject":
        return False
    rest = s[subj.span[1] :]
    if (m := _IS.match(rest)) is not None:
        return _OUT.match(rest, m.end()) is not None
    if _HAS_STAFF_AT.match(rest):
        return True
    return (
        re.match(rf"\s+har\s+{_DEADLINE}\s+{_SUPINE}", rest, re.IGNORECASE) is not None
    )


# A heading that arranges the promise by place ("… i byarna", "Ort för ort",
# "Våra stadsdelar"): the labels of its lines name places.
_BY_PLACE = re.compile(
    r"\b(?:by|byar|byarna|ort|orter|orterna|tätort(?:er|erna)?|kommundel(?:ar|arna)?|"
    r"stadsdel(?:ar|arna)?|socken|socknar|socknarna|bostadsområde(?:n|na)?)\b",
    re.IGNORECASE,
)


def place_label(text: str, heading: str) -> tuple[str, tuple[int, int]] | None:
    """The place a line's label names under a heading that arranges the promise by
    place ("Så arbetar vi i byarna" over "Åsen: Polisen …"), else None."""
    m = _PLACE_LABEL.match(text)
    if m is None or not _BY_PLACE.search(heading) or not labelled_action(text):
        return None
    return m.group("label"), m.span("label")


def party_labelled(block: Block, idx: int, ctx: _Context) -> _Candidate | None:
    """A line "Polisen: Genomföra …" (a party's name, a colon, an action in the
    infinitive) is that party's commitment wherever the promise is set out, under
    a focus area's heading too; its text is the action after the label."""
    line = block.text.rstrip()
    if block.kind != "paragraph" or ctx.kind == "excluded" or "\n" in line:
        return None
    found = party_label(line)
    if found is None or not INFINITIVE_START.match(line, found[1]):
        return None
    parties, offset = found
    value = line[offset:]
    if len(block.sentences) > 2 or BULLET_OUTCOME.search(value):
        return None
    start = block.start + offset
    return _Candidate(
        value,
        start,
        start + len(value),
        idx,
        "bullet",
        "line.party_label",
        parties,
        _Context("activity", parties),
    )


# "Dessutom ska de ordna …", "De ska också …": "de" as the subject of a promise.
_THEY = re.compile(
    r"\s*(?:(?:\w+\s+){0,2}?(?:ska|skall|kommer\s+att|lovar)\s+de"
    r"|de\s+(?:ska|skall|kommer\s+att|lovar))"
    r"(?:\s+(?:också|även|dessutom|tillsammans|gemensamt))?\s+(?:att\s+)?"
    r"(?-i:[a-zåäö])\w+\s+\w",
    re.IGNORECASE,
)


def they_promise(sentence: str, before: frozenset[str] | None) -> bool:
    """ "Dessutom ska de ordna …" right after a sentence in which two or more
    parties promise: "de" are those parties."""
    s = sentence.strip()
    return (
        before is not None
        and len(before) >= 2
        and s[-1:] in ".!"
        and _THEY.match(s) is not None
    )
