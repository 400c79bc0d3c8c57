"""Numbers as the active language writes them, for every page, file and message
that shows a figure: ``10 439,4`` in Swedish (decimal comma, groups of three
separated by a no-break space), ``10,439.4`` in English — Django's own formats for
the language (``django.utils.formats.number_format``), grouped whatever
``USE_THOUSAND_SEPARATOR`` says (years and ids are not figures and stay ungrouped).

Rounded half up to ``decimals`` places first (Django's formatter cuts the digits
off); without ``decimals`` a value shows the decimals it has, at most ``MAX_DECIMALS``
and without trailing zeros, so ``141.0`` is ``141`` and ``557.7`` is ``557,7``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

#: The most decimals a value shows when the caller names none.
MAX_DECIMALS = 2

#: What an unknown value (None) shows.
UNKNOWN = "–"


def format_number(value: object, decimals: int | None = None) -> str:
    """``value`` (an int, float, Decimal or numeric string) in the active
    language; ``UNKNOWN`` for None, the value as it is when it is not a number."""
    if value is None or value == "":
        return UNKNOWN
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    places = MAX_DECIMALS if decimals is None else max(int(decimals), 0)
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if decimals is None:
        number = number.normalize()
        places = max(0, -int(number.as_tuple().exponent))
        number = number.quantize(Decimal(1).scaleb(-places))
    if number == 0:
        number = abs(number)  # no "-0"
    return str(
        number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)
    )
