"""Writes to the follow-up: the only place that changes activities, assessments and
reports. Split by concern: ``activities`` (one at a time, optimistic locking),
``imports`` (CSV/XLSX, all or nothing), ``reports`` (reports and assessments),
``partners`` (what a partner organisation reports on its own commitments).
Import from this package."""

from .activities import *  # noqa: F403
from .imports import *  # noqa: F403
from .partners import *  # noqa: F403
from .reports import *  # noqa: F403
from .statuses import *  # noqa: F403
