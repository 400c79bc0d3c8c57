"""Assemble the full extraction record of one document (shared corpus SCHEMA.md).

One entry point, ``extract_record(text, record_id=…)``: the SCHEMA fields, plus
``evidence`` (span and rule of every value), ``checks`` (document-level review
checks), ``warnings`` and ``extractor_version``. It never raises on any text: a
rule that fails leaves its field empty and says so in ``warnings``, because a
reviewer is better served by a partial record than by no record.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from medborgarloften import __version__
from medborgarloften.extract.commitments import classify_heading, extract_commitments
from medborgarloften.extract.document.focus_area import similar
from medborgarloften.extract.document.focus_fallbacks import last_resort
from medborgarloften.extract.page_controls import LINK_LINE
from medborgarloften.extract.place_lists import listed_places
from medborgarloften.extract.places import find_places
from medborgarloften.extract.structure import parse_structure

from .boxes import unbox
from .commitments.table_text import column_header, retable
from .doccache import new_document
from .document import (
    check_document,
    find_evidence,
    find_focus_areas,
    find_follow_up,
    find_municipalities,
    find_period,
    find_police_area,
    find_signatories,
    find_situation,
    find_themes,
    find_title,
    read_units,
)
from .document._lex import nfc
from .document.checks import signature_date
from .document.period import Period
from .document.period_renewal import prefer_renewed
from .look_back import look_back_spans, sentences_around
from .prefilter import prefiltered
from .promise_section import Section, promise_section, within

T = TypeVar("T")

SOURCE_LINE = re.compile(r"\A[ \t]*#[ \t]*source:[ \t]*(?P<url>\S+)[^\n]*")
_HERE = Path(__file__).resolve().parent


def _rules_digest() -> str:
    """A short hash of the rule modules and lexicons, so a record names its rules."""
    h = hashlib.sha256()
    files = sorted(_HERE.glob("*.py")) + sorted(_HERE.glob("document/*.py"))
    files += sorted((_HERE / "lexicons").glob("*"))
    for f in files:
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:10]


EXTRACTOR_VERSION = f"{__version__}+rules.{_rules_digest()}"


def split_source_line(text: str) -> tuple[str, str | None]:
    """Blank a leading "# source: <url>" line (offsets stay valid) and return the URL."""
    m = SOURCE_LINE.match(text)
    if not m:
        return text, None
    return " " * m.end() + text[m.end() :], m.group("url")


def _safe(warnings: list[str], name: str, fn: Callable[[], T], default: T) -> T:
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - a record must never fail (module doc)
        warnings.append(f"{name}: {type(exc).__name__}: {exc}")
        return default


def _safe_list(warnings: list[str], name: str, fn: Callable[[], list[T]]) -> list[T]:
    """``_safe`` with an empty list as the default, typed by what ``fn`` returns."""
    return _safe(warnings, name, fn, [])


def _commitment_rules(
    text: str, municipalities: list[str], period: dict[str, Any]
) -> list[dict[str, Any]]:

    structure = parse_structure(text)
    return extract_commitments(
        text, structure, municipalities=municipalities, period=period
    )


# A line of a report on an earlier promise ("Vad vi lovade: …", "Vad vi gjorde:
# …", "Utfall: …"): the places it names are last period's, not this promise's.
# Prefiltered, as the link line below: "^" in MULTILINE was tried at every character
# of the page.
_LOOK_BACK_LINE = prefiltered(
    re.compile(
        r"^[ \t]*(?:vad vi (?:lovade|gjorde|har gjort)|det här (?:gjorde|har) vi(?: gjort)?"
        r"|utfall|resultat|genomfört"
        # a renewed promise's look back: "Tidigare löfte: …", "Så här gick det: …"
        # ("Status: Pågår …" may report on this period's work: not one)
        r"|(?:tidigare|förra) löfte[nt]?|så (?:här )?gick det)"
        r"[ \t]*:.*$",
        re.IGNORECASE | re.MULTILINE,
    )
)
_LINK_LINE = prefiltered(LINK_LINE)


# A heading over a report on an earlier promise ("Del 1 – Uppföljning av 2030 års
# löfte", "Redovisning 2030"): its section tells what was done last period.
_REPORT_HEADING = re.compile(
    r"^[ \t#]*(?:(?:del|avsnitt)\s+\w{1,4}\s*[–:.-]\s*)?"
    r"(?:uppföljning|redovisning|utvärdering|resultat)\b",
    re.IGNORECASE,
)
_HEADING_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


# A heading over the report on the previous promise ("Uppföljning av föregående
# löfte", "Så gick det med förra löftet"), with or without its years: its section
# runs to the next heading. A sentence that names that promise ("Det föregående
# löftet, som avsåg … vid Ekbron, har följts upp") speaks of last period too.
# Prefiltered: every match holds "löfte", which most documents hold only a few
# times (the case-insensitive alternation tried at each character of the page).
_EARLIER_PROMISE = prefiltered(
    re.compile(
        r"\b(?:föregående|förra|fjolårets|tidigare|nuvarande|gamla)\s+(?:årets\s+)?"
        r"(?:medborgar)?löfte(?:t|n|na)?\b",
        re.IGNORECASE,
    )
)


def _earlier_promise_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of running text that speak of the previous promise."""
    return sentences_around(_EARLIER_PROMISE, text)


_LIST_ITEM = re.compile(r"[-–—•·▪]\s")


def _report_sections(text: str) -> list[tuple[int, int]]:
    """The sections that report on an earlier promise, each up to the heading of
    a later year's promise that follows it (none when no later promise follows);
    a heading that names the previous promise, up to the next heading."""
    out: list[tuple[int, int]] = []
    opened: tuple[int, int] | None = None  # (where, the year reported on)
    earlier: int | None = None  # where a heading naming the previous promise is
    pos = 0
    for line in text.splitlines(keepends=True):
        bare = line.strip(" \t\r\n#*")
        heading = (
            0 < len(bare.split()) <= 10
            and bare[-1:] not in ".,;:!?"
            and not _LIST_ITEM.match(bare)  # "- Medborgarlöfte 2024: …" is listed
        )
        if heading and earlier is not None:
            out.append((earlier, pos))
            earlier = None
        if heading and _EARLIER_PROMISE.search(bare):
            earlier = pos
        year = _HEADING_YEAR.search(bare) if heading else None
        if year is not None and _REPORT_HEADING.match(bare):
            opened = opened or (pos, int(year.group(0)))
        elif (
            year is not None
            and opened is not None
            and int(year.group(0)) > opened[1]
            and classify_heading(bare) == "promise"
        ):
            out.append((opened[0], pos))
            opened = None
        pos += len(line)
    return out


def _places(text: str, municipalities: list[str]) -> list[tuple[str, Any]]:
    found = find_places(text, municipalities=municipalities, document=text)
    known = {name.casefold() for name, _ in found}
    muni = {m.casefold() for m in municipalities}
    for name, span in listed_places(text):  # a map legend's names
        if name.casefold() not in known | muni:
            known.add(name.casefold())
            found.append((name, span))
    back = [(m.start(), m.end()) for m in _LOOK_BACK_LINE.finditer(text)]
    # "Läs också: Inbrott i Ekby …": a link to another article names its places
    back += [(m.start(), m.end()) for m in _LINK_LINE.finditer(text)]
    back += _report_sections(text)
    # "Vad har hänt …?", "Detta utgår", "Löftet om … utgår": the old period's
    back += look_back_spans(text)
    if _EARLIER_PROMISE.search(text):
        back += _earlier_promise_sentences(text)
    if not back:
        return found
    return [
        (name, span)
        for name, span in found
        if not any(s <= span[0] < e for s, e in back)
    ]


def _assign_focus(
    text: str, units: list[Any], focus: list[Any], commitments: list[dict[str, Any]]
) -> None:
    """Give each commitment the focus area whose heading it sits under.

    A focus area found as a heading, or a heading that names a focus area found
    elsewhere ("Fokusområden: trafik, narkotika" … "Trafik"), starts its section; a
    background or follow-up heading ends it. Commitments before any such heading,
    or in a document whose focus areas are not headings, get none.
    """

    if not focus:
        return
    anchors: list[tuple[int, str | None]] = []
    for f in focus:
        if f.rule == "focus.heading":
            anchors.append((f.span[0], f.text))
    for u in units:
        if u.kind != "heading":
            continue
        match = next((f.text for f in focus if similar(u.text, f.text)), None)
        if match is not None:
            anchors.append((u.start, match))
        elif classify_heading(u.text) == "excluded":
            anchors.append((u.start, None))  # "Uppföljning" ends the last section
    anchors.sort()
    for c in commitments:
        start = (c.get("span") or [None])[0]
        if start is None:
            continue
        current = None
        for pos, name in anchors:
            if pos > start:
                break
            current = name
        c["focus_area"] = current


def _period(text: str, section: Section | None) -> Period:
    """The document's period; where the promise is a section of a wider text and
    its heading gives years ("5 Medborgarlöfte 2024–2025"), the section's own."""
    if section is not None and _HEADING_YEAR.search(section.heading):
        own_text = text[section.start : section.end]
        own = prefer_renewed(own_text, find_period(own_text))
        if own.start or own.end:
            spans = tuple((s + section.start, e + section.start) for s, e in own.spans)
            return replace(own, spans=spans)
    return prefer_renewed(text, find_period(text))


def _span(s: tuple[int, int] | list[int] | None) -> list[int] | None:
    return [int(s[0]), int(s[1])] if s else None


def extract_record(
    text: str, *, record_id: str, source_url: str | None = None
) -> dict[str, Any]:
    """The SCHEMA record of ``text`` with spans, rules and checks; never raises."""
    warnings: list[str] = []
    new_document()  # per-document caches start empty
    if not isinstance(text, str):
        text = ""
    text = nfc(text.replace("\x00", " "))
    work, url_in_text = split_source_line(retable(unbox(text)))
    source_url = source_url or url_in_text
    evidence: dict[str, Any] = {}

    munis = _safe(warnings, "municipalities", lambda: find_municipalities(work), None)
    municipalities = list(munis.values) if munis else []
    if munis:
        evidence["municipalities"] = [
            {"value": v, "span": _span(s), "rule": r}
            for v, s, r in zip(munis.values, munis.spans, munis.rules, strict=True)
        ]
    police = _safe(warnings, "police_area", lambda: find_police_area(work), None)
    police_area = police.value if police else None
    if police and police.value:
        evidence["police_area"] = {"span": _span(police.span), "rule": police.rule}
    section = _safe(warnings, "promise_section", lambda: promise_section(work), None)
    per = _safe(warnings, "period", lambda: _period(work, section), None)
    period = per.as_record() if per else {"start": None, "end": None, "text": None}
    if per and per.rule:
        evidence["period"] = {"spans": [_span(s) for s in per.spans], "rule": per.rule}

    commitments = _safe_list(
        warnings,
        "commitments",
        lambda: _commitment_rules(work, municipalities, period),
    )
    wider = False  # the promise is one section of a wider text
    if section is not None:
        inside = [c for c in commitments if within(section, c.get("span"))]
        if inside and len(inside) < len(commitments):
            commitments = inside  # the rest belong to the wider document
            wider = True
        wider = wider or (inside != [] and section.numbered)
    for c in commitments:  # SCHEMA invariant, whatever the rules said
        c["measurable"] = c.get("target") is not None
        c.setdefault("places", [])

    units = _safe_list(warnings, "units", lambda: read_units(work))
    starts = [c["span"][0] for c in commitments if c.get("span")]
    # Where the promise is a section of a wider text, its focus areas are named in it.
    own_units = units
    if section is not None and wider:
        own_units = [u for u in units if section.start <= u.start < section.end]
    # A table's header row ("Aktivitet | Ansvarig | När") names no focus area.
    own_units = [u for u in own_units if not column_header(u.text)]
    focus = _safe_list(
        warnings,
        "focus_areas",
        lambda: (
            find_focus_areas(own_units, commitment_starts=starts or None)
            or last_resort(own_units)
        ),
    )
    evidence["focus_areas"] = [
        {"value": f.text, "span": _span(f.span), "rule": f.rule} for f in focus
    ]

    _safe(
        warnings,
        "focus_area",
        lambda: _assign_focus(work, units, focus, commitments),
        None,
    )

    pieces = [(c["text"], c["span"][0]) for c in commitments if c.get("span")]
    pieces += [(f.text, f.span[0]) for f in focus]
    themes = _safe_list(warnings, "themes", lambda: find_themes(pieces))
    evidence["themes"] = [
        {"value": h.code, "span": _span(h.span), "matched": h.matched, "rule": h.rule}
        for h in themes
    ]
    ev = _safe_list(warnings, "evidence_sources", lambda: find_evidence(units))
    evidence["evidence_sources"] = [
        {"value": h.code, "span": _span(h.span), "matched": h.matched, "rule": h.rule}
        for h in ev
    ]

    found_places = _safe_list(warnings, "places", lambda: _places(work, municipalities))
    if (
        section is not None and wider
    ):  # the wider text's own places are not the promise's
        found_places = [(n, s) for n, s in found_places if within(section, s)]
    places: list[str] = []
    for name, _ in found_places:
        if name not in places:
            places.append(name)
    for c in commitments:
        for name in c.get("places") or []:
            if name not in places:
                places.append(name)
    evidence["places"] = [
        {"value": name, "span": _span(s), "rule": "places.named"}
        for name, s in found_places
    ]

    start, end = period.get("start") or "", period.get("end") or ""
    single_year = (
        start[:4] == end[:4] != "" and start[4:] == "-01-01" and end[4:] == "-12-31"
    )
    fu = _safe(
        warnings,
        "follow_up",
        lambda: find_follow_up(units, single_year=single_year),
        None,
    )
    follow_up = fu.as_record() if fu else {"text": None, "reports_per_period": None}
    if fu and fu.text:
        evidence["follow_up"] = {"spans": [_span(s) for s in fu.spans], "rule": fu.rule}

    title = _safe(warnings, "title", lambda: find_title(work), None)
    if title is not None:
        evidence["title"] = {"span": _span(title.span), "rule": title.rule}
    spans = [tuple(c["span"]) for c in commitments if c.get("span")]
    situation = _safe(
        warnings,
        "situation_summary",
        lambda: find_situation(units, commitment_spans=spans),
        None,
    )
    if situation is not None:
        evidence["situation_summary"] = {
            "spans": [_span(s) for s in situation.spans],
            "rule": situation.rule,
        }

    sigs = _safe_list(warnings, "signatories", lambda: find_signatories(work))
    signatories = [s.as_record() for s in sigs]
    evidence["signatories"] = [
        {"value": s.name, "span": _span(s.span), "rule": s.rule} for s in sigs
    ]
    signed = _safe(
        warnings,
        "signature_date",
        lambda: signature_date(work, [s.span for s in sigs]) if sigs else None,
        None,
    )
    if signed is not None:
        # One date by the signatures is the date each of them signed.
        for signatory in signatories:
            signatory["date"] = signed[0]
        evidence["signature_date"] = {
            "value": signed[0],
            "span": _span(signed[1]),
            "rule": "signature.date_near_block",
        }

    checks = _safe_list(
        warnings,
        "checks",
        lambda: check_document(
            work,
            municipalities=municipalities,
            police_area=police_area,
            period=period,
            follow_up=follow_up,
            signatories=signatories,
            signature_spans=[s.span for s in sigs],
        ),
    )
    return {
        "id": record_id,
        "title": title.text if title else None,
        "source_url": source_url,
        "municipalities": municipalities,
        "police_area": police_area,
        "period": period,
        "focus_areas": [f.text for f in focus],
        "themes": [h.code for h in themes],
        "places": places,
        "evidence_sources": [h.code for h in ev],
        "situation_summary": situation.text if situation else None,
        "commitments": commitments,
        "follow_up": follow_up,
        "signatories": signatories,
        "evidence": evidence,
        "checks": checks,
        "warnings": warnings,
        "extractor_version": EXTRACTOR_VERSION,
    }
