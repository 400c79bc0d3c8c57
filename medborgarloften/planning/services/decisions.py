"""Correcting the recorded decision of an adopted lägesbild or åtgärdsplan: the date,
the decision body or the diarienummer was entered wrong. Only the kommun's admins
correct, with a reason; every correction is kept (``DecisionCorrection``) and shown
with the document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.lib.access import recorded_actor

from ..models import ActionPlan, DecisionCorrection, SituationReport
from ..permissions import check_correct_decision

_FIELDS = ("adopted_on", "decision_body", "diarienummer")


def _recorded(document: SituationReport | ActionPlan) -> dict[str, str]:
    return {
        "adopted_on": document.adopted_on.isoformat() if document.adopted_on else "",
        "decision_body": document.decision_body,
        "diarienummer": document.diarienummer,
    }


def decision_errors(decision_body: str, diarienummer: str) -> dict[str, str]:
    """What a decision's body and diarienummer lack, keyed by field, as adopting a
    lägesbild and correcting a decision say it (empty when nothing)."""
    errors: dict[str, str] = {}
    if not decision_body.strip():
        errors["decision_body"] = _("Ange vilket organ som fattade beslutet.")
    if not diarienummer.strip():
        errors["diarienummer"] = _("Ange beslutets diarienummer.")
    return errors


def check_decision_date(
    document: SituationReport | ActionPlan, adopted_on: dt.date
) -> None:
    """A decision is not dated in the future; an åtgärdsplan is not decided before
    the lägesbild it rests on, nor a lägesbild after a plan resting on it was
    decided. ValidationError on ``adopted_on`` otherwise."""
    today = timezone.localdate()
    if adopted_on > today:
        raise ValidationError(
            {
                "adopted_on": _(
                    "Beslutsdatumet %(date)s ligger i framtiden. Ange dagen då "
                    "beslutet fattades; anta dokumentet först när beslutet är fattat."
                )
                % {"date": adopted_on.isoformat()}
            }
        )
    if isinstance(document, ActionPlan):
        report = document.situation_report
        if report.adopted_on is not None and adopted_on < report.adopted_on:
            raise ValidationError(
                {
                    "adopted_on": _(
                        "Planen kan inte antas före lägesbilden den bygger på "
                        "(antagen %(date)s)."
                    )
                    % {"date": report.adopted_on.isoformat()}
                }
            )
        return
    earlier = (
        document.action_plans.filter(adopted_on__lt=adopted_on)
        .order_by("adopted_on")
        .first()
    )
    if earlier is not None and earlier.adopted_on is not None:
        raise ValidationError(
            {
                "adopted_on": _(
                    "Åtgärdsplanen %(plan)s som bygger på lägesbilden antogs "
                    "redan %(date)s; lägesbilden kan inte vara antagen senare."
                )
                % {"plan": earlier, "date": earlier.adopted_on.isoformat()}
            }
        )


def decision_correct(
    *,
    actor: Any,
    document: SituationReport | ActionPlan,
    adopted_on: dt.date,
    decision_body: str,
    diarienummer: str,
    reason: str,
) -> DecisionCorrection:
    """Correct an adopted document's decision details; the old and new values, the
    actor and the reason are recorded."""
    check_correct_decision(actor, document.kommun)
    if not document.is_adopted:
        raise ValidationError(_("Bara ett antaget beslut kan rättas."))
    errors = decision_errors(decision_body, diarienummer)
    if not reason.strip():
        errors["reason"] = _("Skriv varför beslutet rättas.")
    if errors:
        raise ValidationError(errors)
    check_decision_date(document, adopted_on)
    before = _recorded(document)
    with transaction.atomic():
        document.adopted_on = adopted_on
        document.decision_body = decision_body
        document.diarienummer = diarienummer
        document.save(update_fields=[*_FIELDS, "updated_at"])
        after = _recorded(document)
        if after == before:
            raise ValidationError(_("Inget i beslutet ändrades."))
        link = (
            {"situation_report": document}
            if isinstance(document, SituationReport)
            else {"action_plan": document}
        )
        return DecisionCorrection.objects.create(
            **link,
            before=before,
            after=after,
            reason=reason,
            actor=recorded_actor(actor),
        )
