"""The resident's e-mail (opt-in, double opt-in, deletable) and the mails.

A case keeps an address only when the resident asked to hear the answer. The
address counts only after they follow the signed link in the confirmation mail;
they may delete it with the other link at any time; it is erased as soon as the
answer has been sent. Links are signed (``django.core.signing``): no token stored.
Mails go through the background worker (``tasks.case_mail_send``). Links are
absolute under ``site`` (``lib.siteurl.site_root`` of the request that caused the
mail; the configured or local address for a cron job).

The answer is mailed once, whichever comes last: the answer (to an address already
confirmed) or the confirmation (of an address whose case was already answered).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from medborgarloften.accounts.models import Membership
from medborgarloften.lib.siteurl import absolute_url

from .models import Case, CaseEvent, CaseStatus

CONFIRM_DAYS = 7
_CONFIRM_SALT = "medborgarloften.cases.email.confirm"
_DELETE_SALT = "medborgarloften.cases.email.delete"


def _url(path: str, site: str = "") -> str:
    return absolute_url(path, site)


def _address_mark(email: str, salt: str) -> str:
    """A keyed hash of the address: the link proves it was sent to this address
    without carrying the address (a signed token's payload is only base64, and
    links end up in proxy logs and browser history)."""
    return salted_hmac(salt, email.casefold()).hexdigest()[:24]


def _token(case: Case, salt: str) -> str:
    return signing.dumps(
        {"id": case.pk, "h": _address_mark(case.email, salt)}, salt=salt
    )


def confirm_url(case: Case, site: str = "") -> str:
    return _url(
        reverse("cases:email_confirm", args=[_token(case, _CONFIRM_SALT)]), site
    )


def delete_url(case: Case, site: str = "") -> str:
    return _url(reverse("cases:email_delete", args=[_token(case, _DELETE_SALT)]), site)


def status_url(case: Case, site: str = "") -> str:
    """The resident's status page of the case (its public reference)."""
    return _url(reverse("cases:status", args=[case.reference]), site)


def _case_from(token: str, salt: str, max_age: dt.timedelta | None) -> Case | None:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    case = Case.objects.filter(pk=data.get("id")).first()
    if case is None or not case.email:
        return None
    if "h" in data:
        if not constant_time_compare(data["h"], _address_mark(case.email, salt)):
            return None
    elif case.email != data.get("e"):  # a link mailed before the keyed hash
        return None
    return case


def _queue(*, subject: str, body: str, to: list[str]) -> None:
    from .tasks import case_mail_send  # the task module imports this one

    case_mail_send.enqueue(subject=subject, body=body, to=to)


def email_confirmation_send(*, case: Case, site: str = "") -> None:
    """Ask the resident to confirm the address (sent after the case is saved)."""
    if not case.email or case.email_confirmed:
        return
    body = render_to_string(
        "cases/mail_confirm.txt",
        {
            "case": case,
            "confirm_url": confirm_url(case, site),
            "status_url": status_url(case, site),
            "delete_url": delete_url(case, site),
            "days": CONFIRM_DAYS,
        },
    )
    _queue(subject=_("Bekräfta din e-postadress"), body=body, to=[case.email])


@transaction.atomic
def email_confirm(*, token: str, site: str = "") -> Case | None:
    """Confirm the address the signed link names; None when the link is bad, old
    or the address was deleted. When the case was answered before the address was
    confirmed, the answer is mailed now (``case_answered_notify`` sends it once:
    it erases the address)."""
    case = _case_from(token, _CONFIRM_SALT, dt.timedelta(days=CONFIRM_DAYS))
    if case is not None and not case.email_confirmed:
        case.email_confirmed = True
        case.save(update_fields=["email_confirmed", "updated_at"])
        if case.answered_at is not None and case.notified_at is None:
            case_id = case.pk
            transaction.on_commit(
                lambda: case_answered_notify(case_id=case_id, site=site)
            )
    return case


@transaction.atomic
def email_delete(*, token: str) -> bool:
    """Erase the address the signed link names; False for a bad link."""
    case = _case_from(token, _DELETE_SALT, None)
    if case is None:
        return False
    case.email = ""
    case.email_confirmed = False
    case.save(update_fields=["email", "email_confirmed", "updated_at"])
    return True


def case_answered_notify(*, case_id: int, site: str = "") -> bool:
    """Mail the answer to a confirmed address, then erase the address."""
    case = Case.objects.select_related("owner").filter(pk=case_id).first()
    if case is None or not (case.email and case.email_confirmed):
        return False
    body = render_to_string(
        "cases/mail_answered.txt",
        {
            "case": case,
            "status_url": status_url(case, site),
            "page_url": _url(
                reverse("cases:public", args=[case.kommun.code]) + f"#arende-{case.pk}",
                site,
            ),
        },
    )
    _queue(subject=_("Svar på det du anmälde"), body=body, to=[case.email])
    Case.objects.filter(pk=case.pk).update(
        email="", email_confirmed=False, notified_at=timezone.now()
    )
    return True


def _member_addresses(organisation_id: int) -> list[str]:
    return sorted(
        {
            m.user.email
            for m in Membership.objects.filter(
                organisation_id=organisation_id, user__is_active=True
            ).select_related("user")
            if m.user.email and m.role != "viewer"
        }
    )


def overdue_remind(*, today: dt.date | None = None, dry_run: bool = False) -> int:
    """Mail each owner's members the open cases past their due date, once a day at
    most; returns the number of cases reminded about."""
    today = today or timezone.localdate()
    overdue = Case.objects.filter(
        status__in=[CaseStatus.NEW, CaseStatus.ROUTED],
        due_on__lt=today,
        owner__isnull=False,
    ).exclude(reminded_on=today)
    by_owner: dict[int, list[Case]] = defaultdict(list)
    for case in overdue.select_related("owner"):
        by_owner[case.owner_id].append(case)  # type: ignore[index]
    count = 0
    for owner_id, cases in by_owner.items():
        to = _member_addresses(owner_id)
        count += len(cases)
        if dry_run or not to:
            continue
        body = render_to_string(
            "cases/mail_overdue.txt",
            {
                "cases": cases,
                "owner": cases[0].owner,
                "list_url": _url(reverse("cases:staff_list")),
            },
        )
        _queue(subject=_("Ärenden som väntar på svar"), body=body, to=to)
        for case in cases:
            CaseEvent.objects.create(case=case, action=CaseEvent.Action.REMINDED)
        Case.objects.filter(pk__in=[c.pk for c in cases]).update(reminded_on=today)
    return count


def mail_deliver(*, subject: str, body: str, to: list[str]) -> Any:
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    ).send()
