"""The closing mark of a promise quoted in full.

A news page may quote the whole promise: ”Polisen och kommunen lovar … 5. Vi
redovisar arbetet två gånger under perioden.” The closing mark after the last
item (or the last sentence) belongs to the quotation, not to the item.
"""

from __future__ import annotations

import re

_CLOSING_QUOTE = re.compile(r"(?<=[.!?])\s*[”\"»]\s*$")
_OPENING_QUOTE = re.compile(r"[“„«]|(?:^|\s)[”\"](?=\w)")


def unquoted(text: str) -> str:
    """``text`` without a closing quotation mark that no mark in it opens."""
    m = _CLOSING_QUOTE.search(text)
    if m is None or _OPENING_QUOTE.search(text, 0, m.start()):
        return text
    return text[: m.start()]
