"""Word styles and list numbering: which paragraphs are headings or list items and the number or bullet each shows."""

from __future__ import annotations

import re
from typing import Any

import docx
import docx.document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

_VAL = qn("w:val")


# Enumerators the rules read as list markers; other numbering is shown as "•".
_RULE_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[a-z]\))$")


_LIST_STYLE = ("list", "liststycke", "punktlista", "numrerad lista")


# "List Bullet 2", "Punktlista 3", "List Number 2": Word's built-in styles of a
# deeper list level, each with a one-level numbering of its own (ilvl 0).
_STYLE_LEVEL = re.compile(r"^(?:list|punktlista|numrerad lista)\b.*?\s([2-9])$")


# Indentation of one list level in Word's own lists: half an inch, in twentieths
# of a point; a list paragraph ("Liststycke") indented further is a deeper item.
_LEVEL_TWIPS = 720


class _Styles:
    """Paragraph styles read once: case-folded names, numbering, base styles."""

    def __init__(self, document: docx.document.Document) -> None:
        self.names: dict[str, str] = {}
        self.numbering: dict[str, tuple[str, int]] = {}
        based_on: dict[str, str] = {}
        try:
            root = document.styles.element
        except (KeyError, ValueError, AttributeError):
            return  # a broken styles part only costs us styles
        for style in root.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId")) or ""
            name = style.find(qn("w:name"))
            self.names[style_id] = (
                name.get(_VAL) if name is not None else style_id
            ).casefold()
            base = style.find(qn("w:basedOn"))
            if base is not None:
                based_on[style_id] = base.get(_VAL) or ""
            num = _num_pr(style.find(qn("w:pPr")))
            if num is not None:
                self.numbering[style_id] = num
        for style_id in list(self.names):
            seen = {style_id}
            current = style_id
            while style_id not in self.numbering and current in based_on:
                current = based_on[current]
                if current in seen:
                    break
                seen.add(current)
                if current in self.numbering:
                    self.numbering[style_id] = self.numbering[current]

    def name(self, paragraph: BaseOxmlElement) -> str:
        return self.names.get(_style_id(paragraph), "")


def _style_id(paragraph: BaseOxmlElement) -> str:
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        return ""
    style = properties.find(qn("w:pStyle"))
    return (style.get(_VAL) or "") if style is not None else ""


def _num_pr(properties: BaseOxmlElement | None) -> tuple[str, int] | None:
    """(numId, level) of a paragraph's or style's numbering, if it has one."""
    if properties is None:
        return None
    num_pr = properties.find(qn("w:numPr"))
    if num_pr is None:
        return None
    num_id = num_pr.find(qn("w:numId"))
    level = num_pr.find(qn("w:ilvl"))
    try:
        ilvl = int(level.get(_VAL)) if level is not None else 0
    except (TypeError, ValueError):
        ilvl = 0
    return (num_id.get(_VAL) or "" if num_id is not None else ""), min(max(ilvl, 0), 8)


def _indent_left(properties: BaseOxmlElement | None) -> int | None:
    """A paragraph's own left indentation in twips (``w:ind`` left or start)."""
    if properties is None:
        return None
    ind = properties.find(qn("w:ind"))
    if ind is None:
        return None
    for name in ("w:left", "w:start"):
        value = ind.get(qn(name))
        if value is not None:
            return _int(value, 0)
    return None


class _Numbering:
    """List markers from the numbering definitions, counted as Word counts them."""

    def __init__(self, document: docx.document.Document, styles: _Styles) -> None:
        self.styles = styles
        # numId → (abstractNumId, {level: start override})
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        # (abstractNumId, level) → (format, level text, start)
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError, ValueError):
            return  # no numbering part: lists only by style name
        for abstract in root.iterchildren(qn("w:abstractNum")):
            abstract_id = abstract.get(qn("w:abstractNumId")) or ""
            for lvl in abstract.iterchildren(qn("w:lvl")):
                self.levels[(abstract_id, _int(lvl.get(qn("w:ilvl")), 0))] = (
                    _child_val(lvl, "w:numFmt") or "decimal",
                    _child_val(lvl, "w:lvlText") or "",
                    _int(_child_val(lvl, "w:start"), 1),
                )
        for num in root.iterchildren(qn("w:num")):
            overrides = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    overrides[_int(override.get(qn("w:ilvl")), 0)] = _int(
                        start.get(_VAL), 1
                    )
            self.nums[num.get(qn("w:numId")) or ""] = (
                _child_val(num, "w:abstractNumId") or "",
                overrides,
            )

    def level(self, paragraph: BaseOxmlElement) -> int:
        """The list level of a list item, 0 at the margin: the numbering's level
        (``w:ilvl``, in the paragraph or its style), else a built-in style of a
        deeper level ("List Bullet 2"), else a list paragraph's own indentation
        past the first level's."""
        found = _num_pr(paragraph.find(qn("w:pPr")))
        if found is None or found[1] == 0:
            style_num = self.styles.numbering.get(_style_id(paragraph))
            if style_num is not None and found is None:
                found = style_num
        if found is not None and found[1] > 0:
            return found[1]
        style = self.styles.name(paragraph)
        named = _STYLE_LEVEL.match(style)
        if named is not None:
            return int(named.group(1)) - 1
        if found is None and style.startswith(_LIST_STYLE):
            left = _indent_left(paragraph.find(qn("w:pPr")))
            if left is not None:
                return min(max(round(left / _LEVEL_TWIPS) - 1, 0), 8)
        return 0

    def marker(self, paragraph: BaseOxmlElement) -> str | None:
        """ "•", "1.", "a)" for a list item, None for any other paragraph."""
        found = _num_pr(paragraph.find(qn("w:pPr")))
        style_num = self.styles.numbering.get(_style_id(paragraph))
        if found is not None and not found[0] and style_num is not None:
            found = (style_num[0], found[1])
        found = found or style_num
        if found is None:
            style = self.styles.name(paragraph)
            return "•" if style.startswith(_LIST_STYLE) else None
        num_id, level = found
        if num_id in ("", "0") or num_id not in self.nums:
            return None  # numbering switched off for this paragraph
        abstract_id, overrides = self.nums[num_id]
        fmt, text, start = self.levels.get((abstract_id, level), ("bullet", "", 1))
        if fmt == "none" or (fmt != "bullet" and not text):
            return None
        if fmt == "bullet":
            return "•"
        counters = self.counters.setdefault(abstract_id, [0] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for restart, value in overrides.items():
                if restart < 9:
                    counters[restart] = value - 1
        if counters[level] == 0 and level not in overrides:
            counters[level] = start - 1
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        rendered = re.sub(
            r"%([1-9])",
            lambda m: self._format(abstract_id, int(m.group(1)) - 1, counters),
            text,
        ).strip()
        if rendered.startswith("(") and rendered.endswith(")"):
            rendered = rendered[1:]
        return rendered if _RULE_MARKER.match(rendered) else "•"

    def _format(self, abstract_id: str, level: int, counters: list[int]) -> str:
        fmt = self.levels.get((abstract_id, level), ("decimal", "", 1))[0]
        start = self.levels.get((abstract_id, level), ("decimal", "", 1))[2]
        value = counters[level] or start
        if fmt in ("lowerLetter", "upperLetter"):
            letters = ""
            while value > 0:
                value, rest = divmod(value - 1, 26)
                letters = chr(ord("a") + rest) + letters
            return letters if fmt == "lowerLetter" else letters.upper()
        if fmt in ("lowerRoman", "upperRoman"):
            roman = _roman(value)
            return roman if fmt == "upperRoman" else roman.casefold()
        if fmt == "decimalZero":
            return f"{value:02d}"
        return str(value)


def _child_val(element: BaseOxmlElement, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(_VAL) if child is not None else None


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _roman(value: int) -> str:
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for number, letters in numerals:
        count, value = divmod(value, number)
        out.append(letters * count)
    return "".join(out) or str(value)
