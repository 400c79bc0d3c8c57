"""SCHEMA (a): which promise sentences are umbrellas over a list of activities."""

from __future__ import annotations

import re
from functools import lru_cache

from ..structure import Block
from ..targets import _MORE_PRESENCE, extract_target
from .patterns import UMBRELLA_GOAL, _Candidate, _unnumbered
from .sentences import (
    _governing_party,
    _is_commitment_sentence,
    classify_heading,
    classify_leadin,
)
from .speech import hands_the_word


def mark_umbrellas(blocks: list[Block], candidates: list[_Candidate]) -> None:
    """SCHEMA (a): a promise followed by its own list of activities is an umbrella."""
    # Prose before the promise part is an intro summary, unless the document has no
    # promise part at all (a page with nothing but promise sentences).
    # A goal to work for ("Vi ska tillsammans arbeta för …") under the title is no
    # promise part: the sentences under the topic headings after it are.
    has_promise_part = any(
        c.context.kind in ("promise", "activity")
        and not c.umbrella
        and not (UMBRELLA_GOAL.search(c.text) and not _is_concrete(c.text))
        for c in candidates
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
        if _goal_before_actions(candidates, cand):
            cand.umbrella = True
            cand.rule = "umbrella.goal_before_actions"
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
            and not hands_the_word(nxt.text)
        ):
            cand.umbrella = True
            cand.rule = "umbrella.before_leadin"
        elif (
            nxt.kind == "heading"
            and not concrete
            # "X och Y lovar att arbeta för …" already heads this section: the
            # sentences after it are its activities, not a second umbrella
            and not _umbrella_above(blocks, candidates, cand)
            and classify_heading(nxt.text) == "promise"
            # "Vad lovar kommunen?" after the police's sentences: another
            # party's section, not this sentence's activities
            and _governing_party(_unnumbered(nxt.text)) in (None, cand.party)
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


# "Vi ska minska hastigheterna på Storgatan.": an effect to reach, as a short first
# sentence over the actions that reach it.
_EFFECT_GOAL = re.compile(
    r"\s*\S+(?:\s+\S+){0,2}\s+(?:ska|skall)\s+(?:\w+\s+)?"
    r"(?:minska|sänka|öka|höja|förbättra|stärka|motverka)\s+\w+",
    re.IGNORECASE,
)


def _goal_before_actions(candidates: list[_Candidate], cand: _Candidate) -> bool:
    """A short effect goal opening a paragraph whose next two or more sentences
    promise the actions (SCHEMA a/b)."""
    if len(cand.text.split()) > 8 or not _EFFECT_GOAL.match(cand.text):
        return False
    if _is_concrete(cand.text) or _MORE_PRESENCE.search(cand.text):
        return False
    same = [c for c in candidates if c.block_index == cand.block_index]
    return (
        bool(same)
        and same[0] is cand
        and sum(1 for c in same[1:] if not c.umbrella and not c.focus) >= 2
    )


@lru_cache(maxsize=2048)
def _is_concrete(text: str) -> bool:
    """A counted promise ("genomföra fyra vandringar") is no umbrella goal."""
    target = extract_target(text).target
    return bool(target and target.get("quantity") is not None) and not (
        UMBRELLA_GOAL.search(text)
    )


def _umbrella_above(
    blocks: list[Block], candidates: list[_Candidate], cand: _Candidate
) -> bool:
    """An umbrella sentence stands before ``cand`` with no heading between them."""
    for other in candidates:
        if other.end > cand.start:
            continue
        if other.umbrella and not any(
            b.kind == "heading"
            for b in blocks[other.block_index + 1 : cand.block_index + 1]
        ):
            return True
    return False


def _last_sentence_of_block(block: Block, cand: _Candidate) -> bool:
    return not block.sentences or block.sentences[-1].end == cand.end
