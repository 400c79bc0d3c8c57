"""The medborgarlöfte itself as a document to sign: PDF (WeasyPrint) and DOCX
(python-docx), built from the structured promise.

``document_context`` is the one source both formats read: the lägesbild summary,
focus areas, commitments grouped by who is responsible, the period, the follow-up
clause and one signature line per signatory. What a reviewer should look at —
unmeasurable commitments, missing dates, the document-level checks — goes in a
separate review sheet (``review_context``), never in the document the
kommunstyrelse signs. A promise that cannot make a signable document (no
commitments, no signatories, a signatory without a title) is refused with messages
naming what is missing.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.text import slugify

from medborgarloften.extract.measurability import check_commitment
from medborgarloften.lib.downloads import file_response
from medborgarloften.lib.pdf import html_to_pdf
from medborgarloften.lib.text import clean_text
from medborgarloften.lib.wordfile import new_document
from medborgarloften.places.models import Organisation
from medborgarloften.promises.exchange import commitment_target
from medborgarloften.promises.selectors import promise_checks
from medborgarloften.vocabulary import RESPONSIBLE

from .models import Commitment, FocusArea, Promise, Signatory

__all__ = [
    "DocumentRefused",
    "document_context",
    "document_docx_bytes",
    "document_pdf_bytes",
    "document_problems",
    "review_context",
]


class DocumentRefused(ValidationError):
    """The promise lacks what a document to sign must have."""


@dataclass
class Group:
    label: str
    commitments: list[tuple[int, Commitment]] = field(default_factory=list)


def _promise(promise: Promise) -> Promise:
    return (
        Promise.objects.prefetch_related(
            "parties",
            "focus_areas__areas",
            "commitments__areas",
            "commitments__other_parties",
            "commitments__focus_area",
            "signatories__organisation",
        )
        .select_related("agreement")
        .get(pk=promise.pk)
    )


def document_problems(promise: Promise) -> list[str]:
    """Why the promise cannot yet be printed for signing; empty when it can."""
    problems = []
    if not promise.commitments.all():
        problems.append("Löftet har inga åtaganden att skriva under.")
    signatories = list(promise.signatories.all())
    if not signatories:
        problems.append(
            "Löftet har inga undertecknare: lägg till en för kommunen och en för "
            "polisen."
        )
    for signatory in signatories:
        if not signatory.title.strip():
            problems.append(
                f"Undertecknaren {signatory.name} saknar titel (t.ex. "
                "kommunstyrelsens ordförande eller lokalpolisområdeschef)."
            )
    return problems


def _party_label(code: str, parties: list[Organisation], commitment: Commitment) -> str:
    """Who ``code`` is in this promise: the parties' names ("Ekby kommun",
    "Lokalpolisområde Ekby"); for ``annan`` the third parties the commitment names,
    else the promise's other parties."""
    if code == "polis":
        names = [str(p) for p in parties if p.is_police]
    elif code == "kommun":
        names = [str(p) for p in parties if p.is_kommun]
    else:
        names = [str(o) for o in commitment.other_parties.all()] or [
            str(p) for p in parties if not p.is_police and not p.is_kommun
        ]
    return " och ".join(names) or RESPONSIBLE.get(code, code)


_RANK = {"kommun": 0, "polis": 1, "annan": 2}


def _group_label(names: tuple[str, ...]) -> str:
    if not names:
        return "Ansvarig part inte angiven"
    if len(names) == 1:
        return names[0]
    return "Gemensamt: " + ", ".join(names[:-1]) + " och " + names[-1]


def _groups(commitments: list[Commitment], parties: list[Organisation]) -> list[Group]:
    """Commitments by who answers for them: each party alone first (kommun, polis,
    third parties), then each shared combination, then those naming nobody.
    Within a group the promise's order; numbered 1…n as printed."""
    grouped: dict[tuple[int, tuple[int, ...], tuple[str, ...]], list[Commitment]] = {}
    for commitment in commitments:
        codes = [c for c in _RANK if c in commitment.responsible]
        names = tuple(_party_label(c, parties, commitment) for c in codes)
        # alone, shared, nobody; then kommun before polis before third parties
        key = (
            min(len(codes), 2) if codes else 3,
            tuple(_RANK[c] for c in codes),
            names,
        )
        grouped.setdefault(key, []).append(commitment)
    numbers = itertools.count(1)
    return [
        Group(_group_label(key[2]), [(next(numbers), c) for c in grouped[key]])
        for key in sorted(grouped)
    ]


def _numbers(promise: Promise) -> dict[int, int]:
    """Each commitment's number in the printed document, by primary key."""
    parties = list(promise.parties.all())
    return {
        commitment.pk: number
        for group in _groups(_in_order(promise), parties)
        for number, commitment in group.commitments
    }


def _in_order(promise: Promise) -> list[Commitment]:
    return sorted(promise.commitments.all(), key=lambda c: (c.position, c.pk))


def _period(promise: Promise) -> str:
    if promise.period_start and promise.period_end:
        start, end = promise.period_start, promise.period_end
        return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"
    return promise.period_text or "Perioden är inte angiven"


def _follow_up(promise: Promise) -> str:
    """The promise's own follow-up clause; written from the number of reports only
    when it has none."""
    parts = []
    if promise.follow_up_text.strip():
        parts.append(promise.follow_up_text.strip())
    if promise.reports_per_period and not parts:
        audience = f" för {promise.report_audience}" if promise.report_audience else ""
        parts.append(
            f"Löftet redovisas minst {promise.reports_per_period} gånger under "
            f"perioden{audience}."
        )
    return " ".join(parts) or (
        "Parterna följer gemensamt upp löftet och redovisar hur det går."
    )


def document_context(*, promise: Promise) -> dict[str, Any]:
    """Everything the document shows, for both formats; refused (DocumentRefused)
    when ``document_problems`` finds something missing."""
    promise = _promise(promise)
    problems = document_problems(promise)
    if problems:
        raise DocumentRefused(problems)
    parties = list(promise.parties.all())
    commitments = _in_order(promise)
    focus_areas: list[FocusArea] = sorted(
        promise.focus_areas.all(), key=lambda f: (f.position, f.pk)
    )
    signatories: list[Signatory] = sorted(
        promise.signatories.all(), key=lambda s: (s.position, s.pk)
    )
    return {
        "promise": promise,
        "parties": [str(p) for p in parties if p.is_kommun]
        + [str(p) for p in parties if p.is_police]
        + [str(p) for p in parties if not p.is_kommun and not p.is_police],
        "period": _period(promise),
        "focus_areas": focus_areas,
        "groups": _groups(commitments, parties),
        "follow_up": _follow_up(promise),
        "signatories": [
            {
                "name": s.name,
                "title": s.title,
                "organisation": str(s.organisation or s.organisation_name or ""),
                "signed_on": s.signed_on,
            }
            for s in signatories
        ],
    }


def review_context(*, promise: Promise) -> dict[str, Any]:
    """The review sheet: the measurability check per commitment and the
    document-level checks, kept apart from the document itself."""

    promise = _promise(promise)
    numbers = _numbers(promise)
    commitments = sorted(_in_order(promise), key=lambda c: numbers[c.pk])
    rows: list[dict[str, Any]] = []
    for commitment in commitments:
        number = numbers[commitment.pk]
        check = check_commitment(
            commitment.text,
            responsible=list(commitment.responsible),
            target=commitment_target(commitment),
        )
        rows.append({"number": number, "commitment": commitment, "check": check})
    return {
        "promise": promise,
        "blocking": document_problems(promise),
        "checks": [c for c in promise_checks(promise) if not c.ok],
        "rows": rows,
        "warnings": sum(1 for r in rows if r["check"].problems),
    }


def filename(promise: Promise, extension: str) -> str:
    return f"{slugify(promise.title)[:80] or 'medborgarlofte'}.{extension}"


def document_pdf_bytes(*, promise: Promise, base_url: str = "") -> bytes:
    html = render_to_string(
        "promises/document_print.html", document_context(promise=promise)
    )
    return html_to_pdf(html, base_url=base_url)


def document_docx_bytes(*, promise: Promise) -> bytes:
    """The same document in Word, for the kommun's own template and diarium."""
    from docx.shared import Pt

    context = document_context(promise=promise)
    promise = context["promise"]
    t = clean_text  # text stored before inputs were cleaned must not stop Word
    document = new_document(title=promise.title, authors=context["parties"])
    document.add_heading("Medborgarlöfte", level=0)
    document.add_heading(t(promise.title), level=1)
    document.add_paragraph(t(f"Parter: {', '.join(context['parties'])}."))
    document.add_paragraph(t(f"Period: {context['period']}."))
    if promise.situation_summary.strip():
        document.add_heading("Lägesbild", level=1)
        for paragraph in promise.situation_summary.strip().split("\n\n"):
            document.add_paragraph(t(paragraph.strip()))
    if context["focus_areas"]:
        document.add_heading("Fokusområden", level=1)
        for focus in context["focus_areas"]:
            document.add_heading(t(focus.title), level=2)
            if focus.description:
                document.add_paragraph(t(focus.description))
    document.add_heading("Vi lovar", level=1)
    for group in context["groups"]:
        document.add_heading(t(group.label), level=2)
        for number, commitment in group.commitments:
            # numbered by hand, as printed and as the review sheet cites them (a
            # "List Number" style would number it a second time)
            item = document.add_paragraph()
            item.paragraph_format.left_indent = Pt(18)
            item.paragraph_format.first_line_indent = Pt(-18)
            item.add_run(f"{number}. ").bold = True
            item.add_run(t(commitment.text))
            target = commitment.target_display()
            if target:
                item.add_run().add_break()
                item.add_run(t(f"Mål: {target}.")).italic = True
    document.add_heading("Uppföljning", level=1)
    document.add_paragraph(t(context["follow_up"]))
    document.add_heading("Underskrifter", level=1)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    signatories = context["signatories"]
    for start in range(0, len(signatories), 2):
        cells = table.add_row().cells
        for cell, person in zip(cells, signatories[start : start + 2], strict=False):
            cell.text = ""
            paragraph = cell.paragraphs[0]
            paragraph.add_run("Ort och datum: ____________________\n\n\n")
            paragraph.add_run("______________________________\n")
            paragraph.add_run(t(person["name"]) + "\n").bold = True
            paragraph.add_run(t(person["title"]))
            if person["organisation"]:
                paragraph.add_run(t(f"\n{person['organisation']}"))
            for run in paragraph.runs:
                run.font.size = Pt(10)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_response(*, promise: Promise, base_url: str = "") -> HttpResponse:
    return file_response(
        document_pdf_bytes(promise=promise, base_url=base_url),
        filename(promise, "pdf"),
        inline=True,
    )


def docx_response(*, promise: Promise) -> HttpResponse:
    return file_response(
        document_docx_bytes(promise=promise), filename(promise, "docx")
    )
