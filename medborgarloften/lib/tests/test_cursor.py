"""The numeric paging cursor: "c" and base 36, read back to the same key."""

import re

import pytest

from medborgarloften.lib.cursor import (
    NUMERIC_CURSOR_PATTERN,
    numeric_cursor,
    numeric_cursor_key,
)


@pytest.mark.parametrize(
    ("key", "cursor"),
    [(0, "c0"), (9, "c9"), (10, "ca"), (35, "cz"), (36, "c10"), (1296, "c100")],
)
def test_cursor_is_c_and_base_36(key: int, cursor: str) -> None:
    assert numeric_cursor(key) == cursor
    assert re.fullmatch(NUMERIC_CURSOR_PATTERN, cursor)
    assert numeric_cursor_key(cursor) == key


def test_every_key_the_pattern_allows_reads_back() -> None:
    for key in (1, 777, 10**17, 36**12 - 1):
        cursor = numeric_cursor(key)
        assert re.fullmatch(NUMERIC_CURSOR_PATTERN, cursor)
        assert numeric_cursor_key(cursor) == key
