"""Writes of the publishing app: the SQLite search index, and subscriptions
(``subscriptions.py``). Nothing here changes a promise."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.backends.utils import CursorWrapper
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.models import Commitment, Promise
from medborgarloften.promises.selectors import focus_area_texts

from .models import Delivery, SearchIndexedPromise, Subscription
from .stemmer import stem_text
from .subscriptions import (
    CONFIRM_DAYS,
    MAIL_GAP,
    MAILS_PER_HOUR,
    absolute,
    confirm_token,
    mail_context,
    mailbox,
    subscription_news,
    target_kind,
    target_label,
)

logger = logging.getLogger(__name__)

FTS_TABLE = "publishing_search_fts"


def _uses_fts() -> bool:
    # PostgreSQL searches the promise tables directly (search.py); nothing to keep.
    return connection.vendor == "sqlite"


def _index(cursor: CursorWrapper, promise_ids: list[int]) -> None:
    """Replace the FTS rows of these promises by their current public text."""
    for start in range(0, len(promise_ids), 500):
        chunk = promise_ids[start : start + 500]
        marks = ",".join("%s" for _ in chunk)
        cursor.execute(
            f"DELETE FROM {FTS_TABLE} WHERE promise_id IN ({marks})",  # noqa: S608
            chunk,
        )
        promises = Promise.objects.public().filter(pk__in=chunk)
        rows: list[tuple[str, int, int | None]] = []
        focus = focus_area_texts(list(promises.values_list("pk", flat=True)))
        for pk, title, summary in promises.values_list(
            "pk", "title", "situation_summary"
        ):
            text = "\n".join([title, summary, *focus.get(pk, [])])
            rows.append((stem_text(text), pk, None))
        for pk, promise_id, text in Commitment.objects.filter(
            promise__in=promises
        ).values_list("pk", "promise_id", "text"):
            rows.append((stem_text(text), promise_id, pk))
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (stems, promise_id, commitment_id) "  # noqa: S608
            "VALUES (%s, %s, %s)",
            rows,
        )


def _index_changes() -> tuple[bool, dict[int, Any], list[int], list[int]]:
    public = dict(Promise.objects.public().values_list("pk", "updated_at"))
    indexed = dict(SearchIndexedPromise.objects.values_list("promise_id", "updated_at"))
    stale = [pk for pk, stamp in indexed.items() if public.get(pk) != stamp]
    fresh = [pk for pk, stamp in public.items() if indexed.get(pk) != stamp]
    return bool(stale or fresh), public, stale, fresh


def search_index_sync() -> int:
    """The SQLite index holds exactly the public promises as they are now (changed,
    published, unpublished or deleted since the last call); returns how many
    promises were (re)indexed or dropped. A no-op on PostgreSQL."""
    if not _uses_fts():
        return 0
    if not _index_changes()[0]:
        return 0
    # Again inside the write transaction (SQLite takes the lock at BEGIN here), so
    # two searches catching up at once do not index the same promise twice.
    with transaction.atomic(), connection.cursor() as cursor:
        changed, public, stale, fresh = _index_changes()
        if not changed:
            return 0
        SearchIndexedPromise.objects.filter(promise_id__in=stale).delete()
        _index(cursor, sorted(set(stale) | set(fresh)))
        SearchIndexedPromise.objects.bulk_create(
            [SearchIndexedPromise(promise_id=pk, updated_at=public[pk]) for pk in fresh]
        )
    return len(set(stale) | set(fresh))


def search_index_promise(*, promise: Promise) -> None:
    """The hook for services that publish or change a promise: its search rows are
    current at once (otherwise the next search catches up)."""
    if not _uses_fts():
        return
    promise.refresh_from_db(fields=["status", "updated_at"])
    with transaction.atomic(), connection.cursor() as cursor:
        SearchIndexedPromise.objects.filter(promise_id=promise.pk).delete()
        _index(cursor, [promise.pk])
        if promise.is_public:
            SearchIndexedPromise.objects.create(
                promise_id=promise.pk, updated_at=promise.updated_at
            )


def search_index_rebuild() -> int:
    """The SQLite index rebuilt from nothing; returns the number of public
    promises indexed. A no-op on PostgreSQL."""
    if not _uses_fts():
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
        SearchIndexedPromise.objects.all().delete()
    return search_index_sync()


# --- Subscriptions -----------------------------------------------------------------


@dataclass
class NotifySummary:
    subscriptions: int = 0
    mails: int = 0
    items: int = 0
    failed: int = 0
    expired: int = 0


def _normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("E-postadress: skriv en giltig adress, t.ex. namn@exempel.se.")}
        ) from None
    return email


#: A queued mail that the mail server refuses is tried this many times in all, after
#: these waits (seconds), then given up and logged.
MAIL_ATTEMPTS = 4
MAIL_RETRY_DELAYS = (60, 300, 1800)


def _send(
    *,
    subscription: Subscription,
    subject: str,
    template: str,
    context: dict[str, Any],
    queue: bool = False,
) -> None:
    """One plain-text mail through Django's configured mailer, with an unsubscribe
    link in the text and in the List-Unsubscribe header (RFC 8058 one-click).
    ``queue``: handed to the background worker (``tasks.mail_send``) in the caller's
    transaction instead of sent now, so a slow or failing mail server neither holds
    up nor breaks the request."""
    body = render_to_string(template, context)
    mail: Mail = {
        "subject": subject,
        "body": body,
        "to": [subscription.email],
        "headers": {
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    }
    if queue:
        from .tasks import mail_send

        mail_send.enqueue(**mail)
    else:
        _mail_message(**mail).send()


class Mail(TypedDict):
    """One plain-text mail, as ``_send`` makes it and the worker's task takes it."""

    subject: str
    body: str
    to: list[str]
    headers: dict[str, str]


def _mail_message(**mail: Unpack[Mail]) -> EmailMessage:
    return EmailMessage(from_email=settings.DEFAULT_FROM_EMAIL, **mail)


def mail_deliver(*, attempt: int = 1, **mail: Unpack[Mail]) -> str:
    """Send one queued mail: "sent"; when the mail server fails, queued again after
    a wait ("retrying") until MAIL_ATTEMPTS, then logged as an error ("failed")."""
    subject = mail["subject"]
    try:
        _mail_message(**mail).send()
    except OSError as exc:  # smtplib.SMTPException is an OSError
        if attempt < MAIL_ATTEMPTS:
            from medborgarloften.lib.tasks import default_task_backend

            from .tasks import mail_send

            task = mail_send
            if default_task_backend.supports_defer:
                delay = MAIL_RETRY_DELAYS[min(attempt, len(MAIL_RETRY_DELAYS)) - 1]
                task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
            task.enqueue(attempt=attempt + 1, **mail)
            logger.warning("Mail %r failed (attempt %d): %s", subject, attempt, exc)
            return "retrying"
        logger.error(
            "Mail %r not sent after %d attempts; last error: %s", subject, attempt, exc
        )
        return "failed"
    return "sent"


def subscription_request(
    *,
    email: str,
    target: Organisation | Area | Commitment,
    base_url: str,
    now: datetime | None = None,
) -> Subscription:
    """An unconfirmed subscription for the address and target, and a mail with the
    signed confirmation link — at most ``MAILS_PER_HOUR`` an hour and one per
    ``MAIL_GAP`` per address; an already confirmed one is left as it is."""
    now = now or timezone.now()
    email = _normalise_email(email)
    field = {"kommun": "kommun", "omrade": "area", "atagande": "commitment"}[
        target_kind(target)
    ]
    box = mailbox(email)
    recent = Subscription.objects.filter(
        mailbox=box, requested_at__gte=now - timedelta(hours=1)
    )
    if (
        recent.count() >= MAILS_PER_HOUR
        or recent.filter(requested_at__gt=now - MAIL_GAP).exists()
    ):
        raise ValidationError(
            {
                "email": _(
                    "E-postadress: vi har nyss skickat flera bekräftelser till den "
                    "här adressen. Vänta en stund och försök igen."
                )
            }
        )
    with transaction.atomic():
        subscription, created = Subscription.objects.select_for_update().get_or_create(
            email=email,
            **{field: target},
            defaults={"requested_at": now, "mailbox": box},
        )
        if subscription.confirmed_at is not None:
            return subscription
        if not created:
            subscription.requested_at = now
            subscription.save(update_fields=["requested_at"])
        confirm_url = absolute(
            base_url,
            reverse("publishing:subscribe_confirm", args=[confirm_token(subscription)]),
        )
        _send(
            subscription=subscription,
            subject=_("Bekräfta din bevakning av %(target)s")
            % {"target": target_label(target)},
            template="publishing/email/confirm.txt",
            context=mail_context(
                subscription, base_url, confirm_url=confirm_url, days=CONFIRM_DAYS
            ),
            # Sent by the worker: the request answers at once, a mail server
            # that is down is tried again.
            queue=True,
        )
    return subscription


def subscription_confirm(
    *, subscription: Subscription, now: datetime | None = None
) -> Subscription:
    """The subscription is confirmed (once; confirming again changes nothing)."""
    if subscription.confirmed_at is None:
        with transaction.atomic():
            subscription.confirmed_at = now or timezone.now()
            subscription.save(update_fields=["confirmed_at"])
    return subscription


def subscription_cancel(*, subscription: Subscription) -> None:
    """The subscription and everything told to it are deleted: no trace of the
    address is kept."""
    with transaction.atomic():
        subscription.delete()


def subscriptions_expire(*, now: datetime | None = None) -> int:
    """Unconfirmed subscriptions whose link has expired are deleted; returns how many."""
    now = now or timezone.now()
    deleted, _kinds = Subscription.objects.filter(
        confirmed_at__isnull=True,
        requested_at__lt=now - timedelta(days=CONFIRM_DAYS),
    ).delete()
    return deleted


def subscription_notify(
    *, subscription: Subscription, base_url: str
) -> tuple[str, int]:
    """One mail to one confirmed subscription with what is new for it, its items
    recorded as delivered in the same transaction: ("sent", items), ("none", 0),
    ("raced", n) when another run told them first, or ("failed", n) when the mail
    server refused (nothing recorded, so the next run tries again)."""
    items = subscription_news(subscription)
    if not items:
        return "none", 0
    try:
        with transaction.atomic():
            Delivery.objects.bulk_create(
                Delivery(
                    subscription=subscription,
                    kind=item.kind,
                    object_id=item.object_id,
                )
                for item in items
            )
            _send(
                subscription=subscription,
                subject=_("Nytt om %(target)s")
                % {"target": target_label(subscription.target)},
                template="publishing/email/news.txt",
                context=mail_context(
                    subscription,
                    base_url,
                    items=[(item, absolute(base_url, item.path)) for item in items],
                ),
            )
    except IntegrityError:
        return "raced", len(items)
    except OSError:
        logger.exception("Mail to subscription %s failed", subscription.pk)
        return "failed", len(items)
    return "sent", len(items)


def subscriptions_notify(
    *, base_url: str, dry_run: bool = False, now: datetime | None = None
) -> NotifySummary:
    """Each confirmed subscription gets one mail listing the activities and reports
    published since it was last told (``subscription_notify``), so a second run
    sends nothing twice. The worker does the same in batches (background.py)."""
    summary = NotifySummary()
    if not dry_run:
        summary.expired = subscriptions_expire(now=now)
    for subscription in Subscription.objects.confirmed().select_related(
        "kommun", "area__kommun", "commitment"
    ):
        if dry_run:
            items = subscription_news(subscription)
            if items:
                summary.subscriptions += 1
                summary.items += len(items)
            continue
        outcome, count = subscription_notify(
            subscription=subscription, base_url=base_url
        )
        if outcome == "none":
            continue
        summary.subscriptions += 1
        summary.items += count
        if outcome == "sent":
            summary.mails += 1
        else:
            summary.failed += 1
    return summary
