"""Who undertakes a commitment: subject, label, heading or the document's "Vi"."""

from __future__ import annotations

import re
from typing import Any

from ..parties import (
    PartyResult,
    chain_at,
    classify_party,
    nominal_polis,
    order,
    subject_parties,
)
from ..party_joins import co_parties
from ..party_labels import stated_parties
from ..party_patterns import _FIRM, _ORG_NAME_RE
from .patterns import _DEFAULT, _Candidate
from .prose_cues import coordinated_parties
from .sentences import _JOINT_SUBJECT, _reported_rest

_VI_TOGETHER = re.compile(r"\s*vi\s+(?:\w+\s+)?(?:tillsammans|gemensamt|båda)\b", re.I)


def _bare_vi(sentence: str, own: PartyResult) -> bool:
    """The subject is a plain "Vi" (not "Vi tillsammans", "Vi båda")."""
    return (
        own.parties == _DEFAULT
        and own.span is not None
        and sentence[own.span[0] : own.span[1]].strip().casefold() == "vi"
        and not _VI_TOGETHER.match(sentence)
    )


def _responsible(cand: _Candidate) -> tuple[list[str], dict[str, Any]]:
    parties, evidence = _responsible_of(cand)
    return parties, evidence


# A bullet's own short title before a dash: "Belysning – Kommunen byter ut …".
_LABEL_DASH = re.compile(
    r"\s*[^\W\d][\w/-]*(?:\s+[\w/-]+){0,4}?\s+[–—-]\s+(?=[A-ZÅÄÖ])"
)
_SPACED_DASH = re.compile(r"\s[–—-]\s")


# A word hyphenated at a line end ("till-\n  sammans med …", or "till- sammans"
# once a reader joined the lines) read whole; "förenings- och näringsliv" is not.
_UNBROKEN = re.compile(
    r"(?<=\w)-(?:[ \t]*\n\s*|[ ](?!(?:och|eller|samt|till)\b))(?=[a-zåäö])"
)


# A finite verb in an activity cell ("Polisen genomför …", "Kommunen ska …").
_FINITE_AFTER_SUBJECT = re.compile(
    r"\b(?:ska|skall|kommer|lovar|åtar|vill|\w+(?:ar|er|ör|år))\b", re.I
)


# The end of a first sentence: its stop, then space before a capital.
_SENTENCE_STOP = re.compile(r"[.!?]\s+(?=[A-ZÅÄÖ])")


def first_sentence(text: str) -> str:
    """``re.split(r"(?<=[.!?])\\s+(?=[A-ZÅÄÖ])", text, maxsplit=1)[0]``, found from
    the stop mark (``re`` skips to it in C; the look-behind first is tried at every
    character)."""
    m = _SENTENCE_STOP.search(text)
    return text if m is None else text[: m.start() + 1]


def _responsible_of(cand: _Candidate) -> tuple[list[str], dict[str, Any]]:
    if cand.party and cand.evidence.get("table_cell"):
        # A plan's row: its "Ansvarig" cell (or the table's "Ansvarig:" line) says
        # who, with the co-parties its activity names.
        return order(set(cand.party)), {
            "span": [cand.start, cand.start],
            "rule": "responsible.table_cell",
        }
    first = first_sentence(cand.text.strip())
    cut = _reported_rest(first)
    if cut:
        # "I löftet står att polisen ska …": read the promise after the frame.
        text = cand.text[cut:] if cand.text.startswith(first) else first[cut:]
        return _responsible_of(_rest_of(cand, text, cut))
    # every match holds a dash between spaces: its backtracking is skipped without
    titled = (
        _LABEL_DASH.match(first)
        if ("-" in first or "–" in first or "—" in first) and _SPACED_DASH.search(first)
        else None
    )
    if titled and subject_parties(first[titled.end() :]) is not None:
        # "Trafikkontroller – Polisen gör …": read the party after the label.
        cut = titled.end()
        return _responsible_of(_rest_of(cand, cand.text[cut:], cut))
    named = subject_parties(first) if cand.rule == "table.row" else None
    if (
        named is not None
        and named.span is not None
        and cand.party
        and cand.party != cand.context.party
        and not _FINITE_AFTER_SUBJECT.search(first, named.span[1])
    ):
        # "Trygghetsvärdar på bussarna | Ekbytrafiken": an activity named without a
        # verb; the row's responsibility cell says who does it.
        return order(set(cand.party)), {
            "span": [cand.start, cand.start],
            "rule": "responsible.table_cell",
        }
    label = stated_parties(cand.text)
    if label is not None and label.span is not None:
        # "… i samarbete med Ekby Port AB. (Ansvar: Polisen)": a party the activity
        # joins is co-responsible beside the one the label names
        return order(set(label.parties) | co_parties(cand.text)), {
            "span": [cand.start + label.span[0], cand.start + label.span[1]],
            "rule": label.rule,
        }
    own = subject_parties(first) or _past_parenthesis(first)
    joint = _JOINT_SUBJECT.match(first)
    chain = chain_at(first, joint.end()) if joint else None
    if chain is not None and joint is not None and len(chain[0]) >= 2:
        # "Samarbetet mellan områdespoliser och trygghetsvärdar fortsätter"
        return order(chain[0] | co_parties(cand.text)), {
            "span": [cand.start + joint.end(), cand.start + chain[1]],
            "rule": "responsible.joint_subject",
        }
    # A co-responsible party may be named in an explanatory sentence of the same
    # bullet ("Detta ska ske … i samverkan med skolan").
    # every match is a hyphen: a text without one is left as it is, unscanned
    co = co_parties(_UNBROKEN.sub("", cand.text) if "-" in cand.text else cand.text)
    if (
        own is not None
        and own.span is not None
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
    if own is not None and _staff_without_verb(cand, first, own):
        # "Västtrafik" / "• Trygghetsvärdar på bussarna": staff named without a
        # verb under a party's heading are that party's promise
        return order(set(cand.party or ()) | co), {
            "span": [cand.start, cand.start],
            "rule": "responsible.inherited",
        }
    if own is not None:
        parties = set(own.parties) | co | coordinated_parties(first)
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


# A subject's explanation in brackets ("Ungdomsmottagningen (Region Ekby) och
# kommunens fältare gör …"): read the subject as if it were not there.
_SUBJECT_PARENTHESIS = re.compile(
    r"\A(\s*[^\W\d][\w-]*(?:[ \t]+[\w-]+){0,3}?)[ \t]*\([^()\n]{1,60}\)"
)


def _past_parenthesis(first: str) -> PartyResult | None:
    """``subject_parties`` of ``first`` with a bracket after its first words blanked
    (same length, so the span still points into the text)."""
    m = _SUBJECT_PARENTHESIS.match(first)
    if m is None:
        return None
    blanked = first[: m.end(1)] + " " * (m.end() - m.end(1)) + first[m.end() :]
    return subject_parties(blanked)


def _staff_without_verb(cand: _Candidate, first: str, own: PartyResult) -> bool:
    """A list item under a party's heading whose subject is staff known by role
    (not a party named by its name) and has no verb: the heading's party's."""
    heading = cand.party
    return (
        cand.kind == "bullet"
        and cand.rule.startswith("bullet.")
        and heading is not None
        and heading != _DEFAULT
        and bool(heading)
        and own.rule == "responsible.subject"
        and own.span is not None
        and not own.parties & heading
        and first[: own.span[0]].strip() == ""
        and first[own.span[0] : own.span[0] + 1].isupper()
        and not _FINITE_AFTER_SUBJECT.search(first, own.span[1])
        and not named_organisations(first[own.span[0] : own.span[1]], own.rule)
        and classify_party(first[own.span[0] : own.span[1]].strip()) != "annan"
    )


def _rest_of(cand: _Candidate, text: str, cut: int) -> _Candidate:
    """``cand`` read from ``cut`` characters in (``text``), after a frame or label."""
    return _Candidate(
        text,
        cand.start + cut,
        cand.end,
        cand.block_index,
        cand.kind,
        cand.rule,
        cand.party,
        cand.context,
    )


_NAMED_RULES = frozenset(
    {
        "responsible.subject",
        "responsible.enumeration",
        "responsible.named_org",
        "responsible.named_promiser",
        "responsible.inverted",
        "responsible.agent",
    }
)


def named_organisations(phrase: str, rule: str) -> list[str]:
    """The third parties a responsible phrase names by their own name ("Kalmarhem",
    "Ekby Bostäder", "Norrby IF"), not by a role ("fastighetsägarna"); only for
    the rules that found the phrase as the one doing the work."""
    if rule not in _NAMED_RULES:
        return []
    names: list[str] = []
    for item in re.split(r"\s*,\s*|\s+(?:och|samt)\s+", phrase.strip()):
        item = " ".join(item.split()).strip(" .,;:")
        if (
            item[:1].isupper()
            and classify_party(item) == "annan"
            and (_ORG_NAME_RE.match(item) or re.search(rf"\b{_FIRM}$", item))
            and item not in names
        ):
            names.append(item)
    return names
