"""Free text made safe to publish: personnummer and phone numbers hidden.

Pure Python, shared by the apps that publish free text (cases, partner reports). A resident writes "ring mig på 070-123 45 67" or gives a personnummer
more often than one would think; neither may reach "Du sa – vi gjorde", the API or
Open311. Matches are replaced, not the whole text withheld, and the match is found
on digits with the separators people use (space, hyphen, plus, parentheses).
"""

from __future__ import annotations

import re

HIDDEN_ID = "[personnummer borttaget]"
HIDDEN_PHONE = "[telefonnummer borttaget]"

#: ÅÅMMDD-NNNN or ÅÅÅÅMMDD-NNNN (also with + or no separator), and
#: samordningsnummer (day + 60).
_PERSONNUMMER = re.compile(
    r"(?<![\d])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:[0-9]{2})\s?[-+]?\s?\d{4}(?![\d])"
)
#: Swedish numbers: 07x mobile, 0xx area codes, +46; at least eight digits with
#: spaces or hyphens between groups.
_PHONE = re.compile(r"(?<![\w+])(?:\+46|0046|0)[\s\-()]*\d(?:[\s\-()]*\d){6,11}(?!\d)")


def _valid_day(match: str) -> bool:
    digits = re.sub(r"\D", "", match)[-10:]
    day = int(digits[4:6])
    return 1 <= day <= 31 or 61 <= day <= 91


def screen(text: str) -> str:
    """The text with every personnummer and phone number replaced."""

    def _id(m: re.Match[str]) -> str:
        return HIDDEN_ID if _valid_day(m.group(0)) else m.group(0)

    text = _PERSONNUMMER.sub(_id, text)
    return _PHONE.sub(HIDDEN_PHONE, text)


def needs_screening(text: str) -> bool:
    return screen(text) != text


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def contact_details(text: str) -> list[str]:
    """What kinds of contact details or identity numbers the text holds, in a fixed
    order: "personnummer", "telefonnummer", "e-postadress" (empty: none)."""
    found = []
    without_ids = _PERSONNUMMER.sub(
        lambda m: HIDDEN_ID if _valid_day(m.group(0)) else m.group(0), text
    )
    if without_ids != text:
        found.append("personnummer")
    if _PHONE.search(without_ids):
        found.append("telefonnummer")
    if _EMAIL.search(text):
        found.append("e-postadress")
    return found


#: Two or three capitalised words in a row, e.g. a first name and a surname.
_NAME = re.compile(
    r"(?<![\w.])([A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖÉ][a-zåäöéü]+)?)"
    r"((?:\s+[A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖÉ][a-zåäöéü]+)?){1,2})(?!\w)"
)


def possible_names(text: str) -> list[str]:
    """Runs of two or three capitalised words that are not at the start of a
    sentence ("…träffade Anna Berg från…"): maybe a person's name. A hint for a
    warning, never a reason to refuse: an organisation ("Lokala Brå") looks the
    same."""
    found = []
    for match in _NAME.finditer(text):
        before = text[: match.start()].rstrip()
        if not before or before[-1] in ".!?:\n":
            continue  # the first word of a sentence is capitalised anyway
        found.append(match.group(0))
    return list(dict.fromkeys(found))
