"""Free text made safe to publish: personnummer, phone numbers and e-mail addresses
hidden.

Pure Python, shared by the apps that publish free text (cases, partner reports, meeting
summaries). A resident writes "ring mig på 070-123 45 67" or gives a personnummer
more often than one would think; neither may reach "Du sa – vi gjorde", the API or
Open311. Matches are replaced, not the whole text withheld, and the match is found
on digits with the separators people use (space, hyphen, plus, parentheses).
"""

from __future__ import annotations

import calendar
import re

HIDDEN_ID = "[personnummer borttaget]"
HIDDEN_PHONE = "[telefonnummer borttaget]"
HIDDEN_EMAIL = "[e-postadress borttagen]"

#: ÅÅMMDD-NNNN or ÅÅÅÅMMDD-NNNN (also with + or no separator), and
#: samordningsnummer (day + 60).
_PERSONNUMMER = re.compile(
    r"(?<![\d])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:[0-9]{2})\s?[-+]?\s?\d{4}(?![\d])"
)
#: Swedish numbers: 07x mobile, 0xx area codes, +46; at least eight digits with
#: spaces or hyphens between groups.
_PHONE = re.compile(r"(?<![\w+])(?:\+46|0046|0)[\s\-()]*\d(?:[\s\-()]*\d){6,11}(?!\d)")


def _plausible_date(digits: str) -> bool:
    """ÅÅMMDD is a day of the calendar; a samordningsnummer adds 60 to the day."""
    month, day = int(digits[2:4]), int(digits[4:6])
    if day > 60:
        day -= 60
    if not 1 <= month <= 12:
        return False
    # 2000 is a leap year: 29 February is a plausible day of birth
    return 1 <= day <= calendar.monthrange(2000, month)[1]


def _luhn(digits: str) -> bool:
    """The check digit of a personnummer (ÅÅMMDDNNNN): Luhn, weights 2, 1, 2, …"""
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n // 10 + n % 10
    return total % 10 == 0


def _is_personnummer(match: str) -> bool:
    """A personnummer, not a phone number: a plausible date; ten digits written
    together that start with 0 read as a phone number (0701234567, a mobile) unless
    the check digit makes them a personnummer."""
    digits = re.sub(r"\D", "", match)
    short = digits[-10:]
    if not _plausible_date(short):
        return False
    if digits == match.strip() and len(digits) == 10 and digits.startswith("0"):
        return _luhn(short)
    return True


#: An e-mail address, also written to dodge harvesters: "anna(at)example.se",
#: "anna [at] example [dot] se". Found from its "@" or "(at)" outwards, with the
#: parts' lengths bounded, so a long text costs a scan, never a square of it.
_AT = re.compile(r"@|\s?[(\[{]\s?(?:at|snabel-a)\s?[)\]}]\s?", re.IGNORECASE)
_LOCAL = re.compile(r"[\w.+-]{1,64}\Z")
_DOMAIN = re.compile(
    r"[\w-]{1,63}(?:(?:\.|\s?[(\[{]\s?(?:dot|punkt)\s?[)\]}]\s?)[\w-]{1,63}){1,8}",
    re.IGNORECASE,
)


def _email_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for at in _AT.finditer(text):
        if spans and at.start() < spans[-1][1]:
            continue
        local = _LOCAL.search(text[max(0, at.start() - 64) : at.start()])
        domain = _DOMAIN.match(text, at.end())
        if local and domain:
            spans.append((at.start() - len(local.group(0)), domain.end()))
    return spans


def _hide_emails(text: str) -> str:
    for start, end in reversed(_email_spans(text)):
        text = text[:start] + HIDDEN_EMAIL + text[end:]
    return text


def screen(text: str) -> str:
    """The text with every personnummer, phone number and e-mail address replaced."""

    def _id(m: re.Match[str]) -> str:
        return HIDDEN_ID if _is_personnummer(m.group(0)) else m.group(0)

    text = _hide_emails(text)
    text = _PERSONNUMMER.sub(_id, text)
    return _PHONE.sub(HIDDEN_PHONE, text)


def needs_screening(text: str) -> bool:
    return screen(text) != text


def contact_details(text: str) -> list[str]:
    """What kinds of contact details or identity numbers the text holds, in a fixed
    order: "personnummer", "telefonnummer", "e-postadress" (empty: none)."""
    found = []
    without_ids = _PERSONNUMMER.sub(
        lambda m: HIDDEN_ID if _is_personnummer(m.group(0)) else m.group(0), text
    )
    if without_ids != text:
        found.append("personnummer")
    if _PHONE.search(without_ids):
        found.append("telefonnummer")
    if _email_spans(text):
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
