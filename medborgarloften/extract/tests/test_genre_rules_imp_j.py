"""Rules written after the blind batches ho24 and ho25 (branch imp-j). Every text
below is invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.readers.cleanup import normalise
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- a social-media post: list items marked by a repeated pictograph ---------------

POST = """Nyheter

Polisen i Fjällby har lagt ut ett inlägg om medborgarlöftet på sin Facebooksida. Vi återger inlägget i sin helhet nedan.

Polisen Fjällby
3 mars kl. 09:12

Nu är det klart! 🎉 Kommunalrådet och lokalpolisområdeschefen har skrivit under medborgarlöftet för 2031.

Det här lovar vi 👇

✅ Polisen gör minst åtta nykterhetskontroller i månaden vid färjeläget 🚓
✅ Kommunen och polisen bjuder in till en träff om näthandelsbedrägerier i april 📱
✅ Vi stöttar föreningar som vill starta nattvandring 🌙

📞 Ring 114 14 om du har frågor.
"""

POST_ARROWS = """Medborgarlöfte Åby 2031

Tillsammans lovar vi:

👉 Polisen patrullerar vid badplatsen varje lördag under juli.

👉 Kommunen lagar belysningen i gångtunneln vid stationen före oktober.
"""


def test_a_repeated_pictograph_marks_the_items_of_a_post():
    got = by_text(record(POST))
    texts = list(got)
    assert any(
        t.startswith("Polisen gör minst åtta nykterhetskontroller") for t in texts
    )
    assert any(t.startswith("Kommunen och polisen bjuder in") for t in texts)
    assert any(t.startswith("Vi stöttar föreningar") for t in texts)
    assert len(texts) == 3, texts
    rec = record(POST)
    first = next(c for c in rec["commitments"] if "nykterhet" in c["text"])
    assert first["target"]["quantity"] == 8
    assert first["target"]["per"] == "månad"
    second = by_text(rec)
    assert next(v for k, v in second.items() if "bjuder in" in k) == ["polis", "kommun"]


def test_pictograph_items_apart_by_blank_lines():
    got = by_text(record(POST_ARROWS))
    assert len(got) == 2, got
    assert any(t.startswith("Polisen patrullerar vid badplatsen") for t in got)


def test_a_single_pictograph_is_no_list_marker():
    text = "📞 Ring oss om du undrar något.\n\nVälkommen till mötet.\n"
    assert normalise(text).startswith("📞 Ring")
    listed = "✅ Polisen gör kontroller.\n✅ Kommunen lagar lampor.\n"
    assert normalise(listed) == "• Polisen gör kontroller.\n• Kommunen lagar lampor.\n"


def test_a_note_on_republishing_is_no_commitment():
    for note in (
        "Vi publicerar det här i sin helhet.",
        "Vi återger inlägget i sin helhet nedan.",
        "Redaktionen delar texten ordagrant.",
    ):
        doc = f"Medborgarlöfte Byn 2031\n\n{note}\n\nPolisen lovar att hålla tre öppna möten i biblioteket.\n"
        texts = list(by_text(record(doc)))
        assert texts == ["Polisen lovar att hålla tre öppna möten i biblioteket."], (
            texts
        )


# --- "Åtagande:" with its measurable goal on the next line -------------------------

PAIRS = """Medborgarlöfte Åsby 2031

Våra åtaganden

Åtagande: Polisen genomför nykterhetskontroller vid hamnen, särskilt under helgerna på sommaren när trafiken är tät.
Mätbart mål: Minst 15 nykterhetskontroller under året.

Åtagande: Kommunen erbjuder föräldrar i hela kommunen en kurs om ungas nätvanor och om hur man pratar om droger.
Mål: Kursen ges fyra gånger per termin.

Åtagande: Kommunen utreder om belysningen längs cykelvägen till Västerby kan förbättras och om buskarna kan röjas.
Konkret mål: Utredningen ska vara klar senast i maj 2031.

Åtagande: Fältassistenterna och polisen arbetar tillsammans för att tidigt möta unga som dras till kriminalitet.
Mätbart mål: Alla unga som upptäcks erbjuds ett samtal.
"""


def test_the_goal_line_gives_the_commitments_target():
    rec = record(PAIRS)
    by = {c["text"].split(":", 1)[1].split()[1]: c for c in rec["commitments"]}
    assert len(rec["commitments"]) == 4
    assert by["genomför"]["target"]["quantity"] == 15
    assert by["genomför"]["target"]["unit"] == "nykterhetskontroller"
    assert by["erbjuder"]["target"]["quantity"] == 4
    assert by["erbjuder"]["target"]["per"] == "termin"
    assert by["utreder"]["target"]["deadline"] == "2031-05-31"
    assert by["och"]["target"] is None


# --- a page break inside a list item in text copied from a PDF ----------------------

PAGED = (
    "Ekby kommun och Polisen          Medborgarlöfte 2031\n\n"
    "Polisen lovar att:\n\n"
    "– genomföra minst tio nykterhetskontroller per år vid färjeläget,\n"
    "– besöka mellanstadieskolorna i kommunen varje termin för att berät-\n\n"
    "Sida 1 av 2\n"
    "\f\n"
    "Ekby kommun och Polisen          Medborgarlöfte 2031\n\n"
    "  ta om polisens arbete och om trafiksäkerhet.\n\n"
    "Kommunen lovar att:\n\n"
    "– laga belysningen i gångtunneln vid stationen.\n\n"
    "2\n"
    "\f\n"
    "Ekby kommun och Polisen          Medborgarlöfte 2031\n\n"
    "Uppföljning\n"
)


def test_page_furniture_between_the_halves_of_an_item_is_dropped():
    from medborgarloften.extract.readers.pagebreaks import join_page_breaks

    joined = join_page_breaks(PAGED)
    assert "Sida 1 av 2" not in joined and "\f" not in joined
    assert "berät-\n  ta om polisens arbete" in joined
    assert joined.count("Medborgarlöfte 2031") == 1
    assert "stationen.\n\nUppföljning" in joined
    texts = list(by_text(record(joined)))
    assert any(t.endswith("om polisens arbete och om trafiksäkerhet.") for t in texts)
    assert len(texts) == 3, texts


def test_text_without_form_feeds_is_kept_as_it_is():
    from medborgarloften.extract.readers.pagebreaks import join_page_breaks

    text = "Rubrik\n\nSida 1 av 2\n\nPolisen lovar att ses.\n"
    assert join_page_breaks(text) == text


# --- a report on last year's promise that ends with the new one --------------------

REPORT_THEN_NEW = """Uppföljning av medborgarlöfte 2030

Under 2030 lovade Ekby kommun och polisen att arbeta mot klotter vid stationen.

Vad vi lovade: Kommunen skulle sanera klotter inom en vecka.
Vad vi gjorde: Klottret sanerades i genomsnitt inom fyra dagar.

Medborgarlöfte 2031

Utifrån uppföljningen har polisen och kommunen tagit fram ett nytt medborgarlöfte för 2031.

Polisen lovar att:
- genomföra minst åtta trafikkontroller vid skolorna under 2031.
"""


def test_the_new_promise_gives_the_period_of_a_report():
    period = record(REPORT_THEN_NEW)["period"]
    assert (period["start"], period["end"]) == ("2031-01-01", "2031-12-31")
    for title in (
        "Redovisning av medborgarlöftet 2030",
        "Resultat av medborgarlöfte 2030",
    ):
        doc = REPORT_THEN_NEW.replace("Uppföljning av medborgarlöfte 2030", title)
        assert record(doc)["period"]["start"] == "2031-01-01", title


def test_a_report_alone_keeps_the_year_reported_on():
    doc = "Uppföljning av medborgarlöfte 2030\n\nPolisen lovar att ses i maj.\n"
    assert record(doc)["period"]["start"] == "2030-01-01"


# --- an assessment is no commitment -------------------------------------------------


def test_an_assessment_of_the_situation_is_no_commitment():
    for judgement in (
        "Polisen och kommunen bedömer att insatser i centrum ger störst effekt.",
        "Kommunen konstaterar att otryggheten ökar vid busstationen.",
        "Polisen befarar att langningen sprids till fler orter.",
    ):
        doc = (
            "Medborgarlöfte Ekby 2031\n\n"
            "Polisen lovar att genomföra fem trafikkontroller vid skolan.\n\n"
            f"Många oroar sig för trafiken. {judgement}\n"
        )
        texts = list(by_text(record(doc)))
        assert texts == ["Polisen lovar att genomföra fem trafikkontroller vid skolan."]


# --- rates: explicit beats weekdays, a counted weekday is no rate ------------------


def _target(sentence: str) -> dict:
    from medborgarloften.extract.targets import extract_target

    period = {"start": "2031-01-01", "end": "2031-12-31"}
    result = extract_target(sentence, period=period)
    assert result.target is not None, sentence
    return result.target


def test_an_explicit_rate_beats_the_weekdays_that_say_when():
    for sentence, per in (
        (
            "patrullera i parken på fredagskvällar, minst tre kvällar i månaden.",
            "månad",
        ),
        ("finnas vid torget på lördagskvällar, två kvällar per termin.", "termin"),
        ("vara ute varje fredagskväll, minst fyra kvällar per år.", "år"),
    ):
        assert _target(sentence)["per"] == per, sentence


def test_counted_weekdays_are_a_count_not_a_rate():
    got = _target("hålla öppet på biblioteket tre söndagar i augusti.")
    assert (got["quantity"], got["unit"], got["per"]) == (3, "söndagar", "period")
    assert got["deadline"] == "2031-08-31"
    got = _target("bemanna stationen fem fredagar under hösten.")
    assert (got["quantity"], got["per"]) == (5, "period")
    # a weekday after its own rate word still recurs
    assert _target("göra två kontroller på fredagar.")["per"] == "vecka"


def test_plural_weekday_parts_between_two_dates_recur_weekly():
    for sentence in (
        "anlita väktare vid hamnen fredags- och lördagsnätter från maj till augusti.",
        "öppna fritidsgården lördagskvällar från skolstarten till jul.",
    ):
        assert _target(sentence)["per"] == "vecka", sentence
    from medborgarloften.extract.targets import extract_target

    # without the dates the weekdays only say when
    said = "utöka antalet värdar i centrum under fredags- och lördagskvällar."
    assert extract_target(said).target is None


def test_one_in_each_named_place_is_per_area():
    got = _target("bjuda in till ett dialogmöte varje år i Åby och ett i Norrby.")
    assert got["per"] == "år_och_område"
    got = _target("hålla en trygghetsvandring på Väster och en på Öster.")
    assert got["per"] == "område"


# --- contact persons with their phone number on the line ----------------------------


def test_a_contact_line_with_a_phone_number_names_no_signatory():
    doc = """Medborgarlöfte Ekby 2031

Polisen lovar att genomföra fem trafikkontroller vid skolan.

Frågor?

Hör av dig till:

Lars Holm, kommunpolis, telefon 114 14
Eva Sand, samordnare, Ekby kommun, eva.sand@ekby.se
"""
    assert record(doc)["signatories"] == []


# --- a kommun's English version of its promise --------------------------------------

ENGLISH = """Citizen promise 2031

The Municipality of Ekby and the Police have signed a citizen promise for 2031.

Priorities for 2031

- Safety at the railway station
- Drugs among young people

What we promise

The police promise to:
- patrol the railway station on foot at least three evenings a week.
- visit each secondary school once and hold one talk per term for the pupils in year 8.

The municipality promises to:
- repair the lighting in the underpass by the end of September.
- report on the work on the municipality's website twice during the year.

The citizen promise was signed on 4 February 2031 by Eva Lind, Chair of the Municipal Executive Board, and Olof Berg, Head of the Ekby local police area.
"""


def test_an_english_version_reads_like_the_swedish_one():
    rec = record(ENGLISH)
    assert (rec["period"]["start"], rec["period"]["end"]) == (
        "2031-01-01",
        "2031-12-31",
    )
    texts = [c["text"] for c in rec["commitments"]]
    assert not any(t.startswith(("Safety at", "Drugs among")) for t in texts), texts
    assert len(texts) == 4, texts
    by = {c["text"].split()[0]: c["target"] for c in rec["commitments"]}
    assert (by["patrol"]["quantity"], by["patrol"]["unit"], by["patrol"]["per"]) == (
        3,
        "evenings",
        "vecka",
    )
    assert by["visit"]["per"] == "termin"
    assert by["repair"]["deadline"] == "2031-09-30"
    assert (by["report"]["quantity"], by["report"]["unit"]) == (2, None)
    assert {"narkotika", "trygghet_offentlig_miljo", "barn_unga_riskmiljo"} <= set(
        rec["themes"]
    )
    signed = {(s["name"], s["title"]) for s in rec["signatories"]}
    assert signed == {
        ("Eva Lind", "Chair of the Municipal Executive Board"),
        ("Olof Berg", "Head of the Ekby local police area"),
    }


def test_english_number_words_and_months():
    got = _target("hold two information meetings about fraud in March.")
    assert (got["quantity"], got["unit"], got["deadline"]) == (
        2,
        "information meetings",
        "2031-03-31",
    )
    assert _target("meet the youth council once a month.")["per"] == "månad"


# --- places: "Xs by", "X kapell", no determiner, event or river --------------------


def _places(sentence: str) -> list[str]:
    from medborgarloften.extract.places import find_places

    return [p for p, _ in find_places(sentence, municipalities=["Ekby"])]


def test_a_village_named_with_by_or_kapell_is_kept_whole():
    assert "Rörvikens by" in _places(
        "Polisen gör kontroller genom Rörvikens by i juli."
    )
    assert "Norrsjö kapell" in _places("röja leden mellan Åsen och Norrsjö kapell.")


def test_no_place_from_a_determiner_an_event_or_a_river():
    assert _places("Mål: Varje skola får besök två gånger per termin.") == []
    assert _places("Vi träffade invånarna på Ekbydagen i juni.") == []
    assert _places("I byarna längs Ekälven finns oro för stölder.") == []


def test_an_english_town_centre_is_a_qualified_place():
    assert "Åby town centre" in _places("carry out foot patrols in Åby town centre.")
    assert _places("have extra patrols during the Winter Fair in March.") == []


def test_places_in_the_look_back_of_a_report_are_last_periods():
    doc = REPORT_THEN_NEW.replace(
        "Vad vi gjorde: Klottret sanerades i genomsnitt inom fyra dagar.",
        "Vad vi gjorde: Klottret sanerades, två gånger i Västerby och en gång i Norrby.",
    ).replace("vid skolorna under 2031", "vid Ekby centrum under 2031")
    places = record(doc)["places"]
    assert "Västerby" not in places and "Norrby" not in places
    assert "Ekby centrum" in places
