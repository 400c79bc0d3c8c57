"""Genre rules for a promise told beside its follow-up: a renewal that reports last
period's results first, an extension that lists kept, added ("tillkommer") and
dropped ("utgår") commitments, a follow-up report quoting each promise with its
outcome, a decision paper proposing the next promise. Past results and dropped
commitments are no commitments, and their places, themes and years are not the new
promise's. Each test is a short text of our own, written in the genre, not taken
from any published promise.
"""

from __future__ import annotations

from medborgarloften.extract.commitments.renewals import ends_promise
from medborgarloften.extract.deadlines import find_deadline
from medborgarloften.extract.document.period import find_period
from medborgarloften.extract.document.period_renewal import (
    prefer_renewed,
    renewed_period,
)
from medborgarloften.extract.look_back import look_back_spans
from medborgarloften.extract.record import extract_record


def record(text: str) -> dict:
    return extract_record(text, record_id="test")


def texts(rec: dict) -> list[str]:
    return [c["text"] for c in rec["commitments"]]


def years(rec: dict) -> tuple[str | None, str | None]:
    return rec["period"]["start"], rec["period"]["end"]


# --- an extension: kept, added and dropped commitments ---------------------------

EXTENSION = """Medborgarlöftet i Ekby förlängs

Ekby kommun och Polisen i lokalpolisområde Ekby har kommit överens om att
medborgarlöftet från 2030–2031 förlängs och gäller även under 2032.

Vad har hänt under 2030–2031?
- Polisen har genomfört 41 hastighetskontroller, de flesta på Björkallén.
- 90 föräldrar har deltagit i kommunens föräldrakurser.

Löftet har för 2032 två prioriteringar: narkotika bland unga och bedrägerier mot äldre.

Löften som fortsätter
- Polisen genomför riktade insatser mot narkotikaförsäljning i Ekby centrum varje månad.

Detta tillkommer
- Polisen och kommunen håller tre informationsmöten om bedrägerier för äldre i Norrby.

Detta utgår
- Löftet om hastighetskontroller på Björkallén utgår, eftersom gatan har byggts om.
- Löftet om föräldrakurser utgår, då de numera ingår i kommunens ordinarie stöd.

Löftet följs upp i december 2032.
"""


def test_an_extension_keeps_only_the_kept_and_added_commitments():
    rec = record(EXTENSION)
    assert texts(rec) == [
        "Polisen genomför riktade insatser mot narkotikaförsäljning i Ekby centrum "
        "varje månad.",
        "Polisen och kommunen håller tre informationsmöten om bedrägerier för äldre "
        "i Norrby.",
    ]


def test_an_extension_has_the_new_year_and_not_the_years_it_extends():
    assert years(record(EXTENSION)) == ("2032-01-01", "2032-12-31")


def test_places_named_only_in_the_look_back_or_the_dropped_list_are_not_places():
    places = record(EXTENSION)["places"]
    assert "Björkallén" not in places
    assert "Norrby" in places


def test_a_dropped_commitment_gives_no_theme():
    themes = record(EXTENSION)["themes"]
    assert "trafik" not in themes  # only the dropped speed checks were traffic
    assert "brott_mot_aldre" in themes  # from "bedrägerier mot äldre"


def test_a_priority_count_after_the_year_labels_the_focus_areas():
    assert record(EXTENSION)["focus_areas"] == [
        "narkotika bland unga",
        "bedrägerier mot äldre",
    ]


def test_a_promise_that_is_said_to_be_dropped_ends():
    assert ends_promise("Löftet om kameror vid Lilla torget utgår, de sitter uppe.")
    assert ends_promise("Löftet om nattvandringar föreslås utgå ur det nya löftet.")
    # "utgår från" is the promise's basis, not its end
    assert not ends_promise("Löftet utgår från den gemensamma lägesbilden.")


def test_look_back_spans_cover_the_look_back_section_and_the_dropped_sentence():
    text = (
        "Så gick det 2031\n- Kontroller på Ekgatan.\n\nNya löften\n- Vandring i Norrby.\n"
        "Löftet om kameror på Lilla torget utgår. Polisen patrullerar i Sörby.\n"
    )
    spans = look_back_spans(text)

    def covered(word: str) -> bool:
        at = text.index(word)
        return any(s <= at < e for s, e in spans)

    assert covered("Ekgatan")
    assert covered("Lilla torget")
    assert not covered("Norrby")
    assert not covered("Sörby")


# --- a news article on a renewal ----------------------------------------------------

NEWS_RENEWAL = """Ekby förlänger medborgarlöftet – gäller hela 2033

Medborgarlöftet mellan Ekby kommun och lokalpolisområde Ekby, som gällt 2031–2032,
förlängs med ett år.

Prioriteringarna är desamma som tidigare: inbrott och unga i Norrby.

Följande löften gäller även 2033:
- Polisen genomför kvällspatruller i Norrby.
- Kommunen erbjuder sommarjobb till 80 ungdomar från Norrby.

Nytt för 2033 är att:
- Kommunen utökar fritidsgårdens öppettider i Norrby från och med september.

Löftet om kameror på Lilla torget utgår, eftersom kamerorna redan är uppsatta.

Resultatet redovisas i Ekby Trygghetsråd i juni och december 2033.
"""


def test_a_headline_extension_year_wins_over_the_years_it_follows():
    assert years(record(NEWS_RENEWAL)) == ("2033-01-01", "2033-12-31")


def test_a_renewals_kept_commitments_are_no_focus_areas():
    assert record(NEWS_RENEWAL)["focus_areas"] == ["inbrott", "unga i Norrby"]


def test_a_council_is_no_place_and_a_dropped_place_neither():
    places = record(NEWS_RENEWAL)["places"]
    assert "Ekby Trygghetsråd" not in places
    assert "Lilla torget" not in places
    assert "Norrby" in places


def test_from_a_month_on_is_a_deadline_at_its_end():
    rec = record(NEWS_RENEWAL)
    last = rec["commitments"][-1]
    assert last["measurable"] is True
    assert last["target"]["deadline"] == "2033-09-30"
    # a season with an end month stays no deadline
    period = {"start": "2033-01-01", "end": "2033-12-31"}
    assert find_deadline("öppet från och med maj till och med augusti", period) == (
        None,
        None,
    )


# --- the renewed period -------------------------------------------------------------


def test_a_new_promise_for_a_later_year_wins_over_the_evaluated_one():
    text = (
        "Ekby kommun har utvärderat medborgarlöftet för 2030.\n\n"
        "Parterna har enats om ett nytt medborgarlöfte för 2031.\n"
    )
    assert years(record(text)) == ("2031-01-01", "2031-12-31")


def test_a_proposed_promise_in_a_decision_paper_gives_the_period():
    text = (
        "Förnyat medborgarlöfte med Polisen för 2032–2033\n\n"
        "Ärendet\nDet nuvarande löftet gäller 2030–2031 och löper ut vid årsskiftet.\n"
    )
    found = find_period(text)
    assert (found.start, found.end) == ("2030-01-01", "2031-12-31")
    renewed = prefer_renewed(text, found)
    assert (renewed.start, renewed.end) == ("2032-01-01", "2033-12-31")


def test_a_new_promise_only_announced_is_no_period():
    text = "Ett nytt medborgarlöfte för 2032 ska tas fram under hösten."
    assert renewed_period(text) is None


def test_the_renewed_period_does_not_replace_a_current_one():
    text = (
        "Medborgarlöfte 2031–2032\n\n"
        "Ett förnyat medborgarlöfte för 2031 beslutades i januari.\n"
    )
    assert years(record(text)) == ("2031-01-01", "2032-12-31")


# --- a follow-up report quoting each promise with its outcome -----------------------

REPORT = """Uppföljning av medborgarlöfte 2031
Ekby kommun och Polisen, lokalpolisområde Ekby

Nedan återges varje löfte, följt av utfallet.

Löfte 1
Polisen genomför minst åtta alkoholkontroller vid Ekby hamn under 2031.
Utfall: Nio kontroller genomfördes. Löftet är uppfyllt.

Löfte 2
Kommunens fältassistenter finns på plats vid Norrby centrum två kvällar i veckan. Utfall: Fältassistenterna var på plats 70 kvällar. Löftet är uppfyllt.

Enligt löftet ska resultatet redovisas på kommunens webbplats efter årets slut.
"""


def test_an_outcome_run_into_the_promise_paragraph_is_no_part_of_it():
    assert texts(record(REPORT)) == [
        "Polisen genomför minst åtta alkoholkontroller vid Ekby hamn under 2031.",
        "Kommunens fältassistenter finns på plats vid Norrby centrum två kvällar i veckan.",
    ]


def test_what_the_promise_says_of_its_follow_up_is_the_follow_up_not_a_commitment():
    rec = record(REPORT)
    assert rec["follow_up"]["text"] == (
        "Enligt löftet ska resultatet redovisas på kommunens webbplats efter årets "
        "slut."
    )


def test_the_new_promises_own_follow_up_sentence_is_no_commitment():
    text = (
        "Nytt löfte för 2032\n\nI det nya löftet lovar polisen och kommunen att:\n\n"
        "• Polisen genomför fyra trygghetsvandringar i Norrby under året.\n"
        "• Kommunen förbättrar belysningen i Sörby senast i oktober.\n\n"
        "Även det nya löftet ska följas upp och utvärderas i början av 2033.\n"
    )
    rec = record(text)
    assert len(rec["commitments"]) == 2
    assert rec["follow_up"]["text"] == (
        "Även det nya löftet ska följas upp och utvärderas i början av 2033."
    )


def test_last_periods_reports_are_not_the_follow_up_clause():
    text = (
        "Medborgarlöfte 2032–2033\n\nTillbakablick\n"
        "Resultaten har redovisats för kommunstyrelsen.\n\n"
        "Detta lovar vi\n"
        "• Polisen ska genomföra trafikkontroller i Norrby.\n"
        "• Parterna ska informera om medborgarlöftet och dess resultat på "
        "webbplatserna minst två (2) gånger under perioden.\n"
    )
    fu = record(text)["follow_up"]
    assert fu["text"].startswith("Parterna ska informera")
    assert fu["reports_per_period"] == 2


def test_sources_named_before_a_new_agreement_are_its_evidence():
    text = (
        "Medborgarlöfte 2032\n\nUtifrån utvärderingen, polisens trygghetsundersökning "
        "och de anmälda brotten har parterna enats om ett nytt medborgarlöfte.\n\n"
        "Polisen lovar att:\n- patrullera i Norrby varje fredag.\n"
    )
    assert record(text)["evidence_sources"] == ["trygghetsmatning", "brottsstatistik"]


# --- labels of focus areas and a theme ----------------------------------------------


def test_focus_areas_named_after_their_label_with_no_colon():
    text = (
        "Medborgarlöfte 2032\n\nLöftet för 2032 har fokusområdena Droger bland unga "
        "samt Trygghet i kommundelarna.\n\nPolisen lovar:\n"
        "- Polisen genomför minst 20 kontroller av drograttfylleri under 2032.\n"
    )
    rec = record(text)
    assert rec["focus_areas"] == ["Droger bland unga", "Trygghet i kommundelarna"]
    assert "trafik" in rec["themes"]  # drograttfylleri is drunk (drugged) driving


def test_prioriterade_problemomraden_label_the_focus_areas_over_kommun_headings():
    text = (
        "Medborgarlöfte 2032–2033\nEkby kommun, Åby kommun och Polisen\n\n"
        "Prioriterade problemområden: trafik vid evenemang och våld i nära relationer.\n\n"
        "Ekby\n• Polisen ska genomföra trafikkontroller i Norrby vid evenemang.\n\n"
        "Åby\n• Åby kommun ska ta fram rutiner mot våld i nära relationer.\n"
    )
    assert record(text)["focus_areas"] == [
        "trafik vid evenemang",
        "våld i nära relationer",
    ]


# --- a total shared out over the places named ---------------------------------------


def test_a_total_shared_out_over_places_is_counted_for_the_period():
    text = (
        "Medborgarlöfte 2032\n\nGemensamt lovar vi:\n"
        "- Polis och kommun genomför två trygghetsvandringar, en i Åby och en i "
        "Byholm.\n"
    )
    target = record(text)["commitments"][0]["target"]
    assert (target["quantity"], target["per"]) == (2, "period")


def test_one_in_each_place_named_is_still_one_per_area():
    text = (
        "Medborgarlöfte 2032\n\nGemensamt lovar vi:\n"
        "- Polis och kommun håller ett möte i Åby och ett i Byholm.\n"
    )
    target = record(text)["commitments"][0]["target"]
    assert (target["quantity"], target["per"]) == (1, "område")


# --- last period's results told in the perfect ---------------------------------------


def test_an_item_telling_what_a_party_has_done_is_no_commitment():
    text = (
        "Medborgarlöfte 2032\n\nPolisen och kommunen lovar att:\n"
        "- Polisen har genomfört 30 trafikkontroller vid Ekbackeskolan.\n"
        "- Kommunen har under 2031 startat en föräldragrupp i Norrby.\n"
        "- Polisen genomför minst 20 trafikkontroller vid Ekbackeskolan.\n"
    )
    assert texts(record(text)) == [
        "Polisen genomför minst 20 trafikkontroller vid Ekbackeskolan."
    ]


def test_a_party_that_has_promised_still_promises():
    text = (
        "Medborgarlöfte 2032\n\nDet här lovar vi:\n"
        "- Ekbyhem AB har lovat att byta belysningen i Norrby.\n"
    )
    assert len(record(text)["commitments"]) == 1


# --- a decision paper's proposed promise --------------------------------------------

DECISION_PAPER = """Förnyat medborgarlöfte med Polisen för 2032–2033

Förslag till beslut

1. Kommunstyrelsen godkänner förslaget till medborgarlöfte för 2032–2033.
2. Kommunstyrelsens ordförande får i uppdrag att underteckna löftet.

Ärendet
Det nuvarande löftet gäller 2030–2031 och löper ut vid årsskiftet.

Uppföljning av medborgarlöftet 2030–2031
Under perioden har följande genomförts:
- 18 trygghetsvandringar, främst i Lövåsen och Norrby.

Förslag till medborgarlöfte 2032–2033

Fokusområden:

3. Unga i riskmiljöer
4. Trygghet i Norrby

Polisen åtar sig att

• genomföra minst sex trygghetsskapande insatser per år i Norrby centrum.
• besöka samtliga högstadieskolor minst en gång per termin.
"""


def test_a_focus_list_numbered_on_from_the_decision_points_holds_no_commitment():
    rec = record(DECISION_PAPER)
    assert texts(rec) == [
        "genomföra minst sex trygghetsskapande insatser per år i Norrby centrum.",
        "besöka samtliga högstadieskolor minst en gång per termin.",
    ]
    assert rec["focus_areas"] == ["Unga i riskmiljöer", "Trygghet i Norrby"]


def test_a_decision_paper_has_the_proposed_period_and_not_last_periods_places():
    rec = record(DECISION_PAPER)
    assert years(rec) == ("2032-01-01", "2033-12-31")
    assert "Lövåsen" not in rec["places"]
