"""Action tables ("Aktivitet | Ansvar | När") and labelled records as commitments."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medborgarloften.lib.months import MONTH_PATTERN_SV

from ..parties import chain_at, parties_in_chain, parties_in_enumeration
from ..prefilter import prefiltered
from ..structure import Block
from .patterns import INFINITIVE_START, _Candidate, _Context
from .sentences import _THIS_DOES, _governing_party, classify_heading


@dataclass
class _Table:
    """A table of activities: the column of each kind, and the party of the page."""

    width: int
    activity: int
    responsible: int | None
    when: int | None
    context: _Context
    goal: int | None = None
    #: The header's column names, case-folded (a repeated header ends the rows).
    names: tuple[str, ...] = ()


# Column headings of an action table (general Swedish: "Aktivitet | Ansvar | När");
# OCR of a scan reads a capital Å at a table's ruling as "A" or drops it ("tgärd"),
# and may read the a of "Ansvar" as ä.
_ACTIVITY_COLUMN = re.compile(
    r"(?:aktivitet|[åa]?tgärd|insats|åtagande|löfte|vad\b|vad\s+ska\s+göras)", re.I
)


# … "Ansv." abbreviated in a narrow column.
# … and the doer named by the passive ("Genomförs av: Polisen", "Utförs av").
_RESPONSIBLE_COLUMN = re.compile(
    r"(?:ansv[aä]r|ansv\.|vem\b|utförare|huvudansvar|(?:genom|ut)?förs\s+av\b)", re.I
)


_WHEN_COLUMN = re.compile(
    r"(?:när\b|tid|datum|hur\s+ofta|frekvens|period|klart?\b|senast\b)", re.I
)


# "Mål | Målvärde | Förväntat resultat": the column that states the row's target;
# so does "Omfattning" (how much: "Minst 8 pass per månad", "Klart december 2025").
_GOAL_COLUMN = re.compile(
    r"(?:(?:mätbar[at]?|konkret[a]?|uppföljningsbar[at]?)\s+)?(?:mål\b|målvärde)"
    r"|mått\b|förväntat\s+resultat|omfattning\b",
    re.I,
)
# The status column of a follow-up ("Löfte | Status", "Åtagande | Utfall").
_STATUS_COLUMN = re.compile(r"(?:status|utfall|genomfört|läge\b)", re.I)


_CELL_SPLIT = re.compile(r"[ \t]*\|[ \t]*|\t+|[ ]{2,}")


_BARE_MONTH = re.compile(rf"(?:{MONTH_PATTERN_SV})(?:\s+\d{{4}})?$", re.I)


def _cells(text: str) -> list[tuple[str, int]]:
    """The cells of a one-line table row with their offsets, or []."""
    if "\n" in text.strip():
        return []
    if "|" not in text and "\t" not in text and "  " not in text:
        return []  # no separator: one cell at most
    out: list[tuple[str, int]] = []
    pos = 0
    for sep in [*_CELL_SPLIT.finditer(text), None]:
        end = sep.start() if sep else len(text)
        cell = text[pos:end]
        if cell.strip():
            lead = len(cell) - len(cell.lstrip())
            out.append((cell.strip(), pos + lead))
        if sep:
            pos = sep.end()
    return out if len(out) >= 2 else []


def _table_header(
    cells: list[tuple[str, int]], ctx: _Context, *, planned: bool = False
) -> _Table | None:
    """The table whose header row is ``cells``; with ``planned`` (a tab-cut row of
    a plan) an activity column with its schedule or target column is one too when a
    party heads the table or it stands in the promise part."""
    names = [c.casefold() for c, _ in cells]
    if any(len(n.split()) > 4 for n in names):
        return None
    activity = next((i for i, n in enumerate(names) if _ACTIVITY_COLUMN.match(n)), None)
    responsible = next(
        (i for i, n in enumerate(names) if _RESPONSIBLE_COLUMN.match(n)), None
    )
    if activity is None:
        return None
    when = next((i for i, n in enumerate(names) if _WHEN_COLUMN.match(n)), None)
    goal = next((i for i, n in enumerate(names) if _GOAL_COLUMN.match(n)), None)
    planned = planned and (when is not None or goal is not None)
    if (
        responsible is None
        and not any(_STATUS_COLUMN.match(n) for n in names)
        and not (planned and (ctx.party or ctx.kind in ("promise", "activity")))
    ):
        return None  # … a follow-up's table of promises and their status needs none
    return _Table(len(cells), activity, responsible, when, ctx, goal, tuple(names))


def _table_row(
    block: Block, cells: list[tuple[str, int]], table: _Table, idx: int
) -> _Candidate | None:
    """One row of an action table as a commitment: the activity cell is its text,
    the responsibility cell names the parties, the "När" cell helps the target."""
    activity, offset = cells[table.activity]
    if len(activity.split()) < 2 or table.context.kind == "excluded":
        return None
    cell = cells[table.responsible][0] if table.responsible is not None else ""
    # A responsibility cell is a list of parties: a name in it is a third party.
    parties = parties_in_enumeration(cell) or parties_in_chain(cell)
    if "both" in parties:
        parties = (parties - {"both"}) | {"polis", "kommun"}
    hint = ""
    if table.when is not None:
        when = cells[table.when][0]
        hint = f"i {when}" if _BARE_MONTH.match(when) else when
    start = block.start + offset
    goal = cells[table.goal][0] if table.goal is not None else ""
    return _Candidate(
        activity,
        start,
        start + len(activity),
        idx,
        "bullet",
        "table.row",
        frozenset(parties) or table.context.party,
        table.context,
        target_hint=hint,
        goal=f"{goal}. {hint}" if goal and hint else goal,
    )


# An action table written as labelled lines: "Löfte: Genomföra …" then "Ansvarig:
# Polisen" (and maybe "När: …"), one record after another.
_RECORD_LABEL = prefiltered(
    re.compile(r"\s*(?P<label>[^\W\d][\w ]{1,25}?)\s*:\s+(?P<value>\S.*)$", re.S)
)


# … or numbered headings over the activity: "Åtagande 2" / "Aktivitet 3:" on a line
# of its own, the activity on the next line, then "Ansvar: Kommunen".
_RECORD_NUMBER = re.compile(
    r"\s*(?P<label>[^\W\d][\w ]{1,25}?)\s+(?:nr\.?\s*)?\d{1,2}\s*[.:]?\s*$", re.I
)


# Labelled fields run on in one line: "… Ansvarig: Polisen När: i maj".
_INLINE_RESPONSIBLE = re.compile(
    r"\s+(?:ansvar(?:ig|iga)?|vem|utförare|(?:genom|ut)förs\s+av)\s*:\s*(?P<who>\S.*)$",
    re.I,
)
_INLINE_WHEN = re.compile(
    r"\s+(?:när|klart?|tid(?:punkt|plan)?|datum|senast)\s*:\s*(?P<when>\S.*)$", re.I
)
# "Åtagande 1: …": a label may carry the record's number.
_LABEL_NUMBER = re.compile(r"\s*(?:\s(?:nr\.?\s*)?\d{1,2})?\s*$", re.I)


def _record_fields(
    blocks: list[Block], idx: int
) -> tuple[str, int, str, str, int] | None:
    """For a "Löfte: …" line at ``idx``: (activity, its offset from the block's
    start, the responsibility value, the "När" value, the number of blocks the
    record's activity takes) when a labelled responsibility line follows it."""
    block = blocks[idx]
    m = _RECORD_LABEL.match(block.text)
    numbered = _RECORD_NUMBER.fullmatch(block.text)
    if numbered and _ACTIVITY_COLUMN.fullmatch(numbered.group("label").strip()):
        # "Åtagande 2" over its activity: the next block is the record's value.
        if idx + 1 >= len(blocks) or blocks[idx + 1].kind == "bullet":
            return None
        head = 2
        value = blocks[idx + 1].text.rstrip()
        offset = blocks[idx + 1].start - block.start
    elif m and _ACTIVITY_COLUMN.fullmatch(_LABEL_NUMBER.sub("", m.group("label"))):
        head = 1
        value = m.group("value").rstrip()
        offset = m.start("value")
    else:
        return None
    extra: list[str] = []
    if head == 1 and "\n" in value:
        # "Aktivitet: … Ansvarig: …" then "När: …" in the same block
        value, *extra = value.split("\n")
        value = value.rstrip()
    if len(value.split()) < 3 or "\n" in value:
        return None
    responsible = when = None
    # … and "Åtgärd 3" over "Föräldravandringar i Ekby. Genomförs av: …" (a PDF
    # joins a short line to the next)
    inline = _INLINE_RESPONSIBLE.search(value)
    if inline is not None:
        # "Aktivitet: … Ansvarig: Polisen När: maj" on one line (a PDF joins them)
        value, responsible = value[: inline.start()].rstrip(), inline.group("who")
        timed = _INLINE_WHEN.search(responsible)
        if timed is not None:
            responsible, when = responsible[: timed.start()], timed.group("when")
        responsible = responsible.strip()
        if len(value.split()) < 3:
            return None
    following = [*extra, *(b.text for b in blocks[idx + head : idx + head + 2])]
    for line in following[:2] if not extra else following[: len(extra)]:
        f = _RECORD_LABEL.match(line)
        if not f or "\n" in f.group("value").strip():
            break
        label = f.group("label").strip()
        if _RESPONSIBLE_COLUMN.match(label) and responsible is None:
            responsible = f.group("value").strip()
        elif _WHEN_COLUMN.match(label) and when is None:
            when = f.group("value").strip()
        else:
            break
    if (
        responsible is None
        and head == 2
        and blocks[idx + 1].kind == "paragraph"
        and len(blocks[idx + 1].sentences) <= 1
    ):
        # "Insats 3" over its one-line activity: a record whose party is the
        # governing one (or named in the activity itself)
        responsible = ""
    if responsible is None:
        return None
    return value, offset, responsible, when or "", head


# Promises in columns side by side under party headings (a brochure's layout).
def _blank_between(text: str, start: int, end: int) -> bool:
    """A blank line between two blocks: the rows of columns have none."""
    return text.count("\n", start, end) >= 2


def _party_columns(
    cells: list[str], *, bare: bool = False
) -> list[frozenset[str]] | None:
    """For a row of party headings side by side ("Polisen lovar | Kommunen lovar",
    a brochure's columns): each column's party, else None. With ``bare`` (a row in
    the promise part) a heading may be the party's name alone ("Polisen |
    Kommunen"), a table whose columns hold each party's promises."""
    out = []
    for cell in cells:
        if len(cell.split()) > 6:
            return None
        this = _THIS_DOES.match(cell)
        if this is not None:
            # "Det här gör polisen", "Vad lovar kommunen?"
            party: frozenset[str] | None = frozenset(parties_in_chain(this.group(1)))
        elif classify_heading(cell) == "promise":
            party = _governing_party(cell)
        elif bare and _only_a_party(cell):
            party = frozenset(parties_in_chain(cell))
        else:
            return None
        if not party:
            return None
        if "both" in party:
            party = (party - {"both"}) | {"polis", "kommun"}
        out.append(party)
    return out


def _only_a_party(cell: str) -> bool:
    """The cell is a party's name and nothing more ("Polisen", "Ekby kommun")."""
    name = cell.strip().rstrip(":")
    found = chain_at(name)
    return found is not None and found[1] == len(name)


_RULE_CELL = re.compile(r":?-{3,}:?")


def _row_of_actions(cells: list[str]) -> bool:
    """A row under party names alone holds their promises when a cell is written as
    one (a full stop, an infinitive) or it is a Markdown table's rule ("|---|");
    a row of names or titles (a signature table) is none."""
    return all(_RULE_CELL.fullmatch(c) for c in cells) or any(
        c.rstrip().endswith((".", "!")) or INFINITIVE_START.match(c) for c in cells
    )
