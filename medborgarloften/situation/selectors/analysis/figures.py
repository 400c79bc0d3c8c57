"""A shown figure and the small-group rule: a figure based on fewer than
``MIN_GROUP`` respondents or reports is never shown."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

#: Fewer respondents or reports than this are never shown as figures.
MIN_GROUP = 5


@dataclass(frozen=True)
class Figure:
    """A value with the number it rests on; ``suppressed`` when that is too small,
    or (``secondary``) hidden so that a small one cannot be worked out from it."""

    value: float | None
    base: int | None = None
    suppressed: bool = False
    secondary: bool = False

    @property
    def shown(self) -> bool:
        return self.value is not None and not self.suppressed

    @property
    def margin(self) -> float | None:
        """The 95 % margin of error of a share in percent (percentage points),
        1.96·√(p(1−p)/n); None when the share is hidden or n is unknown."""
        if not self.shown or not self.base or self.value is None:
            return None
        p = min(max(float(self.value) / 100, 0.0), 1.0)
        return 196 * math.sqrt(p * (1 - p) / self.base)


def change_significant(now: Figure | None, before: Figure | None) -> bool | None:
    """Whether a share changed between two rounds beyond chance: a two-proportion
    z-test (pooled) at the 5 % level, |z| > 1.96. None when either share is hidden or
    rests on an unknown number of respondents."""
    if now is None or before is None or not (now.shown and before.shown):
        return None
    if not now.base or not before.base or now.value is None or before.value is None:
        return None
    p1, n1 = float(now.value) / 100, now.base
    p2, n2 = float(before.value) / 100, before.base
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if spread == 0:
        return p1 != p2
    return abs(p1 - p2) / spread > 1.96


def count_figure(n: int) -> Figure:
    """A count of reports or events: 1–4 are suppressed, 0 is shown as 0."""
    return Figure(value=n, base=n, suppressed=0 < n < MIN_GROUP)


def suppress_complements(figures: list[Figure], *, total: int) -> list[Figure]:
    """The figures of the parts of one whole whose ``total`` is shown (areas of all
    answers, options of one question, women and men), with complementary cells
    hidden: subtracting the shown parts from the total gives what the hidden ones
    add up to, so once one part is hidden, the smallest shown part is hidden too,
    until that remainder is at least ``MIN_GROUP`` (a hidden part of 1–4 can no
    longer be worked out) or nothing is left to hide. Each figure's ``base`` is its
    count; parts that were not answered at all (the remainder) stay unseen."""
    parts = list(figures)
    if not any(f.suppressed for f in parts):
        return parts

    def count(figure: Figure) -> int:
        return int(figure.base or 0)

    while total - sum(count(f) for f in parts if not f.suppressed) < MIN_GROUP:
        shown = [i for i, f in enumerate(parts) if not f.suppressed and count(f) > 0]
        if not shown:
            break
        smallest = min(shown, key=lambda i: (count(parts[i]), i))
        parts[smallest] = replace(parts[smallest], suppressed=True, secondary=True)
    return parts


def share_figure(share: float | None, respondents: int | None) -> Figure:
    """A survey share: suppressed when fewer than MIN_GROUP answered; unknown
    respondent counts are shown (the importer did not say)."""
    if share is None:
        return Figure(value=None)
    return Figure(
        value=share,
        base=respondents,
        suppressed=respondents is not None and respondents < MIN_GROUP,
    )
