"""Imports of survey results and crime statistics from CSV/XLSX.

Every row is checked first and each problem is reported with its row number; a file
with any error saves nothing. Rows are keyed by what they describe (area, year, group,
indicator or category), so importing the same file twice replaces, never adds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.lib.access import recorded_actor
from medborgarloften.lib.numbers import format_number
from medborgarloften.places.lookup import AreaIndex, KommunIndex, fold
from medborgarloften.places.models import Area, Organisation

from ..crime_categories import CRIME_TOTAL
from ..models import (
    ALL_AGES,
    CrimeStatistic,
    Gender,
    ImportBatch,
    SurveyIndicator,
    SurveyResult,
)
from ..tabular import parse_number, read_table
from ..themes import theme_for_words
from .population import _population_table, known_population, population
from .survey_totals import survey_totals_refresh
from .table_rows import (
    _cell,
    _column,
    _Errors,
    _missing_columns,
    _names,
    _row_area,
    _row_choice,
    _row_number,
    _row_year,
)
from .undo import remember

__all__ = [
    "_population_table",
    "ImportRefused",
    "ImportSummary",
    "crime_import",
    "population",
    "survey_import",
]

WHOLE_KOMMUN = {"", "hela kommunen", "kommunen", "totalt", "alla områden", "samtliga"}


class ImportRefused(Exception):
    """The file was not imported; ``messages`` says why, row by row."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class ImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    batch_id: int | None = None
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return _("%(rows)s: %(created)s, %(updated)s.") % {
            "rows": ngettext("%d rad", "%d rader", self.rows) % self.rows,
            "created": ngettext("%d ny", "%d nya", self.created) % self.created,
            "updated": ngettext("%d ersatt", "%d ersatta", self.updated) % self.updated,
        }


def batch_open(
    *, kind: str, filename: str, data: bytes, source: str, actor: Any
) -> ImportBatch:
    """The batch an import's rows point to: the file, its hash and who sent it."""
    return ImportBatch.objects.create(
        kind=kind,
        filename=filename,
        sha256=_sha256(data),
        source=source,
        imported_by=recorded_actor(actor),
    )


def _batch_start(
    errors: _Errors,
    rows: int,
    kind: str,
    filename: str,
    data: bytes,
    source: str,
    actor: Any,
) -> tuple[ImportBatch, ImportSummary]:
    """Refuse the whole file when any row had an error; else open its batch
    (:func:`batch_open`) and the summary of its ``rows`` rows."""
    if errors:
        raise ImportRefused(list(errors))
    batch = batch_open(
        kind=kind, filename=filename, data=data, source=source, actor=actor
    )
    return batch, ImportSummary(rows=rows, batch_id=batch.pk)


def batch_close(
    batch: ImportBatch, summary: ImportSummary, *, dry_run: bool
) -> ImportSummary:
    """Keep the counts on the batch; a dry run rolls the whole import back."""
    batch.rows, batch.created, batch.updated = (
        summary.rows,
        summary.created,
        summary.updated,
    )
    batch.save(update_fields=["rows", "created", "updated", "replaced"])
    if dry_run:
        transaction.set_rollback(True)
    return summary


def _area_lookup(kommun: Organisation) -> Callable[[str], Area | None | bool]:
    """Name or alias (``places.lookup``) → Area; None for the whole kommun; False when
    unknown."""
    areas = AreaIndex([kommun])

    def lookup(text: str) -> Area | None | bool:
        key = fold(text)
        if key in WHOLE_KOMMUN or key == fold(kommun.name):
            return None
        return areas.find(text) or False

    return lookup


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- survey results ------------------------------------------------------------

SURVEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "area": ("område", "omrade", "area", "stadsdel"),
    "year": ("år", "ar", "year"),
    "indicator": ("indikator", "indicator", "fråga"),
    "gender": ("kön", "kon", "gender"),
    "age_group": ("åldersgrupp", "ålder", "aldersgrupp", "age_group", "age"),
    "share": ("andel", "andel (%)", "andel %", "share", "procent"),
    "respondents": ("svarande", "antal svarande", "respondents", "n"),
}
SURVEY_REQUIRED = ("area", "year", "indicator", "gender", "age_group", "share")
_GENDERS = {
    "alla": Gender.ALLA,
    "samtliga": Gender.ALLA,
    "totalt": Gender.ALLA,
    "t": Gender.ALLA,
    "båda": Gender.ALLA,
    "kvinnor": Gender.KVINNOR,
    "kvinna": Gender.KVINNOR,
    "k": Gender.KVINNOR,
    "flickor": Gender.KVINNOR,
    "män": Gender.MAN,
    "man": Gender.MAN,
    "m": Gender.MAN,
    "pojkar": Gender.MAN,
}


def _indicator_lookup() -> dict[str, str]:
    result = {}
    for code, label in SurveyIndicator.choices:
        result[code] = code
        result[str(label).casefold()] = code
    return result


@transaction.atomic
def survey_import(
    *,
    kommun: Organisation,
    data: bytes,
    filename: str,
    actor: Any = None,
    source: str = "",
    dry_run: bool = False,
) -> ImportSummary:
    """Import survey shares by area, year, gender and age group for one kommun: every
    row valid or nothing saved; the same file twice replaces instead of adding."""
    try:
        table = read_table(data, filename, _names(SURVEY_COLUMNS))
    except ValueError as exc:
        raise ImportRefused([str(exc)])
    missing = _missing_columns(table, SURVEY_COLUMNS, SURVEY_REQUIRED)
    if missing:
        raise ImportRefused(missing)
    col = {key: _column(table, aliases) for key, aliases in SURVEY_COLUMNS.items()}
    areas = _area_lookup(kommun)
    indicators = _indicator_lookup()
    errors = _Errors()
    seen: dict[tuple, int] = {}
    parsed = []
    for number, row in table.rows:
        area = _row_area(areas, kommun, errors, number, row, col["area"])
        year = _row_year(errors, number, row, col["year"])
        indicator = _row_choice(
            errors,
            number,
            row,
            col["indicator"],
            indicators,
            _("okänd indikator %(v)r; använd någon av %(known)s."),
            # the question as the survey names it, or its code
            known="; ".join(
                f"{label} ({code})" for code, label in SurveyIndicator.choices
            ),
        )
        gender = _row_choice(
            errors,
            number,
            row,
            col["gender"],
            _GENDERS,
            _("okänt kön %(v)r; skriv alla, kvinnor eller män."),
        )
        age = _cell(row, col["age_group"]).strip().casefold() or ALL_AGES
        if age in {"totalt", "samtliga", "alla åldrar"}:
            age = ALL_AGES
        share = None
        try:
            share = parse_number(_cell(row, col["share"]))
        except ValueError:
            errors.row(
                number,
                col["share"],
                _("ingen andel: %(v)r.") % {"v": _cell(row, col["share"])},
            )
        else:
            if not 0 <= share <= 100:
                errors.row(
                    number,
                    col["share"],
                    _("andelen %(v)s ligger inte mellan 0 och 100 %%.")
                    % {"v": format_number(share)},
                )
        respondents = _row_number(
            errors, number, row, col["respondents"], int, _("inget antal: %(v)r.")
        )
        key = (getattr(area, "pk", None), year, indicator, gender, age)
        if None not in (year, indicator, gender) and area is not False:
            if key in seen:
                errors.row(
                    number,
                    col["area"],
                    _("samma område, år, indikator, kön och åldersgrupp som rad %(n)d.")
                    % {"n": seen[key]},
                )
            seen[key] = number
        if (
            year is not None and share is not None
        ):  # otherwise an error refuses the file
            parsed.append((area, year, indicator, gender, age, share, respondents))
    batch, summary = _batch_start(
        errors, len(parsed), ImportBatch.Kind.SURVEY, filename, data, source, actor
    )
    remember(
        batch,
        SurveyResult.objects.filter(kommun=kommun, year__in={p[1] for p in parsed}),
    )
    for area, year, indicator, gender, age, share, respondents in parsed:
        _row, created = SurveyResult.objects.update_or_create(
            kommun=kommun,
            area=area,
            indicator=indicator,
            year=year,
            gender=gender,
            age_group=age,
            defaults={"share": share, "respondents": respondents, "batch": batch},
        )
        summary.created += created
        summary.updated += not created
    survey_totals_refresh(kommun=kommun, years={p[1] for p in parsed})
    return batch_close(batch, summary, dry_run=dry_run)


# --- crime statistics ------------------------------------------------------------

CRIME_COLUMNS: dict[str, tuple[str, ...]] = {
    "kommun": ("kommun", "kommunkod", "kommun_kod", "municipality"),
    "area": ("område", "omrade", "area", "stadsdel"),
    "category": ("brottskategori", "kategori", "brottstyp", "category", "brott"),
    "year": ("år", "ar", "period", "year"),
    "count": ("antal", "anmälda brott", "count"),
    "rate": (
        "per 100 000 inv.",
        "per 100 000 inv",
        "per 100 000 invånare",
        "per 100000",
        "rate_per_100k",
    ),
    # An area's inhabitants (the kommun's come from SCB's table): its rate follows.
    "population": ("befolkning", "folkmängd", "invånare", "population"),
}


def _kommun_lookup() -> Callable[[str], Organisation | None]:
    """Kommunkod or name (``places.lookup``) → kommun, None when unknown."""
    return KommunIndex().find


@transaction.atomic
def crime_import(
    *,
    data: bytes,
    filename: str,
    kommun: Organisation | None = None,
    year: int | None = None,
    category: str = "",
    actor: Any = None,
    source: str = "",
    dry_run: bool = False,
) -> ImportSummary:
    """Import reported crimes per kommun (or area), category and year — Brå's open
    CSV ('Kommun;Antal;Per 100 000 inv.') or a fuller table. ``kommun`` limits the file
    to one kommun (web uploads); ``year``/``category`` fill columns the file lacks.
    A missing rate is computed from the population data (SCB's for a kommun, the
    file's 'befolkning' column for an area); all rows valid or none."""
    try:
        table = read_table(data, filename, _names(CRIME_COLUMNS))
    except ValueError as exc:
        raise ImportRefused([str(exc)])
    col = {key: _column(table, aliases) for key, aliases in CRIME_COLUMNS.items()}
    problems = []
    if col["kommun"] is None and kommun is None:
        problems.append(_("Kolumnen 'kommun' saknas."))
    if col["year"] is None and year is None:
        problems.append(_("Kolumnen 'år' saknas; ange året för hela filen."))
    if col["count"] is None and col["rate"] is None:
        problems.append(_("Kolumnen 'antal' eller 'per 100 000 inv.' saknas."))
    if problems:
        raise ImportRefused(problems)
    kommuner = _kommun_lookup()
    area_lookups: dict[int, Callable[[str], Area | None | bool]] = {}
    errors = _Errors()
    seen: dict[tuple, int] = {}
    parsed = []
    default_category = category.strip() or CRIME_TOTAL
    for number, row in table.rows:
        target = kommun
        if col["kommun"]:
            found = kommuner(_cell(row, col["kommun"]))
            if found is None:
                errors.row(
                    number,
                    col["kommun"],
                    _("okänd kommun %(v)r.") % {"v": _cell(row, col["kommun"])},
                )
                continue
            if kommun is not None and found.pk != kommun.pk:
                errors.row(
                    number,
                    col["kommun"],
                    _("%(found)s är inte %(kommun)s.")
                    % {"found": found, "kommun": kommun},
                )
                continue
            target = found
        assert target is not None
        area = None
        if col["area"]:
            lookup = area_lookups.setdefault(target.pk, _area_lookup(target))
            area = _row_area(lookup, target, errors, number, row, col["area"])
        row_year = _row_year(errors, number, row, col["year"], default=year)
        row_category = (
            _cell(row, col["category"]).strip() if col["category"] else ""
        ) or default_category
        count = rate = None
        people_given = _row_number(
            errors, number, row, col["population"], int, _("inget tal: %(v)r.")
        )
        for key in ("count", "rate"):
            value = _row_number(
                errors, number, row, col[key], float, _("inget tal: %(v)r.")
            )
            if value is None:
                continue
            if value < 0:
                errors.row(number, col[key], _("negativt tal."))
            if key == "count":
                count = value
            else:
                rate = value
        if count is None and rate is None:
            errors.row(
                number, col["count"] or col["rate"], _("varken antal eller takt.")
            )
        seen_key = (
            target.pk,
            getattr(area, "pk", None),
            row_category.casefold(),
            row_year,
        )
        if area is not False and row_year is not None:
            if seen_key in seen:
                errors.row(
                    number,
                    col["kommun"] or col["category"] or col["year"] or "",
                    _("samma kommun, område, kategori och år som rad %(n)d.")
                    % {"n": seen[seen_key]},
                )
            seen[seen_key] = number
        if row_year is not None:  # otherwise an error above refuses the file
            parsed.append(
                (target, area, row_category, row_year, count, rate, people_given)
            )
    batch, summary = _batch_start(
        errors, len(parsed), ImportBatch.Kind.CRIME, filename, data, source, actor
    )
    remember(
        batch,
        CrimeStatistic.objects.filter(
            kommun__in={p[0] for p in parsed}, year__in={p[3] for p in parsed}
        ),
    )
    unrated = 0
    for target, area, row_category, row_year, count, rate, given in parsed:
        row_key: dict[str, Any] = {
            "kommun": target,
            "area": area,
            "category": row_category,
        }
        people = (
            given
            or (
                population(kommun_code=target.code, year=row_year)
                if area is None
                else None
            )
            or known_population(CrimeStatistic.objects.filter(**row_key, year=row_year))
        )
        if rate is None and count is not None and people:
            rate = round(count * 100_000 / people, 1)
        if count is None and rate is not None and people:
            count = round(rate * people / 100_000)
        unrated += rate is None
        _row, created = CrimeStatistic.objects.update_or_create(
            **row_key,
            year=row_year,
            defaults={
                "count": None if count is None else int(round(count)),
                "rate_per_100k": rate,
                "population": people,
                "theme": theme_for_words(row_category),
                "batch": batch,
            },
        )
        summary.created += created
        summary.updated += not created
    if unrated:
        summary.warnings.append(
            ngettext(
                "%(n)d rad saknar takt per 100 000 invånare: filen har bara antal "
                "och befolkningen är okänd. Den visas som antal anmälda brott.",
                "%(n)d rader saknar takt per 100 000 invånare: filen har bara antal "
                "och befolkningen är okänd. De visas som antal anmälda brott.",
                unrated,
            )
            % {"n": unrated}
        )
    return batch_close(batch, summary, dry_run=dry_run)
