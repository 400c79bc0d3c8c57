"""Staff pages for the follow-up under /personal/uppfoljning/, one module per
workflow (split from the former views.py, 900+ lines; the view functions are
unchanged):

- ``activities``: dashboard, activities, import, assessments, reminders;
- ``reports``: reports (the public report pages are publishing's);
- ``plans``: plans, årshjul and communication;
- ``evaluation``: the end-of-period evaluation and the status history;
- ``partners``: "Våra åtaganden" for partner organisations, and their members.

Each view: a permission helper (``_common``) finds the object, a form parses, one
service or selector runs, a template renders.
"""

from .activities import (
    activity_edit,
    activity_import,
    activity_list,
    activity_new,
    activity_remove,
    assessment_edit,
    dashboard,
    reminders,
)
from .evaluation import evaluation, status_history
from .partners import partner_commitment, partner_home, partner_members
from .plans import (
    arshjul_ics,
    arshjul_view,
    communication,
    communication_status,
    plan,
    plan_tick,
)
from .reports import (
    report_detail,
    report_docx,
    report_edit,
    report_new,
    report_pdf,
    report_pdf_job,
    report_remove,
    report_status,
)

__all__ = [
    "activity_edit",
    "activity_import",
    "activity_list",
    "activity_new",
    "activity_remove",
    "arshjul_ics",
    "arshjul_view",
    "assessment_edit",
    "communication",
    "communication_status",
    "dashboard",
    "evaluation",
    "partner_commitment",
    "partner_home",
    "partner_members",
    "plan",
    "plan_tick",
    "reminders",
    "status_history",
    "report_detail",
    "report_docx",
    "report_edit",
    "report_new",
    "report_pdf",
    "report_pdf_job",
    "report_remove",
    "report_status",
]
