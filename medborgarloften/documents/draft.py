"""From an extraction record to the draft promise's fields: one mapping for every import.

The command-line import and the review screen both start a draft from the same
extraction record and the same reader metadata, so they must read the same title,
the same lägesbild and the same focus area per commitment from it. Everything here
is pure (no database): ``draft_title``, ``commitment_text`` and ``draft_record``.

The title is the document's own ("Medborgarlöfte för Ekby kommun 2026", found by the
extractor near the top of the text, past labels such as "TJÄNSTESKRIVELSE"); a bare
"Medborgarlöften" or none at all gives "Medborgarlöfte <kommuner> <years>". The
reader's metadata title (a Word file's properties, a web page's <title>) is used only
when the text has none and it names the promise: in Word files it is often a
template's "TJÄNSTESKRIVELSE" or a file name.
"""

from __future__ import annotations

import re
from typing import Any

#: Longest title, focus area title and the like the promise model stores.
MAX_TITLE = 300

# Words that make a title generic: "Medborgarlöften", "Våra gemensamma medborgarlöften".
_GENERIC_WORDS = frozenset(
    [
        "medborgarlöfte",
        "medborgarlöften",
        "medborgarlöftet",
        "medborgarlöftena",
        "löfte",
        "löften",
        "löftet",
        "gemensamma",
        "gemensamt",
        "gemensam",
        "lokala",
        "lokalt",
        "lokal",
        "nya",
        "nytt",
        "ny",
        "våra",
        "vårt",
        "vår",
        "det",
        "här",
        "om",
        "och",
    ]
)
_WORD = re.compile(r"\w+")
_LABEL = re.compile(r"[\W\dA-ZÅÄÖÉÜ_]+")
_FILE_NAME = re.compile(
    r"(?:microsoft\s+word\s*-|\.(?:docx?|pdf|odt|rtf|txt)\b|^untitled$|^dokument\d*$)",
    re.IGNORECASE,
)


def _clean(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def is_generic_title(title: str) -> bool:
    """True for a title that says nothing but 'medborgarlöfte(n)'."""
    words = [w.casefold() for w in _WORD.findall(title)]
    return not words or all(w in _GENERIC_WORDS for w in words)


def _meta_title(meta: Any) -> str:
    title = _clean(meta.get("title")) if isinstance(meta, dict) else ""
    if (
        not title
        or _LABEL.fullmatch(title)
        or _FILE_NAME.search(title)
        or "löfte" not in title.casefold()
        or is_generic_title(title)
    ):
        return ""
    return title


def _years(record: dict[str, Any]) -> str:
    period = record.get("period")
    if not isinstance(period, dict):
        period = {}
    years = sorted(
        {
            str(v)[:4]
            for v in (period.get("start"), period.get("end"))
            if isinstance(v, str) and v[:4].isdigit()
        }
    )
    return "–".join(years)


def composed_title(kommuner: list[str], record: dict[str, Any]) -> str:
    """'Medborgarlöfte Högsby och Mönsterås 2024–2025' from the kommuner and period."""
    names = " och ".join(n for n in kommuner if n)
    return " ".join(f"Medborgarlöfte {names} {_years(record)}".split())[:MAX_TITLE]


def draft_title(
    record: dict[str, Any], meta: Any = None, *, kommuner: list[str] | None = None
) -> str:
    """The draft's title: the document's own, else a promise-naming metadata title,
    else one composed from ``kommuner`` (default: the record's) and the period."""
    own = _clean(record.get("title"))
    if own and not is_generic_title(own):
        return own[:MAX_TITLE]
    from_meta = _meta_title(meta)
    if from_meta:
        return from_meta[:MAX_TITLE]
    if kommuner is None:
        kommuner = [n for n in record.get("municipalities") or [] if isinstance(n, str)]
    return composed_title(kommuner, record)


# What a list item ends with because it continued the list: "…kvällstid," "…skolor; och".
_LIST_TAIL = re.compile(r"(?:\s*[,;]|\s+(?:och|samt|eller))+\s*$", re.IGNORECASE)


def commitment_text(value: Any) -> str:
    """A commitment as the promise shows it: a list item read under "Polisen lovar
    att:" ("genomföra minst två insatser per månad,") stands alone as "Genomföra
    minst två insatser per månad" — first letter up, the list's joining comma,
    semicolon or "och" off the end. The record keeps the words as written."""
    text = " ".join(str(value or "").split())
    text = _LIST_TAIL.sub("", text)
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    return text


def _focus_titles(record: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for value in record.get("focus_areas") or []:
        title = _clean(value)[:MAX_TITLE]
        if title and title not in out:
            out.append(title)
    return out


def draft_record(
    record: dict[str, Any], meta: Any = None, *, kommuner: list[str] | None = None
) -> dict[str, Any]:
    """The extraction record as the loader reads it for a new draft.

    Adds the title, keeps the lägesbild (``situation_summary``), and keeps each
    commitment's focus area only when it is one of the record's focus areas (as the
    loader requires), with titles cut to what the model stores.
    """
    focus = _focus_titles(record)
    commitments = []
    for c in record.get("commitments") or []:
        if not isinstance(c, dict):
            continue
        area = _clean(c.get("focus_area"))[:MAX_TITLE]
        commitments.append(
            {
                **c,
                "text": commitment_text(c.get("text")),
                "focus_area": area if area in focus else None,
            }
        )
    situation = record.get("situation_summary")
    return {
        **record,
        "title": draft_title(record, meta, kommuner=kommuner),
        "focus_areas": focus,
        "situation_summary": situation.strip() if isinstance(situation, str) else None,
        "commitments": commitments,
    }
