"""Background tasks of the cases app, run by ``medborgarloften worker``."""

from __future__ import annotations

from medborgarloften.lib.tasks import task

from .notify import mail_deliver, overdue_remind


@task()
def case_mail_send(*, subject: str, body: str, to: list[str]) -> int:
    """Send one mail queued by a request or a reminder run."""
    return int(mail_deliver(subject=subject, body=body, to=to))


@task()
def cases_overdue_remind() -> int:
    """Remind owners of cases past their due date (schedule daily)."""
    return overdue_remind()
