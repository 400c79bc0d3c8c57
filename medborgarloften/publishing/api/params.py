"""Query parameters parsed strictly: a malformed value or an unknown parameter is a
400 naming the parameter, never silently ignored (a typo must not return everything).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from medborgarloften.lib.cursor import (
    NUMERIC_CURSOR_PATTERN,
    numeric_cursor,
    numeric_cursor_key,
)
from medborgarloften.places.models import Organisation

from .errors import ApiError

DEFAULT_LIMIT = 100
#: The largest id a filter accepts (ids are 64-bit; this leaves room and fits JSON).
MAX_ID = 10**17
MAX_LIMIT = 500

#: Parameters every list accepts, besides its filters.
COMMON = ("limit", "cursor", "format", "bom")
#: What ``bom=true`` puts before a CSV: the UTF-8 byte order mark, by which Excel
#: (Swedish locale) reads the file as UTF-8 rather than as Windows-1252. The same
#: ``bom=true`` asks for the rest of the Excel dialect too (tabular.lines: ``;`` and
#: a decimal comma), so one "CSV för Excel" link opens in columns.
BOM = "\ufeff"
FORMATS = ("json", "csv")


def _bad(name: str, detail: str) -> ApiError:
    return ApiError(400, f"{name}: {detail}", field=name)


def parse_limit(value: str) -> int:
    if not re.fullmatch(r"\d{1,6}", value):
        raise _bad("limit", _("ska vara ett heltal 1–%(max)s.") % {"max": MAX_LIMIT})
    limit = int(value)
    if not 1 <= limit <= MAX_LIMIT:
        raise _bad(
            "limit",
            _("%(limit)s ligger utanför 1–%(max)s.")
            % {"limit": limit, "max": MAX_LIMIT},
        )
    return limit


#: Cursor shapes per key type. Every string of the documented pattern is a valid
#: cursor (so the OpenAPI description can be exact); clients must still treat it as
#: opaque and only follow ``next``.
CURSOR_PATTERNS = {int: NUMERIC_CURSOR_PATTERN, str: r"^k[0-9]{4}$"}


def encode_cursor(key: Any) -> str:
    """The cursor for the rows after ``key`` (a numeric id or a kommunkod)."""
    if isinstance(key, int):
        return numeric_cursor(key)
    return "k" + str(key)


def decode_cursor(value: str, kind: type) -> Any:
    if not re.fullmatch(CURSOR_PATTERNS[kind], value):
        raise _bad("cursor", _("okänd markör; använd länken i next."))
    return numeric_cursor_key(value) if kind is int else value[1:]


def date(name: str) -> Callable[[str], dt.date]:
    def parse(value: str) -> dt.date:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise _bad(name, _("ska vara ett datum ÅÅÅÅ-MM-DD."))
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _bad(name, _("%(value)s är inget giltigt datum.") % {"value": value})

    return parse


def uid(name: str) -> Callable[[str], uuid.UUID]:
    def parse(value: str) -> uuid.UUID:
        try:
            return uuid.UUID(value)
        except ValueError:
            raise _bad(name, _("ska vara ett id (uuid)."))

    return parse


def integer(name: str) -> Callable[[str], int]:
    def parse(value: str) -> int:
        if not re.fullmatch(r"[1-9]\d{0,17}", value) or int(value) > MAX_ID:
            raise _bad(name, _("ska vara ett heltal 1–%(max)s.") % {"max": MAX_ID})
        return int(value)

    return parse


def kommunkod(name: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if not re.fullmatch(r"\d{4}", value):
            raise _bad(name, _("ska vara en kommunkod med fyra siffror, t.ex. 0880."))
        return value

    return parse


def lanskod(name: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if not re.fullmatch(r"\d{2}", value):
            raise _bad(name, _("ska vara en länskod med två siffror, t.ex. 08."))
        return value

    return parse


def boolean(name: str) -> Callable[[str], bool]:
    def parse(value: str) -> bool:
        if value not in ("true", "false"):
            raise _bad(name, _("ska vara true eller false."))
        return value == "true"

    return parse


def choice(name: str, options: Iterable[str]) -> Callable[[str], str]:
    allowed = tuple(options)

    def parse(value: str) -> str:
        if value not in allowed:
            raise _bad(
                name,
                _("okänt värde; välj bland %(allowed)s.")
                % {"allowed": ", ".join(allowed)},
            )
        return value

    return parse


def parse_query(
    query: QueryDict, filters: dict[str, Callable[[str], Any]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(filters, paging) from a query string; raises ApiError(400) naming the
    parameter that is unknown, repeated or malformed."""
    parsed: dict[str, Any] = {}
    paging: dict[str, Any] = {
        "limit": None,
        "cursor": None,
        "format": None,
        "bom": False,
    }
    for name in query:
        values = query.getlist(name)
        if name not in filters and name not in COMMON:
            known = ", ".join([*filters, *COMMON])
            raise _bad(
                name, _("okänd parameter; kända är %(known)s.") % {"known": known}
            )
        if len(values) != 1:
            raise _bad(name, _("får bara anges en gång."))
        value = values[0]
        if name == "limit":
            paging["limit"] = parse_limit(value)
        elif name == "cursor":
            if not value:
                raise _bad("cursor", _("är tom."))
            paging["cursor"] = value
        elif name == "format":
            paging["format"] = choice("format", FORMATS)(value)
        elif name == "bom":
            paging["bom"] = boolean("bom")(value)
        else:
            parsed[name] = filters[name](value)
    _check_ranges(parsed)
    if "kommun" in parsed:
        _check_kommun(parsed["kommun"])
    return parsed, paging


def check_bom(paging: dict[str, Any], fmt: str) -> None:
    """``bom`` is about a CSV file; on JSON it would be ignored, so it is a 400."""
    if paging["bom"] and fmt != "csv":
        raise _bad("bom", _("gäller bara CSV (.csv eller format=csv)."))


def with_bom(chunks: Any, bom: bool) -> Any:
    """The CSV chunks, after the byte order mark when ``bom`` is asked for."""
    return chain([BOM], chunks) if bom else chunks


#: The ranges a list filters on: (from, to) pairs of one interval.
RANGES = (("period_from", "period_to"), ("date_from", "date_to"))


def _check_ranges(parsed: dict[str, Any]) -> None:
    """An interval that ends before it begins selects nothing by mistake: a 400."""
    for start, end in RANGES:
        if start in parsed and end in parsed and parsed[start] > parsed[end]:
            raise _bad(
                start,
                f"{parsed[start].isoformat()} ligger efter {end} "
                f"{parsed[end].isoformat()}; ange intervallet från tidigast till "
                "senast.",
            )


def _check_kommun(code: str) -> None:
    """A kommunkod that names no kommun is a 404, as docs/api.md says: an empty
    list would read as "no promises there" (a typo must not look like an answer)."""
    if not Organisation.objects.kommuner().filter(code=code).exists():
        raise ApiError(
            404,
            _("kommun: ingen kommun med kommunkoden %(code)s.") % {"code": code},
            field="kommun",
        )
