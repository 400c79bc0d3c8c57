"""What the API's row builders share: absolute links, dates, and the filters on JSON
code lists and kommuner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from medborgarloften.places.models import OrganisationKind
from medborgarloften.promises.models import Promise


@dataclass(frozen=True)
class Links:
    """Absolute URLs for rows: the API root and the public site root."""

    api: str  # ends with /api/v1/
    site: str  # ends with /

    def api_url(self, path: str) -> str:
        return f"{self.api}{path}"

    def site_url(self, path: str) -> str:
        return f"{self.site}{path.lstrip('/')}"


def iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def json_has(field: str, code: str) -> Q:
    """``field`` (a JSON list of codes) holds ``code``: a text match on the quoted
    code, which works on SQLite and PostgreSQL alike (codes never hold quotes)."""
    return Q(**{f"{field}__icontains": f'"{code}"'})


def measurable_q(prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}target_quantity__isnull": False})
        | ~Q(**{f"{prefix}target_per": ""})
        | Q(**{f"{prefix}target_deadline__isnull": False})
    )


def promises_of_kommun(code: str) -> QuerySet[Promise, Any]:
    """The ids of the promises a kommun is a party to (a subquery)."""
    return Promise.objects.filter(
        parties__kind=OrganisationKind.KOMMUN, parties__code=code
    ).values("pk")
