"""The åtgärdsplan's part of a meeting's agenda (registered in ``apps.py`` with
``lib.agenda``): measures of the kommun's adopted plans that are overdue, behind
or due before the meeting's horizon, and goals to be reached by then."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from medborgarloften.lib.agenda import AgendaEntry
from medborgarloften.places.models import Organisation

from .progress import annotate_followup, followup_of
from .selectors import plan_queryset

#: How far ahead of the meeting a goal or a measure's end counts as due.
HORIZON = dt.timedelta(days=60)


def measures_due(
    kommun: Organisation, on: dt.date, today: dt.date
) -> list[AgendaEntry]:
    """Measures overdue or behind as of the meeting, and goals due by the horizon."""
    plans = plan_queryset().filter(
        kommun=kommun,
        status="adopted",
        period_start__lte=on + HORIZON,
        period_end__gte=on - HORIZON,
    )
    entries: list[AgendaEntry] = []
    for plan in plans.order_by("period_start", "pk"):
        annotate_followup(plan, today=on)
        for measure in plan.measures.all():
            followup = followup_of(measure)
            behind = followup.evidenced in ("behind", "no_activity", "not_started")
            if followup.schedule == "overdue" or (behind and followup.commitments):
                entries.append(
                    AgendaEntry(
                        "measure",
                        _("Åtgärd %(n)s i %(plan)s: %(status)s")
                        % {
                            "n": measure.number,
                            "plan": plan.title,
                            "status": (
                                followup.schedule_label
                                if followup.schedule == "overdue"
                                else followup.evidenced_label
                            ).lower(),
                        },
                        _("Rapporterat: %(reported)s. Underlaget: %(evidenced)s.")
                        % {
                            "reported": followup.reported_label,
                            "evidenced": followup.evidenced_label,
                        },
                        measure.ends_on,
                    )
                )
            goals = list(measure.goals.all())
            replaced = {g.replaces_id for g in goals}
            for goal in goals:
                if goal.pk in replaced:
                    continue
                if on - HORIZON <= goal.due_on <= on + HORIZON:
                    entries.append(
                        AgendaEntry(
                            "goal",
                            _("Mål att följa upp, åtgärd %(n)s: %(text)s")
                            % {"n": measure.number, "text": goal.text},
                            _("%(indicator)s: från %(baseline)s till %(target)s.")
                            % {
                                "indicator": goal.indicator,
                                "baseline": goal.baseline,
                                "target": goal.target,
                            },
                            goal.due_on,
                        )
                    )
    return entries
