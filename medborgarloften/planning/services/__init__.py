"""The only writers of the lägesbild (``reports``) and the åtgärdsplan (``plans``,
``links``). Every function checks permissions, validates, then saves in one
transaction."""

from .decisions import decision_correct
from .items import (
    cause_delete,
    cause_update,
    measure_delete,
    measure_update,
    plan_delete,
    plan_update,
    problem_delete,
    problem_update,
)
from .links import agreement_link, commitment_link, link_remove
from .plans import (
    cause_add,
    goal_add,
    goal_revise,
    measure_add,
    plan_adopt,
    plan_create,
    problem_add,
)
from .reports import (
    report_adopt,
    report_create,
    report_revise,
    report_update,
    section_add,
    section_delete,
)

__all__ = [
    "agreement_link",
    "cause_add",
    "cause_delete",
    "cause_update",
    "commitment_link",
    "decision_correct",
    "goal_add",
    "goal_revise",
    "link_remove",
    "measure_add",
    "measure_delete",
    "measure_update",
    "plan_adopt",
    "plan_create",
    "plan_delete",
    "plan_update",
    "problem_add",
    "problem_delete",
    "problem_update",
    "report_adopt",
    "report_create",
    "report_revise",
    "report_update",
    "section_add",
    "section_delete",
]
