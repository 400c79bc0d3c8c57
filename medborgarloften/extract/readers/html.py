"""Web pages → the main text only, without menus, cookie banners and footers.

trafilatura finds the main content of most kommun and police pages; we ask it for
headings and lists (``include_formatting``) and turn its markdown back into plain
text with ``"• "`` bullets. When it finds too little — a short page, an unusual
layout — our own fallback reads ``<main>``/``<article>`` or the largest text block.
"""

from __future__ import annotations

import copy
import re

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Extractor

from ..errors import ExtractError
from .cleanup import normalise
from .html_lists import flatten_nested_lists, place_items, tag_numbered_lists
from .table_grid import grid_lines
from .text import check_is_text, decode

# trafilatura output shorter than this sends us to the fallback as well.
MIN_MAIN_TEXT = 200
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_NOISE_NAMES = re.compile(
    r"cookie|consent|gdpr|banner|menu|navbar|\bnav\b|navigation|breadcrumb|"
    r"(?:site|page|global)-?(?:header|footer)|\bfooter\b|contentinfo|feedback|"
    r"rating|share|social|skip|to-?top|sidebar|related|search|toolbar|readspeaker",
    re.IGNORECASE,
)
_NOISE_TAGS = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
    "form", "button", "iframe", "svg", "select", "dialog", "object", "embed",
)  # fmt: skip
# Whole lines that are page furniture, not content (compared case-insensitively).
_NOISE_LINES = re.compile(
    r"^(?:till toppen|tillbaka till toppen|upp till toppen|hjälpte informationen "
    r"dig\??|hittade du (?:det|vad) du (?:sökte|letade efter)\??|var sidan till "
    r"hjälp\??|ja|nej|dela(?: sidan)?|skriv ut|lyssna|läs upp|senast (?:uppdaterad|"
    r"ändrad|granskad)\b.*|sidan (?:uppdaterades|publicerades)\b.*|publicerad:? .*|"
    r"godkänn(?: alla)? kakor|läs mer om kakor)$",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "table", "tr", "blockquote", "pre", "dl", "dt", "dd",
    "figure", "figcaption", "address", "br", "hr",
}  # fmt: skip


def _charset(data: bytes, content_type: str | None) -> str | None:
    if content_type:
        match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
        if match:
            return match.group(1)
    meta = _META_CHARSET.search(data[:4096])
    return meta.group(1).decode("ascii") if meta else None


def read_html(
    data: bytes, *, content_type: str | None = None
) -> tuple[str, dict[str, object]]:
    """Return the main text of an HTML page, its title and encoding."""
    markup, encoding = decode(data, declared=_charset(data, content_type))
    check_is_text(markup)
    try:
        tree = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        raise ExtractError(
            "HTML-sidan saknar innehåll eller kan inte tolkas / the HTML page is "
            "empty or cannot be parsed"
        )
    meta: dict[str, object] = {"encoding": encoding}
    title = tree.findtext(".//title")
    if title and title.strip():
        meta["title"] = " ".join(title.split())
    headings = list(tree.iter(*_HEADING_TAGS))  # before trafilatura prunes ``tree``
    # lines broken by hand (<br>) outside lists: a signature block, an address, or
    # text pasted from a printed page, which the caller reflows as a Word file's
    meta["line_breaks"] = len(tree.xpath("//body//br[not(ancestor::li)]"))
    main, kept = _from_trafilatura(tree)
    method = "trafilatura"
    if len(main) < MIN_MAIN_TEXT or (
        2 * kept < len(headings) and _lost_headings(main, headings)
    ):
        # On short pages trafilatura tends to keep menus; our fallback drops them.
        # It reads the whole page again: parsing anew is rarer, so cheaper overall,
        # than copying every tree before trafilatura prunes it.
        fallback = _drop_noise_lines(_fallback(lxml.html.document_fromstring(markup)))
        if len(fallback.strip()) >= min(40, len(main.strip())):
            main, method = fallback, "fallback"
    meta["method"] = method
    return normalise(join_item_tails(_drop_noise_lines(main))), meta


_ITEM_LINE = re.compile(r"^[ \t]*(?:[•\-*–]|\d{1,3}[.)]|[a-z]\))[ \t]+\S")
_SENTENCE_END = (".", "!", "?", ":", ";")


def join_item_tails(text: str) -> str:
    """A paragraph in lower case right after a list item that ends mid-sentence
    carries the item on (Enter pressed in the middle of the item's sentence), as
    the Word reader joins it: "• … aktiva i kriminella" / "nätverk i kommunen."."""
    blocks = text.split("\n\n")
    out: list[str] = []
    for block in blocks:
        last = out[-1].rstrip().rsplit("\n", 1)[-1] if out else ""
        body = block.strip()
        if (
            body[:1].islower()
            and _ITEM_LINE.match(last)
            and not last.endswith(_SENTENCE_END)
        ):
            out[-1] = out[-1].rstrip() + " " + " ".join(body.split())
        else:
            out.append(block)
    return "\n\n".join(out)


_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _lost_headings(main: str, headings: list[lxml.html.HtmlElement]) -> bool:
    """trafilatura dropped most of the page's headings (outside menus, page headers
    and footers) with their text.

    On a page without ``<main>`` or ``<article>`` it recovers paragraphs and lists
    but not ``<h1>``–``<h6>``; the title and section headings then vanish and the
    text below them runs together, so our own reading, which keeps them, is used.
    """
    texts = [
        " ".join(element.text_content().split())
        for element in headings
        if not element.xpath("ancestor::nav or ancestor::header or ancestor::footer")
    ]
    texts = [text for text in texts if text]
    if len(texts) < 2:
        return False
    # a heading is kept as a line of its own: a short one ("Polisen", "Lunds
    # kommun") is in the text below it as well
    lines = {" ".join(line.split()) for line in main.split("\n")}
    lost = sum(1 for text in texts if text not in lines)
    return lost * 2 > len(texts)


# trafilatura's options, built once: ``extract`` given keywords builds them anew for
# every page (reading its configuration, a date for metadata we never ask for).
# trafilatura copies them before it changes any (its recall retry).
_TRAFILATURA_OPTIONS = Extractor(
    output_format="txt",
    formatting=True,
    tables=True,
    comments=False,
    links=False,
    images=False,
    recall=True,
    dedup=False,
    fast=True,  # no readability/jusText second pass; we have our own fallback
)


def _from_trafilatura(tree: lxml.html.HtmlElement) -> tuple[str, int]:
    """The main text as trafilatura finds it and how many headings it kept."""
    # trafilatura prunes the tree it gets (the caller parses again for the fallback).
    # Drop what is never content first: menus are most of the markup on a kommun
    # page, and trafilatura's time grows with the markup.
    for element in list(tree.iter("nav", "script", "style", "noscript", "svg")):
        _remove(element)
    flatten_nested_lists(tree, inline=True)
    tag_numbered_lists(tree)
    _mark_line_breaks(tree)
    _mark_repeats(tree)
    for heading in list(tree.iter(*_HEADING_TAGS)):
        # trafilatura drops headings of a page without <main> or <article> (the
        # title, a party's heading over its list, a place-and-date line set as
        # a heading); as paragraphs of their own they stay, as a Word file's do
        heading.tag = "p"
    try:
        extracted = trafilatura.extract(tree, options=_TRAFILATURA_OPTIONS)
    except Exception:  # trafilatura on odd markup is not our bug; use the fallback
        return "", 0
    markdown = extracted or ""
    return place_items(_markdown_to_text(markdown)), len(_HEADING.findall(markdown))


_HEADING = re.compile(r"^#{1,6}[ ]+", re.M)
_BOLD = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])")
_TABLE_RULE = re.compile(r"^\|?[ ]*:?-{3,}:?[ ]*(?:\|[ ]*:?-{3,}:?[ ]*)*\|?$", re.M)
_TABLE_RULE_LINE = re.compile(_TABLE_RULE.pattern + r"\n?", re.M)


def _markdown_to_text(markdown: str) -> str:
    text = _HEADING.sub("", markdown)
    if "*" in text:  # every match of the two holds one (the scan costs more)
        text = _BOLD.sub(r"\1", text)
        text = _ITALIC.sub(r"\1", text)
    if "---" in text:  # … and every table rule three dashes (its line goes too,
        # or the rows under a header would be a table of their own)
        text = _TABLE_RULE_LINE.sub("", text)
    lines: list[str] = []
    rows: list[list[list[str]]] = []  # the rows of the table being read
    plan = [0]
    for line in [*text.split("\n"), ""]:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = stripped.strip("|").split("|")
            # a line break in a cell: the cell's lines, as a Word cell's paragraphs
            rows.append([_cell_lines(cell) for cell in cells])
            continue
        if rows:
            # a table's rows as the Word reader writes them (columns kept), a
            # short row with empty cells at its end
            width = max(len(row) for row in rows)
            rows = [
                row + [[]] * (width - len(row)) if any(row) else row for row in rows
            ]
            lines.extend(_table_text(rows, plan))
            rows = []
        lines.append(line)
    text = _REPEAT_MARK.sub("", "\n".join(lines[:-1]))
    return _ESCAPED.sub(r"\1", _BREAK_MARK.sub("\n", text))


# trafilatura's markdown escapes ("\#", "\[", "\_"): the page's own characters
_ESCAPED = re.compile(r"\\([\\#\[\]_*`])")
# trafilatura drops a paragraph whose text it has read before on the page: a
# party's lead-in ("Polisen ska:") over each focus area's list. A repeat is
# marked as one while it reads the page.
_REPEAT_MARK = re.compile(r"⟦r\d+⟧")
_REPEAT_TAGS = ("p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6")


def _mark_repeats(tree: lxml.html.HtmlElement) -> None:
    seen: set[str] = set()
    for count, element in enumerate(tree.iter(*_REPEAT_TAGS)):
        text = " ".join(element.text_content().split())
        if text and text in seen:
            mark = f"⟦r{count}⟧"
            if len(element):
                element[-1].tail = (element[-1].tail or "") + mark
            else:
                element.text = (element.text or "") + mark
        seen.add(text)


def _cell_lines(cell: str) -> list[str]:
    return [line.strip() for line in cell.split(_BREAK) if line.strip()]


# What a line break (<br>) in a paragraph or a table cell is while trafilatura reads
# the page: it writes a <br> as a blank line, the end of a paragraph, where a
# Word file has a soft line break (the lines of an address or signature block,
# text pasted from a PDF).
_BREAK = "⟦br⟧"
_BREAK_MARK = re.compile(r"[ \t]*⟦br⟧[ \t]*")
# A line break in these is a space, as a Word list item is one line.
_ITEM_TAGS = ("li", "dt", "dd")
_BREAK_HOSTS = (*_ITEM_TAGS, "p", "td", "th", "div", "blockquote", "address")
_LI = etree.Element("p")  # the host of a <br> outside them all


def _mark_line_breaks(tree: lxml.html.HtmlElement) -> None:
    """Each <br> becomes the break mark (in a list item: a space)."""
    for br in list(tree.iter("br")):
        host = next((a for a in br.iterancestors(*_BREAK_HOSTS)), None)
        mark = " " if host is not None and host.tag in _ITEM_TAGS else _BREAK
        br.tail = mark + (br.tail or "")
        _remove(br)


def _table_text(rows: list[list[list[str]]], plan: list[int]) -> list[str]:
    """A table's lines (``table_grid.grid_lines``); a table with no header whose
    rows are as wide as the last plan's table goes on with it."""
    width = plan[0] if plan[0] and all(len(row) == plan[0] for row in rows) else 0
    return grid_lines(rows, width, plan)


def _drop_noise_lines(text: str) -> str:
    return "\n".join(
        line for line in text.split("\n") if not _NOISE_LINES.match(line.strip())
    )


def _fallback(tree: lxml.html.HtmlElement) -> str:
    """Our own main-content guess: <main>, <article> or the largest text block."""
    tree = copy.deepcopy(tree)
    for element in list(tree.iter(*_NOISE_TAGS)):
        inside_content = element.xpath("ancestor::main or ancestor::article")
        if element.tag in ("header", "footer") and inside_content:
            continue
        _remove(element)
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            _remove(element)
            continue
        names = f"{element.get('id', '')} {element.get('class', '')} {element.get('role', '')}"
        if element.tag not in (
            "html",
            "body",
            "main",
            "article",
        ) and _NOISE_NAMES.search(names):
            _remove(element)
    candidates = tree.xpath("//main | //*[@role='main'] | //article")
    root = candidates[0] if candidates else _largest_block(tree)
    if root is None:
        return ""
    flatten_nested_lists(root, inline=False)
    tag_numbered_lists(root)
    return place_items(_render(root))


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    parent.remove(element)
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _largest_block(tree: etree._Element) -> etree._Element | None:
    """The element whose own paragraphs hold the most text."""
    best, best_size = None, 0
    for element in tree.iter("div", "section", "td", "body"):
        size = sum(
            len(" ".join(child.itertext()))
            for child in element
            if isinstance(child.tag, str)
            and child.tag in ("p", "ul", "ol", "h2", "h3", "table")
        )
        if size > best_size:
            best, best_size = element, size
    return best


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _first_number(ordered_list: etree._Element) -> int:
    start = (ordered_list.get("start") or "1").strip()
    return int(start) if start.isdigit() and len(start) < 6 else 1


def _table_rows(table: etree._Element, plan: list[int]) -> list[list[list[str]]]:
    """The rows of a ``<table>`` (in ``<thead>``/``<tbody>``/``<tfoot>`` or not),
    each cell as its lines: a paragraph, line break or list item a line."""
    rows = []
    spans = False  # a cell spans rows: the rows below it have fewer cells
    for row in table.xpath("./tr | ./*[self::thead or self::tbody or self::tfoot]/tr"):
        cells = []
        for cell in row:
            if cell.tag in ("td", "th"):
                text = _render(cell, plan)
                cells.append([line for line in text.split("\n") if line.strip()])
                # the columns a cell spans after its first are empty cells
                cells.extend([] for _ in range(_span(cell, "colspan") - 1))
                spans = spans or _span(cell, "rowspan") > 1
        rows.append(cells)
    if not spans:
        # a row the editor left short has empty cells at its end (as on screen)
        width = max((len(row) for row in rows), default=0)
        for row in rows:
            if any(row):
                row.extend([] for _ in range(width - len(row)))
    return rows


def _span(cell: etree._Element, name: str) -> int:
    value = (cell.get(name) or "1").strip()
    return min(int(value), 50) if value.isdigit() and int(value) > 0 else 1


def _render(root: etree._Element, plan: list[int] | None = None) -> str:
    """Text of an element with block elements as paragraphs, list items as bullets,
    the items of a numbered list numbered and a table's rows as the Word reader
    writes them (``plan``: the width of the last plan's table on the page)."""
    parts: list[str] = []
    if plan is None:
        plan = [0]

    def walk(element: etree._Element, number: int | None = None) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "table":
            lines = _table_text(_table_rows(element, plan), plan)
            # its gaps and tabs between cells survive the spacing cleanup below
            block = "\n".join(lines).replace("\t", _TAB).replace(_GAP, _GAP_MARK)
            parts.append("\n\n" + block + "\n\n")
            return
        if tag == "br" and next(element.iterancestors(*_BREAK_HOSTS), _LI).tag in (
            _ITEM_TAGS
        ):
            parts.append(" ")  # a list item is one line, as in a Word list
        elif tag in _BLOCK_TAGS:
            parts.append("\n\n" if tag not in ("li", "tr", "br", "dd", "dt") else "\n")
            if tag == "li":
                parts.append("• " if number is None else f"{number}. ")
        if element.text and tag:
            parts.append(_spaces(element.text))
        # The items of a numbered list (<ol>) get their numbers, as on screen.
        next_number = _first_number(element) if tag == "ol" else None
        for child in element:
            if next_number is not None and child.tag == "li":
                walk(child, next_number)
                next_number += 1
            else:
                walk(child)
            if child.tail:
                parts.append(_spaces(child.tail))
        if tag in ("td", "th") or (
            tag in _BLOCK_TAGS and tag not in ("br", "li", "tr", "dt", "dd")
        ):
            parts.append("\n")

    walk(root)
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return text.replace(_TAB, "\t").replace(_GAP_MARK, _GAP)


# Stand-ins (private-use characters) for a table row's tabs and column gaps.
_TAB, _GAP_MARK, _GAP = "\ue000", "\ue001", "    "
