"""Staff pages of the lägesbild document and the åtgärdsplan, per workflow."""

from .decisions import plan_decision_correct, report_decision_correct
from .documents import agreement_file, grant_file, plan_file, report_file
from .items import (
    cause_delete,
    cause_edit,
    measure_delete,
    measure_edit,
    plan_delete,
    plan_edit,
    problem_delete,
    problem_edit,
)
from .plans import goal_revise_view, plan_adopt_view, plan_detail, plan_new
from .reports import (
    index,
    kommun_page,
    report_adopt_view,
    report_detail,
    report_edit,
    report_new,
    report_revise_view,
    steps_view,
)
from .statuses import measure_status

__all__ = [
    "agreement_file",
    "cause_delete",
    "cause_edit",
    "goal_revise_view",
    "grant_file",
    "index",
    "kommun_page",
    "measure_delete",
    "measure_edit",
    "measure_status",
    "plan_adopt_view",
    "plan_decision_correct",
    "plan_delete",
    "plan_detail",
    "plan_edit",
    "plan_file",
    "plan_new",
    "problem_delete",
    "problem_edit",
    "report_adopt_view",
    "report_decision_correct",
    "report_detail",
    "report_edit",
    "report_file",
    "report_new",
    "report_revise_view",
    "steps_view",
]
