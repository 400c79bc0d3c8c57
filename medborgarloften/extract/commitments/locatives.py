"""A place phrase between a subject and its verb: "Kommunen och krögarna i hamnen
genomför …", "Föreningarna på Norrmalm ordnar …" (sentences.py reads past it)."""

from __future__ import annotations

import re

# The finite present verb that must follow the phrase.
_VERB_AHEAD = r"(?=\s+\w+(?:ar|er|ör|år)\b)"
# "i hamnen", "på torget", "vid Ekby strand": a preposition of place and one or two
# words.
_PLACE_PHRASE = re.compile(
    rf"\s+(?:i|på|vid)\s+(?:[\w-]+\s+)??[\w-]+{_VERB_AHEAD}", re.IGNORECASE
)
# "… krögarna i Ekbys hamn genomför": the subject's place qualifier took the name
# ("i Ekbys") and the common noun of the place is left before the verb.
_NAMED_PLACE_TAIL = re.compile(r"i\s+(?-i:[A-ZÅÄÖ])[\w-]*s$")
_PLACE_NOUN = re.compile(rf"\s+(?-i:[a-zåäö])[\w-]+{_VERB_AHEAD}")


def after_place_phrase(subject: str, rest: str) -> int:
    """Where the verb's clause goes on in ``rest`` (the text after ``subject``)
    once a place phrase of the subject is read past; 0 when there is none."""
    if _NAMED_PLACE_TAIL.search(subject):
        m = _PLACE_NOUN.match(rest)
        if m:
            return m.end()
    m = _PLACE_PHRASE.match(rest)
    return m.end() if m else 0
