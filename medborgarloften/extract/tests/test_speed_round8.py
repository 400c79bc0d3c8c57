"""Speed-ups of round 8 (issue #14) give what the plain forms gave.

The per-document cache answers from a dict subclass; the unfinished-line check
looks at a text's tail when it can; trafilatura gets its options built once.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarloften.extract import doccache, places
from medborgarloften.extract.commitments import sentences
from medborgarloften.extract.readers import html

# --- the per-document cache ---------------------------------------------------


def test_per_document_answers_once_per_document_and_forgets_on_a_new_one():
    asked: list[str] = []

    @doccache.per_document
    def shout(word: str) -> str:
        asked.append(word)
        return word.upper()

    assert shout("ekby") == "EKBY"
    assert shout("ekby") == "EKBY"
    assert shout("åsby") == "ÅSBY"
    assert asked == ["ekby", "åsby"]
    doccache.new_document()
    assert shout("ekby") == "EKBY"
    assert asked == ["ekby", "åsby", "ekby"]


def test_per_document_starts_over_past_its_limit_and_passes_errors_on():
    calls = 0

    @doccache.per_document
    def double(n: int) -> int:
        nonlocal calls
        calls += 1
        if n < 0:
            raise KeyError(n)  # a KeyError of the function is no cache miss to hide
        return 2 * n

    for n in range(doccache.MAX_ENTRIES + 5):
        assert double(n) == 2 * n
    assert calls == doccache.MAX_ENTRIES + 5
    assert double(doccache.MAX_ENTRIES + 4) == 2 * (doccache.MAX_ENTRIES + 4)
    assert calls == doccache.MAX_ENTRIES + 5  # kept after the clearing
    assert double(0) == 0
    assert calls == doccache.MAX_ENTRIES + 6  # forgotten at the clearing
    try:
        double(-1)
    except KeyError as exc:
        assert exc.args == (-1,)
    else:  # pragma: no cover - the assertion is the test
        raise AssertionError("the KeyError was swallowed")


def test_per_document_answers_recursive_questions():
    @doccache.per_document
    def depth(word: str) -> int:
        return 0 if not word else 1 + depth(word[:-1])

    assert depth("gatan") == 5
    assert depth("gata") == 4


# --- a line left unfinished above a list ---------------------------------------

_TAIL_WORDS = [
    "att", "genom", "genom att", "följande", "bland annat", "ska", "skall",
    "kommer att", "lovar", "tillsammans", "gemensamt", "även", "också", "..",
    "...", "…", "\n", "  ", "\t", "Polisen", "kommunen", "ATT", "ſka", "\u212aommer",
    "Ekby", ",", "p", "x", "(2)", "y" * 45,
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_TAIL_WORDS), max_size=30))
def test_the_tail_check_finds_what_the_whole_text_search_finds(words):
    text = " ".join(words)
    assert sentences._unfinished(text) == bool(sentences._UNFINISHED.search(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="atgenomskl .…\n\tpyKſx,", max_size=120))
def test_the_tail_check_on_arbitrary_text(text):
    assert sentences._unfinished(text) == bool(sentences._UNFINISHED.search(text))


def test_the_tail_check_on_examples():
    long_line = "Polisen och kommunen i Ekby genomför trygghetsvandringar " * 3
    for text, unfinished in (
        (long_line + "och lovar att", True),
        (long_line + "genom att" + " " * 60, True),
        (long_line + "bland" + " " * 60 + "annat ...", True),
        (long_line + "i Ekby.", False),
        (long_line + "att göra mer (2)", False),
        (long_line + "lovar att:", False),
    ):
        assert sentences._unfinished(text) is unfinished, text
        assert bool(sentences._UNFINISHED.search(text)) is unfinished, text


# --- trafilatura's options built once --------------------------------------------


def test_the_prebuilt_options_read_as_the_keywords_did():
    import lxml.html
    import trafilatura

    page = (
        "<html><head><title>Löfte</title></head><body><nav><a href='/'>Start</a></nav>"
        "<main><h1>Medborgarlöfte för Ekby</h1><p>Polisen och kommunen lovar att "
        "<b>genomföra</b> fyra trygghetsvandringar per år i Åsby centrum.</p>"
        "<ul><li>Fler vuxna ute på kvällstid.</li><li>Bättre belysning.</li></ul>"
        "<table><tr><td>Aktivitet</td><td>Ansvar</td></tr><tr><td>Vandring</td>"
        "<td>Polisen</td></tr></table></main><footer>Ekby kommun</footer></body></html>"
    )
    by_keywords = trafilatura.extract(
        lxml.html.document_fromstring(page),
        output_format="txt",
        include_formatting=True,
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        favor_recall=True,
        deduplicate=False,
        fast=True,
    )
    prebuilt = trafilatura.extract(
        lxml.html.document_fromstring(page), options=html._TRAFILATURA_OPTIONS
    )
    assert prebuilt == by_keywords
    assert "trygghetsvandringar" in (prebuilt or "")
    # the shared options are not changed by a page that sends trafilatura to its
    # recall retry
    assert html._TRAFILATURA_OPTIONS.focus == "recall"


# --- the place expression that opens with a class --------------------------------


def test_the_preposition_expression_still_finds_places():
    found = places.find_places(
        "Polisen ska vara synlig i Norrby och kring stadsdelen Åsby, bland annat "
        "på Torget.",
        municipalities=["Ekby"],
    )
    assert [name for name, _ in found] == ["Norrby", "Åsby", "Torget"]


# --- headings that name no focus area -------------------------------------------

_HEADING_WORDS = [
    "Rubrik", "0", "12", "Bakgrund", "vi", "Vi", "lovar", "ska", "ſka", "kommun",
    "Kommuner", "kommer", "att", "Åtar", "åtar", "Trygghet", "i", "centrum",
    "medborgarlöftet", ":", ".", "\n", " ", "2025", "-", "/", "Ekby", "det", "här",
    "sida", "3", "Status", "Ansvarig", "\u212aommun", "MEDBORGARLÖFTE",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_HEADING_WORDS), max_size=10), st.sampled_from(" \n"))
def test_generic_heading_is_the_whole_expression_searched(words, sep):
    from medborgarloften.extract.document import focus_cues

    text = sep.join(words)
    expected = focus_cues.GENERIC_HEADING.search(text) is not None
    assert focus_cues.generic_heading(text) is expected


def test_generic_heading_on_examples():
    from medborgarloften.extract.document.focus_cues import generic_heading

    assert generic_heading("Bakgrund")
    assert generic_heading("Det här lovar vi")
    assert generic_heading("2025–2026") is False  # an en dash is no plain number
    assert generic_heading("2025 - 2026")
    assert generic_heading("Tryggare i Ekby kommun")
    assert not generic_heading("Trygghet i centrum")
    assert not generic_heading("Narkotika bland unga")


# --- labels: "(Polisen)", "Ansvar: kommunen", "Belysning – Polisen …" ------------

_LABEL_WORDS = [
    "(", ")", "Polisen", "kommunen", "och", "Ansvar", "ansvarig", ":", "ANSVARIGA",
    "ſ", "Ekby", "Ordningsvakter", ".", ",", " ", "\n", "x", "polis", "samt", "IF",
    "Belysning", "–", "-", "—", "byter", "ut", "\t", "gång-",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_LABEL_WORDS), max_size=14), st.sampled_from([" ", ""]))
def test_the_stated_label_and_the_title_dash_as_the_whole_expressions(words, sep):
    from medborgarloften.extract import party_labels
    from medborgarloften.extract.commitments import responsible

    text = sep.join(words)
    whole = party_labels._STATED_RE.search(text)
    if "ansvar" not in party_labels.fold(text):
        paren = party_labels._STATED_PAREN_RE.search(text)
        assert (
            paren and (paren.span(), paren.group("paren"), paren.group("label"))
        ) == (whole and (whole.span(), whole.group("paren"), whole.group("label")))
    dash = responsible._LABEL_DASH.match(text)
    if dash is not None:
        assert responsible._SPACED_DASH.search(text)


def test_labels_on_examples():
    from medborgarloften.extract.party_labels import stated_parties

    found = stated_parties("Vi håller öppet hus varje vecka (Polisen).")
    assert found is not None and found.parties == frozenset({"polis"})
    found = stated_parties("Vi håller öppet hus. Ansvarig: kommunen")
    assert found is not None and found.parties == frozenset({"kommun"})
    assert stated_parties("Vi håller öppet hus varje vecka (punkt 4).") is None


# --- expressions given a literal prefilter -----------------------------------------

_PREFILTER_WORDS = [
    "norra", "Södra", "ÖSTRA", "västra", "Ekby", "Åsby", "inom", "INOM", "en", "ett",
    "vecka", "arbetsvecka", "Läs", "mer", "också", ":", "|", "Relaterat", "se", "även",
    "Resultat", "utfall", "Vad", "vi", "lovade", "det", "här", "gjorde", "\n", " ",
    "\t", "-", "x", "ſ", "\u212a", "i",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PREFILTER_WORDS), max_size=40), st.sampled_from(" \n"))
def test_the_prefiltered_expressions_find_what_the_plain_ones_find(words, sep):
    from medborgarloften.extract import record, targets

    text = sep.join(words)
    for fast in (
        places._QUARTER_RE,
        targets._WITHIN_ONE,
        record._LOOK_BACK_LINE,
        record._LINK_LINE,
    ):
        plain = getattr(fast, "regex", fast)
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)
        ], (plain.pattern, text)
        found, expected = fast.search(text), plain.search(text)
        assert (found and found.span()) == (expected and expected.span())
