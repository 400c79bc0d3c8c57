"""A list of places, each line a label and a full sentence ("Norrby: Polisen
kontrollerar …", "Åsen: Grannsamverkan startas …"): under a promise heading the
sentence after the place's label is the promise, in the present tense too."""

from __future__ import annotations

import re

from ..parties import parties_in_chain
from .patterns import _ABOUT_THE_PROMISE
from .sentences import _APPROXIMATE, _FRONT_PASSIVE, _present_action

# One to three capitalised words and a colon, then a capitalised sentence.
_PLACE_LABEL = re.compile(
    r"\s*(?P<label>(?-i:[A-ZÅÄÖ])[\w-]+(?:\s+(?-i:[A-ZÅÄÖ])[\w-]+){0,2})"
    r":\s+(?=(?-i:[A-ZÅÄÖ]))"
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
