"""The lägesbild map: the kommun outline, its areas shaded by a chosen indicator, and
the reported points — inline SVG from GeoJSON, no tile server, no JavaScript."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.lib.numbers import format_number
from medborgarloften.places.maps import area_feature, map_config
from medborgarloften.places.models import Area, Organisation
from medborgarloften.places.overlays import overlay_layers

from .. import geo
from ..crime_categories import category_label
from ..models import (
    ALL_AGES,
    CrimeStatistic,
    Gender,
    Observation,
    ObservationCategory,
    SurveyAnswer,
    SurveyIndicator,
    SurveyResult,
)
from ..periods import Period
from .analysis import Figure, count_figure, share_figure
from .analysis.area_crime import AreaCrime, area_crime
from .analysis.areas import _area_counts
from .map_labels import focus_box, label_place

#: Light to dark blue, each step readable against white borders (5 classes).
SHADES = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
SUPPRESSED_FILL = "url(#hatch)"
NO_DATA_FILL = "#f3f4f7"
MAX_POINTS = 2000


def indicator_choices(kommun: Organisation | None = None) -> list[tuple[str, str]]:
    """What the map can be shaded by; with ``kommun``, also its imported crime
    categories per area."""
    choices = [("rapporter", _("EST-rapporter, alla kategorier"))]
    choices += [
        (f"rapporter:{code}", _("EST-rapporter: %(label)s") % {"label": label})
        for code, label in ObservationCategory.choices
    ]
    choices += [
        (f"enkat:{code}", _("Trygghetsmätning: %(label)s") % {"label": label})
        for code, label in SurveyIndicator.choices
    ]
    if kommun is not None:
        categories = (
            CrimeStatistic.objects.filter(kommun=kommun, area__isnull=False)
            .values_list("category", flat=True)
            .distinct()
        )
        choices += [
            (
                f"brott:{category}",
                _("Anmälda brott: %(label)s") % {"label": category_label(category)},
            )
            for category in sorted(set(categories), key=str.casefold)
        ]
    return choices


@dataclass
class MapShape:
    area: Area
    path: str
    figure: Figure
    fill: str
    label: str
    #: Where the area's name is written; None when the area is too small for it.
    name_at: tuple[float, float] | None = None


@dataclass
class MapData:
    width: int
    height: int
    outline: str
    shapes: list[MapShape]
    points: list[dict[str, Any]]
    legend: list[dict[str, str]]
    indicator: str
    indicator_label: str
    unit: str
    areas_without_geometry: list[str] = field(default_factory=list)
    points_left_out: int = 0
    #: The area the map is zoomed to (``focus``), if any.
    focus: Area | None = None
    #: Whether the page takes ``?omrade=`` (the list links zoom to an area).
    zoom_links: bool = False

    @property
    def unnamed(self) -> list[str]:
        """Areas drawn too small for their name: the list beside the map names them."""
        return [s.area.name for s in self.shapes if s.name_at is None]

    @property
    def any_suppressed(self) -> bool:
        """Whether the legend needs the hatched 'fewer than 5' key."""
        return any(shape.figure.suppressed for shape in self.shapes)

    @property
    def points_svg(self) -> str:
        """The points as SVG circles, escaped: one join instead of a template loop
        over up to 2 000 points."""
        return mark_safe(  # noqa: S308  (numbers, and a title escaped here)
            "".join(
                f'<circle cx="{p["x"]}" cy="{p["y"]}" r="5" fill="{p.get("colour", "#a4161a")}" '
                f'stroke="#fff" stroke-width="1.5" class="map-point">'
                f"<title>{escape(p['title'])}</title></circle>"
                for p in self.points
            )
        )


def _values(
    kommun: Organisation,
    period: Period,
    indicator: str,
    memo: dict | None,
    exact_counts: bool = False,
) -> tuple[dict[int, Figure], str]:
    if indicator.startswith("brott:"):
        crime = _crime(kommun, period, indicator)
        return {
            row.area.pk: Figure(value=value, base=None)
            for row in crime.rows
            if (value := crime.value(row)) is not None
        }, crime.unit
    if indicator.startswith("enkat:"):
        code = indicator.split(":", 1)[1]
        year_row = (
            SurveyResult.objects.filter(
                kommun=kommun, indicator=code, year__lte=period.start.year
            )
            .order_by("-year")
            .values_list("year", flat=True)[:1]
        )
        if not year_row:
            return {}, "%"
        rows = SurveyResult.objects.filter(
            kommun=kommun,
            indicator=code,
            year=year_row[0],
            gender=Gender.ALLA,
            age_group=ALL_AGES,
            area__isnull=False,
        )
        return {
            r.area_id: share_figure(r.share, r.respondents)
            for r in rows
            if r.area_id is not None
        }, "%"
    wanted = indicator.split(":", 1)[1] if ":" in indicator else None
    counts: dict[int, int] = {}
    for (area_id, category), n in _area_counts(kommun, period, memo).items():
        if area_id is not None and (wanted is None or category == wanted):
            counts[area_id] = counts.get(area_id, 0) + n
    if exact_counts:
        return {area_id: Figure(value=n, base=n) for area_id, n in counts.items()}, _(
            "rapporter"
        )
    return {area_id: count_figure(n) for area_id, n in counts.items()}, _("rapporter")


def _crime(kommun: Organisation, period: Period, indicator: str) -> AreaCrime:
    return area_crime(
        kommun=kommun, year=period.start.year, category=indicator.split(":", 1)[1]
    )


def _shape_label(value: float, unit: str) -> str:
    if unit == "%":
        return f"{format_number(value, 0)} %"
    if unit == _("rapporter"):
        n = round(value)
        return ngettext("%(n)d rapport", "%(n)d rapporter", n) % {"n": n}
    decimals = 0 if float(value).is_integer() or value >= 100 else 1
    return f"{format_number(value, decimals)} {unit}"


def _shade(value: float, low: float, high: float) -> str:
    if high <= low:
        return SHADES[2]
    # A value below the lowest shown one (an area with no reports when every other
    # area has some) takes the lightest shade, not an index below zero.
    step = (value - low) / (high - low)
    return SHADES[max(0, min(len(SHADES) - 1, int(step * len(SHADES))))]


def area_map(
    *,
    kommun: Organisation,
    period: Period,
    indicator: str = "rapporter",
    memo: dict | None = None,
    exact_counts: bool = False,
    focus: str = "",
) -> MapData:
    """Areas shaded by the indicator (suppressed ones hatched, never coloured by
    their value) and the period's reported points on top.

    ``exact_counts``: counts of EST reports are shown as they are, also 1–4 — for
    the kommun's own staff, who read the same reports in the weekly list and the
    summary. Pages that may be published (the lägesbild document, its analysis)
    keep the default, which hides 1–4. Survey shares are hidden below five
    respondents either way: there a small group can reveal a person's answer."""
    choices = dict(indicator_choices(kommun))
    if indicator not in choices:
        indicator = "rapporter"
    areas = list(Area.objects.filter(kommun=kommun).order_by("name"))
    outline_geometry = geo.kommun_geometry(kommun.code)
    drawn = [a for a in areas if a.geometry]
    focused = next((a for a in drawn if str(a.pk) == focus), None)
    # Zoom to the chosen area, else to the areas, else to the kommun outline.
    projection = geo.Projection(
        [focus_box(focused.geometry)]
        if focused and focused.geometry
        else [a.geometry for a in drawn]
        if drawn
        else [outline_geometry]
    )
    values, unit = _values(kommun, period, indicator, memo, exact_counts)
    shown = [f.value for f in values.values() if f.shown and f.value is not None]
    low, high = (min(shown), max(shown)) if shown else (0.0, 0.0)
    if exact_counts and unit == _("rapporter"):
        low = 0.0  # every count is shown: an area with none is the lightest
    # Crime rates: one area far above the rest (the town centre) would leave every
    # other area in the lightest of equal spans; quintiles keep them apart.
    breaks = _quantile_breaks(shown) if indicator.startswith("brott:") else []
    shapes = []
    for area in drawn:
        counted = unit == _("rapporter")
        figure = values.get(area.pk, Figure(value=0 if counted else None))
        if figure.suppressed:
            fill, label = SUPPRESSED_FILL, _("färre än %(n)d") % {"n": 5}
        elif figure.value is None:
            fill, label = NO_DATA_FILL, _("uppgift saknas")
        else:
            fill = (
                _quantile_shade(figure.value, breaks)
                if breaks
                else _shade(figure.value, low, high)
            )
            label = _shape_label(figure.value, unit)
        shapes.append(
            MapShape(
                area=area,
                path=projection.path(area.geometry),
                figure=figure,
                fill=fill,
                label=label,
                name_at=label_place(
                    area.geometry, area.name, projection, chosen=area == focused
                ),
            )
        )
    start, end = period.aware_bounds()
    located = Observation.objects.filter(
        kommun=kommun,
        observed_at__gte=start,
        observed_at__lt=end,
        latitude__isnull=False,
    )
    if indicator.startswith("rapporter:"):
        located = located.filter(category=indicator.split(":", 1)[1])
    # Plain tuples and one label lookup: model instances and get_FOO_display() cost
    # more than the query for 2 000 points.
    rows = list(
        located.order_by("-observed_at").values_list(
            "longitude", "latitude", "category", "observed_at"
        )[: MAX_POINTS + 1]
    )
    total_points = len(rows) if len(rows) <= MAX_POINTS else located.count()
    labels = {code: str(label) for code, label in ObservationCategory.choices}
    zone = timezone.get_current_timezone()
    points = []
    for longitude, latitude, category, observed_at in rows[:MAX_POINTS]:
        if (
            longitude is None
            or latitude is None
            or not projection.contains_point(longitude, latitude)
        ):
            continue
        x, y = projection.point(longitude, latitude)
        local = observed_at.astimezone(zone)
        points.append(
            {
                "x": x,
                "y": y,
                "lat": latitude,
                "lon": longitude,
                "title": f"{labels.get(category, category)}, {local:%Y-%m-%d %H:%M}",
            }
        )
    if indicator == "rapporter":
        points += _place_answer_points(kommun, period, projection)
    legend = (
        _quantile_legend(breaks, low, high)
        if breaks
        else _legend(shown, low, high, unit)
    )
    return MapData(
        width=projection.width,
        height=projection.height,
        outline=projection.path(outline_geometry) if outline_geometry else "",
        shapes=shapes,
        points=points,
        legend=legend,
        indicator=indicator,
        indicator_label=_indicator_label(kommun, period, indicator, choices, unit),
        unit=unit,
        areas_without_geometry=[a.name for a in areas if not a.geometry],
        points_left_out=max(0, total_points - MAX_POINTS),
        focus=focused,
    )


def _indicator_label(
    kommun: Organisation,
    period: Period,
    indicator: str,
    choices: dict[str, str],
    unit: str,
) -> str:
    """The choice's name; for crime also the year shown and the unit."""
    label = choices[indicator]
    if indicator.startswith("brott:"):
        year = _crime(kommun, period, indicator).year
        if year:
            label = f"{label}, {year} ({unit})"
    return label


def _quantile_breaks(shown: list[float]) -> list[float]:
    """The upper bounds of five classes with (about) as many areas each; [] when
    there are too few distinct values for five classes."""
    values = sorted(shown)
    if len(set(values)) <= len(SHADES):
        return []
    n = len(values)
    return [values[min(n - 1, (n * (i + 1)) // len(SHADES) - 1)] for i in range(5)]


def _quantile_shade(value: float, breaks: list[float]) -> str:
    for index, upper in enumerate(breaks):
        if value <= upper:
            return SHADES[index]
    return SHADES[-1]


def _quantile_legend(breaks: list[float], low: float, high: float) -> list[dict]:
    lower = [low, *breaks[:-1]]
    return [
        {
            "fill": SHADES[index],
            "label": format_number(start, 0) + "–" + format_number(end, 0),
        }
        for index, (start, end) in enumerate(
            zip(lower, [*breaks[:-1], high], strict=True)
        )
    ]


def _legend(shown: list[float], low: float, high: float, unit: str) -> list[dict]:
    """The shade classes: one per count when there are no more counts than shades
    (never '1–1' five times), else five equal spans."""
    if not shown:
        return []
    if high <= low:
        return [{"fill": _shade(low, low, high), "label": format_number(low, 0)}]
    if unit != "%" and high - low < len(SHADES):
        values = range(round(low), round(high) + 1)
        return [
            {"fill": _shade(v, low, high), "label": format_number(v)} for v in values
        ]
    span = (high - low) / len(SHADES)
    return [
        {
            "fill": colour,
            "label": format_number(low + index * span, 0)
            + "–"
            + format_number(low + (index + 1) * span, 0),
        }
        for index, colour in enumerate(SHADES)
    ]


def _place_answer_points(
    kommun: Organisation, period: Period, projection: Any
) -> list[dict[str, Any]]:
    """Points residents marked for the kommun's survey place questions in the
    period: the point and the question only (the words stay in the survey's
    results)."""
    rows = (
        SurveyAnswer.objects.filter(
            response__survey__kommun=kommun,
            response__submitted_on__gte=period.start,
            response__submitted_on__lt=period.end,
            latitude__isnull=False,
            longitude__isnull=False,
        )
        .order_by("-response__submitted_on", "-id")
        .values_list("longitude", "latitude", "question__text", "area__name")[
            :MAX_POINTS
        ]
    )
    points = []
    for longitude, latitude, question, area in rows:
        if not projection.contains_point(longitude, latitude):
            continue
        x, y = projection.point(longitude, latitude)
        title = _("Enkät: %(q)s") % {"q": question}
        if area:
            title += f" ({area})"
        points.append(
            {
                "x": x,
                "y": y,
                "lat": latitude,
                "lon": longitude,
                "title": title,
                "colour": PLACE_ANSWER_COLOUR,
            }
        )
    return points


#: Survey place answers on the map, apart from the reports' red.
PLACE_ANSWER_COLOUR = "#6a3d9a"


def area_map_component(*, kommun: Organisation, data: MapData) -> dict[str, Any]:
    """The same map for the interactive component (places.maps): the areas shaded
    as in the SVG (suppressed ones grey, never coloured by their value), the points
    by their position."""
    features = [
        area_feature(
            shape.area,
            label=shape.label,
            fill=NO_DATA_FILL if shape.fill == SUPPRESSED_FILL else shape.fill,
        )
        for shape in data.shapes
    ]
    points = [
        {
            "lat": p["lat"],
            "lon": p["lon"],
            "title": p["title"],
            **({"colour": p["colour"]} if p.get("colour") else {}),
        }
        for p in data.points
    ]
    return map_config(
        title=_("Karta över %(name)s: %(label)s")
        % {"name": kommun, "label": data.indicator_label},
        kommun_code=kommun.code,
        areas=[shape.area for shape in data.shapes],
        features=features,
        points=points,
        focus=[data.focus.name] if data.focus else [],
        overlays=overlay_layers(kommun=kommun),
        labels=True,
    ).as_json()
