"""News mail to subscribers as background jobs: one job fans out, one per batch.

``notify`` (periodic every NOTIFY_EVERY_MINUTES, or ``manage notify --background``)
deletes expired unconfirmed subscriptions and splits the confirmed ones into batches
of NOTIFY_BATCH_SIZE, each a child job. A batch mails each of its subscriptions what
is new (``services.subscription_notify``); when the mail server refuses some, the
batch is tried again later — only those are mailed again, since a delivered item is
recorded with its mail — and after the last attempt the job says how many were not
sent.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.jobs import registry
from medborgarloften.jobs.models import Job
from medborgarloften.jobs.services import job_create
from medborgarloften.lib.siteurl import site_root

from .models import Subscription
from .services import subscription_notify, subscriptions_expire

NOTIFY = "notify"
BATCH = "notify_batch"


def notify(job: Job, progress: registry.Progress) -> registry.Output:
    """Fan out: one child job per batch of confirmed subscriptions."""
    base_url = job.params["base_url"]
    expired = subscriptions_expire()
    ids = list(
        Subscription.objects.confirmed().order_by("pk").values_list("pk", flat=True)
    )
    size = max(1, int(job.params.get("batch_size") or settings.NOTIFY_BATCH_SIZE))
    batches = [ids[start : start + size] for start in range(0, len(ids), size)]
    progress(total=len(batches), step=_("Delar upp utskicket i omgångar"))
    for number, chunk in enumerate(batches, 1):
        job_create(
            kind=BATCH,
            title=_("Utskick, omgång %(n)d av %(of)d")
            % {"n": number, "of": len(batches)},
            params={"base_url": base_url, "ids": chunk},
            parent=job,
        )
        progress(done=number)
    return registry.Output(
        message=ngettext(
            "%(subs)d prenumeration i %(n)d omgång",
            "%(subs)d prenumerationer i %(n)d omgångar",
            len(ids),
        )
        % {"subs": len(ids), "n": len(batches)}
        + "; "
        + _("%(n)d obekräftade raderade.") % {"n": expired}
    )


def notify_batch(job: Job, progress: registry.Progress) -> registry.Output:
    """Mail each subscription of the batch; see the module for retries."""
    ids = job.params["ids"]
    progress(total=len(ids))
    sent = failed = 0
    subscriptions = (
        Subscription.objects.confirmed()
        .filter(pk__in=ids)
        .select_related("kommun", "area__kommun", "commitment")
        .order_by("pk")
    )
    for number, subscription in enumerate(subscriptions, 1):
        outcome, _count = subscription_notify(
            subscription=subscription, base_url=job.params["base_url"]
        )
        sent += outcome == "sent"
        failed += outcome == "failed"
        progress(done=number)
    if failed:
        raise registry.Retry(
            _(
                "E-postservern tog inte emot %(failed)d av %(total)d brev "
                "(%(sent)d skickade). De som inte kom fram skickas vid nästa försök."
            )
            % {"failed": failed, "total": failed + sent, "sent": sent}
        )
    return registry.Output(
        message=ngettext("%(n)d brev skickat.", "%(n)d brev skickade.", sent)
        % {"n": sent}
    )


def notify_start(*, base_url: str | None = None) -> Job:
    return job_create(
        kind=NOTIFY,
        title=_("Nyheter till prenumeranter"),
        params={"base_url": base_url or site_root()},
    )


def register() -> None:
    registry.register(registry.JobKind(NOTIFY, notify, max_attempts=3))
    registry.register(
        registry.JobKind(
            BATCH, notify_batch, max_attempts=4, retry_delays=(60, 300, 1800)
        )
    )
    registry.register_periodic(
        registry.Periodic(
            NOTIFY,
            every=registry.every_minutes("NOTIFY_EVERY_MINUTES"),
            enqueue=notify_start,
        )
    )
