"""The years of the data behind a lägesbild, which are not the promise's period."""

from __future__ import annotations

import re

from ..prefilter import prefiltered

# A sentence about the survey or statistics behind the lägesbild: its years are
# those of the data, not of the promise ("trygghetsmätningen åren 2016 och 2017").
EVIDENCE_SENTENCE = prefiltered(
    re.compile(
        r"mätning|undersökning|enkät|statistik|anmäld|anmälning|dialoger\b|"
        r"brottsutveckling|jämfört\s+med",
        re.IGNORECASE,
    )
)

# The last few words before a year range, up to a clause boundary.
_WORDS_BEFORE = re.compile(r"(?:[^\s,;:.!?()]+\s+){1,3}$")


def data_years(text: str, start: int) -> bool:
    """The year range at ``start`` is attached to a data source ("anmälda brott
    2020–2022", "enkäten under åren 2019–2021"), even in a sentence that names the
    promise ("Löftet bygger på … anmälda brott 2020–2022 …")."""
    window = text[max(0, start - 60) : start]
    before = _WORDS_BEFORE.search(window)
    return before is not None and EVIDENCE_SENTENCE.search(before.group(0)) is not None
