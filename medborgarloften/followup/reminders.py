"""Reminders: overdue commitments, reports that are due and promises of others that
ask for the organisation's acceptance as a party, per organisation.

Read by the staff page and by the ``reminders`` command (run from cron), which mails
each organisation's admins and editors through Django's mail settings. Only promises
being carried out (adopted or published) remind anybody. An overdue commitment goes to
the parties its ``responsible`` names (polis → police parties, kommun → kommuner),
or to every party when it names none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.accounts.permissions import is_superuser, member_organisation_ids
from medborgarloften.lib.todo import mail_lines
from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.models import (
    PartyRequest,
    PartyRequestStatus,
    Promise,
    PromiseStatus,
)
from medborgarloften.promises.notify import editor_addresses

from .models import CommunicationActivity, CommunicationStatus, ReportStatus
from .progress import Status
from .selectors import DUE_SOON_DAYS, commitment_rows, report_plan

ACTIVE = (PromiseStatus.ADOPTED, PromiseStatus.PUBLISHED)


@dataclass
class Reminder:
    promise: Promise
    text: str
    due: dt.date | None = None
    overdue: bool = True
    commitment_number: int | None = None
    #: Shown instead of "Försenat"/"Snart", with ``link`` instead of the dashboard.
    label: str = ""
    link: str = ""


@dataclass
class OrganisationReminders:
    organisation: Organisation
    items: list[Reminder] = field(default_factory=list)
    #: Lines other apps add to the e-mail (``lib.todo.mail_lines``).
    extra: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items) + len(self.extra)


def _responsible_parties(codes: list[str], parties: list[Organisation]) -> list[Any]:
    chosen = [
        p
        for p in parties
        if ("polis" in codes and p.is_police)
        or ("kommun" in codes and p.is_kommun)
        or ("annan" in codes and not p.is_police and not p.is_kommun)
    ]
    return chosen or parties


def reminders(
    *, today: dt.date | None = None, organisation_ids: set[int] | None = None
) -> list[OrganisationReminders]:
    """What each organisation should act on today, organisations by name."""
    today = today or timezone.localdate()
    promises = (
        Promise.objects.filter(status__in=ACTIVE)
        .annotate(
            published_reports=Count(
                "followup_reports",
                filter=Q(followup_reports__status=ReportStatus.PUBLISHED),
            )
        )
        .prefetch_related(
            "parties",
            Prefetch("areas", queryset=Area.objects.order_by("name")),
            Prefetch(
                "communication_activities",
                queryset=CommunicationActivity.objects.filter(
                    status=CommunicationStatus.PLANNED, planned_on__lt=today
                ).order_by("planned_on", "pk"),
                to_attr="late_communication",
            ),
        )
        .order_by("title", "pk")
    )
    if organisation_ids is not None:
        promises = promises.filter(parties__in=organisation_ids).distinct()
    groups: dict[int, OrganisationReminders] = {}

    def add(organisation: Organisation, reminder: Reminder) -> None:
        if organisation_ids is not None and organisation.pk not in organisation_ids:
            return
        groups.setdefault(
            organisation.pk, OrganisationReminders(organisation)
        ).items.append(reminder)

    for promise in promises:
        parties = list(promise.parties.all())
        for row in commitment_rows(promise=promise, today=today):
            if row.unrecorded or row.progress.status != Status.OVERDUE:
                continue
            missed = [b for b in row.progress.buckets if b.status == Status.OVERDUE]
            values = {
                "n": row.number,
                "done": row.progress.counted,
                "target": row.progress.target,
                "missed": ", ".join(b.label for b in missed[:5]),
            }
            text = (
                _(
                    "Åtagande %(n)s är försenat: %(done)s av %(target)s utfört "
                    "(missat: %(missed)s)."
                )
                if missed
                else _("Åtagande %(n)s är försenat: %(done)s av %(target)s utfört.")
            ) % values + f" {row.commitment.text[:120]}"
            due = max((b.end for b in missed if b.end), default=None)
            for party in _responsible_parties(row.commitment.responsible, parties):
                add(party, Reminder(promise, text, due, True, row.number))
        plan = report_plan(
            promise=promise, today=today, published=promise.published_reports
        )
        if plan.behind:
            missing = plan.due_now - plan.published
            due = plan.due_dates[plan.due_now - 1]
            text = " ".join(
                (
                    ngettext(
                        "%(n)s uppföljningsrapport har inte publicerats.",
                        "%(n)s uppföljningsrapporter har inte publicerats.",
                        missing,
                    )
                    % {"n": missing},
                    ngettext(
                        "Löftet lovar %(n)s under perioden,",
                        "Löftet lovar %(n)s under perioden,",
                        plan.promised or 0,
                    )
                    % {"n": plan.promised},
                    ngettext(
                        "%(n)s är publicerad.",
                        "%(n)s är publicerade.",
                        plan.published,
                    )
                    % {"n": plan.published},
                )
            )
            for party in parties:
                add(party, Reminder(promise, text, due, True))
        elif plan.next_due and plan.next_due <= today + dt.timedelta(DUE_SOON_DAYS):
            text = _(
                "Uppföljningsrapport %(n)s av %(total)s ska publiceras senast %(date)s."
            ) % {
                "n": plan.published + 1,
                "total": plan.promised,
                "date": plan.next_due.isoformat(),
            }
            for party in parties:
                add(party, Reminder(promise, text, plan.next_due, False))
        for item in promise.late_communication:
            text = _(
                "Planerad kommunikation är försenad: %(title)s (%(channel)s, "
                "planerad %(date)s)."
            ) % {
                "title": item.title,
                "channel": item.get_channel_display().lower(),
                "date": item.planned_on.isoformat(),
            }
            owners = [p for p in parties if p.pk == item.organisation_id] or parties
            for party in owners:
                add(party, Reminder(promise, text, item.planned_on, True))
    # Promises of others that name the organisation and wait for its answer
    # (promises.PartyRequest): until it accepts, they are not its promises.
    asked = PartyRequest.objects.filter(status=PartyRequestStatus.PENDING)
    if organisation_ids is not None:
        asked = asked.filter(organisation__in=organisation_ids)
    for request in asked.select_related(
        "promise", "organisation", "requested_by"
    ).order_by("requested_at", "pk"):
        by = request.requested_by
        asked_by = (
            _("%(org)s är tillfrågad som part av %(who)s")
            % {"org": request.organisation, "who": by.get_full_name() or by.username}
            if by
            else _("%(org)s är tillfrågad som part") % {"org": request.organisation}
        )
        text = asked_by + _(
            ": godkänn eller avböj. Löftet syns inte hos er på den öppna "
            "webbplatsen förrän ni har godkänt det."
        )
        add(
            request.organisation,
            Reminder(
                request.promise,
                text,
                overdue=False,
                label=_("Att svara på"),
                link=reverse("promises:detail", args=[request.promise_id]),
            ),
        )
    return sorted(groups.values(), key=lambda g: g.organisation.name)


def reminders_for_user(*, user: Any, today: dt.date | None = None) -> Any:
    """The reminders of the user's organisations (all of them for a superuser)."""
    ids = None if is_superuser(user) else member_organisation_ids(user)
    return reminders(today=today, organisation_ids=ids)


def with_mail_lines(
    groups: list[OrganisationReminders], today: dt.date
) -> list[OrganisationReminders]:
    """The groups with the lines registered apps add to the e-mail (an action
    assigned at a samordning meeting), also for organisations with nothing else."""
    by_pk = {g.organisation.pk: g for g in groups}
    for organisation, line in mail_lines(today):
        group = by_pk.setdefault(organisation.pk, OrganisationReminders(organisation))
        group.extra.append(line)
    return sorted(by_pk.values(), key=lambda g: g.organisation.name)


def recipients(organisation: Organisation) -> list[str]:
    """Admins' and editors' e-mail addresses in the organisation."""
    return editor_addresses([organisation])


def reminder_text(group: OrganisationReminders, today: dt.date) -> str:
    lines = [
        f"Påminnelser för {group.organisation} {today.isoformat()}",
        "",
    ]
    current = None
    for item in group.items:
        if item.promise.pk != current:
            current = item.promise.pk
            lines += ["", item.promise.title]
        lines.append(f"- {item.text}")
    if group.extra:
        lines += ["", "Samordning", *(f"- {line}" for line in group.extra)]
    lines += [
        "",
        "Logga aktiviteter och publicera rapporter under Arbeta med löften.",
    ]
    return "\n".join(lines)


def send_reminders(
    *, groups: list[OrganisationReminders], today: dt.date
) -> list[tuple[OrganisationReminders, list[str]]]:
    """One e-mail per organisation to its admins and editors; returns who got what."""
    sent = []
    for group in groups:
        to = recipients(group.organisation)
        if not to:
            continue
        send_mail(
            subject=f"Medborgarlöften: {group.count} påminnelser för "
            f"{group.organisation}",
            message=reminder_text(group, today),
            from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
            recipient_list=to,
        )
        sent.append((group, to))
    return sent
