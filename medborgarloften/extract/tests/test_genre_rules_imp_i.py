"""Rules written after the blind batch ho26 (branch imp-i). Every text below is
invented for the test.
"""

from __future__ import annotations

import pytest

from medborgarloften.extract.places import find_places
from medborgarloften.extract.targets import extract_target
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- a schedule by quarter or season: its steps hold the activities ---------------

SCHEDULE = """Medborgarlöfte 2031
Ekeby kommun och lokalpolisområde Ekeby

Lägesbild

Otryggheten är störst vid Torgets busshållplats.

Prioriterade områden

• Trygghet vid busshållplatsen
• Cykelstölder

Tidplan

{first}
• Polisen märker cyklar vid skolorna under två eftermiddagar.
• Kommunen röjer buskage längs gångvägen till stationen.

{second}
• Kommunen och polisen bjuder in till ett dialogmöte i biblioteket.

{third}
• Polisen patrullerar vid busshållplatsen på fredagskvällar.

Uppföljning

Löftet följs upp i december.
"""


@pytest.mark.parametrize(
    "first,second,third",
    [
        ("Kvartal 1 (januari–mars)", "Kvartal 2", "Löpande under året"),
        ("Q1", "Q2 2031", "Löpande"),
        ("Våren 2031", "Hösten 2031", "Januari–juni"),
        ("Första kvartalet", "Andra halvåret", "Tertial 3"),
    ],
)
def test_the_steps_of_a_schedule_hold_present_tense_activities(first, second, third):
    got = by_text(record(SCHEDULE.format(first=first, second=second, third=third)))
    assert got["Polisen märker cyklar vid skolorna under två eftermiddagar."] == [
        "polis"
    ]
    assert got["Kommunen röjer buskage längs gångvägen till stationen."] == ["kommun"]
    assert got["Kommunen och polisen bjuder in till ett dialogmöte i biblioteket."] == [
        "polis",
        "kommun",
    ]
    assert got["Polisen patrullerar vid busshållplatsen på fredagskvällar."] == [
        "polis"
    ]
    assert len(got) == 4


# --- "vi" defined as both parties, topic headings over "Vi ska …" prose -----------

WE_DEFINED = """Medborgarlöfte Strömby 2031

I det här löftet menar vi med "vi" både Strömby kommun och lokalpolisområde Strömby. Vi ska tillsammans arbeta för att Strömby ska vara tryggt för alla.

Varför ett löfte?

Under förra året svarade många invånare på en enkät om tryggheten.

Centrum på kvällarna

Vi ska finnas på plats vid torget under sommarens fredagskvällar. Polisen ska dessutom göra minst fem kontroller av mopeder under sommaren.

Båtar och bryggor

Vi ska hjälpa båtägarna att starta en båtsamverkan. Kommunen ska sätta upp kameror vid gästhamnen före midsommar.
"""


def test_we_sentences_under_topic_headings_after_an_intro_goal_count():
    got = by_text(record(WE_DEFINED))
    assert got["Vi ska finnas på plats vid torget under sommarens fredagskvällar."] == [
        "polis",
        "kommun",
    ]
    assert got["Vi ska hjälpa båtägarna att starta en båtsamverkan."] == [
        "polis",
        "kommun",
    ]
    assert got["Kommunen ska sätta upp kameror vid gästhamnen före midsommar."] == [
        "kommun"
    ]
    assert not any(t.startswith("Vi ska tillsammans arbeta för") for t in got)


# --- a numbered report: "4. Medborgarlöftet" over "4.1 …" headings ------------------

NUMBERED_REPORT = """Medborgarlöfte 2031–2032
Åby kommun och lokalpolisområde Åby

1. Inledning

Medborgarlöftet är den del av åtgärdsplanen som kommunen och polisen genomför tillsammans.

2. Lägesbild

Anmälda inbrott har ökat med 20 procent sedan 2029.

3. {title}

3.1 Inbrott

Kommunen åtar sig att informera alla villaägare om grannsamverkan senast i maj 2031.

Polisen åtar sig att genomföra riktade kontroller mot inbrott minst två gånger per månad.

3.2 Unga

Kommunen åtar sig att erbjuda alla elever i årskurs 7 en lektion om droger varje läsår.

4. Uppföljning

Kommunen och polisen följer upp löftet i styrgruppen.
"""


@pytest.mark.parametrize("title", ["Medborgarlöfte 2031–2032", "Våra åtaganden"])
def test_a_numbered_chapter_over_numbered_headings_is_the_promise(title):
    rec = record(NUMBERED_REPORT.format(title=title))
    got = by_text(rec)
    assert got[
        "Kommunen åtar sig att informera alla villaägare om grannsamverkan senast i maj 2031."
    ] == ["kommun"]
    assert got[
        "Polisen åtar sig att genomföra riktade kontroller mot inbrott minst två gånger per månad."
    ] == ["polis"]
    lesson = next(c for c in rec["commitments"] if "varje läsår" in c["text"])
    assert lesson["responsible"] == ["kommun"]
    assert lesson["measurable"] is True
    assert lesson["target"]["per"] == "år"
    assert len(got) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Skolan ordnar en temadag om nätsäkerhet varje läsår.",
        "Fältgruppen besöker varje klass två gånger per läsår.",
    ],
)
def test_every_school_year_is_a_yearly_rate(text):
    target = extract_target(text).target
    assert target is not None and target["per"] == "år"


# --- a response time is no count over the period ----------------------------------


@pytest.mark.parametrize(
    "text,quantity,unit",
    [
        ("ta bort klotter på skolorna inom 24 timmar efter anmälan.", 24, "timmar"),
        ("laga trasiga lampor i tunneln inom två arbetsdagar.", 2, "arbetsdagar"),
        ("Kommunen svarar på felanmälningar inom fem dagar.", 5, "dagar"),
        ("åtgärda skadad belysning inom 72 timmar från felanmälan.", 72, "timmar"),
    ],
)
def test_a_response_time_has_no_per(text, quantity, unit):
    target = extract_target(
        text, period={"start": "2031-01-01", "end": "2031-12-31"}
    ).target
    assert target is not None
    assert (target["quantity"], target["unit"], target["per"]) == (quantity, unit, None)


def test_a_count_over_the_period_keeps_its_per():
    target = extract_target(
        "genomföra fyra trygghetsvandringar under året.",
        period={"start": "2031-01-01", "end": "2031-12-31"},
    ).target
    assert target is not None and target["per"] == "period"


# --- a news article: "de" after the parties, "Det är vad …" ------------------------

ARTICLE = """Nytt löfte ska ge tryggare kvällar i Bäckby

BÄCKBY. Klotter, fortkörning och stök vid badplatsen. {summary}

Av: Reporter Reportersson

Polisen lovar att göra minst sex hastighetskontroller på Storgatan under året.

Kommunen och polisen ska tillsammans genomföra en trygghetsvandring vid badplatsen i juni. {they}

– Vi vill höra vad de boende tycker, säger kommunpolisen.
"""


@pytest.mark.parametrize(
    "summary",
    [
        "Det är vad kommunen och polisen ska arbeta med under 2031 enligt det nya löftet.",
        "Det här är de frågor som polisen och kommunen ska ta itu med i år.",
        "Detta är det som kommunen och polisen ska prioritera under året.",
    ],
)
@pytest.mark.parametrize(
    "they",
    [
        "Dessutom ska de ordna en städdag vid stranden i augusti.",
        "De ska också ordna en städdag vid stranden i augusti.",
        "Sedan ska de gemensamt ordna en städdag vid stranden i augusti.",
    ],
)
def test_they_after_the_parties_promise_and_a_summing_up_does_not(summary, they):
    got = by_text(record(ARTICLE.format(summary=summary, they=they)))
    assert got[they] == ["polis", "kommun"]
    assert summary not in got
    assert len(got) == 3


def test_they_after_one_party_is_not_read_as_the_parties():
    text = ARTICLE.format(
        summary="",
        they="Dessutom ska de ordna en städdag vid stranden i augusti.",
    ).replace(
        "Kommunen och polisen ska tillsammans genomföra",
        "Kommunen ska genomföra",
    )
    got = by_text(record(text))
    assert "Dessutom ska de ordna en städdag vid stranden i augusti." not in got


# --- places: "<Name>s <compound noun>", "<Name> <compound noun>", "<noun> <Name>" --


@pytest.mark.parametrize(
    "text,place",
    [
        ("Polisen kontrollerar mopeder vid Ekuddens båthamn.", "Ekuddens båthamn"),
        (
            "Vi sätter upp kameror vid Lindvägens pendelparkering.",
            "Lindvägens pendelparkering",
        ),
        ("Polisen har öppet hus på Björkhagens träffpunkt.", "Björkhagens träffpunkt"),
        (
            "Kommunen öppnar en mötesplats i Sjöstrandens gamla skollokal.",
            "Sjöstrandens gamla skollokal",
        ),
        (
            "Vi patrullerar vid Tallbackens busstorg på kvällarna.",
            "Tallbackens busstorg",
        ),
        ("Vi håller ett möte i Hälleby hamnmagasin i maj.", "Hälleby hamnmagasin"),
        ("Polisen besöker fritidsgården Ankaret varje vecka.", "fritidsgården Ankaret"),
        ("Fältarna finns vid badplatsen Sandvik under sommaren.", "badplatsen Sandvik"),
        ("Fritidsgården Stjärnan håller öppet på fredagar.", "Fritidsgården Stjärnan"),
    ],
)
def test_a_facility_is_named_with_its_noun(text, place):
    assert place in [p for p, _ in find_places(text, municipalities=["Ekby"])]


@pytest.mark.parametrize(
    "text,place",
    [
        # a name that says what it is stands alone
        ("Polisen besöker fritidsgården Ekgården varje vecka.", "Ekgården"),
        # a noun before a name that is no facility's name: the name alone
        ("Polisen patrullerar i stadsdelen Norrby.", "Norrby"),
    ],
)
def test_a_name_that_says_what_it_is_stands_alone(text, place):
    assert [p for p, _ in find_places(text, municipalities=["Ekby"])] == [place]


def test_the_staff_of_a_facility_is_no_place():
    text = "Kommunen, via personal på fritidsgården Ankaret, ordnar en vandring."
    assert find_places(text, municipalities=["Ekby"]) == []


# --- joint wording covers a third party that is one of the promise's parties -------

THIRD_PARTY = """Medborgarlöfte Lindby 2031

Lindby kommun, lokalpolisområde Lindby och Lindbyhem AB har tagit fram ett löfte.

Polisen lovar att
• patrullera vid Lindby torg minst tre kvällar i veckan.
• tillsammans med Lindbytrafikens trygghetsvärdar göra fyra kontroller på bussarna.

Kommunen lovar att
• anställa två fältassistenter under sommaren.
• samverka tillsammans med SSPF (skola, socialtjänst, polis och fritid) kring unga i riskzon.

Lindbyhem AB lovar att
• byta lås i alla källarförråd senast i maj 2031.

{joint}
• hålla ett öppet möte om tryggheten i oktober.
• redovisa arbetet på kommunens webbplats i december.
"""


@pytest.mark.parametrize(
    "joint",
    [
        "Tillsammans lovar vi att",
        "Gemensamt åtar sig parterna att:",
        "Alla parter lovar att",
        "Gemensamt",
        "Vi lovar tillsammans att",
    ],
)
def test_joint_wording_covers_the_third_party(joint):
    got = by_text(record(THIRD_PARTY.format(joint=joint)))
    for text in (
        "hålla ett öppet möte om tryggheten i oktober.",
        "redovisa arbetet på kommunens webbplats i december.",
    ):
        assert got[text] == ["polis", "kommun", "annan"], (joint, text)
    assert got["anställa två fältassistenter under sommaren."] == ["kommun"]


def test_a_third_partys_staff_is_that_party_and_a_spelled_out_name_is_not():
    got = by_text(record(THIRD_PARTY.format(joint="Tillsammans lovar vi att")))
    assert got[
        "tillsammans med Lindbytrafikens trygghetsvärdar göra fyra kontroller på bussarna."
    ] == ["polis", "annan"]
    assert got[
        "samverka tillsammans med SSPF (skola, socialtjänst, polis och fritid) kring unga i riskzon."
    ] == ["polis", "kommun"]


def test_joint_wording_without_a_third_party_stays_polis_and_kommun():
    text = THIRD_PARTY.format(joint="Tillsammans lovar vi att").replace(
        "Lindbyhem AB lovar att\n• byta lås i alla källarförråd senast i maj 2031.\n",
        "",
    )
    got = by_text(record(text))
    assert got["hålla ett öppet möte om tryggheten i oktober."] == ["polis", "kommun"]


def test_a_joint_item_under_all_parties_covers_the_third_party():
    text = THIRD_PARTY.format(joint="Alla parter lovar att").replace(
        "• redovisa arbetet", "• gemensamt redovisa arbetet"
    )
    got = by_text(record(text))
    assert got["gemensamt redovisa arbetet på kommunens webbplats i december."] == [
        "polis",
        "kommun",
        "annan",
    ]


@pytest.mark.parametrize(
    "heading",
    ["Västfjällens snöskoterklubb lovar att", "Norrbergs sameby lovar att"],
)
def test_a_named_bodys_heading_governs_its_own_list(heading):
    text = f"""Medborgarlöfte Fjällby 2031

Polisen lovar att
• göra fem skoterkontroller under vintern.

{heading}
• röja lederna mellan byarna före säsongen.
• hålla en kurs i säker skoteråkning tillsammans med polisen.
"""
    got = by_text(record(text))
    assert got["röja lederna mellan byarna före säsongen."] == ["annan"]
    assert got["hålla en kurs i säker skoteråkning tillsammans med polisen."] == [
        "polis",
        "annan",
    ]


# --- a signatory's role names its organisation; a region beside a kommun ----------


def test_the_organisation_in_a_signatorys_role_is_no_signatory():
    text = """Medborgarlöfte Ekby 2031

Polisen ska patrullera vid torget varje fredag.

Löftet undertecknades den 3 mars 2031 av Anna Berg, kommunstyrelsens ordförande, Per Ås, lokalpolisområdeschef, och Lisa Holm, regionchef på Norrlinjen Buss AB.
"""
    rec = record(text)
    names = [s["name"] for s in rec["signatories"]]
    assert names == ["Anna Berg", "Per Ås", "Lisa Holm"]
    assert rec["signatories"][2]["title"] == "regionchef på Norrlinjen Buss AB"


@pytest.mark.parametrize(
    "region", ["Region Stockholm", "Region Uppsala", "Region Jönköping"]
)
def test_a_region_beside_a_named_kommun_is_no_kommun(region):
    text = f"""Medborgarlöfte 2031

Botkyrka kommun och lokalpolisområde Botkyrka har tecknat ett medborgarlöfte.
Bussarna körs på uppdrag av {region}.

Polisen ska patrullera vid busstorget varje fredag.
"""
    assert record(text)["municipalities"] == ["Botkyrka"]


def test_region_gotland_alone_is_the_kommun():
    text = """Medborgarlöfte 2031

Region Gotland och lokalpolisområde Gotland lovar att göra mer.

Polisen ska patrullera i Visby hamn varje fredag.
"""
    assert record(text)["municipalities"] == ["Gotland"]


@pytest.mark.parametrize(
    "text",
    [
        "Fältassistenterna finns på plats vid torget varje vardagskväll.",
        "Vakterna går runt i parken varje vardag.",
    ],
)
def test_every_weekday_evening_is_a_frequency(text):
    target = extract_target(text).target
    assert target is not None and target["per"] is None


# --- an activity's months are no promise period -----------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Polisen ska patrullera vid torget tre kvällar i veckan under perioden april–september.",
        "Kommunen lovar att hålla fritidsgården öppen under perioden juni–augusti.",
    ],
)
def test_an_activitys_months_are_no_promise_period(sentence):
    text = f"""Medborgarlöfte 2031 – Ekby kommun och lokalpolisområde Ekby

Vi har valt två fokusområden efter dialoger under hösten 2030.

Löfte 1
{sentence}
"""
    period = record(text)["period"]
    assert (period["start"], period["end"]) == ("2031-01-01", "2031-12-31")


def test_a_promise_period_in_months_still_counts():
    text = """Medborgarlöfte 2031 – Ekby

Löftet gäller under perioden mars–oktober 2031.

Polisen ska patrullera vid torget varje fredag.
"""
    period = record(text)["period"]
    assert (period["start"], period["end"]) == ("2031-03-01", "2031-10-31")


# --- a short effect goal over the actions of its paragraph ------------------------


@pytest.mark.parametrize(
    "goal",
    [
        "Vi ska minska hastigheterna på Storgatan.",
        "Vi ska tillsammans sänka farten genom byn.",
        "Kommunen och polisen ska minska nedskräpningen i parken.",
    ],
)
def test_a_short_effect_goal_over_its_actions_is_no_commitment(goal):
    text = f"""Medborgarlöfte Åsby 2031

Bakgrund

Många boende i Åsby har klagat på trafiken.

Trafik

{goal} Kommunen ska bygga två farthinder vid skolan före augusti. Polisen ska göra hastighetskontroller minst en gång i månaden.
"""
    got = by_text(record(text))
    assert goal not in got
    assert got["Kommunen ska bygga två farthinder vid skolan före augusti."] == [
        "kommun"
    ]
    assert len(got) == 2


def test_an_effect_verb_with_actions_of_its_own_stays_a_commitment():
    text = """Medborgarlöfte Åsby 2031

Trafik

Polisen ska öka närvaron vid skolan på morgnarna. Kommunen ska bygga två farthinder vid skolan före augusti.
"""
    got = by_text(record(text))
    assert "Polisen ska öka närvaron vid skolan på morgnarna." in got
