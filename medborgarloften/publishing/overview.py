"""The national overview: how many kommuner have a current promise, which themes the
promises address year by year, how measurable the commitments are, and whether the
follow-up reports came as promised — read in a fixed number of queries, with inline
SVG charts drawn here (each shown beside a table with the same figures)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from medborgarloften.followup.models import Report, ReportKind
from medborgarloften.followup.progress import report_due_dates
from medborgarloften.places.models import County, Organisation
from medborgarloften.promises.models import (
    Commitment,
    FocusArea,
    Promise,
    PromiseStatus,
)
from medborgarloften.vocabulary import THEMES


@dataclass(frozen=True)
class ThemeRow:
    code: str
    label: str
    promises: int
    percent: int


@dataclass(frozen=True)
class ThemeYears:
    label: str
    counts: list[int]


@dataclass(frozen=True)
class YearRow:
    year: int
    promises: int
    commitments: int
    measurable: int

    @property
    def measurable_percent(self) -> int:
        return _percent(self.measurable, self.commitments)


@dataclass
class Overview:
    county: County | None
    year_from: int | None
    year_to: int | None
    on: date
    kommuner_total: int = 0
    kommuner_with_current: int = 0
    promises: int = 0
    themes: list[ThemeRow] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    theme_years: list[ThemeYears] = field(default_factory=list)
    year_rows: list[YearRow] = field(default_factory=list)
    commitments: int = 0
    measurable: int = 0
    promises_with_plan: int = 0
    reports_promised: int = 0
    reports_due: int = 0
    reports_published: int = 0
    reports_published_of_due: int = 0
    promises_on_schedule: int = 0
    promises_due: int = 0

    @property
    def current_percent(self) -> int:
        return _percent(self.kommuner_with_current, self.kommuner_total)

    @property
    def measurable_percent(self) -> int:
        return _percent(self.measurable, self.commitments)

    @property
    def reports_percent(self) -> int:
        return _percent(self.reports_published_of_due, self.reports_due)

    @property
    def themes_chart(self) -> SafeString:
        return bar_chart(
            [(gettext(row.label), row.promises) for row in self.themes],
            title_id="themes-chart-title",
            title=gettext("Antal löften per tema"),
        )

    @property
    def themes_years_chart(self) -> SafeString:
        return line_chart(
            self.years,
            [(gettext(row.label), row.counts) for row in self.theme_years[:6]],
            title_id="theme-years-chart-title",
            title=gettext("Löften per tema och startår, de vanligaste temana"),
        )

    @property
    def measurable_chart(self) -> SafeString:
        return bar_chart(
            [(str(row.year), row.measurable_percent) for row in self.year_rows],
            title_id="measurable-chart-title",
            title=gettext("Andel mätbara åtaganden per startår, procent"),
            maximum=100,
            suffix=" %",
        )


def _percent(part: int, whole: int) -> int:
    """Whole percent, but never 0 % of something nor 100 % of less than all: 1 of
    290 kommuner is "1 %", 289 of 290 is "99 %"."""
    if not whole:
        return 0
    percent = round(100 * part / whole)
    if part and not percent:
        return 1
    if part < whole and percent == 100:
        return 99
    return percent


def reports_due(
    promised: int, start: date | None, end: date | None, on: date
) -> int | None:
    """How many of ``promised`` reports should be out by ``on``: those whose due
    date (``report_due_dates``, the follow-up's one rule, as the promise page's
    "Redovisningen ligger efter plan") has passed; None when the period is unknown
    (then nothing can be owed)."""
    if start is None or end is None:
        return None
    return sum(1 for due in report_due_dates(start, end, promised) if due < on)


CACHE_SECONDS = 600


def national_overview_cached(
    *,
    county: County | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    on: date | None = None,
) -> Overview:
    """``national_overview`` kept in the cache under a key that changes whenever a
    promise, report or kommun changes (latest ``updated_at`` and count, three
    cheap queries), so the page never shows figures older than the data."""
    on = on or timezone.localdate()
    promises = Promise.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
    reports = Report.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
    kommuner = Organisation.objects.kommuner().aggregate(n=Count("pk"), last=Max("pk"))
    key = "publishing:overview:" + ":".join(
        str(part)
        for part in (
            county.code if county else "",
            year_from,
            year_to,
            on.isoformat(),
            promises["n"],
            promises["at"] and promises["at"].timestamp(),
            reports["n"],
            reports["at"] and reports["at"].timestamp(),
            kommuner["n"],
            kommuner["last"],
        )
    )
    result = cache.get(key)
    if result is None:
        result = national_overview(
            county=county, year_from=year_from, year_to=year_to, on=on
        )
        cache.set(key, result, CACHE_SECONDS)
    return result


def national_overview(
    *,
    county: County | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    on: date | None = None,
) -> Overview:
    """The overview for public promises whose period starts within the years (all
    when unset), of kommuner in ``county`` (all when None); in eight queries."""
    on = on or timezone.localdate()
    if year_to is not None and year_to < on.year:
        on = date(year_to, 12, 31)
    result = Overview(county=county, year_from=year_from, year_to=year_to, on=on)

    kommuner = Organisation.objects.kommuner().exclude(code="")
    promises = Promise.objects.public()
    if county is not None:
        kommuner = kommuner.filter(county=county)
        promises = promises.filter(
            parties__in=Organisation.objects.kommuner().filter(county=county)
        ).distinct()
    if year_from is not None:
        promises = promises.filter(period_start__year__gte=year_from)
    if year_to is not None:
        promises = promises.filter(period_start__year__lte=year_to)

    result.kommuner_total = kommuner.count()
    current = Promise.objects.public().filter(status=PromiseStatus.PUBLISHED)
    result.kommuner_with_current = (
        kommuner.filter(promises__in=current.current(on)).distinct().count()
    )

    ids = promises.values("pk")
    rows = list(
        Promise.objects.filter(pk__in=ids).values_list(
            "pk", "period_start", "period_end", "themes", "reports_per_period"
        )
    )
    result.promises = len(rows)
    themes: dict[int, set[str]] = {pk: set(t or []) for pk, _s, _e, t, _r in rows}
    for promise_id, codes in FocusArea.objects.filter(promise__in=ids).values_list(
        "promise_id", "themes"
    ):
        themes[promise_id].update(codes or [])
    per_promise: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for promise_id, codes, quantity, per, deadline in Commitment.objects.filter(
        promise__in=ids
    ).values_list(
        "promise_id", "themes", "target_quantity", "target_per", "target_deadline"
    ):
        themes[promise_id].update(codes or [])
        per_promise[promise_id][0] += 1
        # The same rule as Commitment.measurable: a checkable target.
        per_promise[promise_id][1] += int(bool(quantity is not None or per or deadline))
    published = dict(
        Report.objects.published()
        .filter(kind=ReportKind.FOLLOW_UP, promise__in=ids)
        .values("promise")
        .annotate(n=Count("pk"))
        .values_list("promise", "n")
    )

    # Themes, overall and per start year.
    overall: Counter[str] = Counter()
    by_year: dict[int, Counter[str]] = defaultdict(Counter)
    year_totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for pk, start, end, _themes, promised in rows:
        codes = {code for code in themes[pk] if code in THEMES}
        overall.update(codes)
        if start is not None:
            by_year[start.year].update(codes)
            year_totals[start.year][0] += 1
            year_totals[start.year][1] += per_promise[pk][0]
            year_totals[start.year][2] += per_promise[pk][1]
        result.commitments += per_promise[pk][0]
        result.measurable += per_promise[pk][1]
        # Reports: promised, owed by now, published.
        count = published.get(pk, 0)
        result.reports_published += count
        if promised:
            result.promises_with_plan += 1
            result.reports_promised += promised
            due = reports_due(promised, start, end, on)
            if due is not None:
                result.reports_due += due
                result.reports_published_of_due += min(count, due)
                if due:
                    result.promises_due += 1
                    result.promises_on_schedule += int(count >= due)
    result.themes = [
        ThemeRow(code, THEMES[code], n, _percent(n, result.promises))
        for code, n in sorted(overall.items(), key=lambda kv: (-kv[1], THEMES[kv[0]]))
    ]
    result.years = sorted(by_year)
    result.theme_years = [
        ThemeYears(row.label, [by_year[year][row.code] for year in result.years])
        for row in result.themes
    ]
    result.year_rows = [
        YearRow(year, *year_totals[year]) for year in sorted(year_totals)
    ]
    return result


# --- Charts -------------------------------------------------------------------------
# Plain SVG, no script: each has a <title>, and the page shows a table with the same
# figures beside it, so nothing is told by the chart alone.

_COLOURS = ["#1d5a8c", "#b2472c", "#2f7d32", "#6a3d9a", "#8a6d00", "#4a4a4a"]
_DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 4", "10 4"]


def bar_chart(
    rows: list[tuple[str, int]],
    *,
    title_id: str,
    title: str,
    maximum: int | None = None,
    suffix: str = "",
) -> SafeString:
    """Horizontal bars, one per row: the row's name above its bar, the value beside
    it, in a narrow drawing that a phone shows near its own size (text about 15 px,
    never cut); the figures are also its text alternative (``<desc>``)."""
    if not rows:
        return mark_safe("")
    width, bar_width, row_height = 360, 290, 44
    top = max([value for _label, value in rows] + [maximum or 0, 1])
    height = row_height * len(rows) + 4
    desc = "; ".join(f"{label}: {value}{suffix}" for label, value in rows)
    parts = [
        f'<svg class="chart chart-bars" role="img" aria-labelledby="{escape(title_id)}" '
        f'aria-describedby="{escape(title_id)}-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'preserveAspectRatio="xMinYMin meet">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(title_id)}-desc">{escape(desc)}</desc>',
    ]
    for index, (label, value) in enumerate(rows):
        y = 2 + index * row_height
        bar = round(bar_width * value / top)
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="15" fill="#1a1a1a">'
            f"{escape(label)}</text>"
            f'<rect x="0" y="{y + 21}" width="{bar}" height="16" '
            f'fill="{_COLOURS[0]}"></rect>'
            f'<text x="{bar + 6}" y="{y + 35}" font-size="15" '
            f'fill="#1a1a1a">{value}{escape(suffix)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text escaped above


def line_chart(
    years: list[int],
    series: list[tuple[str, list[int]]],
    *,
    title_id: str,
    title: str,
) -> SafeString:
    """One line per series over the years; colour and dash pattern both differ,
    and each line is named at its end."""
    if len(years) < 2 or not series:
        return mark_safe("")
    left, right, top_pad, plot_w, plot_h = 40, 230, 10, 420, 200
    top = max(max(counts) for _label, counts in series) or 1
    step = plot_w / (len(years) - 1)

    def point(i: int, value: int) -> tuple[float, float]:
        return left + i * step, top_pad + plot_h - plot_h * value / top

    desc = "; ".join(
        f"{label}: "
        + ", ".join(f"{year} {n}" for year, n in zip(years, counts, strict=True))
        for label, counts in series
    )
    parts = [
        f'<svg class="chart chart-lines" role="img" '
        f'aria-labelledby="{escape(title_id)}" '
        f'aria-describedby="{escape(title_id)}-desc" '
        f'viewBox="0 0 {left + plot_w + right} {top_pad + plot_h + 30}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(title_id)}-desc">{escape(desc)}</desc>',
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" '
        f'y2="{top_pad + plot_h}" stroke="#595959"></line>',
        f'<text x="{left - 6}" y="{top_pad + 5}" text-anchor="end" font-size="12" '
        f'fill="#1a1a1a">{top}</text>',
        f'<text x="{left - 6}" y="{top_pad + plot_h}" text-anchor="end" '
        f'font-size="12" fill="#1a1a1a">0</text>',
    ]
    for i, year in enumerate(years):
        x, _y = point(i, 0)
        parts.append(
            f'<text x="{x:.1f}" y="{top_pad + plot_h + 20}" text-anchor="middle" '
            f'font-size="12" fill="#1a1a1a">{year}</text>'
        )
    # Line names at the right end, pushed apart so they never overlap.
    ends = sorted(
        (point(len(counts) - 1, counts[-1])[1], index)
        for index, (_label, counts) in enumerate(series)
    )
    label_y: dict[int, float] = {}
    previous = -100.0
    for y, index in ends:
        previous = max(y + 4, previous + 14)
        label_y[index] = previous
    for index, (label, counts) in enumerate(series):
        colour = _COLOURS[index % len(_COLOURS)]
        dash = _DASHES[index % len(_DASHES)]
        points = " ".join(
            "{:.1f},{:.1f}".format(*point(i, v)) for i, v in enumerate(counts)
        )
        end_x, _end_y = point(len(counts) - 1, counts[-1])
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attr}></polyline>'
            f'<text x="{end_x + 6:.1f}" y="{label_y[index]:.1f}" '
            f'font-size="12" fill="{colour}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text escaped above
