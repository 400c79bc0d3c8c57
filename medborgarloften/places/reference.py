"""Read the project's reference data files (``places/data/*.csv``) into plain rows.

No database here: ``services.reference_data_load`` writes what this module reads, so a
malformed file is refused before anything is saved. The files and their sources are
described in ``places/data/README.md``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

SCB_URL = (
    "https://www.scb.se/hitta-statistik/regional-statistik-och-kartor/"
    "regionala-indelningar/lan-och-kommuner/lan-och-kommuner-i-kodnummerordning/"
)
BRA_REGIONS_URL = (
    "https://bra.se/om-bra/nytt-fran-bra/arkiv/nyheter/"
    "2015-02-12-nu-delas-anmalda-brott-in-i-regioner.html"
)

_KOMMUNKOD = re.compile(r"^\d{4}$")
_LANSKOD = re.compile(r"^\d{2}$")


class ReferenceDataError(ValueError):
    """A reference data file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class CountyRow:
    code: str
    name: str
    police_region: str


@dataclass(frozen=True)
class KommunRow:
    code: str
    name: str
    county_code: str
    #: The name the kommun uses for itself ("Karlshamns kommun", "Stockholms stad",
    #: "Region Gotland") and where that was read (kommun_official_names.csv).
    official_name: str = ""
    official_name_source: str = ""


@dataclass(frozen=True)
class LpoRow:
    kommunkod: str
    lpo: str
    polisomrade: str
    polisregion: str
    source_url: str


@dataclass(frozen=True)
class ReferenceData:
    counties: list[CountyRow]
    kommuner: list[KommunRow]
    lpo_rows: list[LpoRow]

    @property
    def police_regions(self) -> list[str]:
        return _unique([c.police_region for c in self.counties])

    @property
    def polisomraden(self) -> dict[str, str]:
        """Polisområde → the polisregion it belongs to."""
        return {row.polisomrade: row.polisregion for row in self.lpo_rows}

    @property
    def lpos(self) -> dict[str, list[LpoRow]]:
        out: dict[str, list[LpoRow]] = {}
        for row in self.lpo_rows:
            out.setdefault(row.lpo, []).append(row)
        return out


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _clean(value: str | None) -> str:
    return unicodedata.normalize("NFC", (value or "").strip())


def _rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise ReferenceDataError(
                    f"{path.name}: kolumner saknas / missing columns: {', '.join(missing)}"
                )
            return [{k: _clean(v) for k, v in row.items() if k} for row in reader]
    except FileNotFoundError:
        raise ReferenceDataError(f"{path}: filen saknas / file not found")


def read_reference_data(data_dir: Path = DATA_DIR) -> ReferenceData:
    """Read and cross-check the four files; raise ReferenceDataError naming file and row."""
    regions: dict[str, str] = {}
    for n, row in enumerate(
        _rows(data_dir / "polisregioner_lan.csv", ("polisregion", "lan_kod")), start=2
    ):
        if not _LANSKOD.match(row["lan_kod"]) or not row["polisregion"]:
            raise ReferenceDataError(
                f"polisregioner_lan.csv rad {n}: länskod och polisregion krävs"
            )
        regions[row["lan_kod"]] = row["polisregion"]

    counties: list[CountyRow] = []
    for n, row in enumerate(
        _rows(data_dir / "lan.csv", ("county_code", "county_name")), start=2
    ):
        code = row["county_code"]
        if not _LANSKOD.match(code) or not row["county_name"]:
            raise ReferenceDataError(f"lan.csv rad {n}: ogiltig länskod {code!r}")
        if code not in regions:
            raise ReferenceDataError(
                f"lan.csv rad {n}: län {code} saknas i polisregioner_lan.csv"
            )
        counties.append(CountyRow(code, row["county_name"], regions[code]))
    county_codes = {c.code for c in counties}
    if len(county_codes) != len(counties):
        raise ReferenceDataError("lan.csv: samma länskod förekommer flera gånger")

    kommuner: list[KommunRow] = []
    for n, row in enumerate(
        _rows(
            data_dir / "kommuner.csv",
            ("municipality_code", "municipality_name", "county_code"),
        ),
        start=2,
    ):
        code, county = row["municipality_code"], row["county_code"]
        if not _KOMMUNKOD.match(code) or not row["municipality_name"]:
            raise ReferenceDataError(
                f"kommuner.csv rad {n}: ogiltig kommunkod {code!r}"
            )
        if county not in county_codes:
            raise ReferenceDataError(f"kommuner.csv rad {n}: okänd länskod {county!r}")
        kommuner.append(KommunRow(code, row["municipality_name"], county))
    kommun_codes = {k.code for k in kommuner}
    if len(kommun_codes) != len(kommuner):
        raise ReferenceDataError(
            "kommuner.csv: samma kommunkod förekommer flera gånger"
        )
    kommuner = _with_official_names(data_dir, kommuner)

    lpo_rows: list[LpoRow] = []
    region_names = set(regions.values())
    for n, row in enumerate(
        _rows(
            data_dir / "lokalpolisomraden.csv",
            (
                "kommunkod",
                "lokalpolisomrade",
                "polisomrade",
                "polisregion",
                "kalla_url",
            ),
        ),
        start=2,
    ):
        if row["kommunkod"] not in kommun_codes:
            raise ReferenceDataError(
                f"lokalpolisomraden.csv rad {n}: okänd kommunkod {row['kommunkod']!r}"
            )
        if row["polisregion"] not in region_names:
            raise ReferenceDataError(
                f"lokalpolisomraden.csv rad {n}: okänd polisregion {row['polisregion']!r}"
            )
        if not row["lokalpolisomrade"] or not row["polisomrade"]:
            raise ReferenceDataError(
                f"lokalpolisomraden.csv rad {n}: lokalpolisområde och polisområde krävs"
            )
        lpo_rows.append(
            LpoRow(
                kommunkod=row["kommunkod"],
                lpo=row["lokalpolisomrade"],
                polisomrade=row["polisomrade"],
                polisregion=row["polisregion"],
                source_url=row["kalla_url"],
            )
        )
    parents: dict[str, str] = {}
    for lpo in lpo_rows:
        if parents.setdefault(lpo.lpo, lpo.polisomrade) != lpo.polisomrade:
            raise ReferenceDataError(
                f"lokalpolisomraden.csv: LPO {lpo.lpo} ligger i flera polisområden"
            )
    return ReferenceData(counties=counties, kommuner=kommuner, lpo_rows=lpo_rows)


def _with_official_names(data_dir: Path, kommuner: list[KommunRow]) -> list[KommunRow]:
    """Each kommun with its official name: irregular ("Falu kommun", "Stockholms stad",
    "Region Gotland"), so read from a file with a source per row, never derived."""
    names: dict[str, tuple[str, str]] = {}
    path = data_dir / "kommun_official_names.csv"
    for n, row in enumerate(
        _rows(path, ("municipality_code", "official_name", "source")), start=2
    ):
        code = row["municipality_code"]
        if not _KOMMUNKOD.match(code) or not row["official_name"]:
            raise ReferenceDataError(
                f"{path.name} rad {n}: kommunkod och officiellt namn krävs"
            )
        if not row["source"]:
            raise ReferenceDataError(f"{path.name} rad {n}: källa saknas")
        if code in names:
            raise ReferenceDataError(f"{path.name} rad {n}: kommunkod {code} igen")
        names[code] = (row["official_name"], row["source"])
    known = {k.code for k in kommuner}
    unknown = sorted(set(names) - known)
    if unknown:
        raise ReferenceDataError(
            f"{path.name}: okända kommunkoder / unknown codes: {', '.join(unknown)}"
        )
    return [
        KommunRow(k.code, k.name, k.county_code, *names.get(k.code, ("", "")))
        for k in kommuner
    ]


def police_region_name(short: str) -> str:
    return f"Polisregion {short}"


def polisomrade_name(short: str) -> str:
    return f"Polisområde {short}"


def lpo_name(short: str) -> str:
    return f"Lokalpolisområde {short}"
