"""Staff pages of the lägesbild under /personal/lagesbild/, one module per workflow:

- ``observations``: index, overview, reporting (and correcting a report), week,
  summary, map;
- ``analysis``: the analysis, its document, adopting a priority;
- ``dialogues``: dialogues and findings;
- ``data``: imports and a promise's baseline.

Each view: a permission helper (``_common``) finds the kommun, a form or selector
does the work, a template renders. Refusals render the Swedish 403 page
(``staff_view``).
"""

from .analysis import analysis, document, priority_adopt
from .data import data_import, import_undo, promise_baseline
from .dialogues import dialogue_edit, dialogue_list, dialogue_new, dialogue_remove
from .observations import (
    area_map_view,
    index,
    observation_edit,
    observation_new,
    observation_remove,
    overview,
    summary,
    week,
)

__all__ = [
    "analysis",
    "area_map_view",
    "data_import",
    "import_undo",
    "dialogue_edit",
    "dialogue_list",
    "dialogue_new",
    "dialogue_remove",
    "document",
    "index",
    "observation_edit",
    "observation_new",
    "observation_remove",
    "overview",
    "priority_adopt",
    "promise_baseline",
    "summary",
    "week",
]
