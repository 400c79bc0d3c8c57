"""The cases' part of the staff's to-do ("Att göra", ``lib.todo``): the cases
awaiting the coordinator's review, per kommun, linked to the list of them."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.lib.todo import TodoEntry
from medborgarloften.places.models import Organisation

from .selectors import REVIEW, awaiting_review_for_user, cases_for_user


def cases_todo(user: Any) -> list[TodoEntry]:
    counts = (
        awaiting_review_for_user(user, cases_for_user(user))
        .order_by()
        .values("kommun_id")
        .annotate(n=Count("pk"))
    )
    by_kommun = {row["kommun_id"]: row["n"] for row in counts}
    if not by_kommun:
        return []
    link = reverse("cases:staff_list") + f"?status={REVIEW}"
    return [
        TodoEntry(
            label=_("Att granska"),
            text=ngettext(
                "%(n)d ärende i %(kommun)s väntar på granskning",
                "%(n)d ärenden i %(kommun)s väntar på granskning",
                by_kommun[kommun.pk],
            )
            % {"n": by_kommun[kommun.pk], "kommun": kommun},
            link=link,
        )
        for kommun in Organisation.objects.filter(pk__in=by_kommun).order_by("name")
    ]
