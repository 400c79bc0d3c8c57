"""Literal prefilters: skip a regular expression when its text cannot match.

Most lexicon expressions (themes, rates, cues) find nothing in most texts, yet each
pass of Python's ``re`` over a text costs about 20 ns a character, case-insensitive
alternations more. Every match of such an expression must contain one of a few
literal strings ("narkotik", "drog", "varje"…), and ``str.__contains__`` finds those
a hundred times faster than the regex scan. So for each compiled expression we
derive, from its parse tree, a set of strings such that every match contains at
least one of them, and run the expression only on texts that contain one.

The check is sound: it may let through a text where the expression then finds
nothing, never hold back one where it would match. Case is handled by comparing
*folded* text, where folding maps every character to one representative of the
class ``re.IGNORECASE`` treats as equal (so it also holds for the ``ſ``/``s`` and
``K``/``k`` pairs ``re`` knows about).

``by_first_letter`` speeds up an alternation the other way: the same expression,
its alternatives grouped behind a class of their first letter.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .doccache import per_document

# CPython 3.11+: the parser behind ``re``; absent elsewhere → no prefilter. Private
# modules without stubs, so imported by name and typed Any.
_parser: Any
_c: Any
try:
    _c = importlib.import_module("re._constants")
    _parser = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - other Python implementations
    _parser = None
    _c = None


def _fold_table() -> dict[int, str]:
    """Map each character with extra case equivalents in ``re`` to one representative."""
    try:
        from re._casefix import _EXTRA_CASES
    except ImportError:  # pragma: no cover - other Python implementations
        return {}
    parent: dict[str, str] = {}

    def find(ch: str) -> str:
        while parent.get(ch, ch) != ch:
            ch = parent[ch]
        return ch

    for key, others in _EXTRA_CASES.items():
        for other in others:
            a, b = find(chr(key).lower()), find(chr(other).lower())
            if a != b:
                parent[max(a, b)] = min(a, b)
    table = {}
    for ch in list(parent):
        table[ord(ch)] = find(ch)
    return table


_FOLD = _fold_table()
# Only texts that hold one of the merged characters are translated (str.translate
# costs a microsecond a few characters; a character-class search is cheap).
_SPECIAL = (
    re.compile("[" + re.escape("".join(chr(k) for k in sorted(_FOLD))) + "]")
    if _FOLD
    else None
)
# "İ" is the one character whose str.lower() is two characters; ``re`` lowers it to "i".
_DOTTED_I = "\u0130"


# The rules test each sentence, heading and commitment against many expressions,
# so the same few dozen texts are folded hundreds of times per document.
@per_document
def fold(text: str) -> str:
    """``text`` lowered and with ``re``'s extra case equivalents merged."""
    if _DOTTED_I in text:
        text = text.replace(_DOTTED_I, "i")
    low = text.lower()
    if _SPECIAL is not None and _SPECIAL.search(low):
        low = low.translate(_FOLD)
    return low


def _candidates(items: list) -> Iterator[frozenset[str]]:
    """Sets of strings of which every match of the sequence ``items`` holds one."""
    run: list[str] = []

    def flush() -> Iterator[frozenset[str]]:
        if run:
            yield frozenset({"".join(run)})
            run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(fold(chr(av)))
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: the literals on both sides stay adjacent
        elif op is _c.SUBPATTERN:
            inner = av[-1]
            if all(sub_op is _c.LITERAL for sub_op, _ in inner):
                run.extend(fold(chr(sub_av)) for _, sub_av in inner)
                continue
            yield from flush()
            best = _best(inner)
            if best:
                yield best
        elif op is _c.BRANCH:
            yield from flush()
            union: set[str] = set()
            for alternative in av[1]:
                best = _best(alternative)
                if best is None:
                    break
                union |= best
            else:
                yield frozenset(union)
        elif op in (
            _c.MAX_REPEAT,
            _c.MIN_REPEAT,
            getattr(_c, "POSSESSIVE_REPEAT", None),
        ):
            yield from flush()
            low, _high, body = av
            if low >= 1:
                best = _best(body)
                if best:
                    yield best
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            yield from flush()
            best = _best(av)
            if best:
                yield best
        else:  # character classes, ANY, back references: no literal to rely on
            yield from flush()
    yield from flush()


def _best(items: list) -> frozenset[str] | None:
    """The most selective candidate set: longest shortest string, then fewest strings."""
    best = None
    best_key = None
    for cand in _candidates(list(items)):
        if not cand or "" in cand:
            continue
        key = (min(len(s) for s in cand), -len(cand))
        if best_key is None or key > best_key:
            best, best_key = cand, key
    return best


def _start_literals(items: list) -> frozenset[str] | None:
    """Folded strings one of which every match of ``items`` starts with, or None."""
    i = 0
    while i < len(items) and items[i][0] in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        i += 1  # zero width: the match starts where the next item does
    if i == len(items):
        return None
    op, av = items[i]
    if op is _c.LITERAL:
        run = []
        for item_op, item_av in items[i:]:
            if item_op is not _c.LITERAL:
                break
            run.append(fold(chr(item_av)))
        return frozenset({"".join(run)})
    if op is _c.SUBPATTERN:
        return _start_literals(list(av[-1]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            starts = _start_literals(list(alternative))
            if starts is None:
                return None
            union |= starts
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        first = _start_literals(list(body))
        if first is None or low >= 1:
            return first
        rest = _start_literals(items[i + 1 :])  # "(?:medborgar)?löfte": either
        return None if rest is None else first | rest
    return None  # a class, a back reference, …: no literal every match starts with


def start_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Folded strings one of which every match of ``pattern`` starts with, or None."""
    if _parser is None:
        return None
    try:
        starts = _start_literals(list(_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # noqa: BLE001 - an unknown construct only costs the speed-up
        return None
    # A one-letter start ("i") is everywhere: trying the expression at each of them
    # costs more than its own scan ("§" or "/" is rare enough).
    if not starts or any(len(s) < 2 and s.isalnum() for s in starts) or "" in starts:
        return None
    return tuple(sorted(starts))


def start_literals_of(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Folded strings one of which every match of ``pattern`` starts with, one-letter
    ones too (``start_literals`` leaves those out); an error when there are none."""
    starts = _start_literals(list(_parser.parse(pattern.pattern, pattern.flags)))
    if not starts or "" in starts:
        raise ValueError(f"no start literals: {pattern.pattern!r}")
    return tuple(sorted(starts))


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Folded strings of which every match of ``pattern`` contains one, or None.

    None means no such set was found (the expression must always be run).
    """
    if _parser is None:
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unknown construct only costs the prefilter
        return None
    try:
        best = _best(list(tree))
    except Exception:  # noqa: BLE001 - same: fall back to running the expression
        return None
    if not best:
        return None
    # A string that holds a shorter one of the set adds nothing ("gånger" ⊃ "gång").
    kept = [s for s in best if not any(o != s and o in s for o in best)]
    return tuple(sorted(kept))


# Below this length a text is scanned directly: folding it and looking for the
# literals would cost about as much as the scan (measured on the bench documents).
SHORT_TEXT = 48

_Found = re.Match[str] | None


class Prefiltered:
    """A compiled expression with its literal prefilter, usable where the pattern was.

    ``search``/``match``/``finditer`` take the same arguments as ``re.Pattern``'s, plus
    ``folded=``: the text already passed through :func:`fold`, so that one folding
    serves every expression run over the same text (``fold`` of that very text: its
    positions are used to find start literals). Other attributes (``pattern``,
    ``sub``…) are the pattern's own.
    """

    __slots__ = ("regex", "literals", "starts")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.literals = required_literals(regex)
        self.starts = start_literals(regex)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.regex, name)

    def __repr__(self) -> str:
        return f"Prefiltered({self.regex!r}, literals={self.literals!r})"

    def may_match(self, folded: str) -> bool:
        """False only when the expression cannot match the text ``folded`` came from."""
        return holds_any(folded, self.literals)

    def _gate(self, text: str, span: tuple[int, ...], folded: str | None) -> str | bool:
        """What a search needs: True, run the expression as it is; False, it cannot
        match; a string, the folded text to run it from its start literals."""
        literals = self.literals
        if literals is None:
            return True
        if folded is None:
            if len(text) < SHORT_TEXT:
                return True
            folded = fold(text)
        if span:
            # A match lies within ``pos:endpos`` and so does each literal of it (the
            # literals come from what a match consumes, never from a look-around),
            # so only that window is looked at: a search of the 100 characters
            # before a bracket need not read the whole document nine times. ``re``
            # takes a negative position as 0, ``str.find`` from the end.
            lo = max(span[0], 0)
            hi = max(span[1], 0) if len(span) > 1 else len(folded)
            for literal in literals:  # noqa: SIM110 - a plain loop is faster than any()
                if folded.find(literal, lo, hi) >= 0:
                    return True
            return False
        for literal in literals:  # inlined ``may_match``: a thousand calls a document
            if literal in folded:
                return True if self.starts is None else folded
        return False

    # ``*span`` is re.Pattern's optional ``pos, endpos``.
    def search(self, text: str, *span: int, folded: str | None = None) -> _Found:
        """``regex.search``, or None when the prefilter rules the text out."""
        gate = self._gate(text, span, folded)
        if gate is True:
            return self.regex.search(text, *span)
        return None if gate is False else self.search_at_starts(text, gate)

    def search_at_starts(self, text: str, folded: str) -> _Found:
        """``regex.search(text)`` by ``finditer_at_starts``: its first match."""
        return next(self.finditer_at_starts(text, folded), None)

    def match(self, text: str, *span: int, folded: str | None = None) -> _Found:
        """``regex.match``, or None when the prefilter rules the text out."""
        if self._gate(text, span, folded) is False:
            return None
        return self.regex.match(text, *span)

    def finditer(
        self, text: str, *span: int, folded: str | None = None
    ) -> Iterator[re.Match[str]]:
        """``regex.finditer``, or nothing when the prefilter rules the text out."""
        gate = self._gate(text, span, folded)
        if gate is True:
            return self.regex.finditer(text, *span)
        return iter(()) if gate is False else self.finditer_at_starts(text, gate)

    def finditer_at_starts(self, text: str, folded: str) -> Iterator[re.Match[str]]:
        """``regex.finditer(text)`` tried only where one of ``starts`` begins in
        ``folded`` (``fold(text)``, position for position), leftmost first: the
        same matches, as every match starts with one of them (and none is empty).
        A case-insensitive alternation costs ``re`` a try at every character;
        ``str.find`` does not. The places are gathered first and tried in order,
        each at most once, from where the last match ended (as finditer goes on)."""
        assert self.starts is not None
        regex = self.regex
        places: list[int] = []
        for start in self.starts:
            where = folded.find(start)
            while where >= 0:
                places.append(where)
                where = folded.find(start, where + 1)
        places.sort()  # "ska" and "skall" can start at one place: tried once
        after = 0
        for pos in places:
            if pos < after:
                continue
            m = regex.match(text, pos)
            if m is None:
                after = pos + 1
            else:
                yield m
                after = m.end()


def all_literals(expressions: Iterable[object]) -> tuple[str, ...] | None:
    """The literals of several expressions together: a folded text holding none of
    them matches none of the expressions (see ``holds_any``). None when one of them
    has no prefilter."""
    out: set[str] = set()
    for rx in expressions:
        if not isinstance(rx, Prefiltered) or rx.literals is None:
            return None
        out.update(rx.literals)
    return tuple(sorted(out))


def holds_any(folded: str, literals: tuple[str, ...] | None) -> bool:
    """False only when ``folded`` holds none of ``literals`` (from ``all_literals``)."""
    if literals is None:
        return True
    for literal in literals:  # noqa: SIM110 - a plain loop is faster than any()
        if literal in folded:
            return True
    return False


def prefiltered(regex: re.Pattern[str]) -> re.Pattern[str] | Prefiltered:
    """``regex`` with a literal prefilter when one can be derived, else ``regex``."""
    wrapped = Prefiltered(regex)
    return wrapped if wrapped.literals is not None else regex


def finditer_split(
    text: str,
    full: re.Pattern[str],
    cheap: re.Pattern[str],
    starts: list[int],
) -> Iterator[re.Match[str]]:
    """``full.finditer(text)`` when ``full`` is ``cheap`` plus alternatives tried
    after ``cheap``'s (at one position ``full`` matches as ``cheap`` does when
    ``cheap`` matches there), and those other alternatives can only match at one of
    the sorted positions ``starts``: ``cheap`` scans the text, ``full`` is tried at
    the starts before each of its matches, and at the match itself to decide.
    ``full`` must never match the empty string.
    """
    pos, i = 0, 0
    while True:
        found = None
        quick = cheap.search(text, pos)
        limit = quick.start() if quick is not None else len(text) + 1
        while i < len(starts) and starts[i] < limit:
            at, i = starts[i], i + 1
            if at >= pos:
                found = full.match(text, at)
                if found is not None:
                    break
        if found is None:
            if quick is None:
                return
            found = full.match(text, quick.start())
            if found is None:  # cannot happen when the two agree, as required
                pos = quick.start() + 1
                continue
        yield found
        pos = found.end()


def by_first_letter(alternatives: str) -> str:
    """``(?i:a|b|…)`` regrouped by first letter, each group behind a case-sensitive
    class of every character ``re`` takes for that letter ignoring case ("[Kk\u212a]").

    ``re`` tries each alternative of a case-insensitive alternation in turn at every
    word start; a group whose class does not hold the character is skipped at one
    comparison. The same matches: only one group can start at a character, and each
    group keeps its alternatives' order (a look-behind moves past the first letter).
    """
    groups = _by_first(alternatives)
    return (
        "(?:"
        + "|".join(
            f"[{case_forms(first)}](?i:{'|'.join(rests)})"
            for first, rests in groups.items()
        )
        + ")"
    )


def _by_first(alternatives: str) -> dict[str, list[str]]:
    """{first letter: the rests of the alternatives that start with it, in order};
    a leading look-behind moves past the first letter."""
    groups: dict[str, list[str]] = {}
    for alternative in _top_level_split(alternatives):
        leading = _LEADING_BEHINDS.match(alternative)
        behinds = leading.group(0) if leading else ""
        first, rest = alternative[len(behinds)], alternative[len(behinds) + 1 :]
        moved = re.sub(r"\(\?<!(.*?)\)", r"(?<!\1.)", behinds)
        groups.setdefault(first, []).append(moved + rest)
    return groups


def opening_class(branches: list[tuple[str, str]], behind: str) -> str:
    """``(?<!behind)(?:(?i:A1)T1|(?i:A2)T2|…)`` for an expression compiled without
    ``re.IGNORECASE`` (each ``Ai`` an alternation of words, each ``Ti`` what must
    follow it; ``behind`` a one-character class), written to open with one
    case-sensitive class of every character a match can start with.

    ``re`` skips to those characters in C, where a leading look-behind makes it try
    the whole expression at every character. The same matches: after the first
    character, the look-behind is tried one character further back, and each
    branch tries, in their order, the words of the first letter it consumed (only
    those can match there).
    """
    firsts: dict[str, None] = {}
    parts = []
    for alternatives, tail in branches:
        groups = _by_first(alternatives)
        firsts.update(dict.fromkeys(groups))
        words = "|".join(
            f"(?<=[{case_forms(first)}])(?i:{'|'.join(rests)})"
            for first, rests in groups.items()
        )
        parts.append(f"(?:{words}){tail}")
    opening = "".join(case_forms(first) for first in firsts)
    return f"[{opening}](?<!{behind}.)(?:{'|'.join(parts)})"


_LEADING_BEHINDS = re.compile(r"(?:\(\?<!.*?\))*")


def _top_level_split(alternatives: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(alternatives):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            parts.append(alternatives[start:i])
            start = i + 1
    return [*parts, alternatives[start:]]


# Characters whose case mapping lands on a Swedish letter besides its own upper
# case: dotted and dotless i, long s, the Kelvin and Ångström signs.
_CASE_EXTRAS = "\u0130\u0131\u017f\u212a\u212b"


def case_forms(letter: str) -> str:
    forms = {letter.lower(), letter.upper()}
    forms.update(c for c in _CASE_EXTRAS if re.fullmatch(letter, c, re.IGNORECASE))
    return "".join(sorted(forms))
