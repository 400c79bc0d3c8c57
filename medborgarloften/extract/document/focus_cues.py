"""The words that label focus areas: list intros, inline cues ("Fokus ligger på
…"), umbrella statements, effect-goal headings and the headings that never name one
(see ``focus`` for the order in which they are used)."""

from __future__ import annotations

import re

from ..prefilter import Prefiltered, all_literals, fold, prefiltered

_I = re.IGNORECASE
LIST_INTRO = prefiltered(
    re.compile(
        r"fokusområde|prioriteringar|problemområde|prioriterade\s+(?:områden|problem)|"
        r"prioritering(?:ar)?\s+(?:att\s+)?(?:vara|är|blir)|"
        # (not a renewal's kept commitments: "Följande löften gäller även 2027:")
        r"följande\s+(?:\w+\s+){0,2}?(?:medborgar)?löften(?!\s+(?:gäller|fortsätter"
        r"|kvarstår|behålls|finns\s+kvar|löper\s+vidare))|fokusera\w*\s+på\s+följande|"
        # only as the intro of a list: "… fyra inriktningar som vi ska arbeta med:"
        r"\binriktningar(?:na)?\b[^.!?]*:\s*$|"
        r"\bområden\s+som\s+(?:\w+\s+){0,3}prioriteras\s*:\s*$|"
        r"\b(?:valt|beslutat)\s+att\s+prioritera\s*:\s*$|"
        # "Under 2031 prioriterar vi:", "I år prioriterar parterna:"
        r"\bprioriterar\s+(?:vi|parterna|polisen\s+och\s+kommunen|kommunen\s+och"
        r"\s+polisen)\s*:\s*$|"
        # "Det här är vårt fokus 2019" over one area per line
        r"^\s*(?:det\s+här\s+är\s+|detta\s+är\s+)?vårt\s+fokus(?:\s+\d{4})?\s*:?\s*$|"
        # lättläst: "Det här vill vi bli bättre på"
        r"^\s*(?:det\s+här|detta)\s+vill\s+vi\s+(?:bli\s+bättre\s+på|förbättra)"
        r"\s*:?\s*$|"
        # "Löftet handlar om två saker:" over one area per item
        r"^\s*(?:det\s+nya\s+|årets\s+)?(?:medborgar)?löftet\s+handlar\s+"
        r"(?:främst\s+)?om\s+(?!att\b)[^.!?]*:\s*$|"
        r"\bprioritera\s+(?:följande|dessa|två|tre|fyra|fem)\s+(?:\w+\s+)?"
        r"(?:områden|problem|frågor)\s*:\s*$|"
        # an English heading on a bilingual page: "Focus", "Priority areas"
        r"^\s*(?:our\s+)?(?:focus(?:\s+areas?)?|priorities|priority\s+areas)"
        r"(?:\s+(?:for|in)\s+\d{4})?\s*:?\s*$",
        _I,
    )
)
# An intro that itself promises ("Polisen ska patrullera i prioriterade områden:")
# introduces commitments, not focus areas.
PROMISE_VERB = prefiltered(re.compile(r"\b(?:lovar|ska|skall)\b|\bkommer\s+att\b", _I))
# … unless the verb sits in a relative clause: "inriktningar som polisen ska arbeta
# med:", "två områden som kommer att prioriteras:".
RELATIVE_VERB = re.compile(
    r"\bsom\s+(?:\S+\s+){0,6}?(?:lovar|ska|skall|kommer\s+att)\b", _I
)
PAST = re.compile(r"\bhar\b[^.]*\b(?:arbetat|haft|jobbat)\b|\btidigare\b", _I)
INLINE = (
    ("focus.i_fokus", Prefiltered(re.compile(r"\bI\s+fokus\s+står\s+(?:bland\s+annat\s+)?(?P<x>[^.!?\n]+)", _I)), "problem_list"),
    ("focus.sarskilt_fokus", Prefiltered(re.compile(r"\b(?:särskilt|stort|extra)\s+fokus\s+(?:läggs|ligger|riktas)\s+(?:på|mot)\s+(?P<x>[^.!?\n]+)", _I)), None),
    ("focus.fokus_ar", Prefiltered(re.compile(r"\bFokus\s+(?:i|för)\s+(?:\S+\s+){0,3}?(?:är|blir|ligger\s+på)\s+(?P<x>[^.!?\n]+)", _I)), None),
    ("focus.fokusera_pa", Prefiltered(re.compile(r"\b(?:ska|skall|att|kommer(?:\s+att)?)\s+(?:\S+\s+){0,6}?(?:särskilt\s+)?fokusera\s+på\s+(?!under\b|de\s+kommande|för\s+att\b|i\s+(?:syfte|arbetet)\b)(?:att\s+)?(?P<x>[^.!?\n]+)", _I)), r"\s+och\s+på\s+|\s+och\s+(?:arbeta|verka)\s+(?:med|för|mot)\s+"),
    # "I år ligger fokus på A och på B", "I år fokuserar vi på A och B"
    ("focus.ligger_fokus", Prefiltered(re.compile(r"\b(?:ligger|läggs)\s+(?:\w+\s+)?fokus(?:et)?\s+på\s+(?P<x>[^.!?\n]+)|\bfokuserar\s+(?:vi|parterna)\s+(?:särskilt\s+)?på\s+(?P<y>[^.!?\n]+)", _I)), "and_items"),
    # "Två problemområden lyfts fram: A och B", "Tre fokusområden har valts ut: A, B och C"
    ("focus.count_colon", Prefiltered(re.compile(r"\b(?:två|tre|fyra|fem|sex|[2-9])\s+(?:fokus|problem|prioriterade\s+)?områden\b[^.:!?\n]{0,40}:\s*(?P<x>[^.!?\n]+)", _I)), "problem_list"),
    # "lovar att … arbeta med fokus på X för att …", "har vi särskilt fokus på A, B och C"
    ("focus.med_fokus", Prefiltered(re.compile(r"\b(?:arbeta\s+med\s+|har\s+(?:vi|parterna|polisen\s+och\s+kommunen)\s+(?:ett\s+)?)(?:särskilt\s+|stort\s+)?fokus\s+på\s+(?P<x>[^.!?\n]+)", _I)), "problem_list"),
    # "Löftet gäller 2030–2031 och har fokus på A, B samt C": the promise's own focus
    ("focus.lofte_har_fokus", Prefiltered(re.compile(r"\b(?:medborgar)?löftet\b[^.!?\n]{0,60}?\bhar\s+(?:ett\s+)?(?:särskilt\s+|stort\s+|tydligt\s+)?fokus\s+på\s+(?P<x>[^.!?\n]+)", _I)), "problem_list"),
    # "består av tre områden: A, B samt C", "inom områdena A och B", "A och B har valts som fokusområden"
    ("focus.omraden_lista", Prefiltered(re.compile(r"\b(?:består\s+av|omfattar)\s+(?:\w+\s+)?(?:fokus|tema|problem)?områden\s*:\s*(?P<x>[^.!?\n]+)|\binom\s+(?:fokus)?områdena\s+(?P<y>[^.!?\n]+)", _I)), "problem_list"),
    # "problem i form av A, B samt C", "inriktas på A, B och C"
    ("focus.i_form_av", Prefiltered(re.compile(r"\bproblem\w*\s+i\s+form\s+av\s+(?P<x>[^.!?\n]+?)(?:\s+(?:för\s+närvarande|är|har|kan)\b|[.!?\n]|$)", _I)), "problem_list"),
    ("focus.inriktas", Prefiltered(re.compile(r"\binrikta(?:s|t)?\s+(?:sig\s+)?på\s+(?P<x>[^.!?\n]+)", _I)), "problem_list"),
    # "Droger, trafik och klotter är fokus i nytt medborgarlöfte"
    ("focus.ar_fokus", Prefiltered(re.compile(r"^(?P<x>[^.!?\n]{3,100}?)\s+är\s+(?:i\s+)?fokus\b", _I)), "problem_list"),
    # "Löftet ska leda till ökad trygghet …, att området blir tystare och att …"
    ("focus.leda_till", Prefiltered(re.compile(r"\b(?:medborgar)?löfte\w*\s+ska\s+leda\s+till\s+(?P<x>[^.!?\n]+)", _I)), r",\s*(?:och\s+)?att\s+|\s+och\s+att\s+"),
    # "För att förebygga brott i X lovar polisen och kommunen:"
    ("focus.for_att_lovar", Prefiltered(re.compile(r"^För\s+att\s+(?P<x>[^,.!?\n]{3,120}?),?\s+(?:lovar|åtar\s+sig)\b[^.!?\n]*:\s*$", _I)), None),
    # "Fokus ligger på A samt på B", "ett medborgarlöfte för 2026 om A och B"
    ("focus.fokus_ligger", Prefiltered(re.compile(r"^Fokus\s+(?:ligger|läggs)\s+på\s+(?P<x>[^.!?\n]+)", _I)), "and_items"),
    ("focus.fokus_ar_kort", Prefiltered(re.compile(r"^Fokus\s+(?:är|blir)\s+(?P<x>[^.!?\n]+)", _I)), "and_items"),
    # "… ett medborgarlöfte med fokus på A", "Löftet handlar om A och om B", "Löftet
    # gäller A", "I medborgarlöftet prioriteras A samt B": what the promise is about.
    ("focus.lofte_med_fokus", Prefiltered(re.compile(r"\b(?:medborgar)?löftet?\s+med\s+(?:särskilt\s+|stort\s+)?fokus\s+på\s+(?P<x>[^.!?\n]+)", _I)), "and_items"),
    ("focus.lofte_handlar_om", Prefiltered(re.compile(r"^(?:(?:det\s+nya\s+|årets\s+)?(?:medborgar)?löftet\s+(?:handlar\s+(?:främst\s+)?om|gäller)|(?:i\s+år|under\s+(?:året|(?:19|20)\d\d))\s+handlar\s+(?:det\s+nya\s+|årets\s+)?(?:medborgar)?löftet\s+(?:främst\s+)?om)\s+(?![^.!?\n]*:\s*$)(?!(?:för|från|till|fram|t\.\s?o\.\s?m\.|under|mellan|i|att|hela|\w+\s+som|(?:\w+\s+)?(?:aktiviteter|åtgärder|insatser|löften|samverkan))\b|\d)(?P<x>[^.!?\n]+)", _I)), "and_items"),
    # The problems the dialogue named: "många oroar sig för A och för B", "Det som
    # oroar flest är A och B", "… att A och B är de problem som …".
    # "Vårt gemensamma löfte är att minska A och B i X.": the promise in one goal.
    ("focus.lofte_ar_att", Prefiltered(re.compile(r"^(?:vårt|det)\s+(?:gemensamma\s+|nya\s+)?(?:medborgar)?löfte\s+är\s+att\s+(?P<x>[^.!?\n]+)", _I)), None),
    ("focus.oroar", Prefiltered(re.compile(r"\boroar\s+sig\s+(?:mest\s+|främst\s+|särskilt\s+)?för\s+(?:är\s+)?(?P<x>[^.!?\n]+)|^Det\s+som\s+oroar\s+(?:\w+\s+){0,2}?är\s+(?P<y>[^.!?\n]+)", _I)), "and_items"),
    ("focus.ar_problemen", Prefiltered(re.compile(r"\batt\s+(?P<x>[^.!?\n]{3,120}?)\s+är\s+de\s+(?:största\s+|viktigaste\s+|främsta\s+)?problem(?:en)?\b", _I)), "and_items"),
    # "Under perioden prioriterar vi A och B samt C." (not "… prioriterar vi tre områden:")
    ("focus.prioriterar", Prefiltered(re.compile(r"^(?:(?:i\s+år|under\s+\S+(?:\s+\S+)?)\s+)?prioriterar\s+(?:vi|parterna)\s+(?:särskilt\s+)?(?!följande\b|dessa\b|att\b|(?:två|tre|fyra|fem|\d)\s)(?P<x>[^.!?\n:]+)[.!]?\s*$", _I)), "problem_list"),
    ("focus.prioriteras", Prefiltered(re.compile(r"^I\s+(?:medborgar)?löftet\s+prioriteras\s+(?P<x>[^.!?\n]+)", _I)), "and_items"),
    ("focus.lofte_om", Prefiltered(re.compile(r"\b(?:ett|nytt)\s+(?:\w+\s+)?(?:medborgar)?löfte\s+(?:för\s+\d{4}(?:\s*[-–]\s*\d{4})?\s+)?om\s+(?!(?:\w+\s+)?(?:aktiviteter|åtgärder|insatser|löften|samverkan)\b|det\b|hur\b|vad\b|att\b)(?P<x>[^.!?\n]+)", _I)), "problem_list"),
    ("focus.valts_som", Prefiltered(re.compile(r"\bhar\s+(?P<x>[^.!?\n]{3,160}?)\s+valts\s+(?:ut\s+)?(?:som|till)\s+(?:fokusområden|prioriterade\s+områden|prioriteringar)", _I)), "problem_list"),
    ("focus.prioritera", Prefiltered(re.compile(r"\bvalt\s+att\s+prioritera\s+(?!(?:följande|dessa|två|tre|fyra|fem)\s+(?:\w+\s+)?(?:områden|problem|frågor)\s*:\s*$)(?:att\s+arbeta\s+med\s+)?(?P<x>[^.!?\n]+)", _I)), r",?\s+samt\s+"),
    # "Fokusområden: Otrygghet i X, Bostadsinbrott" — a label and its list on one line.
    # … also "Prioriterade problemområden: …", "Löftet har för 2026 tre prioriteringar: …"
    ("focus.label_colon", Prefiltered(re.compile(r"(?:^(?:våra\s+)?(?:fokusområden|fokus|prioriterade\s+(?:problem|fokus|insats)?områden|prioriteringar|problemområden)|\b(?:har|med)\s+(?:(?:för|under)\s+\d{4}(?:\s*[-–]\s*\d{4})?\s+)?(?:ett|två|tre|fyra|fem)\s+(?:fokusområden|fokusområde|fokus|prioriterade\s+områden|prioriteringar|problemområden))(?:\s+(?:för\s+)?\d{4}(?:\s*[-–]\s*\d{4})?)?\s*:\s*(?P<x>[^.!?\n]+)", _I)), "problem_list"),
    # "▼ Fokusområde 2: Bostadsinbrott i X och Y", "Fokusområde B: …", "Fokusområde:
    # Skadegörelse och klotter", "Fokusområde Narkotika bland unga": one area a label.
    ("focus.numbered_label", Prefiltered(re.compile(r"^(?:[^\w\s]\s*)?(?:fokusområde|prioriterat\s+område|prioritering)(?:(?:\s+(?:\d{1,2}(?!\d)|(?-i:[A-H])))?\s*[:.–-]|[ ]+(?=(?-i:[A-ZÅÄÖ][a-zåäö])))\s*(?P<x>[^.!?\n]+)", _I)), None),
    # "Löftet för 2024 har fokusområdena A samt B." (the areas named with no colon)
    ("focus.har_omradena", Prefiltered(re.compile(r"\b(?:medborgar)?löfte(?:t|n)?\b[^.!?\n:]{0,40}?\bhar\s+(?:\w+\s+)?(?:fokusområdena|prioriteringarna|problemområdena|de\s+prioriterade\s+områdena)\s+(?P<x>[^.!?\n:]+)", _I)), "problem_list"),
    ("focus.omraden_ar", Prefiltered(re.compile(r"\b(?:(?:vårt|löftets)\s+fokusområde|fokusområden(?:a)?|prioriteringar(?:na)?|prioriterade\s+områden|problemområden(?:a)?)\s+(?:för\s+\S+\s+|i\s+\S+\s+|(?:19|20)\d\d(?:[–-](?:19|20)\d\d)?\s+)?(?:är|blir)\s*:?\s+(?P<x>[^.!?\n]+)", _I)), "problem_list"),
    ("focus.problemen_ar", Prefiltered(re.compile(r"\bProblem(?:en|bilden|områdena)\s+(?:som\s+[^.]{0,80}?\s+)?(?:är|utgörs\s+av)\s+(?P<x>[^.!?\n]+)", _I)), "problem_list"),
)  # fmt: skip
# The labels read on a heading too ("Fokusområde 2: …" over its commitments).
HEADING_RULES = ("focus.label_colon", "focus.numbered_label")
INLINE_LITERALS = all_literals(rx for _, rx, _ in INLINE)  # none held: no label
UMBRELLA = re.compile(
    r"\b(?:lovar|ska|skall|kommer)\b(?:\s+\S+){0,8}?\s+(?:arbeta|verka)\s+"
    r"(?:\w+\s+){0,2}?(?:för\s+att|för|mot|med\s+att)\s+(?P<x>[^.!?]+?)"
    r"(?=\s+(?:bland\s+annat\s+)?genom\s+följande\b|[.!?]|$)",
    _I,
)
# "… lovar att tillsammans öka tryggheten i X och minska inbrotten. Det ska vi
# åstadkomma genom följande aktiviteter:": the goal promised before the list.
UMBRELLA_GOAL = re.compile(
    r"\blovar\s+(?:\w+\s+){0,2}?att\s+(?:tillsammans\s+|gemensamt\s+)?"
    r"(?P<x>(?:öka|minska|förbättra|stärka|höja|skapa|motverka|förebygga)\b[^.!?]+?)"
    r"(?=\s+(?:bland\s+annat\s+)?genom\s+följande\b|[.!?]|$)",
    _I,
)
ACTIVITY_INTRO = re.compile(
    r"genom\s+följande|följande\s+(?:\w+\s+)?(?:aktiviteter|insatser|åtgärder|medborgarlöften|löften)|"
    r"ska\s+åstadkommas|göras\s+genom|genom\s+att\s*:|ska\s+genomföras\s*:",
    _I,
)
# Headings that are genre furniture or name a party, never a focus area.
_GENERIC_START = (
    r"^(?:det\s+här|detta|medborgarlöft|(?:det\s+|de\s+)?(?:nya|nytt|förnyade|"
    r"förlängda|reviderade)\s+(?:medborgar)?löft|våra?\b|vårt\b|uppföljning|lägesbild|situation|"
    r"bakgrund|syfte|inledning|tid\b|tidsram|effekt|kommunikation|problembild|"
    r"aktiviteter|insatser|fakta|om\s|inriktning|löfte|sammanfattning|datum|följ\b|"
    r"polis|kommun|tillsammans|vi\b|parterna|lokalpolisområde|lpo\b|kontakt|dokument|"
    r"sök\b|till\s|titelbild|startsida|mer\s+information|läs\s+mer|meny|stäng|"
    r"nyhet|publicerad|uppdaterad|bild|foto|förslag|beslut|ärende|diarie|handläggare|"
    r"tjänsteskrivelse|underskrift|signatur|samverkansöverenskommelse|överenskommelse|avtal|"
    r"gemensam|åtagande|åtgärder|handlingsplan|aktivitetsplan|åtgärdsplan|vad\s|så\s+här|här\s|hur\s|"
    r"varför|mål\b|målsättning|resultat|dela\b|skriv\s+ut|senast|relaterad|länkar|"
    r"innehåll|hoppa|huvudinnehåll|navigation|cookies|kakor|bilaga|sida\s+\d|"
    r"utgångspunkt|nuläge|förutsättningar|ansvar\w*\s*:|när\s*:|tidpunkt|tids?plan|"
    r"(?:status|kommentar|indikator\w*|mätetal|mått)\s*:)"
)
_GENERIC_WORDS = (
    r"\bmedborgarlöft|\blovar\b|\bska\b|\bkommer\s+att\b|\båtar\b|\bkommun(?:er)?$"
)
_NUMBERS_ONLY = r"^[\d\s./:-]*$"
GENERIC_HEADING = re.compile(f"{_GENERIC_START}|{_GENERIC_WORDS}|{_NUMBERS_ONLY}", _I)
# The same in its three parts (``generic_heading``): ``search`` tried the anchored
# alternation, and failed, at every character of each heading.
_GENERIC_START_RE = re.compile(_GENERIC_START, _I)
_GENERIC_WORDS_RE = Prefiltered(re.compile(_GENERIC_WORDS, _I))
_NUMBERS_ONLY_RE = re.compile(_NUMBERS_ONLY, _I)


def generic_heading(text: str) -> bool:
    """``GENERIC_HEADING.search(text)`` is not None: a heading that names no focus
    area ("Bakgrund", "Vi lovar", "2025")."""
    return (
        _GENERIC_START_RE.match(text) is not None
        or _GENERIC_WORDS_RE.search(text, folded=fold(text)) is not None
        or _NUMBERS_ONLY_RE.match(text) is not None
    )


# A heading over the effects a promise aims at ("Effektmål", "Det vill vi uppnå"):
# its items name the problems the promise picks, as a focus list does.
EFFECT_HEADING = re.compile(
    r"^(?:effekt(?:mål|er(?:na)?)?\b|(?:förväntade?|önskade?)\s+(?:effekt|resultat)|"
    r"målbild|önskat\s+läge|(?:det\s+här\s+|detta\s+|det\s+|så\s+här\s+)?"
    r"vill\s+vi\s+(?:uppnå|se|nå)|(?:effekter|resultat|mål)\s+(?:som\s+)?vi\s+vill\s+"
    r"(?:uppnå|se|nå))",
    _I,
)


# A goal states a change ("Färre inbrott", "… ska minska"); an indicator ("Andelen
# … i trygghetsmätningen") or an activity ("Fånga upp ungdomar") is no focus area.
_CHANGE = re.compile(
    r"\b(?:ska|skall)\b|^(?:färre|fler|minskad|minskat|ökad|ökat|bättre|tryggare|"
    r"lägre|högre|mindre|mer)\b",
    _I,
)
_INDICATOR = re.compile(r"andel|procent|%|mätning|undersökning|statistik|enkät", _I)


# "§ 3", "3.", "2.1" before a section heading's words.
_SECTION_NUMBER = re.compile(r"^(?:§[ \t]*)?\d{1,2}(?:\.\d{1,2})*[.)]?[ \t]+")

# Where a list of focus phrases parts: a comma, "samt", or "och" that does not go on
# with a place ("… i Ekby och Åsby", "… i centrum och på Ekbacken"); a repeated
# preposition opens the next phrase ("om A och om B").
_AND_ITEM = re.compile(
    r",\s*(?:samt\s+|och\s+)?|\s+(?:samt|och)\s+"
    r"(?!(?:i|på|vid|kring|runt|längs|utanför|inom)\s+[A-ZÅÄÖ]|[A-ZÅÄÖ])"
    r"(?:(?:på|om|för|mot)\s+)?"
)


# "och" that joins two nouns after one preposition ("med mopeder och bilar") or two
# prepositions ("i och runt skolan") stays inside its phrase.
_SHARED_HEAD = re.compile(
    r"(?:\b(?:med|av)\s+[\w-]+|\b(?:i|på|vid|kring|runt|inom|utanför))$", _I
)


def and_items(x: str, start: int) -> list[tuple[str, int]]:
    """The phrases of a focus list with their offsets ("A, B samt C", "A och B")."""
    out, pos = [], 0
    cuts = [
        m
        for m in _AND_ITEM.finditer(x)
        if m.group(0).lstrip()[:1] == "," or not _SHARED_HEAD.search(x, 0, m.start())
    ]
    for m in [*cuts, None]:
        end = m.start() if m else len(x)
        piece = x[pos:end]
        if piece.strip():
            out.append((piece.strip(), start + pos + len(piece) - len(piece.lstrip())))
        if m:
            pos = m.end()
    return out


# "Löfte 1 – Tryggare centrum", "Område 2: Unga och droger": the title after a
# numbered label names the group.
# "Inriktning 2: …", "Löfte 4 (nytt): …": a renewed promise tags its label.
_NUMBERED_LABEL = re.compile(
    r"^(?:löfte|område|fokusområde|tema|del|inriktning|insatsområde|målområde)"
    r"\s+\d{1,2}\s*(?:\([^()\n]{1,30}\)\s*)?[–—:|-]\s*(?=\S)",
    _I,
)
# "Nytt för i år: Bedrägerier mot äldre", "Förlängt: Trafiken i centrum": what a
# renewed promise says of the topic (new, extended), no part of its name.
_STATUS_LABEL = re.compile(
    r"^(?:nytt|ny|nya|förlängt|förlängd|förlängda|fortsätter|fortsatt|reviderat)"
    r"(?:\s+(?:medborgar)?löften?)?"
    r"(?:\s+för\s+(?:i\s+år|året|perioden|(?:19|20)\d\d(?:\s*[-–]\s*\d{2,4})?))?"
    r"\s*:\s*(?=\S)",
    _I,
)
LIST_LEAD = re.compile(
    r"(?:aktiviteter|insatser|åtgärder|åtaganden|det\s+här\s+gör\s+vi)\s*:?$", _I
)


def titled(heading: str) -> str:
    """A heading without its numbered label ("Löfte 1 – …") or its status label
    ("Nytt för i år: …")."""
    return _STATUS_LABEL.sub("", _NUMBERED_LABEL.sub("", heading, count=1), count=1)


# "1  Trygga stationsområden" (a folder's numbering), "A  ·  B" (two on a line)
# "2. Trafik", "Fokusområde B: Ordning i hamnen": the number or label before the area
_LINE_NUMBER = re.compile(
    r"(?:(?:fokusområde|prioriterat\s+område|prioritering)\s+(?:\d{1,2}|(?-i:[A-H]))"
    r"\s*[:.–-]\s*|\d{1,2}(?:[.)]\s*|\s+))(?=[^\W\d])",
    re.I,
)
_LINE_SEPARATOR = re.compile(r"\s+[·|•]\s+")


def line_items(text: str, start: int) -> list[tuple[str, int]]:
    """The focus areas of a short line under a label: without its number, split
    where a designer set a middle dot between two."""
    out = []
    for part in _LINE_SEPARATOR.split(text):
        offset = start + text.find(part)
        body = part.strip("*_ ")
        offset += part.find(body)
        number = _LINE_NUMBER.match(body)
        if number:
            body, offset = body[number.end() :], offset + number.end()
        if body:
            out.append((body, offset))
    return out


def cut_long(text: str) -> str:
    """Cut a long umbrella phrase before its place ("… på och i anslutning till …")."""
    words = text.split()
    if len(words) <= 12:
        return text
    m = re.search(r"\s+(?:på|vid|i\s+anslutning)\s+", text)
    if m and len(text[: m.start()].split()) >= 3:
        return text[: m.start()]
    return text
