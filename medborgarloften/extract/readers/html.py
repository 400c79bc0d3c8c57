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
from .html_lists import flatten_nested_lists, place_items
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
    return normalise(_drop_noise_lines(main)), meta


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
    flat = " ".join(main.split())
    lost = sum(1 for text in texts if text not in flat)
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


def _markdown_to_text(markdown: str) -> str:
    text = _HEADING.sub("", markdown)
    if "*" in text:  # every match of the two holds one (the scan costs more)
        text = _BOLD.sub(r"\1", text)
        text = _ITALIC.sub(r"\1", text)
    if "---" in text:  # … and every table rule three dashes
        text = _TABLE_RULE.sub("", text)
    lines: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            lines.extend(cell for cell in cells if cell)
        else:
            lines.append(line)
    return "\n".join(lines)


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


def _render(root: etree._Element) -> str:
    """Text of an element with block elements as paragraphs, list items as bullets
    and the items of a numbered list numbered."""
    parts: list[str] = []

    def walk(element: etree._Element, number: int | None = None) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BLOCK_TAGS:
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
    return text
