"""Reads for the public pages: only ``Promise.objects.public()``, in a fixed number of
queries however large a promise is (the query-budget tests hold this)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import PUBLIC_STATUSES, Promise, PromiseStatus
from medborgarloften.promises.selectors import (
    PromisePage,
    promise_page,
    promise_with_contents,
)


def _fold(text: str) -> str:
    """Compare Swedish names case-insensitively without losing å, ä, ö."""
    return unicodedata.normalize("NFC", text).casefold().strip()


@dataclass(frozen=True)
class KommunEntry:
    kommun: Organisation
    promise_count: int


def kommuner_with_public_promises(*, query: str = "") -> list[KommunEntry]:
    """Kommuner that are party to at least one public promise, by name; ``query``
    keeps those whose name contains it (or whose kommunkod it is)."""
    kommuner = (
        Organisation.objects.kommuner()
        .annotate(
            public_count=Count(
                "promises",
                filter=Q(promises__status__in=PUBLIC_STATUSES),
                distinct=True,
            )
        )
        .filter(public_count__gt=0)
        .exclude(code="")
        .order_by("name")
    )
    needle = _fold(query)
    return [
        KommunEntry(kommun, kommun.public_count)
        for kommun in kommuner
        if not needle or needle in _fold(kommun.name) or needle == kommun.code
    ]


@dataclass
class KommunPromises:
    kommun: Organisation
    current: list[Promise]
    past: list[Promise]


def kommun_public_promises(*, code: str, today: Any = None) -> KommunPromises:
    """A kommun's public promises: current (published, period not over) and past
    (closed, or the period has ended). Raises Organisation.DoesNotExist."""
    kommun = Organisation.objects.kommuner().get(code=code)
    today = today or timezone.localdate()
    promises = list(
        Promise.objects.public()
        .filter(parties=kommun)
        .prefetch_related(
            Prefetch("parties", queryset=Organisation.objects.order_by("kind", "name"))
        )
        .order_by("-period_start", "title", "pk")
    )
    current, past = [], []
    for promise in promises:
        ongoing = promise.period_end is None or promise.period_end >= today
        if promise.status == PromiseStatus.PUBLISHED and ongoing:
            current.append(promise)
        else:
            past.append(promise)
    return KommunPromises(kommun=kommun, current=current, past=past)


def public_promise(*, uid: UUID | str) -> PromisePage:
    """One public promise laid out for its page. Drafts and adopted promises do not
    exist here: raises Promise.DoesNotExist."""
    promise = promise_with_contents(Promise.objects.public()).get(uid=uid)
    return promise_page(promise)
