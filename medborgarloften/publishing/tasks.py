"""Background tasks of the publishing app, run by ``medborgarloften worker``."""

from __future__ import annotations

from medborgarloften.lib.tasks import task


@task()
def mail_send(
    *,
    subject: str,
    body: str,
    to: list[str],
    headers: dict[str, str],
    attempt: int = 1,
) -> str:
    """Send one mail queued by a request (a subscription's confirmation link)."""
    from .services import mail_deliver

    return mail_deliver(
        subject=subject, body=body, to=to, headers=headers, attempt=attempt
    )
