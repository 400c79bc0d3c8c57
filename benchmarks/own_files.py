"""Own held-out texts as the files kommuner publish: a Word file and a web page
(typeset to PDF by WeasyPrint), made from the same text for ``heldout.py``.

The text's blocks become what a Word user or a web editor makes of them: headings,
list paragraphs, tables, and blocks of short lines as one paragraph with soft line
breaks (Shift+Enter). A list keeps its levels: an item indented under another
(``"  – i maj"`` under ``"• tre möten:"``, ``"    a) …"`` under ``"1. …"``) is an
item of a nested list, as Word's "List Bullet 2" or a numbering level, and as a
``<ul>`` or ``<ol>`` inside the ``<li>`` above.
"""

from __future__ import annotations

import html
import io
import re
from typing import Any

_BULLET = re.compile(r"^\s*(?:[-–•*]|\d{1,2}[.)])\s+")
_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+")
# A lettered item is a list item when indented under another line ("    a) …");
# at the margin it stays a line of its own, as before.
_LETTERED = re.compile(r"^\s{2,}([a-z])\)\s+")
# "1.1 Narkotika …": a numbered sub-section under an item, not its wrapped line.
_SECTION = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+\.?\s")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|(?:\s*:?-+:?\s*\|)+\s*$")

# (level, kind "bullet" | "number" | "letter", first number or letter, text)
Item = tuple[int, str, int, str]


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """The text's blocks: ("table", rows), ("list", item lines with their
    indentation and markers; "sublist" when indented under a line of text, its
    wrapped lines joined to each item), ("lines", lines of a short-line block such as a
    signature) or ("paragraph", [text]), and ("page", []) where the text has a form
    feed (the page break of a PDF's text). Blank lines separate blocks; a list or
    table ends where its lines do."""
    out: list[tuple[str, list[str]]] = []
    for chunk in re.split(r"\n[^\S\f]*\n|(?=\f)", text.strip()):
        if chunk.startswith("\f"):
            out.append(("page", []))
            chunk = chunk[1:]
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        runs: list[tuple[str, list[str]]] = []
        for line in lines:
            if _PIPE_ROW.match(line):
                # a Markdown table ("| Polisen | Kommunen |"): a web page or Word
                # file has a real table; the rule under its header is no row
                if _PIPE_RULE.match(line):
                    continue
                line_kind = "table"
                line = "\t".join(cell.strip() for cell in line.strip()[1:-1].split("|"))
            elif "\t" in line or re.search(r"\S {3,}\S", line):
                # tab-separated cells, or columns set apart by runs of spaces (a
                # two-column signature block): a web page or Word file has a table
                line_kind = "table"
                line = re.sub(r" {3,}", "\t", line.strip())
            elif _BULLET.match(line) or _LETTERED.match(line):
                line_kind = "list"
                if (
                    runs
                    and runs[-1][0] == "lines"
                    and _indent(line) > 1 + _indent(runs[-1][1][-1])
                ):
                    line_kind = "sublist"  # items indented under a line of text
            elif (
                runs
                and runs[-1][0] in _LISTS
                and _indent(line) == _text_start(runs[-1][1][-1])
                and not _SECTION.match(line)
                and _wraps(runs[-1][1][-1], line)
            ):
                # a list item's wrapped line, indented under its text: one item,
                # as a Word list paragraph or an <li> holds it
                runs[-1][1][-1] = _join(runs[-1][1][-1], line)
                continue
            else:
                line_kind = "lines"
            if line_kind in _LISTS and runs and runs[-1][0] in _LISTS:
                line_kind = runs[-1][0]
            if not runs or runs[-1][0] != line_kind:
                runs.append((line_kind, []))
            runs[-1][1].append(line)
        out.extend(runs)
    # A block of one plain line is a paragraph (or a heading: short, no full stop).
    return [
        ("paragraph", items) if kind == "lines" and len(items) == 1 else (kind, items)
        for kind, items in out
    ]


_LISTS = ("list", "sublist")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _text_start(item: str) -> int:
    """Where a list item's text starts, after its marker: a hanging indent."""
    marker = _BULLET.match(item) or _LETTERED.match(item)
    return marker.end() if marker else _indent(item)


def _wraps(item: str, line: str) -> bool:
    """``line`` goes on with the item's text: in lower case, or after an item
    longer than a title ("3. Uppföljning" over its section's text is a heading)."""
    text = item[_text_start(item) :]
    return line.lstrip()[:1].islower() or (
        len(text.split()) > 4 and not text.rstrip().endswith((".", ":"))
    )


def _join(item: str, line: str) -> str:
    from medborgarloften.extract.readers.cleanup import join_broken_line

    return join_broken_line(item, line)


def list_items(lines: list[str], *, nested: bool = False) -> list[Item]:
    """The items of a list block with their levels: the first item's indentation
    is the list's margin (one level in when ``nested``: items indented under a line
    of text), and an item indented deeper than the one above is one level down."""
    items: list[Item] = []
    indents = [_indent(lines[0]) if lines else 0]  # each open level's indentation
    for line in lines:
        indent = _indent(line)
        while len(indents) > 1 and indent < indents[-1]:
            indents.pop()
        if indent < indents[0]:
            indents[0] = indent
        if indent > indents[-1]:
            indents.append(indent)
        number, letter = _NUMBERED.match(line), _LETTERED.match(line)
        if number:
            kind, first = "number", int(number.group(1))
        elif letter:
            kind, first = "letter", ord(letter.group(1)) - ord("a") + 1
        else:
            kind, first = "bullet", 0
        body = re.sub(r"^\s*[a-z]\)\s+", "", _BULLET.sub("", line))
        items.append((len(indents) - 1 + nested, kind, first, body))
    return items


def _is_heading(line: str) -> bool:
    return len(line) < 70 and not line.rstrip().endswith((".", ":", ","))


# --- Word ----------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _new_numbering(document: Any, kind: str, level: int, start: int) -> str:
    """A numbering of its own for one sub-list (lettered "a)" or numbered "1."
    at ``level``), starting at ``start`` as Word restarts a sub-list; its numId."""
    from docx.oxml import parse_xml

    root = document.part.numbering_part.element
    ids = [
        int(e.get(f"{{{_W}}}abstractNumId")) for e in root.iter(f"{{{_W}}}abstractNum")
    ]
    nums = [int(e.get(f"{{{_W}}}numId")) for e in root.iter(f"{{{_W}}}num")]
    abstract_id, num_id = max(ids, default=0) + 1, max(nums, default=0) + 1
    fmt = "lowerLetter" if kind == "letter" else "decimal"
    suffix = ")" if kind == "letter" else "."
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="%{i + 1}{suffix}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i in range(level + 1)
    )
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )
    first_num = root.find(f"{{{_W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)  # abstract definitions come first
    else:
        root.append(abstract)
    root.append(
        parse_xml(
            f'<w:num xmlns:w="{_W}" w:numId="{num_id}"><w:abstractNumId '
            f'w:val="{abstract_id}"/><w:lvlOverride w:ilvl="{level}"><w:startOverride '
            f'w:val="{start}"/></w:lvlOverride></w:num>'
        )
    )
    return str(num_id)


def _add_list(document: Any, lines: list[str], nested: bool) -> None:
    """List paragraphs: the first level in "List Bullet" / "List Number" as before,
    a deeper bullet in "List Bullet 2" (3), a deeper numbered or lettered item in a
    numbering of its own at its level (``w:ilvl``), restarted for each sub-list."""
    from docx.oxml import parse_xml

    items = list_items(lines, nested=nested)
    group: tuple[int, str] | None = None
    num_id = ""
    for level, kind, first, body in items:
        if kind == "bullet":
            style = "List Bullet" if level == 0 else f"List Bullet {min(level + 1, 3)}"
            document.add_paragraph(body, style=style)
        elif kind == "number" and level == 0:
            document.add_paragraph(body, style="List Number")
        else:
            if group != (level, kind):
                num_id = _new_numbering(document, kind, level, first)
            paragraph = document.add_paragraph(body, style="List Paragraph")
            paragraph._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/>'
                    f'<w:numId w:val="{num_id}"/></w:numPr>'
                )
            )
        group = (level, kind)


def word_file(text: str) -> bytes:
    """The text as Word stores it: headings, list paragraphs (nested by level),
    tables, and blocks of short lines as one paragraph with soft line breaks."""
    import docx

    document = docx.Document()
    for kind, items in _blocks(text):
        if kind == "page":
            document.add_page_break()
        elif kind == "paragraph":
            line = items[0]
            if _is_heading(line):
                document.add_heading(line, level=2)
            else:
                document.add_paragraph(line)
        elif kind in _LISTS:
            _add_list(document, items, kind == "sublist")
        elif kind == "table":
            rows = [row.split("\t") for row in items]
            width = max(len(row) for row in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        else:
            paragraph = document.add_paragraph()
            for index, line in enumerate(items):
                run = paragraph.add_run(line)
                if index < len(items) - 1:
                    run.add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- web page and PDF ------------------------------------------------------------


def _html_list(lines: list[str], nested: bool) -> str:
    """Nested ``<ul>``/``<ol>``: a deeper item's list inside the ``<li>`` above;
    a sub-list with no item above it is indented by its margin."""
    out: list[str] = []
    open_: list[tuple[int, str]] = []  # (level, kind) of each open list
    for level, kind, first, body in list_items(lines, nested=nested):
        while open_ and (
            open_[-1][0] > level or (open_[-1][0] == level and open_[-1][1] != kind)
        ):
            out.append("</li></ul>" if open_.pop()[1] == "bullet" else "</li></ol>")
        if open_ and open_[-1] == (level, kind):
            out.append("</li>")
        else:
            above = open_[-1][0] + 1 if open_ else 0
            style = (
                f' style="margin-left:{2.5 * (level - above)}em"'
                if level > above
                else ""
            )
            if kind == "bullet":
                out.append(f"<ul{style}>")
            else:
                alpha = ' class="alpha" type="a"' if kind == "letter" else ""
                out.append(f'<ol{alpha} start="{first}"{style}>')
            open_.append((level, kind))
        out.append(f"<li>{html.escape(body)}")
    while open_:
        out.append("</li></ul>" if open_.pop()[1] == "bullet" else "</li></ol>")
    return "".join(out)


_STYLE = (
    "body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;margin:2cm} "
    "td{padding:0 8pt;vertical-align:top} "
    '@counter-style alpha-paren{system:extends lower-alpha;suffix:") "} '
    "ol.alpha{list-style-type:alpha-paren}"
)


def web_page(text: str) -> str:
    """The text as a kommun's web page: real (nested) lists, tables, line breaks."""
    body = []
    for kind, items in _blocks(text):
        esc = [html.escape(item) for item in items]
        if kind == "page":
            body.append('<div style="break-after:page"></div>')
        elif kind == "paragraph":
            tag = "h2" if _is_heading(items[0]) else "p"
            body.append(f"<{tag}>{esc[0]}</{tag}>")
        elif kind in _LISTS:
            body.append(_html_list(items, kind == "sublist"))
        elif kind == "table":
            rows = "".join(
                "<tr>" + "".join(f"<td>{c}</td>" for c in row.split("\t")) + "</tr>"
                for row in esc
            )
            body.append(f"<table>{rows}</table>")
        else:
            body.append("<p>" + "<br>".join(esc) + "</p>")
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>'
        f"Medborgarlöfte</title><style>{_STYLE}</style>"
        "</head><body>" + "\n".join(body) + "</body></html>"
    )


def weasyprint_pdf(text: str) -> bytes:
    from weasyprint import HTML

    result: bytes = HTML(string=web_page(text)).write_pdf()
    return result
