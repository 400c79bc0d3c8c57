"""Invented crime statistics and survey results for the Kalmar demo, per kommun and
per area, so that the lägesbild's map, analysis and trend charts have something to
show. Every number here is made up for the demo (a fixed seed, plausible sizes) and
imported with the source "DEMO" says: none is Brå's, SCB's or Polisens.

Written as two CSV files through the ordinary importers (``crime_import``,
``survey_import``), so the demo obeys the same rules as a real import. Idempotent:
nothing is imported when the kommun already has demo statistics."""

from __future__ import annotations

import random

from medborgarloften.accounts.models import User
from medborgarloften.places.models import Organisation
from medborgarloften.situation.models import (
    CrimeStatistic,
    SurveyIndicator,
    SurveyResult,
)
from medborgarloften.situation.services.imports import crime_import, survey_import

#: What the imports call their source: the figures are invented.
DEMO_STATISTICS_SOURCE = "DEMO: påhittade siffror, inte Brå eller Polisen"
CRIME_YEARS = range(2020, 2026)
SURVEY_YEARS = range(2021, 2026)
#: Rate per 100 000 inhabitants for the kommun as a whole in the first year.
CRIME_RATES = {
    "Anmälda brott totalt": 10800,
    "Misshandel": 780,
    "Skadegörelse": 1450,
    "Narkotikabrott": 820,
    "Stöld och snatteri": 2900,
}
#: A yearly drift per category (invented: narcotics up, theft down).
CRIME_DRIFT = {
    "Anmälda brott totalt": -0.01,
    "Misshandel": 0.01,
    "Skadegörelse": 0.02,
    "Narkotikabrott": 0.07,
    "Stöld och snatteri": -0.04,
}
#: Invented inhabitants of the stadsdelar and tätorter, and how much above (>1) or
#: below the kommun each area's crime lies (the demo story: violence in the centre,
#: narcotics and vandalism in three housing areas).
AREAS: dict[str, tuple[int, dict[str, float]]] = {
    "Kvarnholmen": (3100, {"Misshandel": 3.4, "Stöld och snatteri": 2.2}),
    "Malmen": (3600, {"Misshandel": 1.5}),
    "Norrliden": (4600, {"Narkotikabrott": 2.4, "Skadegörelse": 1.9}),
    "Berga": (3900, {"Narkotikabrott": 2.1, "Skadegörelse": 1.8}),
    "Funkabo": (3000, {"Narkotikabrott": 1.9, "Skadegörelse": 1.6}),
    "Oxhagen": (1500, {}),
    "Getingen": (3100, {"Skadegörelse": 1.2}),
    "Djurängen": (2600, {}),
    "Tallhagen": (2400, {}),
    "Stensö": (2100, {"Stöld och snatteri": 0.6}),
    "Smedby": (5600, {"Skadegörelse": 1.1}),
    "Lindsdal": (3500, {}),
    "Ljungbyholm": (2100, {}),
    "Rinkabyholm": (3000, {}),
    "Trekanten": (1700, {}),
    "Läckeby": (900, {}),
    "Rockneby": (800, {}),
    "Påryd": (600, {}),
    "Hagby": (500, {}),
}
#: Share (%) for the kommun in the first survey year, and each area's offset in
#: percentage points for feeling unsafe (the other indicators follow it halfway).
SURVEY_SHARES = {
    SurveyIndicator.ORO_BROTT: 24.0,
    SurveyIndicator.OTRYGG_KVALL: 27.0,
    SurveyIndicator.PROBLEM_OMRADE: 18.0,
    SurveyIndicator.LAG_TILLIT: 21.0,
    SurveyIndicator.LAGT_FORTROENDE: 14.0,
}
SURVEY_OFFSET = {
    "Kvarnholmen": 9,
    "Norrliden": 14,
    "Berga": 12,
    "Funkabo": 10,
    "Malmen": 4,
    "Stensö": -9,
    "Trekanten": -7,
    "Läckeby": -6,
    "Rockneby": -6,
    "Påryd": -5,
    "Hagby": -8,
}


def _crime_csv(rng: random.Random) -> bytes:
    lines = ["område;brottskategori;år;antal;befolkning"]
    kommun_people = 72000
    for year in CRIME_YEARS:
        step = year - CRIME_YEARS[0]
        for category, rate in CRIME_RATES.items():
            drift = (1 + CRIME_DRIFT[category]) ** step
            base = rate * drift * rng.uniform(0.95, 1.05)
            lines.append(f";{category};{year};{round(base * kommun_people / 100_000)};")
            for area, (people, factors) in AREAS.items():
                factor = factors.get(category, 1.0)
                if category == "Anmälda brott totalt" and factors:
                    factor = 1 + (max(factors.values()) - 1) / 3
                count = base * factor * people / 100_000 * rng.uniform(0.8, 1.2)
                lines.append(f"{area};{category};{year};{round(count)};{people}")
    return "\n".join(lines).encode()


def _survey_csv(rng: random.Random) -> bytes:
    lines = ["område;år;indikator;kön;åldersgrupp;andel;svarande"]
    for year in SURVEY_YEARS:
        step = year - SURVEY_YEARS[0]
        for indicator, share in SURVEY_SHARES.items():
            kommun_share = share + 0.6 * step + rng.uniform(-1.0, 1.0)
            for gender, shift, n in (("alla", 0, 2400), ("kvinnor", 6, 1300)):
                value = kommun_share + shift
                lines.append(f";{year};{indicator};{gender};alla;{value:.1f};{n}")
            lines.append(f";{year};{indicator};män;alla;{kommun_share - 6:.1f};1100")
            for area in AREAS:
                offset: float = SURVEY_OFFSET.get(area, 0)
                if indicator != SurveyIndicator.OTRYGG_KVALL:
                    offset /= 2
                value = min(max(kommun_share + offset + rng.uniform(-2, 2), 1), 95)
                respondents = rng.randint(60, 240)
                lines.append(
                    f"{area};{year};{indicator};alla;alla;{value:.1f};{respondents}"
                )
    return "\n".join(lines).encode()


def statistics_load(*, kommun: Organisation, actor: User | None) -> int:
    """Import the invented statistics once; the number of rows imported."""
    if CrimeStatistic.objects.filter(
        kommun=kommun, batch__source=DEMO_STATISTICS_SOURCE
    ).exists():
        return 0
    rng = random.Random(f"demo-statistik-{kommun.code}")  # noqa: S311 - demo numbers
    crime = crime_import(
        data=_crime_csv(rng),
        filename="demo-brottsstatistik.csv",
        kommun=kommun,
        actor=actor,
        source=DEMO_STATISTICS_SOURCE,
    )
    survey = survey_import(
        kommun=kommun,
        data=_survey_csv(rng),
        filename="demo-trygghetsmatning.csv",
        actor=actor,
        source=DEMO_STATISTICS_SOURCE,
    )
    return crime.rows + survey.rows


def statistics_remove(kommun: Organisation) -> None:
    """The demo's invented figures (by their source), for a reset."""
    CrimeStatistic.objects.filter(
        kommun=kommun, batch__source=DEMO_STATISTICS_SOURCE
    ).delete()
    SurveyResult.objects.filter(
        kommun=kommun, batch__source=DEMO_STATISTICS_SOURCE
    ).delete()
