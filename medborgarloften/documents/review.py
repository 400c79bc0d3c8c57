"""The review screen's pure parts: which spans to highlight, and how to show them.

An extraction record (``extract.record.extract_record``) keeps the character span of
every value it found: document fields under ``record["evidence"]`` and each
commitment's own ``span`` plus its inner ``evidence`` (quantity, per, deadline,
places). Here they become one ``<mark>`` per field with a stable id, so a field on the
right of the review screen can point at the words on the left. A span that starts or
ends inside a word is shown widened to the whole word (``whole_words``); the record
keeps the extractor's offsets. Each mark is focusable, and ``mark_links`` lists them
by name, so the keyboard reaches every one.

The document text is escaped piece by piece with Django's ``escape``; the only markup
in the result is the ``<mark>`` tags written here (their attributes escaped too).
No database access.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from medborgarloften.extract.readers.quality import reading_warnings
from medborgarloften.vocabulary import EVIDENCE_SOURCES, THEMES


@dataclass(frozen=True)
class Highlight:
    """One extracted value's place in the text: ``mark_id`` is unique per page."""

    mark_id: str
    start: int
    end: int
    field: str
    label: str


#: Record field → Swedish label shown as the mark's title (what was found here).
FIELD_LABELS = {
    "municipalities": "Kommun",
    "police_area": "Lokalpolisområde",
    "period": "Period",
    "focus_areas": "Fokusområde",
    "themes": "Tema",
    "evidence_sources": "Underlag",
    "places": "Plats",
    "follow_up": "Uppföljning",
    "signatories": "Undertecknare",
    "commitments": "Åtagande",
    "title": "Titel",
    "situation_summary": "Lägesbild",
}
_CODE_LABELS = {"themes": THEMES, "evidence_sources": EVIDENCE_SOURCES}
_INNER_LABELS = {
    "target.quantity": ("quantity", "antal"),
    "target.unit": ("unit", "enhet"),
    "target.per": ("per", "per"),
    "target.deadline": ("deadline", "sista datum"),
}


def document_reading_warnings(
    document: Any, record: dict[str, Any] | None = None
) -> list[str]:
    """What the reviewer should check because reading the file may have lost
    structure (a list without markers, a scan read by OCR, pages without text, a
    list or table from which no commitment came), the Swedish half of each reason."""
    meta = document.meta if isinstance(document.meta, dict) else {}
    found = record.get("commitments") if isinstance(record, dict) else None
    warnings = reading_warnings(
        document.text or "",
        meta,
        document.kind,
        commitments=len(found) if isinstance(found, list) else None,
    )
    return [warning.split(" / ", 1)[0].strip() for warning in warnings]


def source_text(text: str) -> str:
    """The text exactly as the extractor saw it, so the record's offsets fit."""
    return unicodedata.normalize("NFC", (text or "").replace("\x00", " "))


def _span(value: Any, length: int) -> tuple[int, int] | None:
    """A valid, non-empty span inside the text, or None."""
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None
    start, end = value
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    start, end = max(0, start), min(length, end)
    return (start, end) if end > start else None


def highlights(record: dict[str, Any] | None, length: int) -> list[Highlight]:
    """Every span of ``record`` that lies inside a text of ``length`` characters."""
    if not isinstance(record, dict):
        return []
    found: list[Highlight] = []

    def add(mark_id: str, span: Any, field: str, label: str) -> None:
        s = _span(span, length)
        if s is not None:
            found.append(Highlight(mark_id, s[0], s[1], field, label))

    evidence = record.get("evidence") or {}
    if not isinstance(evidence, dict):
        evidence = {}
    for field in (
        "municipalities",
        "focus_areas",
        "themes",
        "evidence_sources",
        "places",
        "signatories",
    ):
        for i, item in enumerate(evidence.get(field) or []):
            if isinstance(item, dict):
                value = str(item.get("value") or "")
                if field in _CODE_LABELS:
                    value = _CODE_LABELS[field].get(value, value)
                label = (
                    f"{FIELD_LABELS[field]}: {value}" if value else FIELD_LABELS[field]
                )
                add(f"span-{field}-{i}", item.get("span"), field, label)
    police = evidence.get("police_area")
    if isinstance(police, dict):
        add("span-police_area", police.get("span"), "police_area", "Lokalpolisområde")
    title = evidence.get("title")
    if isinstance(title, dict):
        add("span-title", title.get("span"), "title", FIELD_LABELS["title"])
    for field in ("period", "follow_up", "situation_summary"):
        item = evidence.get(field)
        if isinstance(item, dict):
            for i, span in enumerate(item.get("spans") or []):
                add(f"span-{field}-{i}", span, field, FIELD_LABELS[field])
    for i, c in enumerate(record.get("commitments") or []):
        if not isinstance(c, dict):
            continue
        label = f"Åtagande {i + 1}"
        add(f"span-commitments-{i}", c.get("span"), "commitments", label)
        inner = c.get("evidence") or {}
        if not isinstance(inner, dict):
            continue
        for key, (name, word) in _INNER_LABELS.items():
            item = inner.get(key)
            if isinstance(item, dict):
                add(
                    f"span-commitments-{i}-{name}",
                    item.get("span"),
                    "commitments",
                    f"{label}: {word}",
                )
        for j, item in enumerate(inner.get("places") or []):
            if isinstance(item, dict):
                add(
                    f"span-commitments-{i}-places-{j}",
                    item.get("span"),
                    "commitments",
                    f"{label}: plats",
                )
    return found


def _word_char(char: str) -> bool:
    """A letter or digit: the characters a highlight must not cut between."""
    return char.isalnum()


def whole_words(text: str, marks: list[Highlight]) -> list[Highlight]:
    """Each highlight widened to the word boundaries around it, so a span that
    starts or ends inside a word ("rese|centrum") marks the whole word. Only how the
    text is shown changes; the record's offsets stay as the extractor wrote them."""
    widened: list[Highlight] = []
    for h in marks:
        start, end = h.start, h.end
        if start < len(text) and _word_char(text[start]):
            while start > 0 and _word_char(text[start - 1]):
                start -= 1
        if end > 0 and _word_char(text[end - 1]):
            while end < len(text) and _word_char(text[end]):
                end += 1
        widened.append(replace(h, start=start, end=end))
    return widened


def text_highlights(record: dict[str, Any] | None, text: str) -> list[Highlight]:
    """The highlights of ``record`` in ``text``, each covering whole words."""
    return whole_words(text, highlights(record, len(text)))


@dataclass(frozen=True)
class MarkLink:
    """One entry of the list of marks: where it is, what it is, its words."""

    mark_id: str
    label: str
    words: str


def mark_links(text: str, marks: list[Highlight], limit: int = 60) -> list[MarkLink]:
    """The marks in reading order with their label and (shortened) words, for a
    keyboard route to each one."""
    links = []
    for h in sorted(marks, key=lambda m: (m.start, -m.end)):
        words = " ".join(text[h.start : h.end].split())
        if len(words) > limit:
            words = words[: limit - 1].rstrip() + "…"
        links.append(MarkLink(h.mark_id, h.label, words))
    return links


def _open(h: Highlight, *, first: bool) -> str:
    if first:
        # Focusable, so the keyboard reaches each value in the text (review.js then
        # says what it is, as a click does).
        return format_html(
            '<mark id="{}" class="span span-{}" title="{}" data-mark="{}" '
            'tabindex="0">',
            h.mark_id,
            h.field,
            h.label,
            h.mark_id,
        )
    # A continuation after a clash with an enclosing span: same field, no second id.
    return format_html(
        '<mark class="span span-{}" title="{}" data-mark="{}">',
        h.field,
        h.label,
        h.mark_id,
    )


def highlight_html(text: str, marks: list[Highlight]) -> SafeString:
    """``text`` escaped, with one ``<mark id=…>`` per highlight, properly nested.

    Spans nest (a commitment holds its quantity); one that crosses the end of an
    enclosing span is cut there and continued after it as a mark without an id, so
    the HTML stays well-formed and every id appears once.
    """
    # (start, -end) puts an enclosing span before what it encloses.
    pending = sorted(
        ((h.start, h.end, True, h) for h in marks), key=lambda p: (p[0], -p[1])
    )
    out: list[str] = []
    stack: list[tuple[int, Highlight]] = []  # (end, highlight)
    pos = 0

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1][0] <= limit:
            end, _ = stack.pop()
            out.append(escape(text[pos:end]))
            out.append("</mark>")
            pos = end

    while pending:
        start, end, first, h = pending.pop(0)
        close_until(start)
        out.append(escape(text[pos:start]))
        pos = start
        if stack and end > stack[-1][0]:
            # Crosses the enclosing span's end: cut here, continue after it.
            rest = (stack[-1][0], end, False, h)
            end = stack[-1][0]
            pending.append(rest)
            pending.sort(key=lambda p: (p[0], -p[1]))
        out.append(_open(h, first=first))
        stack.append((end, h))
    close_until(len(text))
    out.append(escape(text[pos:]))
    # Every piece above went through escape() or format_html().
    return mark_safe("".join(out))  # noqa: S308


def commitment_mark_ids(
    record: dict[str, Any] | None, index: int | None, marks: list[Highlight]
) -> list[str]:
    """Mark ids belonging to the record's commitment ``index`` (its own first)."""
    if index is None:
        return []
    prefix = f"span-commitments-{index}"
    return [
        h.mark_id
        for h in marks
        if h.mark_id == prefix or h.mark_id.startswith(prefix + "-")
    ]


def field_mark_ids(field: str, marks: list[Highlight]) -> list[str]:
    """Mark ids of one document-level field, e.g. every place or the period."""
    return [h.mark_id for h in marks if h.field == field]


def _check_text(check: dict[str, Any]) -> str:
    """One document check (``extract.document.checks``, which words it in Swedish)
    in the reader's language, by its code and outcome."""
    from django.utils.translation import gettext as _

    ok = bool(check.get("ok"))
    code = check.get("code")
    message = str(check.get("message") or "")
    if code == "signature_date" and not ok and check.get("span"):
        shown = message.partition(": ")[2].rstrip(".")  # the placeholder itself
        return _("Underskriftsdatumet är en platshållare: %(text)s.") % {"text": shown}
    if code == "agreement_elements" and not ok:
        parts = ", ".join(
            str(_AGREEMENT_PARTS.get(m, m)) for m in check.get("missing") or []
        )
        return _("Samverkansöverenskommelsen saknar: %(parts)s.") % {"parts": parts}
    worded = {
        ("follow_up", True): _("Uppföljning beskrivs."),
        ("follow_up", False): _("Ingen uppföljning hittades."),
        ("period", True): _("Löftesperioden är angiven."),
        ("period", False): _("Ingen giltighetsperiod med datum hittades."),
        ("parties", True): _("Kommun och polis är namngivna."),
        ("parties", False): _("Kommun eller lokalpolisområde saknas."),
        ("signature_date", True): _("Underskrifterna är daterade."),
        ("signature_date", False): _("Underskrifterna saknar datum."),
        ("signatures", False): _("Inga underskrifter hittades."),
        ("agreement_elements", True): _(
            "Samverkansöverenskommelsen har Brås sex delar."
        ),
    }
    return worded.get((str(code), ok), message)


def _agreement_parts() -> dict[str, Any]:
    from django.utils.translation import gettext_lazy

    return {
        "problems": gettext_lazy("problembild"),
        "causes": gettext_lazy("orsaker"),
        "goals": gettext_lazy("mål"),
        "documentation": gettext_lazy("dokumentation"),
        "follow_up": gettext_lazy("uppföljning"),
        "period": gettext_lazy("period"),
    }


_AGREEMENT_PARTS = _agreement_parts()


def translated_checks(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's document checks with their messages in the reader's language."""
    return [
        {**c, "message": _check_text(c)}
        for c in record.get("checks") or []
        if isinstance(c, dict)
    ]
