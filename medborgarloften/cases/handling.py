"""The owner's work on a case: answer, hand on, close; the coordinator's link to
the commitment or activity the case became. Each records a CaseEvent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.followup.models import Activity
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Commitment

from .models import Case, CaseEvent, CaseStatus, Outcome
from .notify import case_answered_notify
from .permissions import require_coordinator, require_handler
from .services import DEFAULT_DAYS, TEXT_MAX


@transaction.atomic
def _outcome_checked(outcome: str, field: str) -> str:
    if outcome not in Outcome.values:
        raise ValidationError({field: _("Välj vad ärendet ledde till.")})
    return outcome


@transaction.atomic
def case_answer(
    *,
    actor: Any,
    case: Case,
    answer: str,
    close: bool = False,
    outcome: str = Outcome.ANSWERED,
    site: str = "",
) -> Case:
    """The owner's answer; the resident who confirmed an e-mail hears it (after
    commit). ``close`` also closes the case with ``outcome`` (by default
    "Besvarat": an answer claims nothing was done unless the owner says so)."""
    require_handler(actor, case)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError({"answer": _("Ärendet är redan avslutat.")})
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("Skriv ett svar.")})
    if len(answer) > TEXT_MAX:
        raise ValidationError(
            {"answer": _("Högst %(max)d tecken.") % {"max": TEXT_MAX}}
        )
    if close:
        case.outcome = _outcome_checked(outcome, "outcome")
    case.answer = answer
    case.answered_at = timezone.now()
    case.status = CaseStatus.CLOSED if close else CaseStatus.ANSWERED
    case.save(
        update_fields=["answer", "answered_at", "status", "outcome", "updated_at"]
    )
    CaseEvent.objects.create(
        case=case,
        action=CaseEvent.Action.ANSWERED,
        actor=actor,
        organisation=case.owner,
    )
    transaction.on_commit(lambda: case_answered_notify(case_id=case.pk, site=site))
    return case


@transaction.atomic
def case_hand_on(
    *, actor: Any, case: Case, owner: Organisation, note: str = ""
) -> Case:
    """Give the case to another organisation, with a new due date."""
    require_handler(actor, case)
    if owner.pk == case.owner_id:
        raise ValidationError({"owner": _("Välj en annan organisation.")})
    if not case.is_open:
        raise ValidationError({"owner": _("Ärendet är redan besvarat.")})
    case.owner = owner
    case.due_on = timezone.localdate() + dt.timedelta(days=DEFAULT_DAYS)
    case.reminded_on = None
    case.save(update_fields=["owner", "due_on", "reminded_on", "updated_at"])
    CaseEvent.objects.create(
        case=case,
        action=CaseEvent.Action.HANDED_ON,
        actor=actor,
        organisation=owner,
        note=note.strip()[:300],
    )
    return case


@transaction.atomic
def case_close(
    *, actor: Any, case: Case, reason: str, outcome: str = Outcome.ANSWERED
) -> Case:
    """Close with an outcome and its words, both shown publicly. For good: a
    closed case is not answered, handed on or closed again."""
    require_handler(actor, case)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError({"reason": _("Ärendet är redan avslutat.")})
    outcome = _outcome_checked(outcome, "outcome")
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Skriv vad ärendet ledde till.")})
    case.close_reason = reason[:300]
    case.outcome = outcome
    case.status = CaseStatus.CLOSED
    case.save(update_fields=["close_reason", "outcome", "status", "updated_at"])
    CaseEvent.objects.create(
        case=case,
        action=CaseEvent.Action.CLOSED,
        actor=actor,
        note=f"{case.get_outcome_display()}: {case.close_reason}"[:300],
    )
    return case


@transaction.atomic
def case_link(
    *,
    actor: Any,
    case: Case,
    activity: Activity | None = None,
    commitment: Commitment | None = None,
) -> Case:
    """Link the case to the activity (and so its commitment) or the commitment it
    became; only ones of a promise the case's kommun is party to."""
    require_coordinator(actor, case.kommun_id)
    if activity is None and commitment is None:
        raise ValidationError({"activity": _("Välj en aktivitet eller ett åtagande.")})
    if activity is not None:
        commitment = activity.commitment
    assert commitment is not None
    if not commitment.promise.parties.filter(pk=case.kommun_id).exists():
        raise ValidationError(
            {"activity": _("Åtagandet hör till ett löfte som kommunen inte har gett.")}
        )
    case.activity = activity
    case.commitment = commitment
    case.save(update_fields=["activity", "commitment", "updated_at"])
    CaseEvent.objects.create(
        case=case,
        action=CaseEvent.Action.LINKED,
        actor=actor,
        note=str(activity or commitment)[:300],
    )
    return case
