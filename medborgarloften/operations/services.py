"""Personal data on request and by retention: forget a person, blank old free text.

Both keep the record of what was done (activities, revisions, reports stay, with their
actor anonymised) and remove who said what. docs/personal-data.md lists what the
system holds and which of it these functions reach.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from medborgarloften.accounts.models import ExternalIdentity, User

REDACTED = "[borttaget]"

#: Free-text fields that may name a person: (model label, field).
FREE_TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("situation.Observation", "text"),
    ("situation.DialogueFinding", "text"),
    ("situation.Dialogue", "title"),
    ("situation.WalkPoint", "comment"),
    ("situation.SurveyAnswer", "text"),
    ("followup.Activity", "description"),
    ("followup.Report", "summary"),
    ("cases.Case", "text"),
    ("cases.Case", "public_text"),
    ("cases.Case", "answer"),
    ("coordination.CoordinationRole", "person"),
    ("coordination.Meeting", "minutes"),
)

#: Free text kept only for a while: (model label, text field, date field, setting).
RETENTION: tuple[tuple[str, str, str, str], ...] = (
    ("situation.Observation", "text", "observed_at", "OBSERVATION_TEXT_RETENTION_DAYS"),
    ("situation.WalkPoint", "comment", "submitted_on", "SURVEY_TEXT_RETENTION_DAYS"),
    (
        "situation.SurveyAnswer",
        "text",
        "response__submitted_on",
        "SURVEY_TEXT_RETENTION_DAYS",
    ),
)


def _field(label: str, name: str):
    """The model if it exists and has the field (apps grow; this list may lead)."""
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return model


@dataclass
class ForgetSummary:
    users: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        out = [f"användare / users: {', '.join(self.users) or '–'}"]
        out += [f"{label}: {n}" for label, n in sorted(self.counts.items())]
        return out


def person_forget(
    *,
    email: str = "",
    username: str = "",
    name: str = "",
    dry_run: bool = False,
) -> ForgetSummary:
    """Anonymise the matching accounts, delete their subscriptions and tokens, and
    redact their name and e-mail in signatories and free text — all or nothing."""
    email, username, name = email.strip(), username.strip(), name.strip()
    if not (email or username or name):
        raise ValueError("ange --email, --user eller --name / give one of them")
    if name and len(name) < 4:
        raise ValueError("--name: minst 4 tecken / at least 4 characters")
    summary = ForgetSummary()
    User = get_user_model()
    with transaction.atomic():
        who = Q(pk__in=[])
        if email:
            who |= Q(email__iexact=email)
        if username:
            who |= Q(username=username)
        users = list(User.objects.filter(who))
        names = {name} if name else set()
        emails = {email} if email else set()
        for user in users:
            summary.users.append(user.username)
            if user.get_full_name().strip():
                names.add(user.get_full_name().strip())
            if user.email:
                emails.add(user.email)
        _forget_users(users, summary)
        Subscription = apps.get_model("publishing.Subscription")
        for address in emails:
            subscriptions = Subscription.objects.filter(email__iexact=address)
            summary.counts["publishing.subscription (raderade / deleted)"] += (
                subscriptions.count()
            )
            subscriptions.delete()
            # A resident who reported a case and asked for the answer by mail.
            Case = apps.get_model("cases.Case")
            summary.counts["cases.case.email (raderade / erased)"] += (
                Case.objects.filter(email__iexact=address).update(
                    email="", email_confirmed=False
                )
            )
        Signatory = apps.get_model("promises.Signatory")
        for person in names:
            signed = Signatory.objects.filter(name__iexact=person)
            summary.counts["promises.signatory"] += signed.update(name=REDACTED)
        terms = sorted(names | emails, key=len, reverse=True)
        if terms:
            _redact_free_text(terms, summary)
        if dry_run:
            transaction.set_rollback(True)
    return summary


def _forget_users(users: list, summary: ForgetSummary) -> None:
    for user in users:
        for token in ("memberships", "api_tokens"):
            related = getattr(user, token, None)
            if related is not None:
                summary.counts[f"accounts.{token} (raderade / deleted)"] += (
                    related.count()
                )
                related.all().delete()
        _forget_sign_in(user, summary)
        user.username = f"borttagen-{user.pk}"
        user.first_name = ""
        user.last_name = ""
        user.email = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        summary.counts["accounts.user (anonymiserade / anonymised)"] += 1


def _forget_sign_in(user: User, summary: ForgetSummary) -> None:
    """The account's two-factor devices, its single sign-on links, and the sign-in
    records under its name."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for label, rows in (
        ("sso links", ExternalIdentity.objects.filter(user=user)),
        ("otp devices", TOTPDevice.objects.filter(user=user)),
        ("otp devices", StaticDevice.objects.filter(user=user)),
        ("sign-in records", AccessAttempt.objects.filter(username=user.username)),
        ("sign-in records", AccessLog.objects.filter(username=user.username)),
        ("sign-in records", AccessFailureLog.objects.filter(username=user.username)),
    ):
        deleted, _ = rows.delete()
        if deleted:
            summary.counts[f"accounts.{label} (raderade / deleted)"] += deleted


def _redact_free_text(terms: list[str], summary: ForgetSummary) -> None:
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    for label, name in FREE_TEXT_FIELDS:
        model = _field(label, name)
        if model is None:
            continue
        match = Q()
        for term in terms:
            match |= Q(**{f"{name}__icontains": term})
        for obj in model._default_manager.filter(match).only("pk", name):
            text = getattr(obj, name)
            redacted = pattern.sub(REDACTED, text)
            if redacted != text:
                model._default_manager.filter(pk=obj.pk).update(**{name: redacted})
                summary.counts[f"{label.lower()}.{name}"] += 1


def retention_days(setting: str) -> int | None:
    value = getattr(settings, setting, None)
    return int(value) if value not in (None, "") else None


def free_text_purge(
    *, days: int | None = None, today: dt.date | None = None, dry_run: bool = False
) -> dict[str, int]:
    """Blank the free text older than the retention period (``days`` overrides the
    settings); the rows, with their category, place and time, stay for statistics."""
    today = today or timezone.localdate()
    blanked: dict[str, int] = {}
    with transaction.atomic():
        for label, name, date_field, setting in RETENTION:
            model = _field(label, name)
            keep = days if days is not None else retention_days(setting)
            if model is None or keep is None:
                continue
            cutoff = today - dt.timedelta(days=keep)
            # The date may sit on a related row ("response__submitted_on").
            *path, last = date_field.split("__")
            holder = model
            for step in path:
                holder = holder._meta.get_field(step).related_model
            is_datetime = isinstance(holder._meta.get_field(last), models.DateTimeField)
            lookup = f"{date_field}__date__lt" if is_datetime else f"{date_field}__lt"
            old = model._default_manager.filter(**{lookup: cutoff}).exclude(
                **{name: ""}
            )
            blanked[f"{label.lower()}.{name}"] = old.update(**{name: ""})
        if dry_run:
            transaction.set_rollback(True)
    return blanked
