"""Who signed the promise: signature blocks and explicit signing statements only.

SCHEMA: a signatory is a name in a signature block (name line, title line,
optional organisation line; also "Name, title, organisation" on one line and
two-column blocks) or in a sentence that says they signed ("Löftet har
undertecknats av …", "undertecknade …", "signerades … mellan …"). Authors,
handläggare, contact persons and photo credits are never signatories. ``title``
is kept as written; ``organisation`` only when written separately.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..prefilter import prefiltered
from ._lex import load_toml
from ._person import (
    NAME_IN_TEXT,
    NAME_WORD,
    PARTY_TAG,
    TITLE_RX,
    Signatory,
    is_name,
    is_org,
    is_title,
    plain_name,
)
from .signature_columns import cells as _cells
from .signature_columns import joined_columns as _joined_columns
from .signature_columns import joined_pipe_row
from .signing_statements import (
    apposition_title,
    statement_signatories,
    subject_signatories,
)

_LEX = load_toml("signatures.toml")
_NOT_SIGNATORY_RX = prefiltered(
    re.compile(
        r"(?:^|[\s(])(?:"
        + "|".join(re.escape(w) for w in _LEX["not_signatories"])
        + r")",
        re.IGNORECASE,
    )
)
# A label word inside a sentence: a lowercase word before it and after it.
_RUNNING_BEFORE = re.compile(r"[a-zåäöé,][ \t]$")
_RUNNING_TEXT = re.compile(r"[ \t]+[a-zåäöé]")
_MEMO = re.compile(r"tjänsteskrivelse|tjänsteutlåtande", re.IGNORECASE)
# A report on a promise ("Uppföljning av medborgarlöfte 2024", "Rapport 2025-02-03",
# "Redovisning av …") as the document's title or type line: the name that closes it
# is the report's author.
_REPORT = re.compile(
    r"^[ \t#]*(?:(?:uppföljning|redovisning)[ \t]+av\b|(?:del|års)?rapport\b)",
    re.IGNORECASE | re.MULTILINE,
)
# Where the promise's own signing part starts inside a memo, a report or minutes: an
# appendix heading alone on its line ("Bilaga 1", "BILAGA", "Bilaga 2 till KS § 12")
# or a heading that announces the signatures ("Underskrifter").
# The heading may be set off by rules of dashes or signs ("-- Bilaga 1 --").
_SIGNING_PART = re.compile(
    r"^[ \t\-–=*_#]*(?:bilaga(?:[ \t]+\d{1,2}[a-z]?)?(?:[ \t]+till[ \t]+[^\n,.:]{1,60})?"
    r"|underskrift(?:er)?|undertecknande|signaturer)[ \t]*:?[ \t\-–=*_]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A section heading of the decision paper itself ("Beslutsunderlag", "Expedieras
# till", "Ärendets beredning"): after an appendix in the middle of a memo, it says
# the memo has taken over again, and the names that close it are its authors'.
_MEMO_SECTION = re.compile(
    r"^[ \t]*(?:beslutsunderlag|handlingar[ \t]+i[ \t]+ärendet|expedieras(?:[ \t]+till)?"
    r"|beslutet[ \t]+(?:ska[ \t]+)?(?:skickas|expedieras)[ \t]+till"
    r"|ärendets[ \t]+beredning|ekonomiska[ \t]+konsekvenser|förslag[ \t]+till[ \t]+beslut)"
    r"[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# The signatures of a protocol (or its extract) under the minutes' own labels: the
# secretary, the chair and the adjusters sign the minutes, not the promise.
_MINUTES_LABEL = re.compile(
    r"^[ \t]*(?:vid\s+protokollet|justeras|justerare|justerandes\s+sign(?:atur)?"
    # the extract's certification: "Utdragsbestyrkande", "Rätt utdraget intygar"
    r"|utdragsbestyrkande|rätt\s+utdraget\s+(?:intygar|betygar))\b",
    re.IGNORECASE | re.MULTILINE,
)


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        out.append((pos, pos + len(raw.rstrip("\r\n"))))
        pos += len(raw)
    return out


def _next_content(
    lines: list[tuple[int, int]], text: str, i: int, gap: int
) -> int | None:
    """Index of the next non-empty line after ``i`` within ``gap`` blank lines."""
    j, blanks = i + 1, 0
    while j < len(lines):
        s, e = lines[j]
        if text[s:e].strip():
            return j
        blanks += 1
        if blanks > gap:
            return None
        j += 1
    return None


def _previous_content(lines: list[tuple[int, int]], text: str, i: int) -> int | None:
    """Index of the non-empty line just above ``i`` (no blank line between)."""
    if i > 0 and text[lines[i - 1][0] : lines[i - 1][1]].strip():
        return i - 1
    return None


_WORDS = re.compile(r"\S+")


def _joined_block(line: str, start: int) -> Signatory | None:
    """A signature block whose lines were joined into one ("Karl Berg Tf
    lokalpolisområdeschef Lpo Kalmar"): a name of two or three words, then a title
    and maybe an organisation, alone on a line near the end of the document."""
    lead = re.match(r"[.…_\-–\s]*", line)  # "….. Anna Berg Kommunchef": a dotted line
    if lead and lead.end():
        start += lead.end()
        line = line[lead.end() :]
    words = [(m.group(0), m.start()) for m in _WORDS.finditer(line)]
    if not 3 <= len(words) <= 14 or line.rstrip().endswith((".", ":", "?", "!")):
        return None
    for size in (3, 2):
        if len(words) <= size:
            continue
        name_words = [w for w, _ in words[:size]]
        candidate = " ".join(name_words)
        if not is_name(candidate) or not plain_name(candidate):
            continue
        rest_start = words[size][1]
        rest = line[rest_start:].strip()
        if size == 3 and (len(name_words[2]) <= 3 or TITLE_RX.search(name_words[2])):
            continue  # "Karl Berg Tf lokalpolisområdeschef": "Tf" opens the title
        if TITLE_RX.search(" ".join(rest.split()[:2])):
            title, org = rest, None
            split = re.match(
                r"(?P<title>.+?)\s+(?P<org>(?:Lpo|LPO|Lokalpolisområde|"
                r"Polismyndigheten|Region)\b.*|\S+\s+kommun)$",
                rest,
            )
            if split and is_org(split.group("org")):
                title, org = split.group("title"), split.group("org")
            begin = start + words[0][1]
            return Signatory(
                candidate,
                title,
                org,
                (begin, begin + len(candidate)),
                "signatory.joined_line",
            )
    return None


# Where a second "Name Surname, title" starts inside a line.
_NEXT_SIGNATORY = re.compile(
    rf"(?<=\S)[ \t]+(?={NAME_WORD}(?:[ \t]+{NAME_WORD}){{1,2}},)"
)


def _name_line(line: str, start: int) -> Signatory | None:
    """ "Name, title[, organisation]" as one signatory, else None."""
    parts = [p.strip() for p in line.split(",")]
    m = is_name(parts[0])
    if not (m and 2 <= len(parts) <= 3 and is_title(parts[1])):
        return None
    org = parts[2] if len(parts) == 3 and is_org(parts[2]) else None
    lead = len(line) - len(line.lstrip())
    begin = start + lead + m.start("name")
    return Signatory(
        m.group("name"),
        parts[1],
        org,
        (begin, begin + len(m.group("name"))),
        "signatory.line",
    )


def _blocks(text: str) -> list[Signatory]:
    lines = _lines(text)
    found: list[Signatory] = []
    for i, (s, e) in enumerate(lines):
        cells = _cells(text, s, e)
        if not cells:
            continue
        # "Name, title[, organisation]" on one line; two such lines that a reader
        # joined ("…, Ekby kommun Per Ås, lokalpolisområdeschef") are read apart.
        if len(cells) == 1 and "," in cells[0][0]:
            line, start = cells[0]
            pieces = [(line, 0)]
            if line.count(",") >= 3:
                cuts = [m.start() for m in _NEXT_SIGNATORY.finditer(line)]
                bounds = [0, *cuts, len(line)]
                pieces = [
                    (line[a:b].strip(), a)
                    for a, b in zip(bounds, bounds[1:], strict=False)
                ]
            parsed = [_name_line(piece, start + off) for piece, off in pieces]
            if all(parsed):
                found += [sig for sig in parsed if sig is not None]
            continue
        if len(cells) == 1 and s >= 0.6 * len(text):
            joined = _joined_block(cells[0][0], cells[0][1])
            if joined is not None:
                found.append(joined)
                continue
            j = _next_content(lines, text, i, gap=1)
            pairs = _joined_columns(text, cells[0], lines[j] if j is not None else None)
            if pairs:
                found += pairs
                continue
        if len(cells) >= 2 and all("," in c for c, _ in cells):
            # "Anna Berg, kommunchef    Per Ås, lokalpolisområdeschef": one
            # "Name, title" per column
            by_column = [_name_line(c, off) for c, off in cells]
            if all(by_column):
                found += [sig for sig in by_column if sig is not None]
                continue
        joined_rows = joined_pipe_row(cells) if "|" in text[s:e] else []
        if joined_rows:
            found += joined_rows  # "A | B C title | title": two rows on one line
            continue
        row = _table_row(cells, s >= 0.6 * len(text) or _named_header(text, lines, i))
        if row is not None:
            found.append(row)
            continue
        names = [(is_name(c), off) for c, off in cells]
        if not all(m for m, _ in names):
            continue
        j = _next_content(lines, text, i, gap=1)
        below = _cells(text, *lines[j]) if j is not None else []
        below_ok = len(below) == len(cells) and all(is_title(t) for t, _ in below)
        p = _previous_content(lines, text, i)
        above = _cells(text, *lines[p]) if p is not None else []
        # Title above the name ("Kommunstyrelsens ordförande\nAnna Berg"), only in
        # the closing part of a document, where signature blocks sit; it wins over a
        # title below that is separated by a blank line (the next signatory's).
        above_ok = (
            s >= 0.6 * len(text)
            and len(above) == len(cells)
            and all(is_title(t) for t, _ in above)
        )
        if above_ok and not (below_ok and j == i + 1):
            titles, j, rule = above, i, "signatory.block_title_first"
        elif below_ok and j is not None:
            titles, rule = below, "signatory.block"
        else:
            continue
        k = _next_content(lines, text, j, gap=0)
        orgs = _cells(text, *lines[k]) if k is not None else []
        if len(orgs) != len(cells) or not all(is_org(o) for o, _ in orgs):
            orgs = []
        for col, (m, off) in enumerate(names):
            assert m is not None
            title, org = titles[col][0].strip(), None
            if orgs:
                org = orgs[col][0].strip()
            else:
                title, org = _title_and_org(title)
            found.append(
                Signatory(
                    m.group("name"), title, org, (off, off + len(m.group("name"))), rule
                )
            )
    return found


_NAME_HEADER = re.compile(r"\s*namn\b", re.IGNORECASE)


def _named_header(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """A header row "Namn | Titel" heads the rows right above line ``i``."""
    for s, e in reversed(lines[max(0, i - 4) : i]):
        if not text[s:e].strip():
            return False
        if _NAME_HEADER.match(text, s, e):
            return True
    return False


_DATE_CELL = re.compile(r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+\w+\s+\d{4}|[_.]{3,})")


def _table_row(cells: list[tuple[str, int]], closing: bool) -> Signatory | None:
    """A row of a signature table ("Namn | Titel | Datum"): the name in the first
    cell, the title (and maybe the organisation) in the next, then a date or the
    line to sign on; "Namn, titel | Datum" holds both in its first cell. Only in
    the closing part of a document, where signature tables sit."""
    if not closing or not 2 <= len(cells) <= 4:
        return None
    first, off = cells[0]
    rest = [c for c, _ in cells[1:] if not _DATE_CELL.fullmatch(c.strip())]
    if not rest and "," in first:
        return _name_line(first, off)
    m = is_name(first)
    if m is None or m.group("name") != first.strip() or not 1 <= len(rest) <= 2:
        return None
    if not is_title(rest[0]) or (len(rest) == 2 and not is_org(rest[1])):
        return None
    title, org = (rest[0], rest[1]) if len(rest) == 2 else _title_and_org(rest[0])
    begin = off + m.start("name")
    return Signatory(
        m.group("name"),
        title,
        org,
        (begin, begin + len(m.group("name"))),
        "signatory.table_row",
    )


def _title_and_org(title: str) -> tuple[str, str | None]:
    """ "Kommunstyrelsens ordförande, Ekby kommun": an organisation written after
    the title, parted by a comma, is the organisation, not part of the title."""
    head, sep, tail = title.rpartition(",")
    if sep and is_title(head.strip()) and is_org(tail.strip()):
        return head.strip(), tail.strip()
    return title, None


# The lines under a label that stands alone, up to the next blank line.
_LABELLED_BLOCK = re.compile(r"\s*((?:[^\n]*\S[^\n]*(?:\n|$))*)")


# A short entry of a contact list: a few lines, none a date or a signing cue.
_ENTRY_BLOCK = re.compile(r"\n*((?:[^\n]*\S[^\n]*(?:\n|$)){1,3})(?=\n|$)")
_SIGNING_LINE = re.compile(
    r"(?i)^\s*(?:för|underskrift|underteckn)|\b(?:19|20)\d\d\b", re.M
)


def _more_entries(text: str, pos: int) -> str:
    """The entries after the first under a contact label standing alone
    ("Kontakt" over a coordinator, a blank line, then the kommunpolis)."""
    out = ""
    while (m := _ENTRY_BLOCK.match(text, pos)) and m.group(1).strip():
        block = m.group(1)
        if _SIGNING_LINE.search(block) or any(
            len(line.split()) > 6 for line in block.splitlines()
        ):
            break
        out += block
        pos = m.end()
    return out


def _excluded_names(text: str) -> set[str]:
    """Names after an author, contact or photo label ("Handläggare", "Fotograf:").

    The names are on the label's own line, or on the lines under it when the label
    stands alone ("Handläggare\nSara Holm", "Kontaktpersoner" over a block).
    """
    out: set[str] = set()
    for label in _NOT_SIGNATORY_RX.finditer(text):
        if _RUNNING_TEXT.match(text, label.end()) and _RUNNING_BEFORE.search(
            text, 0, label.start() + 1
        ):
            continue  # "… kommer i kontakt med narkotika …": a word, not a label
        line_end = text.find("\n", label.end())
        line_end = len(text) if line_end < 0 else line_end
        # the rest of the label's word ("Kontaktpersoner") is no name
        window = re.sub(r"^\w+", "", text[label.end() : line_end])
        if not window.strip(" \t:") or re.fullmatch(r"[^\W\d]{1,4}\s*:?\s*", window):
            # the label alone on its line ("Kontaktpersoner", "Handläggare:"): the
            # names are in the lines under it
            nxt = _LABELLED_BLOCK.match(text, line_end)
            window = nxt.group(1) if nxt else ""
            if nxt and label.group(0).strip(" \t\n(").casefold().startswith("kontakt"):
                window += _more_entries(text, nxt.end())
        for m in NAME_IN_TEXT.finditer(window):
            out.add(m.group("name").casefold())
    return out


# An e-mail address or a phone number on a line of its own: a contact entry; a
# number labelled as a phone may be short ("Telefon: 114 14", the police's).
_CONTACT_LINE = re.compile(
    r"^[ \t]*(?:(?:e-?post|mejl|mail)\.?[ \t]*:?[ \t]*)?"
    r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?![12]\d{3}-[01]\d-[0-3]\d[ \t]*$)"
    r"\+?\d[\d \t()-]{5,}\d)[ \t]*$"
    r"|^[ \t]*(?:tel\w*|mobil)\.?[ \t]*:?[ \t]*\+?\d[\d \t()-]{2,}\d[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


# A phone number or e-mail address within a line ("Anna Berg, kommunpolis,
# telefon 114 14"): the line is a contact entry.
_PHONE_IN_LINE = r"\b(?:telefon|tel|tfn|mobil)\.?[ \t]*:?[ \t]*\+?\d[\d \t()-]{2,}\d"
_CONTACT_IN_LINE = re.compile(
    _PHONE_IN_LINE + r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE
)
# The e-mail alternative runs through every word (a third of a millisecond on a
# page), and only a text with an "@" can hold an address: without one, the same
# matches come from the phone alternative alone, behind its literal prefilter.
_PHONE_ONLY = prefiltered(re.compile(_PHONE_IN_LINE, re.IGNORECASE))


def _contacts_in_lines(text: str) -> Iterator[re.Match[str]]:
    """``_CONTACT_IN_LINE.finditer(text)``."""
    return (_CONTACT_IN_LINE if "@" in text else _PHONE_ONLY).finditer(text)


def _contact_names(text: str) -> set[str]:
    """Names on the lines right above an e-mail or phone line ("Anna Berg,
    kommunpolis\nanna.berg@…\n010-…") or on a line with its own phone number or
    address: contact persons, whoever signed."""
    out: set[str] = set()
    for m in _contacts_in_lines(text):
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        out.update(n.group("name").casefold() for n in NAME_IN_TEXT.finditer(line))
    for m in _CONTACT_LINE.finditer(text):
        above = text[: m.start()].rstrip("\n").split("\n")
        for line in reversed(above[-2:]):
            if not line.strip():
                break
            out.update(n.group("name").casefold() for n in NAME_IN_TEXT.finditer(line))
    return out


def _in_signing_part(text: str, at: int) -> bool:
    """Whether a signature block at ``at`` can sign the promise.

    A tjänsteskrivelse proposes the promise for decision and a report follows it
    up: the names that close them are their authors and the officials who present
    them (a handläggare, a kommundirektör), not parties signing the promise. Under
    the labels of minutes ("Justerandes signatur") sign the secretary, the chair and
    the adjusters. A block after an appendix heading or an "Underskrifter" heading
    that comes after all of these is the promise's own again.
    """
    head = text[:600]
    excluded_from = 0 if _MEMO.search(head, 0, 400) or _REPORT.search(head) else None
    minutes = [m.start() for m in _MINUTES_LABEL.finditer(text, 0, at)]
    if minutes:
        excluded_from = minutes[-1]
    if excluded_from is None:
        return True
    parts = [m.start() for m in _SIGNING_PART.finditer(text, excluded_from, at)]
    if not parts:
        return False
    return _MEMO_SECTION.search(text, parts[-1], at) is None


def find_signatories(text: str) -> list[Signatory]:
    """Signatories in order of appearance, each name once."""
    excluded = _excluded_names(text) | _contact_names(text)
    seen: set[str] = set()
    out: list[Signatory] = []
    blocks = [sig for sig in _blocks(text) if _in_signing_part(text, sig.span[0])]
    candidates = blocks + statement_signatories(text) + subject_signatories(text)
    for sig in sorted(candidates, key=lambda s: s.span[0]):
        name = PARTY_TAG.sub("", sig.name).strip()
        key = name.casefold()
        if key in seen or key in excluded:
            continue
        if any(key.endswith(" " + ex) for ex in excluded):
            continue  # "Kontakta Lina Holm": the contact label's verb read into a name
        seen.add(key)
        if sig.title is None and sig.rule == "signatory.statement":
            title = apposition_title(text, sig.name)
            if title is not None:
                sig = Signatory(sig.name, title, sig.organisation, sig.span, sig.rule)
        out.append(sig)
    return out
