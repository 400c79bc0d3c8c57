"""Public search: Swedish stems on both engines, only public promises, bad input
answered with a message, snippets escaped."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from medborgarloften.promises.models import Promise
from medborgarloften.promises.services import (
    CommitmentRow,
    FocusAreaRow,
    PromiseFields,
    promise_create,
    promise_set_status,
)
from medborgarloften.publishing.search import highlight, search_public
from medborgarloften.publishing.stemmer import stem


def _promise(
    actor, parties, *, title, summary="", commitments=(), status="published", focus=()
):
    promise = promise_create(
        actor=actor,
        fields=PromiseFields(title=title, parties=parties, situation_summary=summary),
        focus_areas=[FocusAreaRow(title=t, description=d) for t, d in focus],
        commitments=[
            CommitmentRow(text=text, responsible=["polis"]) for text in commitments
        ],
        signatories=[],
    )
    steps = {
        "draft": [],
        "published": ["adopted", "published"],
        "closed": ["adopted", "published", "closed"],
    }
    for step in steps[status]:
        promise = promise_set_status(actor=actor, promise=promise, status=step)
    return promise


@pytest.fixture
def promises(kalmar, nybro, lpo_kalmar, lpo_nybro, superuser):
    kalmar_promise = _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Tryggare Kalmar centrum",
        summary="Många känner sig otrygga kring resecentrum på kvällarna.",
        commitments=[
            "Polisen genomför trygghetsvandring i Oxhagen varje månad.",
            "Kommunen lagar belysningen i parkerna.",
        ],
    )
    nybro_promise = _promise(
        superuser,
        [nybro, lpo_nybro],
        title="Nybro tillsammans",
        commitments=[
            "Gemensamma trygghetsvandringar med föreningar två gånger per år."
        ],
    )
    draft = _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Hemligt utkast",
        commitments=["Trygghetsvandring i utkastet som ingen får se."],
        status="draft",
    )
    return kalmar_promise, nybro_promise, draft


def test_it_stems_like_postgresql_swedish():
    assert stem("trygghetsvandringar") == stem("trygghetsvandring")
    assert stem("trygghetsvandringarna") == "trygghetsvandring"
    assert stem("kvällarna") == stem("kvällar") == "kväll"
    assert stem("polisen") == "polis"


def test_it_finds_the_singular_from_the_plural(promises):
    kalmar_promise, nybro_promise, _draft = promises
    results = search_public("trygghetsvandringar", limit=10)
    assert results.message == ""
    found = {(hit.promise.pk, bool(hit.commitment)) for hit in results.hits}
    assert found == {(kalmar_promise.pk, True), (nybro_promise.pk, True)}
    assert results.total == 2


def test_it_never_shows_drafts(promises):
    results = search_public("utkastet", limit=10)
    assert results.total == 0 and results.hits == []


def test_it_filters_by_kommun(promises, nybro):
    results = search_public("trygghetsvandring", kommun=nybro.code, limit=10)
    assert [hit.promise.title for hit in results.hits] == ["Nybro tillsammans"]


def test_it_requires_every_word(promises):
    assert search_public("trygghetsvandring Oxhagen", limit=10).total == 1
    assert search_public("trygghetsvandring belysning", limit=10).total == 0


def test_it_searches_promise_titles_and_summaries(promises):
    results = search_public("kväll", limit=10)
    assert [(h.promise.title, h.commitment) for h in results.hits] == [
        ("Tryggare Kalmar centrum", None)
    ]
    assert "<mark>kvällarna</mark>" in results.hits[0].snippet


def test_it_finds_a_promise_by_its_focus_areas(kalmar, lpo_kalmar, superuser):
    _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Medborgarlöfte Ekby 2026",
        summary="Otrygghet kring torget.",
        focus=[
            ("Trygg stadskärna på kvällar och helger", ""),
            ("Unga i riskmiljöer", "Förebygga att unga rekryteras till gängen."),
        ],
        commitments=["Polisen patrullerar vid torget."],
    )
    for query, marked in [
        ("stadskärna", "<mark>stadskärna</mark>"),
        ("helgerna", "<mark>helger</mark>"),
        ("förebygga", "<mark>Förebygga</mark>"),
    ]:
        results = search_public(query, limit=10)
        assert [(h.promise.title, h.commitment) for h in results.hits] == [
            ("Medborgarlöfte Ekby 2026", None)
        ], query
        assert marked in results.hits[0].snippet, query


def test_it_sees_a_promise_published_after_the_last_search(promises, superuser):
    _k, _n, draft = promises
    draft = promise_set_status(actor=superuser, promise=draft, status="adopted")
    assert search_public("utkastet", limit=10).total == 0
    promise_set_status(actor=superuser, promise=draft, status="published")
    assert search_public("utkastet", limit=10).total == 1
    closed = Promise.objects.get(pk=draft.pk)
    promise_set_status(actor=superuser, promise=closed, status="adopted")
    assert search_public("utkastet", limit=10).total == 0


@pytest.mark.parametrize(
    "query",
    ["", "   ", '"*:()', "x" * 2000, 'NEAR(a b) OR "', "trygg*", "-polis", "a:b"],
)
def test_it_answers_bad_input_with_a_message_or_results(promises, query):
    results = search_public(query, limit=10)
    assert isinstance(results.total, int)
    if not query.strip() or query == '"*:()' or len(query) > 200:
        assert results.message


def test_it_refuses_an_unknown_kommun_with_a_message(promises):
    results = search_public("polis", kommun="9999", limit=10)
    assert "9999" in results.message and results.hits == []


def test_it_pages(promises):
    first = search_public("trygghetsvandring", limit=1, offset=0)
    second = search_public("trygghetsvandring", limit=1, offset=1)
    assert first.total == second.total == 2
    assert first.has_next and not second.has_next
    assert first.hits[0].commitment != second.hits[0].commitment


def test_it_escapes_snippets():
    snippet = highlight(
        "<script>alert(1)</script> trygghetsvandring", {stem("trygghetsvandring")}
    )
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "<mark>trygghetsvandring</mark>" in snippet


def test_it_rebuilds_the_index(promises):
    call_command("reindex")
    assert search_public("trygghetsvandringar", limit=10).total == 2


def test_it_shows_results_on_the_search_page(client, promises):
    response = client.get(reverse("publishing:search"), {"q": "trygghetsvandringar"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tryggare Kalmar centrum" in body
    assert "<mark>trygghetsvandring</mark>" in body
    assert "Hemligt utkast" not in body


@pytest.mark.parametrize(
    "query", ["", '"*:()', "x" * 2000, "<script>alert(1)</script>"]
)
def test_it_never_fails_on_bad_input_on_the_page(client, promises, query):
    response = client.get(reverse("publishing:search"), {"q": query, "kommun": "0880"})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


def test_it_escapes_script_in_promise_text(client, kalmar, lpo_kalmar, superuser):
    _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Skript <script>alert(1)</script> trygghet",
        commitments=["<img src=x onerror=alert(1)> trygghetsvandring"],
    )
    response = client.get(reverse("publishing:search"), {"q": "trygghetsvandring"})
    assert b"<img src=x" not in response.content
    assert b"<script>alert" not in response.content


def test_it_searches_in_a_bounded_number_of_queries(
    client, promises, django_assert_max_num_queries
):
    search_public("polis", limit=10)  # index once
    with django_assert_max_num_queries(8):
        client.get(reverse("publishing:search"), {"q": "trygghetsvandring polis"})


@pytest.mark.parametrize(
    "params",
    [
        {"q": "polisen", "start": "99999999999999999999"},
        {"q": "trygghetsvandring", "start": str(2**63)},
        {"q": "trygghetsvandring", "start": "-99999999999999999999"},
        {"q": "polisen\x00", "kommun": "0880"},
        {"q": "polisen", "kommun": "08\x0080"},
        {"q": "\x00"},
    ],
    ids=[
        "start-beyond-64-bits",
        "start-2**63",
        "start-negative",
        "nul-q",
        "nul-kommun",
        "nul-only",
    ],
)
def test_an_anonymous_search_never_fails_on_hostile_parameters(
    client, promises, params
):
    """Issue #13: start=99999999999999999999 was a 500 for anyone (an integer past
    64 bits reached the SQL); NUL reached PostgreSQL, which cannot take it."""
    response = client.get(reverse("publishing:search"), params)
    assert response.status_code == 200


def test_a_page_beyond_the_results_is_empty_not_an_error(promises):
    results = search_public("trygghetsvandring", limit=10, offset=10**20)
    assert results.total == 2
    assert results.hits == []


def test_a_hit_shows_the_period_as_the_promise_page_does(
    client, kalmar, lpo_kalmar, superuser
):
    import datetime as dt
    import re

    promise = promise_create(
        actor=superuser,
        fields=PromiseFields(
            title="Lugnare kvällar i Kvarnholmen",
            parties=[kalmar, lpo_kalmar],
            period_start=dt.date(2027, 3, 1),
            period_end=dt.date(2029, 2, 28),
        ),
        focus_areas=[],
        commitments=[CommitmentRow(text="Nattvandring varje fredag.", responsible=[])],
        signatories=[],
    )
    # As an imported promise keeps it: the document's own words for the period.
    Promise.objects.filter(pk=promise.pk).update(period_text="2027-03-01--2029-02-28")
    promise = promise_set_status(actor=superuser, promise=promise, status="adopted")
    promise_set_status(actor=superuser, promise=promise, status="published")

    body = client.get(reverse("publishing:search"), {"q": "kvarnholmen"}).content
    results = body.decode()
    assert "1 mars 2027 – 28 februari 2029" in results
    assert "2027-03-01--2029-02-28" not in results
    page = client.get(reverse("publishing:promise", args=[promise.uid])).content
    shown = re.search(r"<dt>Period</dt><dd>(.*?)</dd>", page.decode(), re.S)
    assert shown and shown.group(1).strip() == "1 mars 2027 – 28 februari 2029"


def test_a_hit_without_dates_keeps_its_period_text(
    client, kalmar, lpo_kalmar, superuser
):
    promise = _promise(superuser, [kalmar, lpo_kalmar], title="Trygga broar i Kalmar")
    Promise.objects.filter(pk=promise.pk).update(period_text="hösten 2027")
    body = client.get(reverse("publishing:search"), {"q": "broar"}).content.decode()
    assert "· hösten 2027" in body


def test_the_help_texts_examples_find_what_they_name(
    client, kalmar, lpo_kalmar, superuser
):
    # The help suggested "skolan", which Snowball (as PostgreSQL) leaves unstemmed,
    # so it found nothing though commitments spoke of "skolorna" (new-user session).
    _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Trygga skolvägar",
        commitments=[
            "Polisen besöker skolorna varje termin.",
            "Kommunen ordnar en trygghetsvandring kring stationen.",
        ],
    )
    page = client.get(reverse("publishing:search")).content.decode()
    examples = re.findall(r"”(\w+)”", page)
    assert examples
    for word in examples:
        assert search_public(word, limit=10).total == 1, word
