"""The question bank's words reach the translation files through bank_msgids.py."""

from __future__ import annotations

from medborgarloften.situation.surveys.bank import bank
from medborgarloften.situation.surveys.bank_msgids import BANK_MSGIDS


def test_the_bank_s_words_are_all_msgids():
    words = set()
    for question in bank().values():
        words.add(question.text)
        words.update(label for _value, label in question.options)
        if question.help:
            words.add(question.help)
    assert words == set(BANK_MSGIDS)
