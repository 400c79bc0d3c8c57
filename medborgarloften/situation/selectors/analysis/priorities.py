"""Ranked priorities: where the lägesbild says to act first."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.lib.numbers import format_number
from medborgarloften.places.models import Area, Organisation
from medborgarloften.vocabulary import THEMES

from ...models import (
    DialogueFinding,
    ObservationCount,
    SurveyIndicator,
)
from ...periods import Period
from ...themes import OBSERVATION_THEMES
from .areas import (
    _area_counts,
    _kommun_share,
    _latest_survey_year,
    _survey_totals,
)
from .figures import (
    MIN_GROUP,
)
from .trends import (
    crime_rates,
)

# --- priorities --------------------------------------------------------------------


@dataclass
class Priority:
    """A suggested focus: a theme, maybe in an area, and the evidence behind it."""

    theme: str
    area: Area | None
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)

    @property
    def theme_label(self) -> str:
        return _(THEMES[self.theme]) if self.theme in THEMES else self.theme

    @property
    def title(self) -> str:
        if self.area is not None:
            return f"{self.theme_label} i {self.area.name}"
        return self.theme_label

    @property
    def key(self) -> str:
        return f"{self.theme}:{self.area.pk if self.area else ''}"


def priorities(
    *,
    kommun: Organisation,
    period: Period,
    limit: int = 10,
    memo: dict | None = None,
) -> list[Priority]:
    """Rank theme × area by the evidence: reports above the area average and rising,
    survey shares above the kommun's, dialogue findings, crime rates rising. Each
    point of the score comes with a sentence saying why; small groups give no
    figures and no points."""
    areas = {a.pk: a for a in Area.objects.filter(kommun=kommun)}
    found: dict[tuple[str, int | None], Priority] = {}

    def get(theme: str, area_id: int | None) -> Priority:
        key = (theme, area_id)
        if key not in found:
            found[key] = Priority(
                theme=theme, area=areas.get(area_id) if area_id else None
            )
        return found[key]

    # Reports per area and theme against the average area, and the trend.
    now: dict[tuple[str, int | None], int] = defaultdict(int)
    before: dict[tuple[str, int | None], int] = defaultdict(int)
    for (area_id, category), n in _area_counts(kommun, period, memo).items():
        now[(OBSERVATION_THEMES.get(category, "annat"), area_id)] += n
    for (area_id, category), n in _area_counts(kommun, period.previous(), memo).items():
        before[(OBSERVATION_THEMES.get(category, "annat"), area_id)] += n
    per_theme: dict[str, int] = defaultdict(int)
    for (theme, area_id), n in now.items():
        if area_id is not None:
            per_theme[theme] += n
    for (theme, area_id), n in now.items():
        if area_id is None or n < MIN_GROUP or theme == "annat":
            continue
        average = per_theme[theme] / max(len(areas), 1)
        ratio = n / average if average else 0
        item = get(theme, area_id)
        if ratio > 1:
            item.score += min(3.0, ratio - 1) + 1
            item.evidence.append(
                ngettext(
                    "%(n)d rapport under %(period)s, %(ratio)s gånger snittet per område.",
                    "%(n)d rapporter under %(period)s, %(ratio)s gånger snittet per område.",
                    n,
                )
                % {
                    "n": n,
                    "period": period.label,
                    "ratio": format_number(ratio, 1),
                }
            )
        previous = before.get((theme, area_id), 0)
        if previous >= MIN_GROUP and n >= 1.25 * previous:
            item.score += 0.5
            item.evidence.append(
                _("Ökning från %(a)d till %(b)d rapporter jämfört med %(prev)s.")
                % {"a": previous, "b": n, "prev": period.previous().label}
            )
    # Survey shares above the kommun's.
    year = _latest_survey_year(kommun, period.start.year)
    totals = _survey_totals(kommun, year)
    labels = dict(SurveyIndicator.choices)
    for (area_id, indicator), row in totals.items():
        if area_id is None or (
            row.respondents is not None and row.respondents < MIN_GROUP
        ):
            continue
        kommun_share = _kommun_share(totals, indicator)
        if not kommun_share.shown:
            continue
        diff = row.share - (kommun_share.value or 0)
        if diff >= 5:
            item = get("trygghet_offentlig_miljo", area_id)
            item.score += diff / 10
            item.evidence.append(
                _(
                    "Trygghetsmätningen %(year)d: %(label)s %(share)s %% mot %(kommun)s %% i hela kommunen."
                )
                % {
                    "year": year,
                    "label": str(labels[indicator]).lower(),
                    "share": format_number(row.share, 0),
                    "kommun": format_number(kommun_share.value, 0),
                }
            )
    # Dialogue findings within the year up to the end of the period.
    findings = (
        DialogueFinding.objects.filter(
            dialogue__kommun=kommun,
            dialogue__held_on__lt=period.end,
            dialogue__held_on__gte=period.end.replace(year=period.end.year - 1),
        )
        .values_list("theme", "area_id", "dialogue__kind")
        .order_by()
    )
    per_key: dict[tuple[str, int | None], list[str]] = defaultdict(list)
    for theme, area_id, kind in findings:
        per_key[(theme, area_id)].append(kind)
    for (theme, area_id), kinds in per_key.items():
        if theme == "annat":
            continue
        item = get(theme, area_id)
        item.score += min(2.0, 0.5 * len(kinds))
        item.evidence.append(
            ngettext(
                "%(n)d iakttagelse i dialoger (%(kinds)s).",
                "%(n)d iakttagelser i dialoger (%(kinds)s).",
                len(kinds),
            )
            % {"n": len(kinds), "kinds": ", ".join(sorted(set(kinds)))}
        )
    # Crime rates rising for the kommun as a whole.
    for rate in crime_rates(kommun=kommun, year=period.start.year):
        if (
            rate["change"] is not None
            and rate["change"] >= 10
            and rate["theme"] != "annat"
        ):
            item = get(rate["theme"], None)
            item.score += 1
            item.evidence.append(
                _(
                    "Anmälda brott (%(category)s) ökade %(change)d %% till %(rate)s per 100 000 invånare."
                )
                % {
                    "category": rate["category"],
                    "change": rate["change"],
                    "rate": format_number(rate["now"].rate_per_100k, 0),
                }
            )
    ranked = [p for p in found.values() if p.score > 0]
    ranked.sort(key=lambda p: (-p.score, p.title))
    return ranked[:limit]


def priority_by_key(
    *, kommun: Organisation, period: Period, key: str
) -> Priority | None:
    for item in priorities(kommun=kommun, period=period, limit=50):
        if item.key == key:
            return item
    return None


def national_counts(
    *, months: list[int] | None = None
) -> dict[tuple[int, int, str], int]:
    """Observations per kommun × month × category across the installation, from
    the rollup (kommun × month × area × category, kept exact by triggers) summed
    over areas: its rows are a few per cent of the observations'."""
    queryset = ObservationCount.objects.all()
    if months:
        queryset = queryset.filter(month__in=months)
    result: dict[tuple[int, int, str], int] = defaultdict(int)
    for kommun_id, month, category, n in queryset.values_list(
        "kommun_id", "month", "category", "n"
    ).order_by():
        result[(kommun_id, month, category)] += n
    return dict(result)
