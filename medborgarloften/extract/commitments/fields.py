"""Labelled sub-items of a list item: "– Mål: …", "– Ansvarig: …", "– När: …".

An action plan written as a list often gives each activity its own short
sub-list of fields instead of a table row::

    1. Kommunen ordnar läxhjälp på biblioteket varje vecka.
       – Mål: 30 träffar per termin
       – Ansvarig: Kommunen

The item is the commitment; its sub-items are the columns of the row (target,
responsible party, time), never commitments of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..parties import parties_in_chain, parties_in_enumeration, subject_parties
from ..structure import Block
from .patterns import (
    _PROMISE_VERB,
    BULLET_OUTCOME,
    INFINITIVE_START,
    _Candidate,
    _Context,
    bullet_candidate,
)
from .sentences import _present_action
from .tables import (
    _BARE_MONTH,
    _GOAL_COLUMN,
    _RECORD_LABEL,
    _RESPONSIBLE_COLUMN,
    _WHEN_COLUMN,
)


@dataclass(frozen=True)
class ItemFields:
    """The labelled sub-items right below one list item."""

    count: int  # how many blocks the fields take after the item
    goal: str
    responsible: str | None
    when: str

    def parties(self) -> frozenset[str] | None:
        """The parties the "Ansvarig" field names, or None."""
        if not self.responsible:
            return None
        found = (
            parties_in_enumeration(self.responsible)
            or parties_in_chain(self.responsible)
            # "Ansvar: Ekby Energi": a name the lexicon does not know
            or (
                parties_in_enumeration(self.responsible, stated=True)
                if _names_only(self.responsible)
                else set()
            )
        )
        if "both" in found:
            found = (found - {"both"}) | {"polis", "kommun"}
        return frozenset(found) or None

    def hint(self) -> str:
        """The "När" value as words the target reader understands."""
        return f"i {self.when}" if _BARE_MONTH.match(self.when) else self.when

    def target_text(self) -> str:
        """The goal together with its time ("10 insatser. senast i maj")."""
        hint = self.hint()
        return f"{self.goal}. {hint}" if self.goal and hint else self.goal or hint


# An organisation's own name: capitalised words ("Ekby Energi", "Företagarna
# Ekby") or an acronym ("LRF") - not "Samtliga", "Löpande" or "Hösten 2031".
_ORG_NAME_WORDS = re.compile(
    r"(?:[A-ZÅÄÖ][a-zåäöé]+(?:-[a-zåäöA-ZÅÄÖ]+)?\s+)+[A-ZÅÄÖ][a-zåäöé]+|[A-ZÅÄÖ]{2,6}"
)


def _names_only(listed: str) -> bool:
    """Every item of a responsible field is an organisation's own name."""
    items = re.split(r"\s*(?:,|&)\s*|\s+(?:och|samt)\s+", listed.strip(" .;"))
    return all(_ORG_NAME_WORDS.fullmatch(item) for item in items)


# Other columns of an action plan, kept with the item and read no further.
_OTHER_FIELD = re.compile(
    r"(?:status|kommentar|uppföljning|indikator(?:er)?|mätetal|samverkan\w*|"
    r"partner|plats|budget|kostnad|resurser|finansiering|kontakt\w*)$",
    re.IGNORECASE,
)


def _field(block: Block) -> tuple[str, str] | None:
    """("goal" | "responsible" | "when", value) for one labelled sub-item, on a
    marker of its own or on a line of its own below the item."""
    return _field_text(block.text)


def _field_text(text: str) -> tuple[str, str] | None:
    m = _RECORD_LABEL.match(text)
    if m is None or "\n" in m.group("value").strip():
        return None
    label = m.group("label").strip()
    if len(label.split()) > 2:
        return None
    value = m.group("value").strip()
    if _GOAL_COLUMN.match(label):
        return "goal", value
    if _RESPONSIBLE_COLUMN.match(label):
        return "responsible", value
    if _WHEN_COLUMN.match(label):
        return "when", value
    if _OTHER_FIELD.match(label):
        return label.casefold(), value
    return None


def _block_fields(block: Block) -> list[tuple[str, str]] | None:
    """The fields of one block: its own, or one per line when every line of an
    unmarked block is a field ("Ansvarig: Kommunen" / "Tidsplan: Hösten 2031"
    kept as one paragraph)."""
    single = _field(block)
    if single is not None:
        return [single]
    lines = block.text.strip().splitlines()
    if block.kind == "bullet" or len(lines) < 2:
        return None
    found = [_field_text(line.strip()) for line in lines]
    if any(f is None for f in found):
        return None
    return [f for f in found if f is not None]


def item_fields(blocks: list[Block], idx: int) -> ItemFields | None:
    """The labelled sub-items ("– Mål: …", "– Ansvarig: …") that follow the list
    item at ``idx``, or None when none follows."""
    block = blocks[idx]
    if block.kind != "bullet" or _field(block) is not None:
        return None
    values: dict[str, str] = {}
    count = 0
    loose = _interleaved(blocks, idx)
    for nxt in blocks[idx + 1 :]:
        if nxt.kind != "bullet" and nxt.indent <= block.indent and not loose:
            break  # "Tid: 2031" below a list is the document's, not the item's
        found = _block_fields(nxt)
        sibling = nxt.marker == block.marker and nxt.indent <= block.indent
        if found is None or sibling or any(f[0] in values for f in found):
            break
        values.update(found)
        count += 1
    if not count:
        return None
    return ItemFields(
        count,
        values.get("goal", ""),
        values.get("responsible"),
        values.get("when", ""),
    )


def goal_below(blocks: list[Block], idx: int, end: int) -> str:
    """The value of a goal line ("Mål: …", "Mätbart mål: …") right below the
    paragraph at ``idx`` when the candidate ending at ``end`` closes it: a
    commitment written with its measurable goal on the next line."""
    block = blocks[idx]
    if block.kind != "paragraph" or end < block.end or idx + 1 >= len(blocks):
        return ""
    nxt = blocks[idx + 1]
    if nxt.kind == "bullet":
        return ""
    found = _field(nxt)
    return found[1] if found is not None and found[0] == "goal" else ""


def _style(marker: str) -> str:
    """A list marker's kind: "1." and "12." alike, "a)" and "b)" alike."""
    return re.sub(r"^[a-zåäö](?=[.)])", "a", re.sub(r"\d+", "9", marker))


def _field_run(blocks: list[Block], start: int) -> tuple[list[str], int]:
    """The field labels of the unmarked field lines from ``start`` on, and the
    index of the first block after them."""
    labels: list[str] = []
    i = start
    while i < len(blocks) and blocks[i].kind != "bullet":
        found = _block_fields(blocks[i])
        if found is None:
            break
        labels.extend(label for label, _ in found)
        i += 1
    return labels, i


def _interleaved(blocks: list[Block], idx: int) -> bool:
    """The lines after the item at ``idx`` are fields that the item before or after
    it carries too ("• Item / Ansvar: Polisen / • Item / Ansvar: Kommunen", a Word
    file's field lines not indented under their items; "1. Item / Ansvarig: … /
    Tidsplan: … / 2. Item / Ansvarig: …")."""
    labels, after = _field_run(blocks, idx + 1)
    if not labels:
        return False
    style = _style(blocks[idx].marker)

    def pair(item: int) -> bool:
        if item < 0 or item >= len(blocks) or blocks[item].kind != "bullet":
            return False
        other, _ = _field_run(blocks, item + 1)
        return (
            _style(blocks[item].marker) == style
            and bool(other)
            and other[0] == labels[0]
        )

    before = idx - 1
    while before >= 0 and blocks[before].kind != "bullet":
        if _block_fields(blocks[before]) is None:
            break
        before -= 1
    return pair(after) or pair(before)


def item_candidate(
    block: Block, idx: int, fields: ItemFields, ctx: _Context
) -> _Candidate | None:
    """The list item over its fields as a commitment, or None when it reads as no
    activity: a party answers for it ("Ansvarig: …"), or it names its party, a
    promise verb or starts with an activity ("Genomföra …")."""
    text = block.text.rstrip()
    if ctx.kind in ("excluded", "focus") or len(text.split()) < 3:
        return None
    own = subject_parties(text)
    acts = (
        fields.responsible is not None
        or own is not None
        or _PROMISE_VERB.search(text) is not None
        or INFINITIVE_START.match(text) is not None
        or _present_action(text)
    )
    if not acts or (own is None and BULLET_OUTCOME.search(text)):
        return None
    return bullet_candidate(
        block,
        idx,
        "bullet.with_fields",
        fields.parties() or ctx.party,
        ctx,
        target_hint=fields.hint(),
        goal=fields.target_text() if fields.goal else "",
    )
