"""Text drawn in boxes (a poster's or slide's number boxes exported to text):
"┌─────┐ / │  1  │  Polisen lovar … / └─────┘".

The box-drawing characters are no words; a number framed by them is an item's
number. ``unbox`` turns the frames into spaces and a framed number into "1." at
the same place, so the item reads as a numbered list item and every offset into
the text stays valid (the replacement has the same length).
"""

from __future__ import annotations

import re

# U+2500–U+257F box drawing, plus the block elements a frame may use.
_BOX_CHARS = "\u2500-\u257f"
_ANY_BOX = re.compile(f"[{_BOX_CHARS}]")
# "│  1  │" at a line's start: the item's number in its frame.
_FRAMED_NUMBER = re.compile(
    f"^(?P<lead>[ \\t]*)[{_BOX_CHARS}](?P<pad>[ \\t]*)(?P<num>\\d{{1,2}})[ \\t]*[{_BOX_CHARS}]",
    re.MULTILINE,
)


def _number(m: re.Match[str]) -> str:
    whole = m.group(0)
    item = f"{m.group('num')}."
    return (m.group("lead") + item).ljust(len(whole))


def unbox(text: str) -> str:
    """``text`` with box frames blanked and framed numbers written "1." (same length)."""
    if not _ANY_BOX.search(text):
        return text
    text = _FRAMED_NUMBER.sub(_number, text)
    return _ANY_BOX.sub(" ", text)
