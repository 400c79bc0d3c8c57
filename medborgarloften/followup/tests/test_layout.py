"""Follow-up pages fit a phone: radio buttons sit beside their labels, list tables
stack (the stack-narrow pattern)."""

from __future__ import annotations

import re
from pathlib import Path

import medborgarloften

CSS = Path(medborgarloften.__file__).parent / "static/medborgarloften/css"


def _rules(name: str) -> list[tuple[str, str]]:
    text = re.sub(r"/\*.*?\*/", "", (CSS / name).read_text(), flags=re.S)
    return [
        (selector.strip(), body)
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text)
    ]


def test_quick_forms_do_not_stretch_radio_buttons_or_checkboxes():
    """`.quick-form input { width: 100% }` set every radio button a line wide,
    floating mid-line with its label pushed right (partner status on a phone)."""
    for selector, body in _rules("followup.css"):
        if not re.search(r"width:\s*100%", body):
            continue
        for part in selector.split(","):
            part = part.strip()
            if re.search(r"\binput\b", part):
                assert ":not([type=radio])" in part and (
                    ":not([type=checkbox])" in part
                ), part
