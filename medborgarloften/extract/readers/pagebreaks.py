"""Page breaks in plain text copied out of a PDF.

Text saved from a PDF viewer keeps each page's furniture around a form feed: the
page number at the foot ("Sida 1 av 3"), the running header at the top of the next
page. A list item or sentence cut by the break ("… för att infor-" / page number /
form feed / header / "mera om …") would end at the break; the furniture is dropped
and the two halves meet as the wrapped lines of one paragraph.
"""

from __future__ import annotations

from collections import Counter

from .lines import _PAGE_NUMBER


def join_page_breaks(text: str) -> str:
    """``text`` without the page numbers, running headers and form feeds at its
    page breaks; a break inside a paragraph (the next page goes on in lower case)
    becomes a line break, any other a blank line. Text without a form feed is
    returned as it is."""
    if "\f" not in text:
        return text
    pages = text.split("\f")
    firsts = Counter(_first_line(page) for page in pages)
    out = _drop_foot(pages[0])
    for page in pages[1:]:
        head = _first_line(page)
        lines = page.split("\n")
        while lines and (
            not lines[0].strip()
            or _PAGE_NUMBER.match(lines[0].strip())
            or (lines[0].strip() == head and firsts[head] >= 2)
        ):
            lines.pop(0)
        rest = _drop_foot("\n".join(lines))
        if not rest.strip():
            continue
        before = out.rstrip()
        goes_on = rest.lstrip()[:1].islower() and before[-1:] not in ".!?:"
        out = before + ("\n" if goes_on else "\n\n") + rest
    return out


def _first_line(page: str) -> str:
    for line in page.split("\n"):
        if line.strip():
            return line.strip()
    return ""


def _drop_foot(page: str) -> str:
    """The page without the blank and page-number lines at its foot."""
    lines = page.rstrip().split("\n")
    while len(lines) > 1 and (
        not lines[-1].strip() or _PAGE_NUMBER.match(lines[-1].strip())
    ):
        lines.pop()
    return "\n".join(lines) + "\n"
