"""Police-event polling as a periodic background job (POLICE_POLL_MINUTES).

The same fetch and store as ``manage pollevents``, run by the worker: a server that
does not answer is tried again (the job's retries), a call the API's rules do not
allow yet ends the turn quietly (the next turn will come), records the archive
refuses fail the job with their errors — visible under Bakgrundsjobb.
"""

from __future__ import annotations

import os
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from medborgarloften import __version__
from medborgarloften.jobs import registry
from medborgarloften.jobs.models import Job
from medborgarloften.jobs.services import job_create
from medborgarloften.lib.http import FetchError

from .services import RateLimited, RateLimiter, events_fetch, events_store

KIND = "police_poll"
DEFAULT_BASE_URL = "https://polisen.se"


def default_user_agent() -> str:
    """'medborgarloften/0.1.0 (lagesbild; <contact>)' — the contact from the setting
    or the environment variable POLICE_API_CONTACT (an e-mail address or URL)."""
    contact = (
        getattr(settings, "POLICE_API_CONTACT", "")
        or os.environ.get("POLICE_API_CONTACT", "")
        or "ingen kontakt angiven"
    )
    return f"medborgarloften/{__version__} (lagesbild; {contact})"


def police_poll(job: Job, progress: registry.Progress) -> registry.Output:
    """One call of the events API, archived; see the module for its failures."""
    progress(step=_("Hämtar händelser från polisen.se"))
    try:
        records = events_fetch(
            base_url=job.params.get("base_url") or DEFAULT_BASE_URL,
            user_agent=default_user_agent(),
            limiter=RateLimiter(),
        )
    except RateLimited as exc:
        return registry.Output(
            message=_(
                "Inget hämtat: API:ets regler tillåter nästa anrop om %(s)d sekunder."
            )
            % {"s": exc.wait.total_seconds()}
        )
    except (FetchError, ValueError) as exc:
        raise registry.Retry(
            _("Polisens API svarade inte som väntat: %(error)s") % {"error": exc}
        ) from exc
    progress(step=_("Sparar händelserna"), total=len(records))
    try:
        summary = events_store(
            records=((f"svar #{i}", r) for i, r in enumerate(records, 1))
        )
    except ValidationError as exc:
        raise registry.Fail(
            _("Svaret innehöll felaktiga händelser; inget sparat: %(errors)s")
            % {"errors": "; ".join(exc.messages[:5])}
        ) from exc
    return registry.Output(message=str(summary))


def police_poll_start() -> Job:
    return job_create(kind=KIND, title=_("Hämta Polisens händelser"))


def register() -> None:
    registry.register(
        registry.JobKind(
            KIND,
            police_poll,
            max_attempts=3,
            retry_delays=(60, 300),
            timeout=timedelta(minutes=5),
        )
    )
    registry.register_periodic(
        registry.Periodic(
            KIND,
            every=registry.every_minutes("POLICE_POLL_MINUTES"),
            enqueue=police_poll_start,
        )
    )
