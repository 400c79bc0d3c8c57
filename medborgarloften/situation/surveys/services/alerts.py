"""Suspected scripted answers: recorded once a day per reason, and mailed to the
kommun's editors."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.accounts.models import EDITING_ROLES, Membership
from medborgarloften.lib.siteurl import absolute_url

from ...models import (
    AlertReason,
    Survey,
    SurveyAlert,
)

logger = logging.getLogger(__name__)

# --- suspected scripted answers ------------------------------------------------------


def _alert_recipients(survey: Survey) -> list[str]:
    """The survey's creator; without one (or an address), the kommun's editors."""

    creator = survey.created_by
    if creator is not None and creator.is_active and creator.email:
        return [creator.email]
    return sorted(
        {
            email
            for email in Membership.objects.filter(
                organisation=survey.kommun_id,
                role__in=EDITING_ROLES,
                user__is_active=True,
            ).values_list("user__email", flat=True)
            if email
        }
    )


def _alert_mail(survey: Survey, today: dt.date) -> None:
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    recipients = _alert_recipients(survey)
    if not recipients:
        return
    counts = dict(
        SurveyAlert.objects.filter(survey=survey, day=today).values_list(
            "reason", "count"
        )
    )
    lines = [
        f"- {label}: {counts[reason]}"
        for reason, label in AlertReason.choices
        if counts.get(reason)
    ]
    url = absolute_url(
        reverse("situation:survey_detail", args=[survey.kommun.code, survey.pk])
    )
    body = _(
        "Enkäten ”%(title)s” har i dag (%(day)s) fått svar som ser skriptade ut:\n\n"
        "%(lines)s\n\n"
        "Spärrade svar är inte sparade och kastade svar räknas inte. Resultaten "
        "påverkas alltså inte, men den som skickar kan ha försökt påverka dem. "
        "Om en hel skolklass eller arbetsplats svarar samtidigt från samma nät kan "
        "riktiga svar ha spärrats; be dem då försöka igen om en timme, eller höj "
        "SURVEY_ANSWERS_PER_ADDRESS.\n\n"
        "Enkätens sida: %(url)s\n\n"
        "Vi skickar högst ett sådant meddelande per enkät och dag. Inga adresser "
        "eller andra uppgifter om de som svarar sparas."
    ) % {"title": survey.title, "day": today, "lines": "\n".join(lines), "url": url}
    try:
        send_mail(
            subject=_("Misstänkta massvar i enkäten ”%(title)s”")
            % {"title": survey.title},
            message=body,
            from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
            recipient_list=recipients,
        )
    except Exception:  # a mail server down must not fail the resident's request
        logger.exception("survey %s: the alert mail could not be sent", survey.pk)


def survey_alert_record(*, survey: Survey, reason: str, count: int = 1) -> None:
    """Count signs of scripted answers for the survey's owner, per day and reason;
    the owner is mailed once a day when the day's count reaches
    ``SURVEY_ALERT_MAIL_AFTER`` (the mail is sent after the count is committed)."""
    from django.conf import settings
    from django.db.models import F, Q, Sum

    if reason not in AlertReason.values:
        raise ValueError(f"unknown alert reason {reason!r}")
    today = timezone.localdate()
    with transaction.atomic():
        updated = SurveyAlert.objects.filter(
            survey=survey, day=today, reason=reason
        ).update(count=F("count") + count)
        if not updated:
            try:
                with transaction.atomic():
                    SurveyAlert.objects.create(
                        survey=survey, day=today, reason=reason, count=count
                    )
            except IntegrityError:  # another request created it first
                SurveyAlert.objects.filter(
                    survey=survey, day=today, reason=reason
                ).update(count=F("count") + count)
        total = (
            SurveyAlert.objects.filter(survey=survey, day=today).aggregate(
                n=Sum("count")
            )["n"]
            or 0
        )
        threshold = int(getattr(settings, "SURVEY_ALERT_MAIL_AFTER", 10))
        if (
            total >= threshold
            and survey.alerted_on != today
            and _alert_recipients(survey)  # no one to tell yet: try again later
        ):
            # Once a day, whichever request gets here first.
            claimed = (
                Survey.objects.filter(pk=survey.pk)
                .filter(Q(alerted_on__isnull=True) | Q(alerted_on__lt=today))
                .update(alerted_on=today)
            )
            if claimed:
                transaction.on_commit(lambda: _alert_mail(survey, today))
