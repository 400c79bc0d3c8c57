"""Free text as people type and paste it, made safe to store and to publish.

Text pasted from Word carries characters that no page shows but that XML refuses:
a manual line break (Shift+Enter) arrives as a vertical tab, a page break as a form
feed, and older tools leave NUL, escape or Windows-1252 bytes read as C1 controls.
One vertical tab in an activity once made the Atom feeds and the DOCX exports fail.

:func:`clean_text` is what every input path stores (the model fields in
``lib/fields.py`` call it on every save): NFC Unicode (å, ä and ö as one character
each), ``"\\n"`` line ends, Word's line and page breaks as line ends, C1 controls read
as the Windows-1252 characters they stood for, and no other control character, lone
surrogate or noncharacter. A single-line value (a title, a name) gets spaces for line
ends and tabs. The result is always text that XML 1.0 can carry, so the same function
is the last guard on XML output for text stored before inputs were cleaned.

Django-free: the extractor and the importers use it too.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_json", "clean_text", "has_unsafe_characters", "names_place"]

# Line ends in all their forms: CR LF, CR, vertical tab (Word's Shift+Enter), form
# feed (page break), the information separators str.splitlines() treats as line
# ends, NEL, and the Unicode line separator. The paragraph separator is a blank line.
_LINE_ENDS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028"
# Control characters with no meaning in stored text (tab and line feed are kept).
_DROP = (
    "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F])
    + "\ufffe\uffff"
)


def _c1(code: int) -> str:
    """A C1 control is nearly always a Windows-1252 byte decoded as Latin-1 (0x96 is
    an en dash, 0x93 a quotation mark): give the character it stood for, or nothing."""
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return ""


_REPLACE_MULTILINE: dict[str, str] = {
    **dict.fromkeys(_LINE_ENDS, "\n"),
    "\u2029": "\n\n",
    **dict.fromkeys(_DROP, ""),
    **{chr(c): _c1(c) for c in range(0x80, 0xA0) if c != 0x85},
}
_REPLACE_SINGLE_LINE: dict[str, str] = {
    **_REPLACE_MULTILINE,
    **dict.fromkeys(_LINE_ENDS + "\u2029\n\t", " "),
}
# Everything that needs replacing, plus lone surrogates (JSON can carry "\ud800").
_UNSAFE_MULTILINE = re.compile(
    "[" + re.escape("".join(_REPLACE_MULTILINE)) + "\ud800-\udfff]"
)
_UNSAFE_SINGLE_LINE = re.compile(
    "[" + re.escape("".join(_REPLACE_SINGLE_LINE)) + "\ud800-\udfff]"
)
# The same characters for a quick look at long texts: one substring search per
# character is done in C and costs a tenth of a character-class search there.
_CHARS_MULTILINE = tuple(_REPLACE_MULTILINE)
_CHARS_SINGLE_LINE = tuple(_REPLACE_SINGLE_LINE)


def _needs_cleaning(value: str, characters: tuple[str, ...]) -> bool:
    if len(value) < 2000:  # short: one pass of the character class is cheaper
        pattern = (
            _UNSAFE_MULTILINE if characters is _CHARS_MULTILINE else _UNSAFE_SINGLE_LINE
        )
        return pattern.search(value) is not None
    if any(c in value for c in characters):
        return True
    if value.isascii():
        return False
    try:  # a lone surrogate cannot be encoded
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _replace(table: dict[str, str]):  # noqa: ANN202 - a tiny closure
    def replace(match: re.Match[str]) -> str:
        return table.get(match.group(0), "")  # a lone surrogate is dropped

    return replace


_MULTILINE = _replace(_REPLACE_MULTILINE)
_SINGLE_LINE = _replace(_REPLACE_SINGLE_LINE)


def has_unsafe_characters(value: str, *, multiline: bool = True) -> bool:
    """True when :func:`clean_text` would change more than the Unicode form."""
    return _needs_cleaning(value, _CHARS_MULTILINE if multiline else _CHARS_SINGLE_LINE)


def clean_text(value: str, *, multiline: bool = True) -> str:
    """``value`` as it may be stored and published (see the module docstring).

    Idempotent, and the identity on ordinary text (a quick look for the characters
    it replaces, and a normal-form check). Whitespace at the ends is kept: trimming
    is the caller's choice.
    """
    if multiline:
        if _needs_cleaning(value, _CHARS_MULTILINE):
            value = value.replace("\r\n", "\n")
            value = _UNSAFE_MULTILINE.sub(_MULTILINE, value)
    elif _needs_cleaning(value, _CHARS_SINGLE_LINE):
        value = value.replace("\r\n", " ")
        value = _UNSAFE_SINGLE_LINE.sub(_SINGLE_LINE, value)
    if not value.isascii() and not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return value


def clean_json(value: object) -> object:
    """Every string in a JSON value (keys too) through :func:`clean_text`."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_json(item) for item in value]
    if isinstance(value, dict):
        return {
            (clean_text(k) if isinstance(k, str) else k): clean_json(v)
            for k, v in value.items()
        }
    return value


def names_place(text: str, place: str) -> bool:
    """Whether ``text`` already names ``place`` as a word ("Trygghetsvandring i
    Berga" names Berga; "Bergavägen" does not), so generated text adds " i Berga"
    only when it is missing instead of writing the place twice."""
    if not text or not place:
        return False
    haystack = unicodedata.normalize("NFC", text).casefold()
    needle = unicodedata.normalize("NFC", place.strip()).casefold()
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None
