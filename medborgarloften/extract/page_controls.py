"""A web page's controls, buttons and link lines left in a copied text.

A kommun's or the police's page shows each section as an accordion ("Visa alla",
"Dölj alla" over the sections, "Läs mer" or "Visa mer" under each heading) and a
newspaper lists links to other articles ("Läs också: …"). Copied as text, the
controls stand on lines of their own between a heading and its content: they are
no heading of a section (a bare "Läs mer" is not the "Läs mer om
medborgarlöften" section), and a link line's words are another article's.
"""

from __future__ import annotations

import re

# A line that is only a control: "Läs mer", "Visa mer", "Visa alla", "Dölj alla",
# "Visa/dölj", "Öppna alla", "Stäng alla", "Expandera", "Fäll ut", with an arrow
# or a plus sign around it.
UI_CONTROL = re.compile(
    r"[\s+▼▲▾▸►›»<>*_#-]*"
    r"(?:läs\s+(?:mer|mindre)|visa\s+(?:mer|mindre|alla|allt|fler)|dölj(?:\s+(?:alla|allt))?"
    r"|visa\s*/\s*dölj|öppna\s+alla|stäng\s+alla|expandera(?:\s+alla)?"
    r"|fäll\s+(?:ut|ihop)(?:\s+alla)?"
    # a news page's buttons and labels: "Lyssna på artikeln 4 min", "Dela artikeln",
    # "Skriv ut", "Annons", "Hoppa till huvudinnehåll"
    r"|lyssna(?:\s+på\s+(?:artikeln|sidan|texten))?(?:\s+\d{1,2}\s*min\w*)?"
    r"|dela(?:\s+(?:artikeln|sidan))?|skriv\s+ut|annons"
    r"|(?:hoppa\s+)?till\s+(?:huvud)?innehåll(?:et)?)"
    r"[\s+▼▲▾▸►›»<>*_#-]*",
    re.IGNORECASE,
)

# "Läs också: …", "Läs mer: …", "Relaterat: …", "Se även: …": a link to another
# page, on a line of its own.
LINK_LINE = re.compile(
    r"^[ \t]*(?:läs\s+(?:också|även|mer)|relaterat|relaterad\s+artikel|se\s+även"
    r"|mer\s+om\s+ämnet)[ \t]*[:|][^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)


def is_control(line: str) -> bool:
    """Is the line only a page control ("Läs mer", "Visa alla", "Dölj alla")?"""
    return len(line) <= 40 and UI_CONTROL.fullmatch(line) is not None
