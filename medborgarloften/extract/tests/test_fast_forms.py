"""Expressions rewritten for speed must match exactly what their plain forms match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarloften.extract.document import parties

PAIRS = [
    (parties._CAP_WORD, re.compile(r"(?<![\w-])[A-ZÅÄÖÉ][\w-]*")),
]


@settings(max_examples=500)
@given(st.text(alphabet="aÅBé- .\nÉx9_/Ö", max_size=40))
def test_fast_forms_equal_plain_forms(text):
    for fast, plain in PAIRS:
        assert [m.span() for m in fast.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], (plain.pattern, text)
