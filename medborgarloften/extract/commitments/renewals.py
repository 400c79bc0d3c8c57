"""Renewed and revised promises: last period's promise and its outcome beside the
new period's commitments.

A renewed medborgarlöfte often sets each topic out as labelled lines: "Tidigare
löfte: …" (the old promise, in the present tense as it was written), "Så här gick
det: …" / "Status 2023: …" / "Utfall: …" (what came of it) and "Nytt löfte: …" /
"2024: …" (what is promised now). Only the new period's lines hold commitments;
their label is no part of the commitment's text. A sentence that announces that a
promise ends ("Följande löfte från 2020 avslutas: ”…”", "Löftet avslutas.")
promises nothing, even when it quotes the ended promise.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..parties import subject_parties
from ..structure import Block, split_sentences

# A year or a range of years, "2023", "2022–2023", "2022-23", "(2020–2021)".
_YEARS = r"\(?(?:19|20)\d\d(?:\s*[-–]\s*(?:(?:19|20)?\d\d))?\)?"

# The label of a line about the old period: the old promise itself or its outcome.
RECAP_LABEL = re.compile(
    r"\s*(?:"
    r"(?:tidigare|förra|föregående|gamla|gammalt|ursprungligt|ursprungliga)\s+"
    r"(?:års\s+|periodens\s+)?(?:medborgar)?(?:löfte[nt]?|löften(?:a)?|mål(?:et)?)"
    # "Tidigare:", "Förra året:", "Förra perioden:" over the old promise
    r"|tidigare|(?:förra|föregående)\s+(?:året|perioden|löftesperioden)"
    r"|så\s+(?:här\s+)?(?:gick|blev)\s+det(?:\s+\w+){0,3}"
    r"|(?:status|utfall(?:et)?|resultat(?:et)?|läget|uppfyllt|måluppfyllelse)"
    r"(?:\s+(?:för\s+|per\s+)?(?:\w+\s+)?" + _YEARS + r")?"
    r")\s*" + _YEARS.join(("(?:", ")?")) + r"\s*:",
    re.IGNORECASE,
)

# The label of a line about the new period: "Nytt löfte:", "Nya mål:", "2024:".
NEW_LABEL = re.compile(
    r"\s*(?:"
    r"(?:nytt|nya|reviderat|reviderade|förnyat|förnyade|förlängt|förlängda|skärpt)"
    r"\s+(?:medborgar)?(?:löfte[nt]?|löften(?:a)?|mål(?:et)?|åtaganden?)"
    r"(?:\s+" + _YEARS + r")?"
    # "Nytt:", "Framåt:", "I år:" over the new commitment
    r"|nytt|framåt|i\s+år|" + _YEARS + r")\s*:\s+(?=\S)",
    re.IGNORECASE,
)

# "Löftet avslutas", "Följande löfte från 2020 avslutas:", "Löftet om … upphör",
# "Medborgarlöftet om inbrott ersätts av …", "Löftet om … utgår" (not "utgår från",
# its basis): a promise that ends.
ENDED_PROMISE = re.compile(
    r"\b(?:medborgar)?löfte(?:t|n|na)?\b[^.:;]{0,80}?\b"
    r"(?:avslutas|avslutades|upphör|upphörde|ersätts|ersattes|tas\s+bort|togs\s+bort"
    r"|fasas\s+ut|läggs\s+ned|läggs\s+ner|stryks|ströks"
    r"|(?:utgår|utgick|utgå)(?!\s+(?:från|ifrån)\b))\b",
    re.IGNORECASE,
)


def is_recap(block: Block) -> bool:
    """The paragraph or item is labelled as last period's promise or its outcome."""
    return block.kind in ("paragraph", "bullet") and bool(RECAP_LABEL.match(block.text))


def unlabelled(block: Block) -> Block:
    """The paragraph or item without its "Nytt löfte:" / "2024:" label (the block
    itself when it has none): the commitment is the words after the label."""
    if block.kind not in ("paragraph", "bullet"):
        return block
    m = NEW_LABEL.match(block.text)
    if m is None:
        return block
    text = block.text[m.end() :]
    start = block.start + m.end()
    sentences = split_sentences(text, start) if block.kind == "paragraph" else ()
    return replace(block, text=text, start=start, sentences=sentences)


def ends_promise(text: str) -> bool:
    """The sentence announces that a promise ends (and may quote it)."""
    return ENDED_PROMISE.search(text) is not None


# "Polisen har genomfört 64 trafikkontroller …", "Kommunen har startat …": a party
# telling in the perfect what it has done (a renewal's look back), no commitment.
_PERFECT_REPORT = re.compile(
    r"[\s,]*(?:(?:även|också|redan|nu|tillsammans|gemensamt)\s+)*har\s+"
    r"(?:(?:även|också|redan|tillsammans|gemensamt|under\s+\w+(?:\s*[-–]\s*\d+)?)\s+)*"
    r"(?:genomfört|gjort|hållit|startat|anordnat|arrangerat|byggt|infört|deltagit"
    r"|besökt|patrullerat|utbildat|informerat|träffat|inventerat|åtgärdat|satt\s+upp"
    r"|tagit\s+fram|bjudit\s+in|delat\s+ut|nått|ökat|minskat)\b",
    re.IGNORECASE,
)


def perfect_report(text: str) -> bool:
    """The item tells, in the perfect, what its party has done."""
    subj = subject_parties(text)
    if subj is None or subj.span is None or subj.rule != "responsible.subject":
        return False
    return _PERFECT_REPORT.match(text, subj.span[1]) is not None


def ended_or_done(text: str) -> bool:
    """A bullet that announces that a promise ends, or tells in the perfect what its
    party has done (a renewal's look back): no commitment of the new promise."""
    return ends_promise(text) or perfect_report(text)
