"""Counts agree with their nouns as Swedish (and English) writes them: "1 rad, 1 ny",
"2 rader, 2 nya" — through ngettext / blocktranslate count, never "uppföljningsrapport(er)"
or "1 poster"."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from django.utils import translation

import medborgarloften
from medborgarloften.operations.demo import DemoSummary
from medborgarloften.places.services import ReferenceLoadSummary
from medborgarloften.situation.services.imports import ImportSummary

PACKAGE = Path(medborgarloften.__file__).resolve().parent
# A noun with its plural ending in brackets: "rapport(er)", "löfte(n)", "dag(ar)".
BRACKETED_PLURAL = re.compile(r"\w\((?:er|ar|or|n|na|en)\)")


def _texts(path: Path) -> list[tuple[int, str]]:
    """Strings a user can see: a template's lines, a module's string literals (not
    its docstrings or code)."""
    source = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return list(enumerate(source.splitlines(), start=1))
    return [
        (token.start[0], token.string)
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.STRING and not token.string.startswith('"""')
    ]


def test_no_text_writes_a_plural_in_brackets():
    offenders = []
    for path in PACKAGE.rglob("*"):
        if path.suffix not in {".py", ".html", ".txt"} or "tests" in path.parts:
            continue
        for number, text in _texts(path):
            if BRACKETED_PLURAL.search(text):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {text}")
    assert offenders == []


def test_one_and_many_take_their_own_forms_in_swedish_and_english():
    one = ImportSummary(rows=1, created=1, updated=1)
    many = ImportSummary(rows=2, created=2, updated=0)
    loaded = ReferenceLoadSummary(kommuner=1, lan=1, created=1, changed=1)
    demo = DemoSummary(
        areas=1, users=1, promises=1, activities=2, observations=1, police_events=1
    )
    with translation.override("sv"):
        assert str(one) == "1 rad: 1 ny, 1 ersatt."
        assert str(many) == "2 rader: 2 nya, 0 ersatta."
        assert str(loaded).startswith("1 kommun, 1 län, 0 polisregioner")
        assert str(loaded).endswith(": 1 ny, 1 ändrad")
        assert str(demo).endswith(
            "1 nytt område, 1 nytt medborgarlöfte, 2 nya aktiviteter, "
            "1 ny observation, 1 ny användare, 1 ny polishändelse"
        )
    with translation.override("en"):
        assert str(one) == "1 row: 1 new, 1 replaced."
        assert str(many) == "2 rows: 2 new, 0 replaced."
        assert str(loaded).startswith("1 municipality, 1 county, 0 police regions")
        assert str(demo).endswith(
            "1 new area, 1 new citizen promise, 2 new activities, "
            "1 new observation, 1 new user, 1 new police event"
        )
