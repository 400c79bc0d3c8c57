"""Nested web-page lists (a ``<ul>`` or ``<ol>`` inside an ``<li>``) → list items
indented by their level, as the Word and PDF readers write a sub-list.

Neither trafilatura nor our fallback keeps a sub-list's level: trafilatura sets it
apart by a blank line and two spaces a level (and runs a list in a table cell into
one line), the fallback writes every item at the margin. So before either reads the
page, each list that has a sub-list is replaced by a flat list, one ``<li>`` per
item with the item's own text (what is not in its sub-lists) behind a tag that says
its level and marker (``⟦1:a)⟧``); a list in a table cell becomes one line of tagged
items (a cell is one line of a table's row). After extraction ``place_items``
writes each tagged item on its own line: ``LEVEL_INDENT`` a level, then its marker
(``•`` in a ``<ul>``, the item's number in an ``<ol>``, ``a)`` in a lettered one),
right under the item above (the rare text after an item's sub-list joins the
item's own text). Lists without a sub-list are left as they are.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from .docx import LEVEL_INDENT

_LISTS = ("ul", "ol")
# What an item's tag looks like: ⟦level:marker⟧ (characters no page text uses),
# ⟦1^:a)⟧ for the first item of a list that goes right under the line above.
_TAG = re.compile(r"⟦(\d{1,2})(\^?):([^⟧\s]{1,8})⟧[ \t]*")
# The marker trafilatura or the fallback writes before a flat list's item.
_OUTER_MARKER = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,4}[.)])?[ \t]*$")
_LETTERED_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*lower-(?:alpha|latin)", re.I)


def _is_list(element: etree._Element) -> bool:
    return element.tag in _LISTS


def _nested_roots(root: etree._Element) -> list[tuple[etree._Element, int]]:
    """The outermost lists that have a sub-list somewhere in their items (level 0)
    or that are set in under a line of text (level 1)."""
    roots = []
    for element in root.iter(*_LISTS):
        if any(_is_list(a) for a in element.iterancestors()):
            continue
        if _set_in_under_text(element):
            roots.append((element, 1))
        elif element.xpath("./li//*[self::ul or self::ol]"):
            roots.append((element, 0))
    return roots


# An editor's indentation of a whole list ("Öka indrag": TinyMCE and the editors
# of SiteVision and Episerver write it as an inline margin or padding).
_SET_IN = re.compile(
    r"(?:^|;)\s*(?:margin|padding)-left\s*:\s*(?:\d*\.)?\d*[1-9]\d*(?:\.\d+)?\s*"
    r"(?:px|em|rem|pt|cm|mm|%)",
    re.I,
)


def _set_in_under_text(listing: etree._Element) -> bool:
    """A list the editor set in, right under a paragraph of text ("1.3 Vi
    informerar genom" / "a) ett brev hem"): that line's sub-list, as a Word file
    or a text file shows it one level in under the line."""
    if not _SET_IN.search(listing.get("style") or ""):
        return False
    if (listing.getparent() is None) or listing.xpath("ancestor::li"):
        return False
    above = listing.getprevious()
    between = above.tail if above is not None else listing.getparent().text
    return (
        above is not None
        and above.tag in ("p", "div")
        and not (between or "").strip()
        and bool(_own_text(above))
    )


def _lettered(ordered: etree._Element) -> bool:
    return ordered.get("type") == "a" or bool(
        _LETTERED_STYLE.search(ordered.get("style") or "")
    )


def _first_number(ordered: etree._Element) -> int:
    start = (ordered.get("start") or "1").strip()
    return int(start) if start.isdigit() and len(start) < 6 else 1


def _markers(listing: etree._Element) -> list[tuple[etree._Element, str]]:
    """Each ``<li>`` of a list with the marker a browser shows for it."""
    items = [child for child in listing if child.tag == "li"]
    if listing.tag == "ul":
        return [(item, "•") for item in items]
    out, number = [], _first_number(listing)
    lettered = _lettered(listing)
    for item in items:
        value = (item.get("value") or "").strip()
        if value.isdigit() and len(value) < 6:
            number = int(value)
        if lettered and 1 <= number <= 26:
            out.append((item, f"{chr(ord('a') + number - 1)})"))
        else:
            out.append((item, f"{number}."))
        number += 1
    return out


def _spaces(text: str) -> str:
    return " ".join(text.split())


def _own_text(item: etree._Element) -> str:
    """The item's text without its sub-lists' (scripts and comments left out); a
    line break or a block inside the item is a space."""
    parts: list[str] = [item.text or ""]

    def walk(element: etree._Element) -> None:
        for child in element:
            if isinstance(child.tag, str) and child.tag not in _NOT_TEXT:
                gap = " " if child.tag in _BREAKS else ""
                parts.append(gap + (child.text or ""))
                walk(child)
                parts.append(gap)
            if child.tail:
                parts.append(child.tail)

    walk(item)
    return _spaces("".join(parts))


_NOT_TEXT = frozenset({"ul", "ol", "script", "style", "template", "noscript"})
_BREAKS = frozenset(
    {
        "br",
        "p",
        "div",
        "section",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "td",
        "th",
        "dl",
        "dt",
        "dd",
        "blockquote",
    }
)


def _sub_lists(item: etree._Element) -> list[etree._Element]:
    """The lists inside an item that are not inside another of its lists."""
    found: list[etree._Element] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if _is_list(child):
                found.append(child)
            else:
                walk(child)

    walk(item)
    return found


def _inline_copy(item: etree._Element, tag: str) -> etree._Element:
    """A flat ``<li>``: the item's tag, then its content without its sub-lists
    (links and inline markup kept, as trafilatura weighs them)."""
    flat = etree.Element("li")
    flat.text = tag + (item.text or "")
    for child in item:
        if not isinstance(child.tag, str):  # a comment: only its tail is text
            _append_text(flat, child.tail)
            continue
        twin = copy.deepcopy(child)
        twin.tail = child.tail
        for inner in list(twin.iter(*_LISTS)):
            _drop(inner)
        if _is_list(twin):
            _append_text(flat, twin.tail)
        else:
            flat.append(twin)
    return flat


def _drop(element: etree._Element) -> None:
    """Remove an element, keeping its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    previous = element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _append_text(element: etree._Element, text: str | None) -> None:
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def _items(
    listing: etree._Element, level: int
) -> list[tuple[int, str, etree._Element]]:
    """(level, marker, item) for every item of a list and its sub-lists, in page
    order; an item with no text of its own (only a sub-list) is not written and
    its sub-list stays at its level."""
    out: list[tuple[int, str, etree._Element]] = []
    for item, marker in _markers(listing):
        has_text = bool(_own_text(item))
        if has_text:
            out.append((level, marker, item))
        for sub in _sub_lists(item):
            out.extend(_items(sub, level + 1 if has_text else level))
    return out


def flatten_nested_lists(root: etree._Element, *, inline: bool) -> None:
    """Replace each list with a sub-list under ``root`` by its items, tagged with
    their level and marker. ``inline`` keeps each item's markup (for trafilatura);
    else an item is its text (for our fallback, which sets ``<p>`` apart)."""
    for listing, base in _nested_roots(root):
        items = _items(listing, base)
        # a list set in under a line of text goes right under that line
        glue = ["^" if base and not index else "" for index in range(len(items))]
        in_cell = bool(listing.xpath("ancestor::td or ancestor::th"))
        if in_cell:
            replacement = etree.Element("span")
            replacement.text = " ".join(
                f"⟦{level}{g}:{marker}⟧{_own_text(item)}"
                for (level, marker, item), g in zip(items, glue, strict=True)
            )
        else:
            replacement = etree.Element("ul")
            for (level, marker, item), g in zip(items, glue, strict=True):
                tag = f"⟦{level}{g}:{marker}⟧"
                if inline:
                    replacement.append(_inline_copy(item, tag))
                else:
                    flat = etree.SubElement(replacement, "li")
                    flat.text = tag + _own_text(item)
        replacement.tail = listing.tail
        parent = listing.getparent()
        if parent is not None:
            parent.replace(listing, replacement)


def tag_numbered_lists(root: etree._Element) -> None:
    """Tag the items of each flat numbered list that does not count 1, 2, 3 …
    (``start="5"``, an item's ``value``, a lettered list) with their markers, as a
    browser numbers them; trafilatura numbers every list from 1 (a list cut by a
    heading goes on with "4." as the Word file's numbering does)."""
    for listing in list(root.iter("ol")):
        if listing.xpath("ancestor::td or ancestor::th"):
            continue
        markers = _markers(listing)
        if all(marker == f"{n}." for n, (_, marker) in enumerate(markers, 1)):
            continue
        for item, marker in markers:
            item.text = f"⟦0:{marker}⟧" + (item.text or "")


def place_items(text: str) -> str:
    """Write each tagged item on a line of its own, indented by its level, a
    sub-item right under the item above (no blank line between)."""
    if "⟦" not in text:
        return text
    lines: list[str] = []
    item_above = False  # the last line that is not blank is a tagged item
    for line in text.split("\n"):
        matches = list(_TAG.finditer(line))
        if not matches:
            lines.append(line)
            item_above = item_above and not line.strip()
            continue
        head = line[: matches[0].start()]
        if not _OUTER_MARKER.match(head):
            lines.append(head.rstrip())
            item_above = False
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else None
            body = line[match.end() : end].strip()
            level = int(match.group(1))
            if (level and item_above) or match.group(2):
                while lines and not lines[-1].strip():
                    lines.pop()
            lines.append(f"{LEVEL_INDENT * level}{match.group(3)} {body}".rstrip())
            item_above = True
    return "\n".join(lines)
