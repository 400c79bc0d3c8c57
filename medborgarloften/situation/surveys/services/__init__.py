"""Writes for digital surveys and walks: build, publish, answer, moderate, export.

Validate first (errors name the field), then save in one transaction. An answer is
saved completely before the resident is thanked, or not at all.

One module per workflow: ``building``, ``answers``, ``walks``, ``export``,
``alerts``; shared limits in ``_common``. Import from this package.
"""

from ._common import COMMENT_MAX
from .alerts import survey_alert_record
from .answers import survey_response_submit
from .building import survey_create, survey_publish
from .export import Replacement, export_plan, survey_export
from .walks import walk_point_moderate, walk_point_submit

__all__ = [
    "COMMENT_MAX",
    "Replacement",
    "export_plan",
    "survey_alert_record",
    "survey_create",
    "survey_export",
    "survey_publish",
    "survey_response_submit",
    "walk_point_moderate",
    "walk_point_submit",
]
