"""The rows of a tab-separated action table, read line by line from the text.

A plan's table ("Aktivitet | Ansvarig | Var | Tidsplan | Mål/indikator") comes out
of a Word file or a typed text as one line a row, its cells set apart by tabs; an
empty cell is an empty place between two tabs, so the cells keep their columns. A
cell too long for its column goes on in the same column on the next line ("…
Västra" / "Kattarpsvägen", "utbildnings-" / "omgångar per år"): such a line leaves
the activity cell empty or goes on in lower case, or is a few words on their own.
Each row is one commitment: the activity cell (its lines joined) is the text, the
other cells give who, where, when and the target.
"""

from __future__ import annotations

import re

from ..parties import parties_in_chain, parties_in_enumeration
from ..party_joins import co_parties
from ..places import find_places
from ..structure import Block
from .patterns import _Candidate, _Context
from .table_legend import expand, legend
from .tables import _ACTIVITY_COLUMN, _Table
from .timing_cells import timing_hint

# "Var | Plats | Område | Var sker det": the column naming where the row happens.
PLACE_COLUMN = re.compile(r"(?:var\b|plats|platser|område\b|områden\b|geografi)", re.I)

# "Ansvarig: Polisen och kommunen" on its own line over a table with no such column
# (or with that column mostly left empty): the party of every row.
TABLE_PARTY_LINE = re.compile(
    r"\s*(?:ansvar(?:ig|iga)?|huvudansvar(?:ig)?)\s*:\s*(?P<who>[^\t\n]{2,80}?)\s*$",
    re.I,
)

_WORDS_ON_THEIR_OWN = 4
_MAX_LINES = 400  # a table's lines read at most

# A bare "med" (not "tillsammans med", "i samverkan med", "med stöd av") and the
# names after it, up to the next preposition.
_WITH = re.compile(
    r"(?<!\btillsammans )(?<!\bsamverkan )(?<!\bsamarbete )\bmed\s+(?!stöd\b)"
    r"(?P<chain>.+?)(?=\s+(?:vid|runt|på|i|om|för|mot|kring|under|efter|inom)\b|[,.;(]|$)",
    re.I,
)
_ITEMS = re.compile(r"\s*,\s*|\s+(?:och|samt)\s+")


def _named_with(activity: str) -> frozenset[str]:
    """The organisations an activity is done "med" by their own names ("Trygghets-
    vandring med boende och Ekbyhem AB"); a role ("Möte med butiksägarna") is who
    the activity is for, not who does it."""
    out: set[str] = set()
    for m in _WITH.finditer(activity):
        for item in _ITEMS.split(m.group("chain")):
            if item[:1].isupper():
                out |= co_parties(f"tillsammans med {item}")
    return frozenset(out)


# A reader writes a tab as a gap of four spaces: "A        B" has an empty cell.
_GAP = re.compile(r" {4}")
# A cell holding only a dash is an empty cell written out.
_EMPTY = frozenset({"-", "–", "—"})


def is_cut(line: str) -> bool:
    """The line is cut into cells by tabs or by a reader's four-space gaps."""
    return "\t" in line or "    " in line


_LAYOUT_GAP = re.compile(r" {3,}")


def tab_cells(line: str, *, layout: bool = False) -> list[str]:
    """The cells of one line cut at each tab (or gap), empty cells in their place;
    with ``layout`` (a table whose header is set apart by wider gaps) any gap is
    one, and no cell is empty."""
    if "\t" in line:
        parts = line.split("\t")
    elif layout:
        parts = _LAYOUT_GAP.split(line.strip())
    else:
        parts = _GAP.split(line.rstrip())
    return ["" if c.strip() in _EMPTY else c.strip() for c in parts]


def parties_of(cell: str) -> frozenset[str]:
    """The parties a responsibility cell lists ("Polisen och MKB Fastighets AB")."""
    parties = parties_in_enumeration(cell) or parties_in_chain(cell)
    if "both" in parties:
        parties = (parties - {"both"}) | {"polis", "kommun"}
    return frozenset(parties)


def _join(before: str, after: str) -> str:
    """Two pieces of one cell: a word hyphenated at the line end ("utbildnings-" /
    "omgångar") is read whole, "förenings- / och näringsliv" keeps its hyphen."""
    if not before:
        return after
    if not after:
        return before
    first = after.split(None, 1)[0]
    if (
        before.endswith("-")
        and before[-2:-1].isalpha()
        and first[:1].islower()
        and first not in ("och", "eller", "samt", "till")
    ):
        return before[:-1] + after
    return f"{before} {after}"


def _continues(cells: list[str], table: _Table, has_row: bool) -> bool:
    """The line goes on with the row above: its activity cell is empty or in lower
    case, or it holds a few words and nothing else."""
    if not has_row:
        return False
    activity = cells[table.activity]
    if not activity:
        return True
    if activity[:1].islower():
        return True
    others = [c for i, c in enumerate(cells) if i != table.activity and c]
    return not others and len(activity.split()) <= _WORDS_ON_THEIR_OWN


# "Nr | Åtgärd | …": a column numbering the rows.
_NUMBER_COLUMN = re.compile(r"(?:nr\.?|#|nummer|løpnr|id)$", re.I)


def number_column(table: _Table) -> int | None:
    """The column numbering the rows, left of the activity ("Nr"), if any."""
    return next(
        (
            i
            for i, n in enumerate(table.names[: table.activity])
            if _NUMBER_COLUMN.match(n)
        ),
        None,
    )


_RULE = re.compile(r"[\t :-]*\t[\t :-]*")


def is_rule(line: str) -> bool:
    """A table's rule cut by tabs ("\t----\t----\t": ``table_text.retable`` writes
    "|---|" and "+----+" so): a row boundary with no text."""
    return _RULE.fullmatch(line) is not None


_WHOLE_NUMBER = re.compile(r"(\d{1,2})\.?")


def _group_row(rows: list[_Row], k: int, number: int, table: _Table) -> bool:
    """Row ``k`` numbers a group ("1 | Trygghet i centrum" over "1.1", "1.2"): its
    number is whole, the next row's goes on from it, and it has no cell but its
    title. A group's title is no commitment."""
    m = _WHOLE_NUMBER.fullmatch(rows[k].cells[number])
    if m is None or k + 1 >= len(rows):
        return False
    following = rows[k + 1].cells[number]
    return following.startswith(m.group(1) + ".") and not any(
        c for i, c in enumerate(rows[k].cells) if i not in (number, table.activity)
    )


def _merged(rows: list[_Row], column: int | None, table: _Table) -> bool:
    """A column left of the activity filled on some rows only, the first among
    them: a cell merged over a group of rows, naming the group ("Område")."""
    if column is None or column > table.activity or len(rows) < 2:
        return False
    return bool(rows[0].cells[column]) and any(not r.cells[column] for r in rows)


def _rule_next(lines: list[tuple[int, str]], n: int) -> bool:
    """The line after ``n`` is a table's rule."""
    return n + 1 < len(lines) and is_rule(lines[n + 1][1])


def _goes_with(
    cells: list[str],
    table: _Table,
    has_row: bool,
    number: int | None,
    rules: tuple[bool, bool],
) -> bool:
    """The line goes on with the row above. In a numbered table a row starts where
    its number is written and a line with the number cell empty is the rest of the
    row above; in a table ruled between its rows a row starts after a rule."""
    if not has_row:
        return False
    ruled, boundary = rules
    if number is not None and number < len(cells):
        if cells[number]:
            return False
        if any(cells[: table.activity]) or cells[table.activity]:
            return True
    if ruled:
        return not boundary
    return _continues(cells, table, has_row)


class _Row:
    def __init__(self, cells: list[str], start: int, end: int) -> None:
        self.cells = cells
        self.start = start  # the activity cell's first character
        self.end = end

    def add(self, cells: list[str], end: int | None) -> None:
        for i, cell in enumerate(cells):
            self.cells[i] = _join(self.cells[i], cell)
        if end is not None:
            self.end = end


def table_rows(
    text: str,
    header: Block,
    table: _Table,
    block_index: int,
    place_column: int | None,
    default: frozenset[str] | None,
) -> tuple[list[_Candidate], int]:
    """The commitments of the table whose header line is ``header``, and where the
    table ends (the end of its last line)."""
    lines = _lines_after(text, header.start)
    layout = "\t" not in header.text and "" in tab_cells(header.text)
    rows: list[_Row] = []
    end = header.end
    blank = False  # a blank line before this one, inside the table
    fragment = False  # the line before is a few words with no tab
    number = number_column(table)
    ruled = False  # a rule line between two rows: the rules part the rows
    boundary = False  # a rule line right before this one
    for n, (line_start, line) in enumerate(lines):
        if is_rule(line):
            ruled = ruled or bool(rows)
            boundary = True
            continue
        if not line.strip() and (boundary or _rule_next(lines, n)):
            continue  # a rule set apart by blank lines (a Word file's paragraph)
        if not line.strip():
            if blank or not rows:
                break
            blank = True
            continue
        if is_cut(line):
            cells = tab_cells(line, layout=layout)
            while len(cells) > table.width and not cells[-1]:
                cells.pop()
            if len(cells) > table.width or len(cells) < 2:
                break
            if blank and not fragment and not _goes_on(cells, table):
                break
        else:
            # A line with no tab: a wrapped cell's rest when it is in lower case or
            # a few words before the next row (a Word table broken by a paragraph).
            words = line.strip()
            fragment = (
                bool(rows)
                and ":" not in words
                and (
                    (
                        words[:1].islower()
                        and len(words.split()) <= 2 * _WORDS_ON_THEIR_OWN
                    )
                    or (
                        len(words.split()) <= _WORDS_ON_THEIR_OWN
                        and _row_follows(lines, n + 1, table.width)
                    )
                )
            )
            if not fragment:
                break
            cells = [words]
        blank = False
        cells = _realigned(cells + [""] * (table.width - len(cells)), table)
        if tuple(c.casefold() for c in cells) == table.names:
            break  # the header again: a new table (the scan reads it)
        span = (
            _cell_span(line, table.activity, layout) if is_cut(line) else (0, len(line))
        )
        if _goes_with(cells, table, bool(rows), number, (ruled, boundary)):
            rows[-1].add(
                cells, line_start + span[1] if span and cells[table.activity] else None
            )
        else:
            start, stop = span or (0, 0)
            rows.append(_Row(cells, line_start + start, line_start + stop))
        fragment = not is_cut(line)
        boundary = False
        end = line_start + len(line)
    out = []
    names = legend(text, header.start) if table.responsible is not None else {}
    if number is not None:
        rows = [r for k, r in enumerate(rows) if not _group_row(rows, k, number, table)]
    if _merged(rows, place_column, table):
        place_column = None  # "Område" filled on a group's first row: its title
    for row in rows:
        if names:
            row.cells[table.responsible] = expand(row.cells[table.responsible], names)  # type: ignore[index]
        cand = _row_candidate(row, table, block_index, place_column, default)
        if cand is not None:
            out.append(cand)
    return out, end


def _realigned(cells: list[str], table: _Table) -> list[str]:
    """A row that lost its empty first cells (a converter drops a line's leading
    gap): its activity stands in the first column and its party list where the
    activity belongs, so the cells move right to their columns."""
    k = table.activity
    if (
        k
        and table.responsible == k + 1
        and cells[0]
        and len(cells[0].split()) >= 3
        and not any(cells[-k:])
        and _party_list(cells[k])
    ):
        return [""] * k + cells[:-k]
    return cells


def _party_list(cell: str) -> bool:
    """The cell names parties and nothing else ("Polisen och kommunen")."""
    bare = re.sub(r"\([^)]*\)", "", cell).strip()
    return (
        bool(bare)
        and bool(parties_of(bare))
        and len(bare.split()) <= 6
        and (bare[:1].isupper() and not re.search(r"\b(?:att|ska|för|vid|om)\b", bare))
    )


def _lines_after(text: str, start: int) -> list[tuple[int, str]]:
    """The lines after the one at ``start`` up to the second blank line in a row or
    the first line that is neither a table's row nor a few words (with offsets)."""
    out: list[tuple[int, str]] = []
    pos = text.find("\n", start)
    blanks = 0
    while 0 <= pos < len(text) and blanks < 2 and len(out) < _MAX_LINES:
        nl = text.find("\n", pos + 1)
        line = text[pos + 1 : len(text) if nl < 0 else nl]
        out.append((pos + 1, line))
        blanks = blanks + 1 if not line.strip() else 0
        pos = nl
    return out


def _row_follows(lines: list[tuple[int, str]], n: int, width: int) -> bool:
    """A row of the table's width comes next (after a blank line at most)."""
    for _, line in lines[n : n + 2]:
        if line.strip():
            cells = tab_cells(line) if is_cut(line) else []
            return 3 <= len(cells) <= width and not _header_like(cells)
    return False


def _goes_on(cells: list[str], table: _Table) -> bool:
    """After a blank line (a page break in the table): a row that fills all its
    columns but two at most, with an activity, goes on with the table."""
    padded = cells + [""] * (table.width - len(cells))
    return (
        sum(1 for c in padded if c) >= max(3, table.width - 2)
        and len(padded[table.activity].split()) >= 2
        and not _header_like(cells)
    )


def _header_like(cells: list[str]) -> bool:
    """A row of column names ("Aktivitet | Ansvarig | När"): the next table's."""
    return all(cells) and any(_ACTIVITY_COLUMN.match(c) for c in cells)


def _cell_span(line: str, index: int, layout: bool) -> tuple[int, int] | None:
    """Where cell ``index`` of a cut line starts and ends (without its spaces)."""
    gap = _LAYOUT_GAP if layout else _GAP
    seps = list(re.finditer("\t" if "\t" in line else gap.pattern, line.rstrip()))
    if layout and seps and seps[0].start() == 0:
        seps = seps[1:]
    if index > len(seps):
        return None
    start = seps[index - 1].end() if index else 0
    end = seps[index].start() if index < len(seps) else len(line)
    part = line[start:end]
    lead = len(part) - len(part.lstrip())
    return start + lead, start + len(part.rstrip())


def _row_candidate(
    row: _Row,
    table: _Table,
    block_index: int,
    place_column: int | None,
    default: frozenset[str] | None,
) -> _Candidate | None:
    activity = row.cells[table.activity]
    if len(activity.split()) < 2 or table.context.kind == "excluded":
        return None
    named = (
        parties_of(row.cells[table.responsible])
        if table.responsible is not None
        else frozenset()
    ) or default
    # "Trygghetsvandring med Ekbyhem AB": in an activity named without a verb the
    # one it is done with is a co-party, as with "tillsammans med".
    joined = co_parties(activity) | _named_with(activity)
    if not named and joined - (table.context.party or frozenset()):
        named = table.context.party  # the party heading the table, and the co-party
    party = frozenset(named | joined) if named else table.context.party
    hint = ""
    if table.when is not None:
        when = row.cells[table.when]
        hint = timing_hint(when)
    goal = row.cells[table.goal] if table.goal is not None else ""
    return _Candidate(
        activity,
        row.start,
        max(row.end, row.start + 1),
        block_index,
        "bullet",
        "table.row",
        party,
        table.context,
        evidence={"table_cell": True} if named else {},
        target_hint=hint,
        goal=f"{goal}. {hint}" if goal and hint else goal,
        place_cell=row.cells[place_column] if place_column is not None else "",
    )


def table_party(blocks: list[Block], idx: int) -> frozenset[str] | None:
    """The party an "Ansvarig: …" line right above the header at ``idx`` names."""
    if idx == 0:
        return None
    m = TABLE_PARTY_LINE.fullmatch(blocks[idx - 1].text)
    return (parties_of(m.group("who")) or None) if m else None


def tab_table(
    text: str, blocks: list[Block], idx: int, table: _Table
) -> tuple[list[_Candidate], int] | None:
    """The rows under the tab-cut header at ``idx`` as commitments, and the index of
    the first block after the table; None when the header is not cut by tabs."""
    header = blocks[idx]
    if not is_cut(header.text):
        return None
    place = next(
        (
            i
            for i, name in enumerate(table.names)
            if i not in (table.activity, table.responsible, table.when, table.goal)
            and PLACE_COLUMN.match(name)
        ),
        None,
    )
    found, end = table_rows(text, header, table, idx, place, table_party(blocks, idx))
    after = next(
        (i for i in range(idx + 1, len(blocks)) if blocks[i].start >= end), len(blocks)
    )
    return found, after


_PLACE_SPLIT = re.compile(r"\s*(?:,|;|/|\boch\b)\s*")
_ROAD = re.compile(r"(?:väg|riksväg|länsväg)\s+\d{1,4}$", re.I)
_NAMED = re.compile(r"[A-ZÅÄÖ0-9]")


def cell_places(cell: str, municipalities: list[str], found: list[str]) -> list[str]:
    """The places a row's "Var" cell lists ("Amiralsgatan, Kryddgårdstorget"): a
    column of places names them by their names alone, so each capitalised name
    (or road number) in it is one, but not the kommun's own name."""
    out: list[str] = []
    seen = {p.casefold() for p in found} | {m.casefold() for m in municipalities}
    for piece in _PLACE_SPLIT.split(cell):
        piece = piece.strip(" .")
        named = [p for p, _ in find_places(piece, municipalities=municipalities)]
        if not named and (
            _ROAD.match(piece) or (_NAMED.match(piece) and len(piece.split()) <= 3)
        ):
            named = [piece]
        for name in named:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                out.append(name)
    return out


def after_plan(section: _Context, rows: list[_Candidate]) -> _Context:
    """The section after a plan's table: its prose is the promise's (a focus area's
    heading over the table does not end the promise part)."""
    if not rows:
        return section
    return _Context(section.kind, section.party, section.explicit, True)
