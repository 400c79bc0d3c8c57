"""The one field registry: every column of every public table, once.

JSON rows, CSV columns, the OpenAPI schemas and the DCAT distributions are all
generated from these lists, so a field cannot exist in one format and not another.
Keys are only ever added (docs/api.md); a test fails when one is undocumented there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from medborgarloften.followup.models import ManualStatus, PartnerStatus, ReportKind
from medborgarloften.followup.progress import Status
from medborgarloften.promises.models import PUBLIC_STATUSES
from medborgarloften.vocabulary import PER, RESPONSIBLE, THEMES


@dataclass(frozen=True)
class Field:
    """One column: its JSON type, whether it may be null, and what it means."""

    name: str
    type: str  # string, integer, number, boolean, array
    description: str
    nullable: bool = False
    format: str | None = None  # date, date-time, uuid, uri
    enum: tuple[str, ...] | None = None
    items: str = "string"  # item type of an array

    def schema(self) -> dict[str, Any]:
        """The JSON Schema (OpenAPI 3.1) of the field."""
        schema: dict[str, Any] = {"description": self.description}
        if self.type == "array":
            schema["type"] = "array"
            item: dict[str, Any] = {"type": self.items}
            if self.enum:
                item["enum"] = list(self.enum)
            schema["items"] = item
            return schema
        schema["type"] = [self.type, "null"] if self.nullable else self.type
        if self.format:
            schema["format"] = self.format
        if self.enum:
            schema["enum"] = [*self.enum, None] if self.nullable else list(self.enum)
        return schema


@dataclass(frozen=True)
class Table:
    """A dataset: its URL name, title and columns."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...] = field(default_factory=tuple)
    #: The title and description in English, for the DCAT catalogue's
    #: language-tagged literals (dataportal.se shows either language).
    title_en: str = ""
    description_en: str = ""

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def schema_name(self) -> str:
        return self.name.capitalize()


_THEMES = tuple(THEMES)
_COMMITMENT_STATUSES = tuple(str(s) for s in Status) + tuple(
    f"manual_{s}" for s in ManualStatus.values
)
#: The column that ties a commitment, an activity or a report to its promise.
_PROMISE_ID = Field("promise_id", "string", "Medborgarlöftets id.", format="uuid")

KOMMUNER = Table(
    name="kommuner",
    title="Kommuner",
    description="Sveriges kommuner med antal publicerade medborgarlöften.",
    title_en="Municipalities",
    description_en="Sweden's municipalities (kommuner) with their number of "
    "published citizen promises.",
    fields=(
        Field("code", "string", "Kommunkod, fyra siffror (SCB)."),
        Field("name", "string", "Kommunens namn."),
        Field("lan_code", "string", "Länskod, två siffror.", nullable=True),
        Field("lan_name", "string", "Länets namn.", nullable=True),
        Field(
            "public_promise_count",
            "integer",
            "Antal publicerade eller avslutade medborgarlöften där kommunen är part.",
        ),
        Field("url", "string", "Kommunen i API:t.", format="uri"),
    ),
)

PROMISES = Table(
    name="promises",
    title="Medborgarlöften",
    description="Publicerade och avslutade medborgarlöften mellan kommun och polis.",
    title_en="Citizen promises",
    description_en="Published and closed citizen promises (medborgarlöften) "
    "between a municipality and the police.",
    fields=(
        Field("id", "string", "Medborgarlöftets stabila id.", format="uuid"),
        Field("title", "string", "Löftets titel."),
        Field(
            "status",
            "string",
            "published (gäller) eller closed (avslutat).",
            enum=tuple(str(s) for s in PUBLIC_STATUSES),
        ),
        Field("kommun_codes", "array", "Kommunkoder för kommunerna som är parter."),
        Field("kommun_names", "array", "Namnen på kommunerna som är parter."),
        Field(
            "police_area",
            "string",
            "Lokalpolisområdet som är part.",
            nullable=True,
        ),
        Field("period_start", "string", "Periodens första dag.", True, "date"),
        Field("period_end", "string", "Periodens sista dag.", True, "date"),
        Field(
            "themes",
            "array",
            "Teman (koder) för löftet, dess fokusområden och åtaganden.",
            enum=_THEMES,
        ),
        Field("commitment_count", "integer", "Antal åtaganden."),
        Field(
            "measurable_commitment_count",
            "integer",
            "Antal åtaganden med ett mätbart mål.",
        ),
        Field("published_at", "string", "När löftet publicerades.", True, "date-time"),
        Field("source_url", "string", "Originaldokumentet.", True, "uri"),
        Field("url", "string", "Löftet i API:t (hela posten).", format="uri"),
        Field("html_url", "string", "Löftets publika sida.", format="uri"),
    ),
)

COMMITMENTS = Table(
    name="commitments",
    title="Åtaganden",
    description="Åtagandena i publicerade medborgarlöften, med uppföljningens status.",
    title_en="Commitments",
    description_en="The commitments of published citizen promises, with the "
    "status of their follow-up.",
    fields=(
        Field("id", "integer", "Åtagandets stabila id."),
        _PROMISE_ID,
        Field("number", "integer", "Åtagandets nummer i löftet, från 1."),
        Field("text", "string", "Vad som ska göras."),
        Field(
            "responsible",
            "array",
            "Vem som ansvarar: polis, kommun, annan.",
            enum=tuple(RESPONSIBLE),
        ),
        Field("themes", "array", "Teman (koder).", enum=_THEMES),
        Field("focus_area", "string", "Fokusområdets rubrik.", nullable=True),
        Field("areas", "array", "Namn på områden som åtagandet gäller."),
        Field("measurable", "boolean", "Om åtagandet har ett mätbart mål."),
        Field("target_quantity", "integer", "Målets antal.", nullable=True),
        Field("target_unit", "string", "Målets enhet.", nullable=True),
        Field(
            "target_per",
            "string",
            "Vad antalet räknas per.",
            nullable=True,
            enum=tuple(PER),
        ),
        Field("target_deadline", "string", "Senast-datum.", True, "date"),
        Field("target_text", "string", "Målet som svensk text.", nullable=True),
        Field(
            "progress_status",
            "string",
            "Uppföljningens status; manual_* är personalens bedömning när målet "
            "inte kan mätas.",
            enum=_COMMITMENT_STATUSES,
        ),
        Field("progress_status_label", "string", "Status som svensk text."),
        Field("progress_done", "integer", "Summa antal i registrerade aktiviteter."),
        Field(
            "progress_target",
            "integer",
            "Målets antal över hela perioden (0 när det inte kan mätas).",
        ),
        Field("progress_percent", "integer", "Andel av målet som nåtts, 0–100."),
        Field("activity_count", "integer", "Antal registrerade aktiviteter."),
        Field(
            "last_activity_date", "string", "Senaste aktivitetens datum.", True, "date"
        ),
        Field(
            "partner_reported_by",
            "string",
            "Partnern (ansvarig part ”annan”) som senast själv rapporterade läget.",
            nullable=True,
        ),
        Field(
            "partner_status",
            "string",
            "Läget partnern senast rapporterade.",
            nullable=True,
            enum=tuple(PartnerStatus.values),
        ),
        Field(
            "partner_status_label",
            "string",
            "Partnerns rapporterade läge i klartext.",
            nullable=True,
        ),
        Field(
            "partner_reported_on",
            "string",
            "Datum som partnerns rapporterade läge gäller.",
            True,
            "date",
        ),
        Field(
            "partner_comment",
            "string",
            "Partnerns kommentar till läget.",
            nullable=True,
        ),
    ),
)

ACTIVITIES = Table(
    name="activities",
    title="Aktiviteter",
    description="Det som gjorts mot åtagandena i publicerade medborgarlöften.",
    title_en="Activities",
    description_en="What has been done towards the commitments of published "
    "citizen promises.",
    fields=(
        Field("id", "integer", "Aktivitetens stabila id."),
        Field("commitment_id", "integer", "Åtagandets id."),
        _PROMISE_ID,
        Field("date", "string", "När det gjordes.", format="date"),
        Field("end_date", "string", "Till och med (flerdagsaktivitet).", True, "date"),
        Field("kind", "string", "Typ, t.ex. trygghetsvandring."),
        Field("quantity", "integer", "Antal."),
        Field("participants", "integer", "Antal deltagare.", nullable=True),
        Field("area_id", "integer", "Områdets id.", nullable=True),
        Field("area", "string", "Områdets namn.", nullable=True),
        Field("organisation", "string", "Vem som utförde den.", nullable=True),
        Field("description", "string", "Beskrivning."),
        Field("links", "array", "Länkar (webbadresser)."),
    ),
)

REPORTS = Table(
    name="reports",
    title="Uppföljningsrapporter",
    description="Publicerade uppföljningsrapporter för medborgarlöften.",
    title_en="Follow-up reports",
    description_en="Published follow-up reports on citizen promises.",
    fields=(
        Field("id", "string", "Rapportens stabila id.", format="uuid"),
        _PROMISE_ID,
        Field(
            "kind",
            "string",
            "followup (uppföljning) eller evaluation (slututvärdering).",
            enum=tuple(ReportKind.values),
        ),
        Field("title", "string", "Rapportens titel."),
        Field("period_start", "string", "Rapportperiodens början.", format="date"),
        Field("period_end", "string", "Rapportperiodens slut.", format="date"),
        Field("summary", "string", "Sammanfattning."),
        Field("process", "string", "Genomförande: hur och varför arbetet gjordes."),
        Field("effect", "string", "Effekt: vad lägesbilden visar."),
        Field(
            "published_at", "string", "När rapporten publicerades.", True, "date-time"
        ),
        Field("html_url", "string", "Rapportens publika sida.", format="uri"),
    ),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (KOMMUNER, PROMISES, COMMITMENTS, ACTIVITIES, REPORTS)
}
