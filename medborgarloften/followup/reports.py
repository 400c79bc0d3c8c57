"""A follow-up report as data, and as HTML, PDF (WeasyPrint) and DOCX (python-docx).

``report_context`` is the one source every format reads, in Brå's three layers:
production (target against outcome, per commitment, with a chart), process (how,
hours, cost, what did not happen) and effect (lägesbild indicators against the
baseline before the promise was adopted). The charts are inline SVG made here, so
the PDF needs no JavaScript and no image files.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Sum, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from medborgarloften.lib.downloads import file_response
from medborgarloften.lib.pdf import html_to_pdf
from medborgarloften.lib.text import clean_text
from medborgarloften.lib.wordfile import add_data_table, new_document
from medborgarloften.situation.models import (
    BaselineValue,
    Observation,
    ObservationCategory,
)
from medborgarloften.situation.selectors.baselines import indicators_by_focus_area

from .evidence import evidence_rows
from .models import Activity, Report, ReportKind
from .progress import Bucket
from .report_charts import bucket_label, chart_svg
from .selectors import CommitmentRow, commitment_rows

#: Latest activities listed per commitment; the rest are summed by kind.
LATEST_ACTIVITIES = 5
#: Buckets drawn per chart, the most recent ones in the report's range: weekly
#: targets over two years would be unreadable (the DOCX table has them all).
MAX_BARS = 12


@dataclass
class KindSummary:
    kind: str
    count: int
    quantity: int
    participants: int | None


@dataclass
class ReportCommitment:
    row: CommitmentRow
    chart: SafeString
    assessment: str = ""
    not_done: str = ""
    kinds: list[KindSummary] = field(default_factory=list)
    latest: list[Activity] = field(default_factory=list)
    buckets: list[Bucket] = field(default_factory=list)

    #: What was logged inside the report's own period (its contribution).
    in_period: int = 0

    # The report's figures are the commitment's progress to date (cumulative since
    # the promise began, as the dashboard counts), so the line above the chart, the
    # status badge and the evidence table say the same thing; ``in_period`` is the
    # report period's own share, shown separately.
    @property
    def counted(self) -> int:
        return self.row.progress.counted

    @property
    def target(self) -> int:
        return self.row.progress.target

    @property
    def logged(self) -> int:
        return self.row.progress.done

    @property
    def late_parts(self) -> list[str]:
        """The parts behind or overdue, also those before the report's period:
        what makes the commitment's one status late, named beside it."""
        return [
            _("%(label)s (%(done)s av %(target)s)")
            % {"label": bucket_label(b), "done": b.done, "target": b.target}
            for b in self.row.progress.late_buckets
        ]


@dataclass
class Indicator:
    label: str
    baseline: float | None
    current: float | None
    unit: str = ""
    baseline_period: str = ""
    current_period: str = ""

    @property
    def change(self) -> float | None:
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline


@dataclass
class Effect:
    """The lägesbild against its baseline: the values frozen when the promise was
    adopted (``source`` "baseline"), else observations before the promise against
    those in the report's range ("observations"); ``has_data`` False when neither
    exists."""

    has_data: bool
    source: str = ""
    baseline_start: dt.date | None = None
    baseline_end: dt.date | None = None
    indicators: list[Indicator] = field(default_factory=list)


def _visible_buckets(row: CommitmentRow, start: dt.date, end: dt.date) -> list[Bucket]:
    return [
        b
        for b in row.progress.buckets
        if (b.end is None or b.end >= start) and (b.start is None or b.start <= end)
    ]


def _recent(buckets: list[Bucket], as_of: dt.date) -> list[Bucket]:
    """The last MAX_BARS buckets that have started by ``as_of``."""
    started = [b for b in buckets if b.start is None or b.start <= as_of]
    return (started or buckets)[-MAX_BARS:]


def _number(value: float | None) -> float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 1)


def _indicator_label(value: Any) -> str:
    """A frozen indicator's label with any raw theme code written out."""
    from django.utils.translation import gettext

    from medborgarloften.vocabulary import THEMES

    label = value.label
    _prefix, _sep, code = value.key.partition(":")
    if code in THEMES and code in label:
        label = label.replace(code, gettext(THEMES[code]).lower())
    return label


def _frozen_effect(report: Report) -> Effect | None:
    """The baseline frozen at adoption (situation.BaselineValue) against the same
    indicators computed for the year up to the report's end."""
    promise = report.promise
    frozen = list(
        BaselineValue.objects.filter(promise=promise).select_related(
            "area", "focus_area"
        )
    )
    if not frozen:
        return None
    current: dict[tuple[str, int | None], tuple[float | None, str, str]] = {}
    # the same definitions the baseline was frozen with
    on = min(report.period_end, timezone.localdate()) + dt.timedelta(days=1)
    kommuner = [p for p in promise.parties.all() if p.is_kommun]
    for _focus_area, item in indicators_by_focus_area(
        focus_areas={b.focus_area for b in frozen if b.focus_area is not None},
        kommuner=kommuner,
        on=on,
    ):
        area = item["area"]
        current[(item["key"], area.pk if area else None)] = (
            item["value"],
            item["period"],
            item["label"],
        )
    indicators = []
    # Focus areas may share an indicator (the same theme, or kommun-wide figures
    # for focus areas without areas): the report lists each one once.
    seen: set[tuple[str, int | None]] = set()
    for value in frozen:
        if (value.key, value.area_id) in seen:
            continue
        seen.add((value.key, value.area_id))
        now, period, fresh_label = current.get(
            (value.key, value.area_id), (None, "", "")
        )
        # The label as computed today: baselines frozen before the themes had
        # display names stored the raw code.
        label = (fresh_label or _indicator_label(value)) + (
            f", {value.area.name}" if value.area else ""
        )
        indicators.append(
            Indicator(
                label=label,
                baseline=_number(value.value),
                current=_number(now),
                unit=value.unit,
                baseline_period=value.period,
                current_period=period,
            )
        )
    return Effect(True, "baseline", indicators=indicators)


def _effect(report: Report) -> Effect:
    """The frozen baseline when there is one; else observations per category in the
    report's range against the same number of days before the promise began."""
    frozen = _frozen_effect(report)
    if frozen is not None:
        return frozen
    promise = report.promise
    kommun_ids = [p.pk for p in promise.parties.all() if p.is_kommun]
    observations = Observation.objects.filter(kommun_id__in=kommun_ids)
    anchor = promise.period_start or report.period_start
    days = (report.period_end - report.period_start).days + 1
    baseline_end = anchor - dt.timedelta(days=1)
    baseline_start = baseline_end - dt.timedelta(days=days - 1)
    current = dict(
        observations.filter(
            observed_at__date__gte=report.period_start,
            observed_at__date__lte=report.period_end,
        )
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by()
    )
    baseline = dict(
        observations.filter(
            observed_at__date__gte=baseline_start, observed_at__date__lte=baseline_end
        )
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by()
    )
    if not current and not baseline:
        return Effect(has_data=False)
    labels = dict(ObservationCategory.choices)
    indicators = [
        Indicator(
            str(labels.get(c, c)),
            baseline.get(c, 0),
            current.get(c, 0),
            unit="observationer",
        )
        for c in sorted(set(current) | set(baseline), key=lambda c: str(labels.get(c)))
    ]
    return Effect(True, "observations", baseline_start, baseline_end, indicators)


def _kinds(activities: Any) -> dict[int, list[KindSummary]]:
    """Per commitment, its activities summed by kind, compared without regard to
    capitals (Python's, so å, ä and ö too), biggest quantity first."""
    groups: dict[tuple[int, str], list[Any]] = defaultdict(list)
    spellings: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for commitment_id, kind, quantity, participants in activities.values_list(
        "commitment_id", "kind", "quantity", "participants"
    ).order_by():
        key = (commitment_id, kind.strip().casefold())
        groups[key].append((quantity, participants))
        spellings[key][kind.strip()] += 1
    found: dict[int, list[KindSummary]] = defaultdict(list)
    for key in sorted(groups):
        values = groups[key]
        known = [p for _q, p in values if p is not None]
        found[key[0]].append(
            KindSummary(
                spellings[key].most_common(1)[0][0],
                len(values),
                sum(q or 0 for q, _p in values),
                sum(known) if known else None,
            )
        )
    for summaries in found.values():
        summaries.sort(key=lambda k: -k.quantity)  # stable: by kind within a tie
    return dict(found)


def report_context(*, report: Report, today: dt.date | None = None) -> dict[str, Any]:
    """Everything a report shows, for every format."""
    promise = report.promise
    today = today or timezone.localdate()
    as_of = min(today, report.period_end)
    # Progress to date: every activity since the promise began up to the report's
    # end, judged on ``as_of`` (the one computation the dashboard and API use).
    rows = commitment_rows(promise=promise, today=as_of, end=report.period_end)
    entries = {e.commitment_id: e for e in report.entries.all()}
    in_range = Activity.objects.filter(
        commitment__promise=promise,
        date__gte=report.period_start,
        date__lte=report.period_end,
    )
    kinds: dict[int, list[KindSummary]] = defaultdict(list)
    in_period: dict[int, int] = defaultdict(int)
    # Kinds are grouped whatever their capitals ("Trygghetsvandring" and
    # "trygghetsvandring" are one kind), under the spelling used most often.
    for commitment_id, found in _kinds(in_range).items():
        kinds[commitment_id] = found
        in_period[commitment_id] = sum(k.quantity for k in found)
    latest: dict[int, list[Activity]] = defaultdict(list)
    newest = (
        in_range.select_related("area", "organisation")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("commitment_id")],
                order_by=[F("date").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=LATEST_ACTIVITIES)
        .order_by("commitment_id", "-date", "-pk")
    )
    for activity in newest:
        latest[activity.commitment_id].append(activity)
    items = []
    for row in rows:
        entry = entries.get(row.commitment.pk)
        buckets = _visible_buckets(row, report.period_start, report.period_end)
        items.append(
            ReportCommitment(
                row=row,
                chart=chart_svg(
                    title=_("Åtagande %(n)s: utfört mot mål") % {"n": row.number},
                    buckets=_recent(buckets, as_of),
                )
                if row.progress.measurable
                else mark_safe(""),  # noqa: S308 - empty string
                assessment=entry.assessment if entry else "",
                not_done=entry.not_done if entry else "",
                kinds=kinds.get(row.commitment.pk, []),
                latest=latest.get(row.commitment.pk, []),
                buckets=buckets,
                in_period=in_period.get(row.commitment.pk, 0),
            )
        )
    totals = in_range.aggregate(hours=Sum("hours"), cost=Sum("cost"), n=Count("id"))
    return {
        "report": report,
        "promise": promise,
        "items": items,
        "as_of": as_of,
        "totals": totals,
        "effect": _effect(report),
        "evidence": evidence_rows(
            promise=promise, today=as_of, rows=rows, indicators_on=as_of
        ),
        "is_evaluation": report.kind == ReportKind.EVALUATION,
        "generated": timezone.localtime(),
    }


def _filename(report: Report, extension: str) -> str:
    return f"{slugify(report.title)[:80] or 'rapport'}.{extension}"


def pdf_filename(report: Report) -> str:
    return _filename(report, "pdf")


def report_pdf_bytes(*, report: Report, base_url: str = "") -> bytes:
    html = render_to_string("followup/report_print.html", report_context(report=report))
    return html_to_pdf(html, base_url=base_url)


def pdf_response(*, report: Report, request: HttpRequest) -> HttpResponse:
    data = report_pdf_bytes(report=report, base_url=request.build_absolute_uri("/"))
    return file_response(data, _filename(report, "pdf"), inline=True)


def _authors(promise: Any) -> list[str]:
    """The promise's parties, kommuner first, then the police, then the others."""
    parties = list(promise.parties.all())
    return (
        [str(p) for p in parties if p.is_kommun]
        + [str(p) for p in parties if p.is_police]
        + [str(p) for p in parties if not p.is_kommun and not p.is_police]
    )


def report_docx_bytes(*, report: Report) -> bytes:
    """The report as a Word document kommuner can edit: the same layers and texts,
    a table per commitment instead of the chart."""
    context = report_context(report=report)
    promise = context["promise"]
    t = clean_text  # text stored before inputs were cleaned must not stop Word
    document = new_document(title=report.title, authors=_authors(promise))
    document.add_heading(t(report.title), level=0)
    document.add_paragraph(
        t(
            f"{promise.title}. {report.get_kind_display()} för "
            f"{report.period_start.isoformat()} – {report.period_end.isoformat()}, "
            f"status {report.get_status_display().lower()}."
        )
    )
    if report.summary:
        document.add_heading("Sammanfattning", level=1)
        document.add_paragraph(t(report.summary))

    document.add_heading("Produktion: mål och utfall", level=1)
    for item in context["items"]:
        row = item.row
        document.add_heading(f"Åtagande {row.number}", level=2)
        document.add_paragraph(t(row.commitment.text))
        target = row.commitment.target_display()
        document.add_paragraph(
            t(f"Mål: {target or 'inget mätbart mål'}. Status: {row.status_label}.")
        )
        if row.progress.measurable and not row.progress.binary:
            late = ", ".join(item.late_parts)
            document.add_paragraph(
                f"Utfört hittills {item.counted} av {item.target}. "
                f"Under rapportperioden: {item.in_period}."
                + (f" Efter plan: {late}." if late else "")
            )
        if item.buckets:
            add_data_table(
                document,
                ["Del", "Utfört", "Mål", "Status"],
                [
                    [b.label, str(b.done), str(b.target), b.label_status]
                    for b in item.buckets
                ],
            )
        if item.kinds:
            document.add_paragraph(
                t(
                    "Aktiviteter: "
                    + "; ".join(
                        # The document is Swedish throughout (as its other text).
                        f"{k.kind} {k.quantity} ({k.count} "
                        f"{'post' if k.count == 1 else 'poster'})"
                        for k in item.kinds
                    )
                    + "."
                )
            )
        if item.assessment:
            document.add_paragraph(t(f"Bedömning: {item.assessment}"))

    document.add_heading("Process: genomförande", level=1)
    totals = context["totals"]
    document.add_paragraph(
        f"{totals['n']} aktiviteter, {totals['hours'] or 0} timmar, "
        f"{totals['cost'] or 0} kr."
    )
    if report.process:
        document.add_paragraph(t(report.process))
    for item in context["items"]:
        if item.not_done:
            document.add_paragraph(
                t(f"Åtagande {item.row.number} – inte genomfört: {item.not_done}")
            )

    document.add_heading("Effekt: lägesbilden", level=1)
    effect: Effect = context["effect"]
    if not effect.has_data:
        document.add_paragraph("Ingen lägesbildsdata ännu.")
    else:
        rows = []
        for indicator in effect.indicators:
            row = [indicator.label]
            for value, period in (
                (indicator.baseline, indicator.baseline_period),
                (indicator.current, indicator.current_period),
            ):
                shown = "–" if value is None else f"{value} {indicator.unit}".strip()
                row.append(f"{shown} ({period})" if period else shown)
            rows.append(row)
        add_data_table(document, ["Indikator", "Före löftet", "Nu"], rows)
    if report.effect:
        document.add_paragraph(t(report.effect))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_response(*, report: Report) -> HttpResponse:
    return file_response(report_docx_bytes(report=report), _filename(report, "docx"))
