"""Rules written after the blind batch ho32 (promises inside kommun decision papers:
tjänsteskrivelser and protokollsutdrag with the promise in the middle or as an
appendix) on branch imp-o. Every text below is invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.commitments.sentences import classify_heading
from medborgarloften.extract.document import find_follow_up, read_units
from medborgarloften.extract.document.signatories import find_signatories
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- who signs: the memo's authors, or the promise's signatories --------------------

MEMO_WITH_APPENDIX = """Norrvik kommun
Kommunledningskontoret

TJÄNSTESKRIVELSE
2030-10-02

Förslag till beslut
Kommunstyrelsen godkänner medborgarlöftet enligt bilaga 1.

Bilaga 1

Medborgarlöfte 2031
Polisen åtar sig att
- patrullera vid Norrviks hamn varje fredagskväll.

Beslutsunderlag
Tjänsteskrivelse 2030-10-02

Expedieras till
Lokalpolisområde Sjöbacka

Eva Lindén\tOskar Berg
Kommundirektör\tTrygghetsstrateg
"""


def test_names_after_the_memo_took_over_again_are_its_authors() -> None:
    assert find_signatories(MEMO_WITH_APPENDIX) == []


MINUTES_WITH_RULED_APPENDIX = """Norrvik kommun
PROTOKOLLSUTDRAG

§ 12 Medborgarlöfte 2031

Beslut
Kommunstyrelsen antar medborgarlöftet enligt bilaga 1.

Vid protokollet\tJusteras
Lena Ek\tBo Ström

== Bilaga 1 ==

Medborgarlöfte 2031
• Polisen genomför hastighetskontroller på Strandvägen varje månad.

Norrvik 2031-01-20

Eva Lindén\t\tPer Holmgren
Kommunstyrelsens ordförande\t\tLokalpolisområdeschef
"""


def test_an_appendix_heading_set_off_by_rules_opens_the_signing_part() -> None:
    names = [s.name for s in find_signatories(MINUTES_WITH_RULED_APPENDIX)]
    assert names == ["Eva Lindén", "Per Holmgren"]


# --- the decision part and the memo's own sections are no promise -------------------


def test_a_memos_own_section_headings_hold_no_commitments() -> None:
    for heading in (
        "Ärende",
        "Ärendets beredning",
        "Yrkanden",
        "Expedieras till",
        "Beslutet skickas till",
        "Ekonomiska konsekvenser",
        "Konsekvenser för barn",
        "Förvaltningens synpunkter",
    ):
        assert classify_heading(heading) == "excluded", heading
    assert classify_heading("Ärendebeskrivning") != "excluded"


SUBJECT_LINE = """Medborgarlöfte 2031 för Norrvik

Ärende
Kommunstyrelsen ska ta ställning till ett nytt medborgarlöfte med Polisen.

Medborgarlöftet
Polisen ska hålla tre föreläsningar om bedrägerier för seniorer under året.
"""


def test_the_subject_line_of_a_memo_is_no_commitment() -> None:
    assert list(by_text(record(SUBJECT_LINE))) == [
        "Polisen ska hålla tre föreläsningar om bedrägerier för seniorer under året."
    ]


DECISION_FOLLOW_UP = """Förslag till beslut
Arbetsutskottet föreslår kommunstyrelsen besluta
att godkänna medborgarlöftet, bilaga 1,
att uppföljning av löftet redovisas till kommunstyrelsen.

Medborgarlöfte 2031
Gemensamt åtar sig parterna att
- informera boende om löftets genomförande på webbplatsen minst tre gånger under perioden.
"""


def test_the_follow_up_clause_is_the_promises_not_the_decisions() -> None:
    fu = find_follow_up(read_units(DECISION_FOLLOW_UP))
    assert fu.text is not None and fu.text.startswith("informera boende")
    assert fu.reports_per_period == 3


QUOTED_PROMISE = """Förslaget lyder:

"Medborgarlöfte 2031

Polisen och kommunen lovar att:

1. genomföra två trygghetsvandringar vid Norrviks station.

Löftet följs upp i trygghetsrådet i december 2031."

Beslutsunderlag
Tjänsteskrivelse 2030-10-02
"""


def test_the_last_sentence_of_a_quoted_promise_is_no_heading() -> None:
    units = read_units(QUOTED_PROMISE)
    last = next(u for u in units if u.text.startswith("Löftet följs upp"))
    assert last.kind == "sentence"


# --- who does it -------------------------------------------------------------------


def _resp(text: str) -> list[str]:
    (only,) = record(text)["commitments"]
    return only["responsible"]


def test_a_company_named_after_its_role_noun_is_co_responsible() -> None:
    assert _resp(
        "Medborgarlöfte 2031\n\nPolisen lovar att:\n"
        "- märka cyklar vid Norrviks station i samarbete med fastighetsägaren "
        "Norrvik Handel AB.\n"
    ) == ["polis", "annan"]


def test_a_joint_thing_made_with_a_party_adds_it() -> None:
    assert _resp(
        "Medborgarlöfte 2031\n\nKommunen ska ta fram en gemensam plan med "
        "Norrviks Trafik AB för tryggheten vid busshållplatserna.\n"
    ) == ["kommun", "annan"]
    # residents taking part add no party
    assert _resp(
        "Medborgarlöfte 2031\n\nKommunen ska genomföra en gemensam vandring i "
        "Norrviks centrum med boende och föreningar.\n"
    ) == ["kommun"]


def test_the_party_that_visits_does_the_work_not_the_one_visited() -> None:
    assert _resp(
        "Medborgarlöfte 2031\n\nVi lovar att:\n"
        "1. förskolorna i Norrby får besök av kommunpolisen varje termin.\n"
    ) == ["polis"]


def test_a_city_kommuns_own_staff_are_the_kommun() -> None:
    from medborgarloften.extract.parties import classify_party

    assert classify_party("stadens fältassistenter") == "kommun"


def test_a_label_keeps_the_partner_the_activity_names() -> None:
    assert _resp(
        "Medborgarlöfte 2031\n\nAktiviteter\n"
        "1. Trygghetsvandring i Norrby i samarbete med Norrbyhem AB. "
        "(Ansvar: Kommunen)\n"
    ) == ["kommun", "annan"]


def test_we_undertake_together_heads_a_joint_list() -> None:
    assert classify_heading("Vi åtar oss gemensamt att") == "promise"
    got = record(
        "Medborgarlöfte 2031\n\nVi åtar oss gemensamt att\n"
        "• informera om löftet i lokaltidningen och på webbplatsen.\n"
        "• om boende önskar det, genomföra trygghetsvandringar i Norrby.\n"
    )
    assert [c["responsible"] for c in got["commitments"]] == [
        ["polis", "kommun"],
        ["polis", "kommun"],
    ]


# --- places ------------------------------------------------------------------------


def _places(text: str, kommun: str = "Norrvik") -> list[str]:
    from medborgarloften.extract.places import find_places

    return [name for name, _ in find_places(text, municipalities=[kommun])]


def test_a_compass_part_of_the_kommun_is_a_place() -> None:
    assert _places("Polisen patrullerar på södra Norrvik varje vecka.") == [
        "södra Norrvik"
    ]
    assert _places("Samverkan i östra Norrland fortsätter.") == []


def test_a_short_line_ends_the_name_at_its_break() -> None:
    text = "Fokusområden\nTrygghet i Ekhagen och Björkby\nTrafiksäkerhet vid skolorna\n"
    assert _places(text) == ["Ekhagen", "Björkby"]


def test_an_area_named_by_what_it_holds_is_whole() -> None:
    assert _places("Fältgruppen rör sig i Norrby gymnasieområde på dagtid.") == [
        "Norrby gymnasieområde"
    ]


def test_places_of_the_previous_promise_are_not_this_ones() -> None:
    text = (
        "Uppföljning av föregående löfte\n"
        "Arbetet med trygghet i Björkby centrum har genomförts.\n\n"
        "Bakgrund\nDet förra löftet, som gällde Ekbron, har följts upp.\n\n"
        "Medborgarlöfte 2031\n"
        "Polisen lovar att patrullera i Ekhagen varje vecka.\n"
    )
    assert record(text)["places"] == ["Ekhagen"]


def test_a_local_newspaper_is_no_place() -> None:
    assert _places("Vi informerar om löftet i Norrby Tidning och på webben.") == []


# --- themes and rates --------------------------------------------------------------


def _themes(*pieces: str) -> set[str]:
    from medborgarloften.extract.document import find_themes

    return {h.code for h in find_themes([(p, 0) for p in pieces])}


def test_sewage_measurements_concern_drugs() -> None:
    assert "narkotika" in _themes(
        "Kommunen gör avloppsvattenmätningar vid två skolor varje termin."
    )


def test_arson_is_damage_to_property() -> None:
    assert "skadegorelse" in _themes("Färre anlagda bränder vid skolorna")


def test_a_stolen_or_marked_bicycle_is_no_traffic_matter() -> None:
    got = _themes("Cykelstölder vid stationen", "Cykelmärkning vid två tillfällen")
    assert "trafik" not in got and "stold" in got
    assert "trafik" in _themes("Säkrare cykelvägar till skolan")


def test_every_spring_and_autumn_is_no_yearly_rate_of_one() -> None:
    from medborgarloften.extract.targets import extract_target

    period = {"start": "2031-01-01", "end": "2032-12-31"}
    got = extract_target(
        "genomföra en trygghetsvandring i Norrby varje vår och höst.", period=period
    ).target
    assert got is not None and got["per"] is None
    got = extract_target(
        "genomföra en trygghetsvandring i Norrby varje höst.", period=period
    ).target
    assert got is not None and got["per"] == "år"


# --- focus areas from the promise's goal -------------------------------------------


def test_the_goal_promised_before_the_activities_is_the_focus_area() -> None:
    rec = record(
        "Medborgarlöfte 2031\n\n"
        "Lägesbild\nMånga oroar sig för mopedåkning på gångvägarna.\n\n"
        "Norrvik kommun och Polisen lovar att tillsammans minska skadegörelsen i "
        "Björkby. Det ska vi åstadkomma genom följande aktiviteter:\n\n"
        "Polisen åtar sig att\n• patrullera i Björkby varje fredagskväll.\n"
    )
    assert rec["focus_areas"] == ["minska skadegörelsen i Björkby"]


def test_our_promise_is_to_names_the_focus_area() -> None:
    rec = record(
        "Medborgarlöfte 2031\n\nVårt gemensamma löfte är att minska antalet "
        "stölder ur bilar i Norrby.\n\n"
        "Polisen ska patrullera vid pendelparkeringen varje vecka.\n"
    )
    assert rec["focus_areas"] == ["minska antalet stölder ur bilar i Norrby"]


# --- a decision paper's page furniture inside the promise --------------------------


def test_a_memos_page_header_inside_the_list_keeps_the_party() -> None:
    rec = record(
        "Medborgarlöfte 2031\nPolisen åtar sig att:\n"
        "1. patrullera i Björkby centrum varje fredagskväll.\n\n"
        "NORRVIKS KOMMUN\tTJÄNSTESKRIVELSE\t2 (3)\n\t2030-10-02\tDnr KS-2030/512\n\n"
        "2. besöka samtliga högstadieskolor minst en gång per termin.\n"
    )
    assert [c["responsible"] for c in rec["commitments"]] == [["polis"], ["polis"]]


def test_a_promise_drawn_up_from_a_survey_names_its_source() -> None:
    from medborgarloften.extract.document import find_evidence

    units = read_units(
        "Ärendebeskrivning\nKommunen och polisen har tagit fram ett förslag till "
        "medborgarlöfte utifrån trygghetsundersökningen 2030.\n"
    )
    assert [h.code for h in find_evidence(units)] == ["trygghetsmatning"]
    units = read_units(
        "Medborgarlöfte 2031\nKommunen åtgärdar bristerna utifrån "
        "trygghetsvandringen i Björkby.\n"
    )
    assert find_evidence(units) == []


def test_a_deadline_after_the_counted_noun_is_no_part_of_it() -> None:
    from medborgarloften.extract.targets import extract_target

    got = extract_target(
        "anställa tre fältassistenter senast i juni 2031.",
        period={"start": "2031-01-01", "end": "2032-12-31"},
    ).target
    assert got is not None and (got["quantity"], got["unit"]) == (3, "fältassistenter")


EXTRACT_CERTIFIED = """ÅSBY KOMMUN
PROTOKOLLSUTDRAG
§ 12 Medborgarlöfte 2031

Beslut
Kommunstyrelsen antar medborgarlöftet.

Medborgarlöfte 2031
Polisen lovar att patrullera i Åsby centrum varje fredag.

Justerandes sign\tUtdragsbestyrkande

Anna Berg\tPer Ås
Kommunstyrelsens ordförande\tNämndsekreterare
"""


def test_the_names_that_certify_an_extract_of_minutes_sign_no_promise() -> None:
    assert find_signatories(EXTRACT_CERTIFIED) == []
    certified = EXTRACT_CERTIFIED.replace(
        "Justerandes sign\tUtdragsbestyrkande\n\n", "Rätt utdraget intygar\n"
    )
    assert find_signatories(certified) == []


def test_a_memos_summary_retells_the_promise_and_promises_nothing() -> None:
    assert classify_heading("Sammanfattning") == "excluded"
    assert classify_heading("Sammanfattning av ärendet") == "excluded"
    got = record(
        "Åsby kommun\nTJÄNSTESKRIVELSE\n\nSammanfattning\nI det nya löftet ska "
        "polisen öka sin närvaro i Åsby centrum.\n\nBilaga 1\n\nPolisen lovar att:\n"
        "• patrullera i Åsby centrum minst tre kvällar i veckan.\n"
    )
    assert list(by_text(got)) == [
        "patrullera i Åsby centrum minst tre kvällar i veckan."
    ]


def test_field_workers_in_the_genitive_are_a_youth_setting() -> None:
    assert "barn_unga_riskmiljo" in _themes(
        "öka fältarbetarnas närvaro vid Björkby centrum på fredagskvällar."
    )


def test_a_safety_councils_views_and_a_school_survey_are_other_sources() -> None:
    from medborgarloften.extract.document import find_evidence

    units = read_units(
        "Lägesbild\nLöftet bygger på synpunkter från kommunens trygghetsråd och "
        "elevenkäten i årskurs 8.\n"
    )
    assert [h.code for h in find_evidence(units)] == ["ovrigt"]
    units = read_units(
        "Bakgrund\nDet förra löftet har följts upp i stadens trygghetsråd.\n"
    )
    assert find_evidence(units) == []
