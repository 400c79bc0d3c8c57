"""Document-level fields of the extraction record.

Each finder is a pure function of the text (or of its units) and returns values
together with their character spans and the name of the rule that found them,
so a reviewer can see why (STYLE rule 16). ``extract.record`` assembles them with
the commitments into the SCHEMA record.
"""

from __future__ import annotations

from .checks import check_document
from .focus import FocusArea, find_focus_areas
from .followup import FollowUp, find_follow_up
from .parties import PoliceArea, canonical_kommun, find_municipalities, find_police_area
from .period import Period, find_period, parse_date
from .signatories import Signatory, find_signatories
from .situation import Situation, find_situation
from .text import Unit, read_units
from .title import Title, find_title
from .topics import Hit, find_evidence, find_themes, themes_in

__all__ = [
    "FocusArea",
    "FollowUp",
    "Hit",
    "Period",
    "PoliceArea",
    "Signatory",
    "Situation",
    "Title",
    "Unit",
    "canonical_kommun",
    "check_document",
    "find_evidence",
    "find_focus_areas",
    "find_follow_up",
    "find_municipalities",
    "find_period",
    "find_police_area",
    "find_signatories",
    "find_situation",
    "find_title",
    "find_themes",
    "parse_date",
    "read_units",
    "themes_in",
]
