"""The question bank's Swedish words as msgids (``data/fragebank.toml`` is no
source makemessages reads): the bank shows them through gettext (``bank_text``).
``test_the_bank_s_words_are_all_msgids`` keeps this list and the file in step."""

from __future__ import annotations

from django.utils.translation import gettext_noop

BANK_MSGIDS = (
    gettext_noop(
        "Hur trygg känner du dig om du går ut ensam sent en kväll i ditt område?"
    ),
    gettext_noop("Mycket trygg"),
    gettext_noop("Ganska trygg"),
    gettext_noop("Ganska otrygg"),
    gettext_noop("Mycket otrygg"),
    gettext_noop("Jag går inte ut ensam sent på kvällen"),
    gettext_noop("Hur ofta oroar du dig för att bli utsatt för brott?"),
    gettext_noop("Aldrig"),
    gettext_noop("Sällan"),
    gettext_noop("Ibland"),
    gettext_noop("Ofta"),
    gettext_noop("Oroar du dig för inbrott i din bostad?"),
    gettext_noop("Nej"),
    gettext_noop("Lite"),
    gettext_noop("Mycket"),
    gettext_noop("Oroar du dig för att bli rånad eller överfallen utomhus?"),
    gettext_noop(
        "Oroar du dig för att någon ska skada eller stjäla din bil eller cykel?"
    ),
    gettext_noop(
        "Finns det saker i ditt område som gör det sämre att bo där, till exempel klotter, skräp, bråk eller droger?"
    ),
    gettext_noop("Tänk på det senaste året."),
    gettext_noop("Nej, inga problem"),
    gettext_noop("Ja, små problem"),
    gettext_noop("Ja, stora problem"),
    gettext_noop("Kan man lita på de flesta som bor i ditt område?"),
    gettext_noop("Ja, helt"),
    gettext_noop("Ja, nästan alltid"),
    gettext_noop("Nej, inte så ofta"),
    gettext_noop("Nej, inte alls"),
    gettext_noop("Hur stort förtroende har du för polisens arbete i ditt område?"),
    gettext_noop("Mycket stort"),
    gettext_noop("Ganska stort"),
    gettext_noop("Ganska litet"),
    gettext_noop("Mycket litet"),
    gettext_noop(
        "Hur stort förtroende har du för kommunens arbete för trygghet i ditt område?"
    ),
)
