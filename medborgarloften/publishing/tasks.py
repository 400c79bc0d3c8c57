"""Background tasks of the publishing app, run by ``medborgarloften worker``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from medborgarloften.lib.tasks import task

if TYPE_CHECKING:
    from .services import Mail


@task()
def mail_send(*, attempt: int = 1, **mail: Unpack[Mail]) -> str:
    """Send one mail queued by a request (a subscription's confirmation link)."""
    from .services import mail_deliver

    return mail_deliver(attempt=attempt, **mail)
