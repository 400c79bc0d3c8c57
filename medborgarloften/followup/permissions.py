"""Who may log, change and report follow-up. Builds on ``promises.permissions``.

- Whoever may edit the promise (admins and editors of a party, superusers) may log,
  change and delete any of its activities, write assessments and run its reports.
- Reporters of a party may log activities too — they are the ones out on the
  trygghetsvandring — and change or delete the activities they logged themselves;
  they cannot touch others' activities, assessments or reports.
- Viewers, like every member of a party, may read the follow-up.
"""

from __future__ import annotations

from typing import Any

from medborgarloften.accounts.models import Role
from medborgarloften.accounts.permissions import organisation_roles
from medborgarloften.promises.models import Promise
from medborgarloften.promises.permissions import can_edit_promise, can_view_promise

__all__ = [
    "can_change_activity",
    "can_edit_promise",
    "can_log_activity",
    "can_view_promise",
]


def _is_reporter(user: Any, promise: Promise) -> bool:
    roles = organisation_roles(user)
    return any(roles.get(p.pk) == Role.REPORTER for p in promise.parties.all())


def can_log_activity(user: Any, promise: Promise) -> bool:
    """Editors of the promise and reporters of a party may log activities."""
    return can_edit_promise(user, promise) or _is_reporter(user, promise)


def can_change_activity(user: Any, promise: Promise, activity: Any) -> bool:
    """Editors may change any activity; a reporter only those they logged."""
    if can_edit_promise(user, promise):
        return True
    return (
        _is_reporter(user, promise)
        and activity.created_by_id is not None
        and activity.created_by_id == getattr(user, "pk", None)
    )
