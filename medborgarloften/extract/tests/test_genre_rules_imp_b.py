"""Rules written after the blind batches ho16 and ho17 (branch imp-b): a look back at
last year's promise, the promise's own statement of its year, sentences that report
another document or describe the promise document, advice to residents, and contact
persons beside the signatures. Every text below is invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.commitments.sentences import (
    _is_commitment_sentence,
    _present_action,
    classify_heading,
    classify_leadin,
    past_report,
)
from medborgarloften.extract.document.period import find_period
from medborgarloften.extract.document.signatories import find_signatories
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- a look back at last year's promise is a report, not commitments -------------

LOOK_BACK = """Trygghet i Norrvik

Kommunen och polisen i Norrvik ger varje år ett medborgarlöfte. Här berättar vi hur
det gick och vad vi lovar för 2032.

Hur gick det med fjolårets löfte?

I medborgarlöftet för 2031 låg fokus på hamnen. Resultatet:

• Hamnpatrullering: Polisen besökte hamnområdet vid 64 tillfällen under sommaren.
• Belysning: Kommunen bytte 40 armaturer längs kajen.
• Skolvägar: Vi genomförde tre trafikkontroller vid varje skola.

Medborgarlöfte 2032

Polisen lovar att:
• genomföra hastighetskontroller på Strandvägen minst två gånger i månaden
• besöka skolorna i Norrvik en gång per termin

Kommunen lovar att:
• rusta upp belysningen i gångtunneln vid stationen före oktober
"""


def test_a_look_back_section_holds_no_commitments():
    got = by_text(record(LOOK_BACK))
    assert set(got) == {
        "genomföra hastighetskontroller på Strandvägen minst två gånger i månaden",
        "besöka skolorna i Norrvik en gång per termin",
        "rusta upp belysningen i gångtunneln vid stationen före oktober",
    }


def test_look_back_headings_are_excluded():
    for heading in (
        "Så gick det med förra årets löfte",
        "Hur gick det med fjolårets löfte?",
        "Så blev det 2031",
        "Det här har vi gjort",
        "Föregående medborgarlöfte",
    ):
        assert classify_heading(heading) == "excluded", heading
    assert classify_leadin("Så här blev det:") == "excluded"
    # the new promise's own headings are untouched
    assert classify_heading("Medborgarlöfte 2032") == "promise"
    assert classify_heading("Det här lovar vi") == "promise"


def test_a_preterite_item_reports_what_was_done():
    assert past_report("Belysning: Kommunen bytte 40 armaturer längs kajen.")
    assert past_report("Polisen genomförde tolv kontroller vid skolorna.")
    assert past_report("Vi höll fyra öppna möten i Byn.")
    assert not past_report("Polisen genomför tolv kontroller vid skolorna.")
    assert not past_report("Kommunen ska byta armaturer längs kajen.")
    assert not past_report("genomföra tolv kontroller vid skolorna")


def test_preterite_items_under_a_neutral_heading_are_dropped():
    text = """Medborgarlöfte Ödeby 2032

Vi lovar:
• Polisen patrullerar i centrum varje fredagskväll.
• Kommunen anställde två nya fältassistenter under våren.
"""
    assert set(by_text(record(text))) == {
        "Polisen patrullerar i centrum varje fredagskväll."
    }


# --- the period: the new promise's year, and its own validity statement ----------


def test_the_year_of_last_years_promise_told_in_the_past_is_not_the_period():
    period = find_period(LOOK_BACK)
    assert (period.start, period.end) == ("2032-01-01", "2032-12-31")


def test_a_validity_statement_wins_over_a_month_range_of_an_activity():
    text = """Medborgarlöften i Åsby

Löftet bygger på dialoger under våren 2030.

Polisen kommer att göra båtkontroller på sjön under perioden juni–augusti.

Kommunen kommer att ordna en trygghetsvandring i oktober.

Medborgarlöftet gäller under 2031.
"""
    period = find_period(text)
    assert (period.start, period.end) == ("2031-01-01", "2031-12-31")
    assert period.text == "Medborgarlöftet gäller under 2031"


def test_a_validity_statement_with_two_years_stays_a_range():
    text = (
        "Medborgarlöfte Åsby\n\nLöftet gäller 2031–2032 och följs upp varje halvår.\n"
    )
    period = find_period(text)
    assert (period.start, period.end) == ("2031-01-01", "2032-12-31")


# --- sentences that report another document or describe the promise ---------------


def test_a_sentence_about_what_the_promise_document_contains_is_no_commitment():
    assert not _is_commitment_sentence(
        "I löftet beskriver vi vad vi ska göra, vem som gör det och när det ska ske."
    )
    assert not _is_commitment_sentence(
        "Här kan du läsa hur polisen och kommunen ska arbeta under året."
    )
    # a reported promise ("står att …") is still one
    assert _is_commitment_sentence(
        "I löftet står att polisen ska genomföra fem trygghetsvandringar i Åsby."
    )


def test_what_another_document_obliges_is_no_commitment():
    assert not _is_commitment_sentence(
        "Enligt samverkansavtalet ska parterna ta fram en lägesbild varje år."
    )
    assert not _is_commitment_sentence(
        "Enligt lagen ska kommunen samordna det brottsförebyggande arbetet."
    )
    assert _is_commitment_sentence(
        "Polisen ska enligt planen patrullera i Åsby centrum varje helg."
    )


# --- advice to residents ------------------------------------------------------


def test_advice_to_the_reader_is_no_commitment():
    text = """Medborgarlöfte Västerby 2032

Polisen och kommunen lovar att:
• Polisen håller tre informationsmöten om inbrott per år i Västerby.

Så undviker du inbrott
Kommunen låser aldrig upp din dörr åt någon annan. Polisen skickar inte sms om böter.
"""
    assert set(by_text(record(text))) == {
        "Polisen håller tre informationsmöten om inbrott per år i Västerby."
    }
    assert classify_heading("Så skyddar du dig") == "excluded"
    assert classify_heading("Goda råd till dig som bor i radhus") == "excluded"


def test_a_negated_present_is_no_action():
    assert not _present_action("Polisen ringer aldrig och ber om dina koder.")
    assert _present_action("Polisen ringer upp alla som anmält inbrott inom en vecka.")


# --- contact persons are not signatories --------------------------------------------


def test_contact_persons_with_mail_and_phone_are_not_signatories():
    text = """Medborgarlöfte Bäckby 2032

Polisen lovar att patrullera i centrum varje fredag.

Undertecknat

Bäckby 2032-02-03

Sara Lind, lokalpolisområdeschef, Polisen
2032-02-03

Olof Ek, kommunstyrelsens ordförande, Bäckby kommun

Frågor om löftet

Karin Nord, kommunpolis
karin.nord@polisen.se
010-123 45 67

Emil Sjö, säkerhetssamordnare, Bäckby kommun
Tel: 0123-456 78
"""
    names = [s.name for s in find_signatories(text)]
    assert names == ["Sara Lind", "Olof Ek"]
