"""An offline HTML checker for the test suite, for where the Nu HTML Checker (Java,
tests/test_html_conformance.py) is not installed.

It does not replace the Nu checker; it checks the rules this project has broken, or
could break from a template, with what the suite has anyway: the HTML parsing
algorithm's parse errors (tinyhtml5, the html5lib parser WeasyPrint brings), then on
the parsed tree duplicate and malformed ids, references to ids that do not exist,
URLs with characters a URL must not hold (a space from a value put in a query
unencoded), interactive content inside links and buttons, labels in labels, list items
outside lists, images without a text alternative, unknown ARIA roles and names on
elements that cannot be named.

``problems(html)`` returns one readable line per problem; an empty list is a pass.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from tinyhtml5.parser import HTMLParser

#: Attributes holding a URL, per element ("*" for any element).
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "base": ("href",),
    "form": ("action",),
    "button": ("formaction",),
    "input": ("formaction", "src"),
    "img": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "source": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "embed": ("src",),
    "object": ("data",),
    "blockquote": ("cite",),
    "q": ("cite",),
    "del": ("cite",),
    "ins": ("cite",),
}
#: What the URL standard does not allow in a URL (space and tab included), inside the
#: leading and trailing spaces HTML strips; a "%" must start a percent-escape.
BAD_URL_CHARACTER = re.compile(r'[\s"<>`{}|\\^]|%(?![0-9A-Fa-f]{2})')

#: Attributes that name other elements by id (space-separated lists included).
IDREF_ATTRIBUTES = (
    "for",
    "list",
    "form",
    "headers",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "aria-activedescendant",
    "aria-details",
    "aria-errormessage",
    "aria-flowto",
)


def _interactive(element: Element) -> bool:
    """Interactive content, by HTML's content model (a form in a form, which the
    parser never builds, is its parse error)."""
    tag = element.tag
    if tag in {"button", "details", "embed", "iframe", "label", "select", "textarea"}:
        return True
    if tag == "a":
        return "href" in element.attrib
    if tag == "input":
        return element.get("type", "").lower() != "hidden"
    if tag in {"audio", "video"}:
        return "controls" in element.attrib
    if tag == "img":
        return "usemap" in element.attrib
    return False


#: The roles of WAI-ARIA 1.2 (abstract roles excluded: they must not be used).
ARIA_ROLES = frozenset(
    [
        "alert",
        "alertdialog",
        "application",
        "article",
        "banner",
        "blockquote",
        "button",
        "caption",
        "cell",
        "checkbox",
        "code",
        "columnheader",
        "combobox",
        "complementary",
        "contentinfo",
        "definition",
        "deletion",
        "dialog",
        "directory",
        "document",
        "emphasis",
        "feed",
        "figure",
        "form",
        "generic",
        "grid",
        "gridcell",
        "group",
        "heading",
        "img",
        "insertion",
        "link",
        "list",
        "listbox",
        "listitem",
        "log",
        "main",
        "marquee",
        "math",
        "menu",
        "menubar",
        "menuitem",
        "menuitemcheckbox",
        "menuitemradio",
        "meter",
        "navigation",
        "none",
        "note",
        "option",
        "paragraph",
        "presentation",
        "progressbar",
        "radio",
        "radiogroup",
        "region",
        "row",
        "rowgroup",
        "rowheader",
        "scrollbar",
        "search",
        "searchbox",
        "separator",
        "slider",
        "spinbutton",
        "status",
        "strong",
        "subscript",
        "superscript",
        "switch",
        "tab",
        "table",
        "tablist",
        "tabpanel",
        "term",
        "textbox",
        "time",
        "timer",
        "toolbar",
        "tooltip",
        "tree",
        "treegrid",
        "treeitem",
    ]
)
#: Elements whose implicit role (generic, paragraph, code, emphasis …) prohibits an
#: accessible name: aria-label and aria-labelledby are errors on them without a role.
UNNAMEABLE = frozenset(
    [
        "div",
        "span",
        "p",
        "b",
        "i",
        "u",
        "s",
        "small",
        "code",
        "em",
        "strong",
        "del",
        "ins",
        "sub",
        "sup",
        "pre",
        "bdi",
        "bdo",
        "data",
    ]
)
#: Elements that may be a child of a list (ul, ol, menu).
LIST_CHILDREN = frozenset({"li", "script", "template"})


def parse(html: str) -> tuple[Element, list[str]]:
    """The document's tree (elements without namespace) and its parse errors."""
    parser = HTMLParser(namespace_html_elements=False)
    root = parser.parse(html)
    errors = [
        f"line {line} col {col}: parse error {code} {data or ''}".rstrip()
        for (line, col), code, data in parser.errors
    ]
    return root, errors


def _walk(element: Element, ancestors: tuple[Element, ...] = ()) -> Iterator:
    """Every element with its ancestors, in document order."""
    yield element, ancestors
    for child in element:
        if isinstance(child.tag, str):  # not a comment
            yield from _walk(child, (*ancestors, element))


def _describe(element: Element) -> str:
    attributes = " ".join(
        f'{name}="{value}"'
        for name, value in element.attrib.items()
        if name in {"id", "href", "name", "class", "type", "action", "role"}
    )
    return f"<{element.tag}{' ' + attributes if attributes else ''}>"


def problems(html: str) -> list[str]:
    """Every problem found in the document, one line each (see the module's doc)."""
    root, found = parse(html)
    elements = list(_walk(root))
    ids = Counter(e.get("id") for e, _ in elements if e.get("id") is not None)
    found += [f"duplicate id {i!r} ({n} elements)" for i, n in ids.items() if n > 1]
    for element, ancestors in elements:
        found += _element_problems(element, ancestors, ids)
    if (
        root.find("head/title") is None
        or not (root.findtext("head/title") or "").strip()
    ):
        found.append("the document has no title, or an empty one")
    if not root.get("lang"):
        found.append("<html> has no lang")
    return found


def _element_problems(
    element: Element, ancestors: tuple[Element, ...], ids: Counter
) -> list[str]:
    found: list[str] = []
    tag, here = element.tag, _describe(element)
    ident = element.get("id")
    if ident is not None and (ident == "" or re.search(r"\s", ident)):
        found.append(f"{here}: an id must be non-empty and without spaces")
    for name in URL_ATTRIBUTES.get(tag, ()):
        value = element.get(name)
        if value is None:
            continue
        if name == "src" and not value.strip():
            found.append(f"{here}: empty {name}")
        bad = BAD_URL_CHARACTER.search(value.strip(" \t\n\f\r"))
        if bad:
            found.append(
                f"{here}: {name}={value!r} holds {bad.group()!r}, not allowed in a URL"
            )
    for name in IDREF_ATTRIBUTES:
        value = element.get(name)
        if value is None or (name == "for" and tag != "label" and tag != "output"):
            continue
        missing = [ref for ref in value.split() if ref not in ids]
        if missing or not value.split():
            found.append(
                f"{here}: {name} names no element with id {missing or value!r}"
            )
    if tag in {"a", "button"}:
        for other in element.iter():
            if other is not element and (
                _interactive(other) or "tabindex" in other.attrib
            ):
                found.append(f"{here} contains interactive {_describe(other)}")
    if tag == "label" and any(a.tag == "label" for a in ancestors):
        found.append(f"{here}: a label inside a label")
    if tag in {"ul", "ol", "menu"}:
        found += [
            f"{here} has a child {_describe(child)}; only li may be"
            for child in element
            if isinstance(child.tag, str) and child.tag not in LIST_CHILDREN
        ]
    parent = ancestors[-1] if ancestors else None
    if (
        tag == "li"
        and parent is not None
        and parent.tag not in {"ul", "ol", "menu"}
        and parent.get("role") != "list"
    ):
        found.append(f"{here} outside a list, in {_describe(parent)}")
    if tag == "img" and "alt" not in element.attrib:
        found.append(f"{here}: an image without alt")
    if tag == "input" and element.get("type") == "image" and not element.get("alt"):
        found.append(f"{here}: an image button without alt")
    role = element.get("role")
    if role is not None:
        unknown = [r for r in role.split() if r not in ARIA_ROLES]
        if unknown or not role.split():
            found.append(f"{here}: unknown role {unknown or role!r}")
    elif tag in UNNAMEABLE and (
        "aria-label" in element.attrib or "aria-labelledby" in element.attrib
    ):
        found.append(f"{here}: aria-label(ledby) on an element that cannot be named")
    return found
