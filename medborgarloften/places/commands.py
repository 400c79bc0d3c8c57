"""What the management commands share about places: the kommun an argument names.

``exportkommun``, ``export``, ``importcrime`` and ``importsurvey`` take a kommun by
kommunkod or name and stop on one they cannot find; :func:`kommun_argument` looks it
up through ``places.lookup`` and says so the same way each time.
"""

from __future__ import annotations

from django.core.management.base import CommandError

from .lookup import kommun_find
from .models import Organisation

__all__ = ["kommun_argument"]


def kommun_argument(value: str, *, option: str = "") -> Organisation:
    """The kommun ``value`` names (kommunkod or name); a CommandError when none.

    ``option`` is the option it came from (``--kommun``), named first in the
    error; a positional argument has none."""
    kommun = kommun_find(value)
    if kommun is not None:
        return kommun
    if option:
        raise CommandError(f"{option}: okänd kommun {value!r} / unknown kommun")
    raise CommandError(f"Okänd kommun / unknown kommun: {value}")
