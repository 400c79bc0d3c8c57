"""Staff pages: who may do what, the one-page form, bad input, status and history."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from medborgarloften.promises.exchange import promise_to_record
from medborgarloften.promises.models import Commitment, Promise, Revision
from medborgarloften.promises.services import promise_set_status

from .formdata import form_data

# --- Helpers -------------------------------------------------------------------------


def _edit_url(promise: Promise) -> str:
    return reverse("promises:edit", args=[promise.pk])


def _page_data(client, url: str) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.content.decode())


def _add_row(data: dict[str, list[str]], prefix: str, **values) -> int:
    """Append a row as the JS 'add' button would: next index, TOTAL_FORMS + 1."""
    index = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]
    for key, value in values.items():
        data[f"{prefix}-{index}-{key}"] = value if isinstance(value, list) else [value]
    return index


def _errors(response) -> str:
    html = response.content.decode()
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    return match.group(0) if match else ""


def _state(promise: Promise) -> tuple[dict, int, int]:
    promise = Promise.objects.get(pk=promise.pk)
    return (
        promise_to_record(promise),
        promise.revisions.count(),
        Commitment.objects.count(),
    )


# --- Anonymous visitors ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["list", "create"])
def test_it_sends_anonymous_visitors_to_login(client, db, name):
    response = client.get(reverse(f"promises:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_sends_anonymous_visitors_to_login_from_promise_pages(
    client, kalmar_promise
):
    for url in (
        reverse("promises:detail", args=[kalmar_promise.pk]),
        _edit_url(kalmar_promise),
        reverse("promises:history", args=[kalmar_promise.pk]),
        reverse("promises:status", args=[kalmar_promise.pk, "published"]),
    ):
        response = client.post(url) if "status" in url else client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login"))
    assert Promise.objects.get(pk=kalmar_promise.pk).status == "draft"


# --- Permissions per role ------------------------------------------------------------

ROLES = [
    # persona, may read, may edit
    ("kommun_admin", True, True),
    ("kommun_editor", True, True),
    ("kommun_reporter", True, False),
    ("kommun_viewer", True, False),
    ("polis_editor", True, True),
    ("other_kommun_editor", False, False),
    ("superuser", True, True),
]


@pytest.mark.parametrize(("persona", "may_read", "may_edit"), ROLES)
def test_it_lets_each_role_read_and_edit_as_allowed(
    client, request, kalmar_promise, persona, may_read, may_edit
):
    client.force_login(request.getfixturevalue(persona))
    read = 200 if may_read else 403
    edit = 200 if may_edit else 403
    pk = kalmar_promise.pk
    assert client.get(reverse("promises:detail", args=[pk])).status_code == read
    assert client.get(reverse("promises:history", args=[pk])).status_code == read
    assert client.get(_edit_url(kalmar_promise)).status_code == edit
    status_url = reverse("promises:status", args=[pk, "adopted"])
    assert client.get(status_url).status_code == edit


@pytest.mark.parametrize(
    "persona",
    ["kommun_reporter", "kommun_viewer", "other_kommun_editor"],
)
def test_it_refuses_changes_from_those_who_may_not_edit_and_changes_nothing(
    client, request, kalmar_promise, kommun_editor, persona
):
    client.force_login(kommun_editor)
    data = _page_data(client, _edit_url(kalmar_promise))
    data["title"] = ["Kapat löfte"]
    before = _state(kalmar_promise)

    client.force_login(request.getfixturevalue(persona))
    response = client.post(_edit_url(kalmar_promise), data)
    assert response.status_code == 403
    assert "behörighet" in response.content.decode()
    response = client.post(
        reverse("promises:status", args=[kalmar_promise.pk, "published"])
    )
    assert response.status_code == 403
    assert _state(kalmar_promise) == before
    assert Promise.objects.get(pk=kalmar_promise.pk).status == "draft"


def test_it_renders_a_swedish_403_page(client, kalmar_promise, other_kommun_editor):
    client.force_login(other_kommun_editor)
    response = client.get(_edit_url(kalmar_promise))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Du har inte behörighet till den här sidan" in html
    assert 'lang="sv"' in html


def test_it_refuses_the_create_page_to_readers(client, kommun_viewer):
    client.force_login(kommun_viewer)
    assert client.get(reverse("promises:create")).status_code == 403
    assert client.post(reverse("promises:create"), {}).status_code == 403


def test_it_shows_edit_controls_only_to_editors(
    client, kalmar_promise, kommun_viewer, kommun_editor
):
    url = reverse("promises:detail", args=[kalmar_promise.pk])
    client.force_login(kommun_viewer)
    assert _edit_url(kalmar_promise) not in client.get(url).content.decode()
    client.force_login(kommun_editor)
    html = client.get(url).content.decode()
    assert _edit_url(kalmar_promise) in html
    assert reverse("promises:status", args=[kalmar_promise.pk, "adopted"]) in html


# --- List ----------------------------------------------------------------------------


def test_it_lists_the_users_promises_with_status_and_filter(
    client, kalmar_promise, nybro_promise, kommun_viewer
):
    client.force_login(kommun_viewer)
    html = client.get(reverse("promises:list")).content.decode()
    assert kalmar_promise.title in html
    assert nybro_promise.title not in html
    assert "Utkast" in html
    html = client.get(reverse("promises:list"), {"status": "published"}).content
    assert kalmar_promise.title not in html.decode()


def test_it_lands_on_the_list_after_login(client, kommun_editor):
    response = client.post(
        reverse("accounts:login"),
        {"username": "kommun_editor", "password": "test-losenord-123"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("promises:list")


# --- Create ----------------------------------------------------------------------------


def test_it_creates_a_promise_with_rows_from_one_page(
    client, kommun_editor, kalmar, lpo_kalmar, areas_kalmar
):
    client.force_login(kommun_editor)
    data = _page_data(client, reverse("promises:create"))
    # The editor's kommun and its lokalpolisområde are suggested as parties.
    assert data["kommuner"] == [str(kalmar.pk)]
    assert data["police"] == [str(lpo_kalmar.pk)]
    data.update(
        {
            "title": ["Medborgarlöfte Kalmar 2026"],
            "period_start": ["2026-01-01"],
            "period_end": ["2026-12-31"],
            "evidence_sources": ["trygghetsmatning"],
            "focus-0-title": ["Trygg kvällsmiljö"],
            "commitments-0-text": ["Polisen patrullerar i Berga."],
            "commitments-0-focus_area": ["0"],
            "commitments-0-responsible": ["polis"],
            "commitments-0-areas": [str(areas_kalmar[0].pk)],
            "commitments-0-target_quantity": ["40"],
            "commitments-0-target_unit": ["kvällar"],
            "commitments-0-target_per": ["år"],
            "signatories-0-name": ["Anna Andersson"],
            "signatories-0-organisation": [str(kalmar.pk)],
        }
    )
    _add_row(
        data, "commitments", text="Kommunen ordnar trygghetsvandringar.", ORDER="2"
    )
    response = client.post(reverse("promises:create"), data)
    promise = Promise.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("promises:detail", args=[promise.pk])
    commitments = list(promise.commitments.all())
    assert [c.text for c in commitments] == [
        "Polisen patrullerar i Berga.",
        "Kommunen ordnar trygghetsvandringar.",
    ]
    assert commitments[0].focus_area.title == "Trygg kvällsmiljö"
    assert commitments[0].target_display() == "minst 40 kvällar per år"
    assert list(commitments[0].areas.all()) == [areas_kalmar[0]]
    assert promise.revisions.get().actor == kommun_editor
    # The kommun's editor speaks for the kommun; the lokalpolisområde is asked and
    # joins the parties when its own editor accepts (issue 13, M3).
    assert set(promise.parties.all()) == {kalmar}
    assert [(r.organisation, r.status) for r in promise.party_requests.all()] == [
        (lpo_kalmar, "pending")
    ]


def test_it_keeps_blank_added_rows_from_blocking_a_save(
    client, kommun_editor, kalmar, lpo_kalmar
):
    client.force_login(kommun_editor)
    data = _page_data(client, reverse("promises:create"))
    data["title"] = ["Löfte utan rader"]
    _add_row(data, "commitments", ORDER="5")
    response = client.post(reverse("promises:create"), data)
    assert response.status_code == 302
    assert not Promise.objects.get().commitments.exists()


# --- Bad input -------------------------------------------------------------------------


def test_it_explains_each_bad_field_and_saves_nothing(
    client, kommun_editor, kalmar_promise
):
    client.force_login(kommun_editor)
    data = _page_data(client, _edit_url(kalmar_promise))
    data.update(
        {
            "title": [""],
            "period_start": ["2025-12-31"],
            "period_end": ["2025-01-01"],
            "commitments-0-target_quantity": ["1,5"],
            "commitments-1-target_quantity": ["-3"],
            "commitments-1-text": [""],
        }
    )
    before = _state(kalmar_promise)
    response = client.post(_edit_url(kalmar_promise), data)
    assert response.status_code == 200
    summary = _errors(response)
    assert "Titel: skriv en titel för löftet." in summary
    assert "Period till: periodens slut kan inte ligga före dess början." in summary
    assert "Åtagande 1 – Antal: ange ett positivt heltal" in summary
    assert "Åtagande 2 – Åtagande: skriv vad som ska göras." in summary
    assert "Åtagande 2 – Antal: ange ett positivt heltal" in summary
    assert 'href="#id_title"' in summary
    html = response.content.decode()
    assert re.search(r'<input[^>]*name="title"[^>]*aria-invalid="true"', html)
    assert re.search(
        r'<textarea[^>]*aria-invalid="true"[^>]*'
        r'aria-describedby="id_commitments-1-text_helptext id_commitments-1-text_error"',
        html,
    )
    assert 'id="id_commitments-1-text_error"' in html
    # What was typed is shown again.
    assert 'value="1,5"' in html
    assert _state(kalmar_promise) == before


def test_it_requires_a_kommun_among_the_parties(client, polis_editor, lpo_kalmar):
    client.force_login(polis_editor)
    data = _page_data(client, reverse("promises:create"))
    data["title"] = ["Utan kommun"]
    data["kommuner"] = []
    response = client.post(reverse("promises:create"), data)
    assert "Kommuner: välj minst en kommun bland parterna." in _errors(response)
    assert not Promise.objects.exists()


def test_it_requires_the_editors_own_organisation_among_the_parties(
    client, kommun_editor, nybro, lpo_nybro
):
    client.force_login(kommun_editor)
    data = _page_data(client, reverse("promises:create"))
    data.update(
        {
            "title": ["Nybros löfte"],
            "kommuner": [str(nybro.pk)],
            "police": [str(lpo_nybro.pk)],
        }
    )
    response = client.post(reverse("promises:create"), data)
    assert "din organisation (Kalmar kommun) måste vara part" in _errors(response)
    assert not Promise.objects.exists()


def test_it_refuses_areas_outside_the_promises_kommuner(
    client, kommun_editor, kalmar_promise, nybro, area_nybro
):
    client.force_login(kommun_editor)
    data = _page_data(client, _edit_url(kalmar_promise))
    # Nybro was a party while the page was filled in, then removed again.
    data["kommuner"].append(str(nybro.pk))
    data["add_rows"] = ["commitments"]
    page = client.post(_edit_url(kalmar_promise), data).content.decode()
    assert "Centrum (Nybro)" in page
    data = form_data(page)
    data["commitments-0-areas"] = [str(area_nybro.pk)]
    data["kommuner"].remove(str(nybro.pk))
    before = _state(kalmar_promise)
    response = client.post(_edit_url(kalmar_promise), data)
    assert "Åtagande 1 – Områden: ett valt område ligger inte i någon av löftets " in (
        _errors(response)
    )
    assert _state(kalmar_promise) == before


def test_it_explains_a_commitment_whose_focus_area_is_removed(
    client, kommun_editor, kalmar_promise
):
    client.force_login(kommun_editor)
    data = _page_data(client, _edit_url(kalmar_promise))
    data["focus-0-DELETE"] = ["on"]
    before = _state(kalmar_promise)
    response = client.post(_edit_url(kalmar_promise), data)
    assert "Åtagande 1 – Fokusområde: det valda fokusområdet tas bort" in _errors(
        response
    )
    assert _state(kalmar_promise) == before


# --- Rows without JavaScript -----------------------------------------------------------


def test_it_adds_rows_without_javascript_and_keeps_what_was_typed(
    client, kommun_editor, kalmar_promise
):
    client.force_login(kommun_editor)
    data = _page_data(client, _edit_url(kalmar_promise))
    data["title"] = ["Ändrad men inte sparad"]
    data["commitments-1-target_quantity"] = ["abc"]
    data["add_rows"] = ["commitments"]
    before = _state(kalmar_promise)
    response = client.post(_edit_url(kalmar_promise), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Ändrad men inte sparad"' in html
    assert 'name="commitments-TOTAL_FORMS" value="3"' in html
    assert 'name="commitments-2-text"' in html
    # No error is shown for a half-filled page that was not saved.
    assert not _errors(response)
    assert 'aria-invalid="true"' not in html
    assert _state(kalmar_promise) == before


def test_it_saves_a_new_focus_area_chosen_by_a_new_commitment(
    client, kommun_editor, kalmar_promise
):
    client.force_login(kommun_editor)
    data = _page_data(client, _edit_url(kalmar_promise))
    focus = _add_row(data, "focus", title="Ungas fritid", ORDER="2")
    _add_row(
        data,
        "commitments",
        text="Kommunen håller fritidsgården öppen på fredagar.",
        focus_area=str(focus),
        responsible="kommun",
        ORDER="3",
    )
    response = client.post(_edit_url(kalmar_promise), data)
    assert response.status_code == 302
    commitment = kalmar_promise.commitments.get(text__startswith="Kommunen håller")
    assert commitment.focus_area.title == "Ungas fritid"


def test_it_reorders_and_removes_rows(client, kommun_editor, kalmar_promise):
    client.force_login(kommun_editor)
    data = _page_data(client, _edit_url(kalmar_promise))
    data["commitments-0-ORDER"] = ["2"]
    data["commitments-1-ORDER"] = ["1"]
    data["signatories-0-DELETE"] = ["on"]
    response = client.post(_edit_url(kalmar_promise), data)
    assert response.status_code == 302
    texts = [c.text[:7] for c in kalmar_promise.commitments.all()]
    assert texts == ["Kommune", "Polisen"]
    assert not kalmar_promise.signatories.exists()


# --- Revisions ---------------------------------------------------------------------------


def test_it_records_an_edit_with_before_and_after_and_shows_it(
    client, kommun_editor, kalmar_promise
):
    client.force_login(kommun_editor)
    data = _page_data(client, _edit_url(kalmar_promise))
    data["title"] = ["Medborgarlöfte Kalmar 2025 (reviderat)"]
    data["commitments-0-target_quantity"] = ["60"]
    assert client.post(_edit_url(kalmar_promise), data).status_code == 302
    revision = kalmar_promise.revisions.get(action=Revision.Action.UPDATED)
    assert revision.actor == kommun_editor
    assert revision.before["title"] == "Medborgarlöfte Kalmar 2025"
    assert revision.after["title"] == "Medborgarlöfte Kalmar 2025 (reviderat)"

    html = client.get(
        reverse("promises:history", args=[kalmar_promise.pk])
    ).content.decode()
    assert "Ändrat" in html and "kommun_editor" in html
    assert '<del class="diff-del">Medborgarlöfte Kalmar 2025</del>' in html
    assert '<ins class="diff-ins">Medborgarlöfte Kalmar 2025 (reviderat)</ins>' in html
    assert "Åtagande 1: Antal" in html


def test_it_saves_an_unchanged_page_without_a_new_revision(
    client, kommun_editor, kalmar_promise
):
    client.force_login(kommun_editor)
    data = _page_data(client, _edit_url(kalmar_promise))
    assert client.post(_edit_url(kalmar_promise), data).status_code == 302
    assert kalmar_promise.revisions.count() == 1


# --- Status ------------------------------------------------------------------------------


def test_it_publishes_through_a_confirmation_page(
    client, kommun_editor, kalmar_promise
):
    promise_set_status(actor=kommun_editor, promise=kalmar_promise, status="adopted")
    client.force_login(kommun_editor)
    url = reverse("promises:status", args=[kalmar_promise.pk, "published"])
    html = client.get(url).content.decode()
    assert "Status ändras från Antaget till Publicerat." in html
    assert "synligt för alla" in html
    assert Promise.objects.get(pk=kalmar_promise.pk).status == "adopted"

    response = client.post(url)
    assert response.status_code == 302
    promise = Promise.objects.get(pk=kalmar_promise.pk)
    assert promise.status == "published"
    revision = promise.revisions.filter(action=Revision.Action.STATUS).latest("pk")
    assert revision.before["status"] == "adopted"
    assert revision.after["status"] == "published"


def test_it_offers_a_draft_adoption_and_never_publishing(
    client, kommun_editor, kalmar_promise
):
    client.force_login(kommun_editor)
    html = client.get(reverse("promises:detail", args=[kalmar_promise.pk])).content
    html = html.decode()
    adopt = reverse("promises:status", args=[kalmar_promise.pk, "adopted"])
    publish = reverse("promises:status", args=[kalmar_promise.pk, "published"])
    assert f'href="{adopt}">Anta</a>' in html
    assert publish not in html

    response = client.post(publish, follow=True)
    assert "kan inte få den statusen" in response.content.decode()
    assert Promise.objects.get(pk=kalmar_promise.pk).status == "draft"
    assert not kalmar_promise.revisions.filter(action=Revision.Action.STATUS).exists()


def test_it_refuses_a_transition_the_model_does_not_allow(
    client, kommun_editor, kalmar_promise
):
    client.force_login(kommun_editor)
    url = reverse("promises:status", args=[kalmar_promise.pk, "closed"])
    response = client.post(url, follow=True)
    assert "kan inte få den statusen" in response.content.decode()
    assert Promise.objects.get(pk=kalmar_promise.pk).status == "draft"


def test_it_lets_a_polis_editor_publish_a_promise_of_their_lpo(
    client, polis_editor, kalmar_promise
):
    client.force_login(polis_editor)
    url = reverse("promises:status", args=[kalmar_promise.pk, "adopted"])
    assert client.post(url).status_code == 302
    assert Promise.objects.get(pk=kalmar_promise.pk).status == "adopted"


# --- Query counts ------------------------------------------------------------------------


def test_it_renders_the_edit_page_in_the_same_queries_for_many_rows(
    client, kommun_editor, kalmar_promise
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(kommun_editor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_edit_url(kalmar_promise)).status_code == 200
        return len(captured)

    few = queries()
    for i in range(10):
        Commitment.objects.create(promise=kalmar_promise, text=f"Extra {i}", position=9)
    assert queries() == few


def test_it_refuses_to_overwrite_changes_saved_by_someone_else_meanwhile(
    client, kommun_editor, polis_editor, kalmar_promise
):
    client.force_login(kommun_editor)
    data = _page_data(client, _edit_url(kalmar_promise))
    data["title"] = ["Kommunens titel"]

    other = type(client)()
    other.force_login(polis_editor)
    theirs = _page_data(other, _edit_url(kalmar_promise))
    theirs["title"] = ["Polisens titel"]
    assert other.post(_edit_url(kalmar_promise), theirs).status_code == 302

    response = client.post(_edit_url(kalmar_promise), data)
    assert "Någon annan har sparat ändringar i löftet" in _errors(response)
    assert Promise.objects.get(pk=kalmar_promise.pk).title == "Polisens titel"
    # Saving again from the page that was shown replaces their changes knowingly.
    again = form_data(response.content.decode())
    assert client.post(_edit_url(kalmar_promise), again).status_code == 302
    assert Promise.objects.get(pk=kalmar_promise.pk).title == "Kommunens titel"


def test_it_refuses_an_edit_posted_without_its_version(
    client, kommun_editor, polis_editor, kalmar_promise
):
    """Issue 13: a post without the version field skipped the check for somebody
    else's save and overwrote it."""
    client.force_login(kommun_editor)
    data = _page_data(client, _edit_url(kalmar_promise))
    data["title"] = ["Kommunens titel"]
    other = type(client)()
    other.force_login(polis_editor)
    theirs = _page_data(other, _edit_url(kalmar_promise))
    theirs["title"] = ["Polisens titel"]
    assert other.post(_edit_url(kalmar_promise), theirs).status_code == 302
    for blank in ({}, {"version": [""]}):
        post = {k: v for k, v in data.items() if k != "version"} | blank
        response = client.post(_edit_url(kalmar_promise), post)
        assert response.status_code == 200
        assert "Formuläret saknar sin version" in _errors(response)
        assert Promise.objects.get(pk=kalmar_promise.pk).title == "Polisens titel"


def test_it_creates_one_promise_when_the_new_promise_form_is_sent_twice(
    client, kommun_editor, kalmar, lpo_kalmar
):
    """Issue 13: a double-submitted new promise created two."""
    client.force_login(kommun_editor)
    data = _page_data(client, reverse("promises:create"))
    assert data["submission"][0]
    data["title"] = ["Medborgarlöfte Kalmar 2027"]
    first = client.post(reverse("promises:create"), data)
    again = client.post(reverse("promises:create"), data, follow=True)
    promise = Promise.objects.get()
    assert first["Location"] == reverse("promises:detail", args=[promise.pk])
    assert again.redirect_chain[-1][0] == first["Location"]
    assert "var redan sparat" in again.content.decode()
    assert promise.revisions.count() == 1
    # A fresh form is a new promise.
    fresh = _page_data(client, reverse("promises:create"))
    assert fresh["submission"] != data["submission"]
    fresh["title"] = ["Ett till löfte"]
    client.post(reverse("promises:create"), fresh)
    assert Promise.objects.count() == 2


def test_it_does_not_hand_over_a_promise_for_someone_elses_form_key(
    kommun_editor, other_kommun_editor, kalmar, nybro
):
    import uuid

    from django.core.exceptions import ValidationError

    from medborgarloften.promises.services import PromiseFields, promise_create

    key = uuid.uuid4()
    promise_create(
        actor=kommun_editor,
        fields=PromiseFields(title="Kalmars", parties=[kalmar]),
        submission=key,
    )
    with pytest.raises(ValidationError):
        promise_create(
            actor=other_kommun_editor,
            fields=PromiseFields(title="Nybros", parties=[nybro]),
            submission=key,
        )
    assert Promise.objects.count() == 1


def test_it_advises_on_a_commitment_that_cannot_be_followed_up(
    client, kalmar_promise, kommun_editor
):
    """The editor shows the same measurability check as the importer's review."""
    client.force_login(kommun_editor)
    html = client.get(_edit_url(kalmar_promise)).content.decode()
    # "ser över belysningen" has no number, frequency or deadline …
    assert html.count('class="measurability"') == 1
    assert "Löftet anger inget antal." in html
    # … while "40 kvällar per år" needs no advice.
    row = html[html.index("commitments-0-row") : html.index("commitments-1-row")]
    assert 'class="measurability"' not in row


def test_it_flags_a_vague_verb_while_editing(client, kalmar_promise, kommun_editor):
    client.force_login(kommun_editor)
    data = _page_data(client, _edit_url(kalmar_promise))
    data["commitments-1-text"] = ["Kommunen ska verka för bättre belysning."]
    data["title"] = [""]  # an error keeps the form on the page with what was typed
    html = client.post(_edit_url(kalmar_promise), data).content.decode()
    row = html[html.index("commitments-1-row") :]
    assert 'class="measurability"' in row
    assert "Vagt uttryck: &quot;verka för&quot;." in row


def test_it_checks_the_whole_promise_before_adoption(
    client, kalmar_promise, kommun_editor
):
    client.force_login(kommun_editor)
    html = client.get(reverse("promises:detail", args=[kalmar_promise.pk])).content
    html = html.decode()
    assert "Löftesperioden är angiven." in html
    assert "Kommun och polis är parter." in html
    assert "Det står hur löftet följs upp." in html
    assert "Undertecknarna har datum." in html
    assert "1 av 2 åtaganden saknar mätbart mål" in html


def test_it_names_what_an_empty_draft_lacks(client, kommun_editor, kalmar):
    from medborgarloften.promises.selectors import promise_checks
    from medborgarloften.promises.services import PromiseFields, promise_create

    promise = promise_create(
        actor=kommun_editor,
        fields=PromiseFields(title="Tomt utkast", parties=[kalmar]),
        focus_areas=[],
        commitments=[],
        signatories=[],
    )
    failing = {c.code for c in promise_checks(promise) if not c.ok}
    assert failing == {"period", "parties", "follow_up", "signatures", "measurable"}


def test_a_party_number_beyond_64_bits_is_a_form_error_not_a_server_error(
    client, kommun_editor, kalmar, lpo_kalmar
):
    # Found by tests/test_fuzz_forms.py: on SQLite the query raised OverflowError.
    client.raise_request_exception = False
    client.force_login(kommun_editor)
    data = _page_data(client, reverse("promises:create"))
    data["title"] = ["Löfte"]
    data["other_parties"] = ["99999999999999999999999"]

    response = client.post(reverse("promises:create"), data)

    assert response.status_code == 200
    assert "99999999999999999999999" in response.content.decode()
    assert not Promise.objects.exists()


def test_odd_kommun_numbers_on_the_create_page_are_form_errors(
    client, kommun_editor, kalmar, lpo_kalmar
):
    # Found by tests/test_fuzz_forms.py: the area choices were looked up with them.
    client.raise_request_exception = False
    client.force_login(kommun_editor)
    data = _page_data(client, reverse("promises:create"))
    data["title"] = ["Löfte"]

    for odd in ("99999999999999999999999", "²"):
        data["kommuner"] = [odd]
        response = client.post(reverse("promises:create"), data)

        assert response.status_code == 200, odd
    assert not Promise.objects.exists()


def test_it_warns_on_the_adopt_confirmation_about_what_is_missing(
    client, kommun_editor, kalmar_promise, lpo_kalmar
):
    # What the guide promises (kom-igång, step 4): the promise page's checks,
    # said again before the parties adopt it.
    kalmar_promise.signatories.update(signed_on=None)
    kalmar_promise.parties.remove(lpo_kalmar)
    client.force_login(kommun_editor)
    url = reverse("promises:status", args=[kalmar_promise.pk, "adopted"])
    html = client.get(url).content.decode()
    assert "Innan du fortsätter" in html
    assert "Datum saknas för: Anna Andersson." in html
    assert "både kommunen och polisen som parter" in html
    assert Promise.objects.get(pk=kalmar_promise.pk).status == "draft"
