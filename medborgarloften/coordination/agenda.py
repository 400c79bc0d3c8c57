"""The agenda a meeting starts from: what is due in the kommun's work, gathered by a
list of providers.

A provider is a function ``(kommun, on, today) -> list[AgendaEntry]``: ``on`` is the
meeting's date, ``today`` the day the agenda is built. The built-in providers read
follow-up reports due, commitments behind or overdue, open actions from earlier
meetings, survey rounds, promises to revise and periods awaiting evaluation. An app
below or above this one (the åtgärdsplan, say) adds its own with
``agenda_provider_register`` in its ``AppConfig.ready()``; the registry lives in
``lib.agenda`` so that apps below coordination can register without importing it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from medborgarloften.followup.models import Evaluation
from medborgarloften.followup.progress import Status
from medborgarloften.followup.selectors import commitment_rows, report_plan
from medborgarloften.lib.agenda import (
    _PROVIDERS,
    AgendaEntry,
    AgendaProvider,
    agenda_provider_register,
    agenda_providers,
)
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Promise, PromiseStatus
from medborgarloften.situation.models import Survey

from .models import OPEN_STATUSES, Decision

__all__ = [
    "AgendaEntry",
    "Provider",
    "agenda_build",
    "agenda_provider_register",
    "agenda_providers",
]

#: How far ahead of the meeting something counts as due.
HORIZON = dt.timedelta(days=60)
#: How long before a promise ends its revision is put on the agenda.
REVISION_AHEAD = dt.timedelta(days=120)


Provider = AgendaProvider


def agenda_build(
    *, kommun: Organisation, on: dt.date, today: dt.date
) -> list[AgendaEntry]:
    """Every provider's entries, each provider's in its own order, providers in the
    order they were registered."""
    entries: list[AgendaEntry] = []
    for provider in _PROVIDERS:
        entries.extend(provider(kommun, on, today))
    return entries


def _promises(kommun: Organisation) -> list[Promise]:
    return list(
        Promise.objects.filter(
            parties=kommun,
            reference_for__isnull=True,
            status__in=[PromiseStatus.ADOPTED, PromiseStatus.PUBLISHED],
        )
        .prefetch_related("areas", "parties")
        .order_by("title", "pk")
        .distinct()
    )


def _due(source: str, title: str, detail: str, due: dt.date) -> AgendaEntry:
    """An entry due on ``due``, which ``detail`` names as ``%(date)s``."""
    return AgendaEntry(source, title, detail % {"date": due.isoformat()}, due)


@agenda_provider_register
def reports_due(kommun: Organisation, on: dt.date, today: dt.date) -> list[AgendaEntry]:
    """Follow-up reports the promises owe, late or due before the horizon."""
    entries = []
    for promise in _promises(kommun):
        plan = report_plan(promise=promise, today=on)
        if plan.behind:
            entries.append(
                AgendaEntry(
                    "followup_report",
                    _("Uppföljningsrapport försenad: %(title)s")
                    % {"title": promise.title},
                    _("%(published)s av %(due)s rapporter publicerade.")
                    % {"published": plan.published, "due": plan.due_now},
                    plan.next_due,
                )
            )
        elif plan.next_due is not None and plan.next_due <= on + HORIZON:
            entries.append(
                _due(
                    "followup_report",
                    _("Uppföljningsrapport att publicera: %(title)s")
                    % {"title": promise.title},
                    _("Senast %(date)s."),
                    plan.next_due,
                )
            )
    return entries


@agenda_provider_register
def commitments_behind(
    kommun: Organisation, on: dt.date, today: dt.date
) -> list[AgendaEntry]:
    """Commitments overdue or behind plan as of the meeting."""
    entries = []
    for promise in _promises(kommun):
        for row in commitment_rows(promise=promise, today=on):
            if row.progress.status not in (Status.OVERDUE, Status.BEHIND):
                continue
            entries.append(
                AgendaEntry(
                    "commitment",
                    _("Åtagande %(n)s i %(title)s: %(status)s")
                    % {
                        "n": row.number,
                        "title": promise.title,
                        "status": row.status_label.lower(),
                    },
                    _("%(text)s Utfört %(done)s av %(target)s.")
                    % {
                        "text": row.commitment.text,
                        "done": row.progress.counted,
                        "target": row.progress.target,
                    },
                    row.due or row.progress.deadline,
                )
            )
    return entries


@agenda_provider_register
def open_actions(
    kommun: Organisation, on: dt.date, today: dt.date
) -> list[AgendaEntry]:
    """Actions decided at earlier meetings, still open and due by the meeting."""
    decisions = (
        Decision.objects.filter(
            meeting__kommun=kommun,
            status__in=OPEN_STATUSES,
            due__isnull=False,
            due__lte=on + HORIZON,
        )
        .filter(Q(owner_organisation__isnull=False) | ~Q(owner_role=""))
        .select_related("meeting", "owner_organisation")
        .order_by("due", "pk")
    )
    entries = []
    for decision in decisions:
        owner = ", ".join(
            part
            for part in (
                decision.owner_organisation.name if decision.owner_organisation else "",
                decision.owner_role,
            )
            if part
        )
        entries.append(
            AgendaEntry(
                "action",
                _("Åtgärd från mötet %(date)s: %(text)s")
                % {"date": decision.meeting.held_on.isoformat(), "text": decision.text},
                _("Ansvarig: %(owner)s. Status: %(status)s.")
                % {"owner": owner, "status": decision.get_status_display().lower()},
                decision.due,
            )
        )
    return entries


@agenda_provider_register
def survey_rounds(
    kommun: Organisation, on: dt.date, today: dt.date
) -> list[AgendaEntry]:
    """Surveys closing before the horizon, or closed since the last two months:
    answers to gather or results to discuss."""
    surveys = Survey.objects.filter(
        kommun=kommun,
        closes_on__gte=on - HORIZON,
        closes_on__lte=on + HORIZON,
    ).order_by("closes_on", "pk")
    entries = []
    for survey in surveys:
        closed = survey.closes_on < on
        entries.append(
            _due(
                "survey",
                (
                    _("Resultat av %(title)s")
                    if closed
                    else _("Pågående enkät: %(title)s")
                )
                % {"title": survey.title},
                _("Sista svarsdag %(date)s."),
                survey.closes_on,
            )
        )
    return entries


@agenda_provider_register
def revisions_due(
    kommun: Organisation, on: dt.date, today: dt.date
) -> list[AgendaEntry]:
    """Promises ending soon (time to revise) and ended ones not yet evaluated."""
    evaluated = set(
        Evaluation.objects.filter(promise__parties=kommun).values_list(
            "promise_id", flat=True
        )
    )
    entries = []
    for promise in _promises(kommun):
        end = promise.period_end
        if end is None:
            continue
        if end < on and promise.pk not in evaluated:
            entries.append(
                _due(
                    "evaluation",
                    _("Slututvärdering saknas: %(title)s") % {"title": promise.title},
                    _("Perioden slutade %(date)s."),
                    end,
                )
            )
        elif on <= end <= on + REVISION_AHEAD:
            entries.append(
                _due(
                    "revision",
                    _("Dags att revidera: %(title)s") % {"title": promise.title},
                    _("Löftet gäller till %(date)s."),
                    end,
                )
            )
    return entries
