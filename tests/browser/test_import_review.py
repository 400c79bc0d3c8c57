"""Import review in a real browser: log in, upload a Word file written here, see the
extracted spans marked in the text, change one commitment's target, create the draft
and find it in the promise editor."""

from __future__ import annotations

import re

import pytest

from medborgarloften.documents.models import ExtractionRun
from medborgarloften.promises.models import Promise

PASSWORD = "test-losenord-123"

PARAGRAPHS = [
    "Medborgarlöfte för Kalmar kommun 2031–2032",
    "Lokalpolisområde Kalmar och Kalmar kommun har tagit fram lägesbilden utifrån "
    "trygghetsmätningen och dialoger med boende. Otryggheten är störst i Norrliden.",
    "Polisen lovar att:",
    "- genomföra minst tre trygghetsvandringar i Norrliden per år",
    "- hålla en öppen polisträff i månaden på biblioteket",
    "Kommunen lovar att:",
    "- ordna två dialogmöten med boende senast 30 juni 2032",
    "Uppföljning sker två (2) gånger under perioden.",
    "Anna Andersson",
    "Kommunstyrelsens ordförande",
]


def _docx(path) -> None:
    import docx

    document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    document.save(str(path))


def _log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r"/personal/$"))


def _serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.django_db(transaction=True)
def test_it_takes_a_word_file_from_upload_through_review_to_a_draft(
    live_server, page, settings, tmp_path, kommun_editor, kalmar, lpo_kalmar
):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = tmp_path / "medborgarlofte-kalmar.docx"
    _docx(upload)

    _log_in(page, live_server, "kommun_editor")
    page.goto(f"{live_server.url}/personal/import/")
    assert _serious_violations(page) == []
    page.get_by_label("Kommun").select_option(label="Kalmar kommun")
    page.get_by_label("Fil", exact=True).set_input_files(str(upload))
    page.get_by_role("button", name="Läs in och granska").click()
    page.wait_for_url(re.compile(r"/personal/import/\d+/$"))

    source = page.locator("[data-review-source]")
    assert source.locator("mark").count() >= 8
    first = source.locator("#span-commitments-0")
    assert first.inner_text() == (
        "genomföra minst tre trygghetsvandringar i Norrliden per år"
    )
    assert source.locator("#span-commitments-0-quantity").inner_text() == "tre"
    assert _serious_violations(page) == []

    row = page.locator("#commitments-0-row")
    # Pointing at a field marks its words in the text (JavaScript).
    row.locator("input[name$='-target_quantity']").focus()
    assert "is-active" in (first.get_attribute("class") or "")
    assert "Mätbart" in row.locator("[data-check]").inner_text()

    row.locator("input[name$='-target_quantity']").fill("6")
    row.locator("input[name$='-target_unit']").fill("kvällsvandringar")
    page.get_by_role("button", name="Skapa utkast").click()

    page.wait_for_url(re.compile(r"/personal/lofte/\d+/andra/$"))
    assert "är skapat" in page.locator(".messages").inner_text()
    promise = Promise.objects.get()
    assert promise.status == "draft"
    assert ExtractionRun.objects.get().promise == promise
    editor_row = page.locator("#commitments-section [data-formset-item]").nth(0)
    assert editor_row.locator("textarea[name$='-text']").input_value() == (
        "Genomföra minst tre trygghetsvandringar i Norrliden per år"
    )
    assert editor_row.locator("input[name$='-target_quantity']").input_value() == "6"
    assert (
        editor_row.locator("input[name$='-target_unit']").input_value()
        == "kvällsvandringar"
    )


@pytest.mark.django_db(transaction=True)
def test_it_points_from_a_field_to_its_words_without_javascript(
    live_server, browser, settings, tmp_path, kommun_editor, kalmar, lpo_kalmar
):
    from medborgarloften.documents.services import document_upload

    settings.MEDIA_ROOT = tmp_path / "media"
    outcome = document_upload(
        kommun=kalmar,
        data="\n\n".join(PARAGRAPHS).encode(),
        filename="kalmar.txt",
        actor=kommun_editor,
    )
    assert outcome.ok, outcome.error
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    try:
        page = context.new_page()
        _log_in(page, live_server, "kommun_editor")
        page.goto(f"{live_server.url}/personal/import/{outcome.run.pk}/")
        page.locator("#commitments-0-row a.show-span").click()
        assert page.url.endswith("#span-commitments-0")
        # The form still works: check again, and the values come back.
        page.locator("#id_title").fill("Utan skript")
        page.get_by_role("button", name="Kontrollera").last.click()
        assert page.locator("#id_title").input_value() == "Utan skript"
        assert "Uppgifterna är kontrollerade" in page.content()
        assert not Promise.objects.exists()
    finally:
        context.close()


def _uploaded_review(live_server, kommun_editor, kalmar, text: str) -> str:
    from medborgarloften.documents.services import document_upload

    outcome = document_upload(
        kommun=kalmar, data=text.encode(), filename="kalmar.txt", actor=kommun_editor
    )
    assert outcome.ok, outcome.error
    return f"{live_server.url}/personal/import/{outcome.run.pk}/"


@pytest.mark.django_db(transaction=True)
def test_it_brings_the_text_into_view_on_a_phone_and_back_to_the_field(
    live_server, phone_page, settings, tmp_path, kommun_editor, kalmar, lpo_kalmar
):
    settings.MEDIA_ROOT = tmp_path / "media"
    url = _uploaded_review(live_server, kommun_editor, kalmar, "\n\n".join(PARAGRAPHS))
    page = phone_page
    _log_in(page, live_server, "kommun_editor")
    page.goto(url)
    link = page.locator("#commitments-1-row a.show-span")
    link.scroll_into_view_if_needed()
    link.click()
    # The words, not just the top of the form, are on the screen now.
    mark = page.locator("#span-commitments-1")
    assert "is-active" in (mark.get_attribute("class") or "")
    page.wait_for_function(
        "() => { const b = document.querySelector('#span-commitments-1')"
        ".getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight; }"
    )
    # A tap on a mark says what it is (a phone has no hover).
    mark.click()
    assert "Åtagande 2" in page.locator("[data-mark-label]").inner_text()
    page.get_by_role("button", name="Tillbaka till fältet").click()
    page.wait_for_function(
        "() => { const b = document.querySelector('#commitments-1-row')"
        ".getBoundingClientRect(); return b.bottom > 0 && b.top < innerHeight; }"
    )


@pytest.mark.django_db(transaction=True)
def test_it_checks_as_it_creates_after_renaming_focus_areas(
    live_server, page, settings, tmp_path, kommun_editor, kalmar, lpo_kalmar
):
    settings.MEDIA_ROOT = tmp_path / "media"
    text = "\n\n".join(PARAGRAPHS[:2] + ["Fokusområden: Trygghet och Dialog"])
    text += "\n\n" + "\n\n".join(PARAGRAPHS[2:])
    url = _uploaded_review(live_server, kommun_editor, kalmar, text)
    _log_in(page, live_server, "kommun_editor")
    page.goto(url)
    page.locator("#id_focus_areas").fill("Trygghet\nDialog")
    page.get_by_role("button", name="Kontrollera").last.click()
    page.locator("#id_commitments-0-focus_area").select_option("Trygghet")
    page.locator("#id_commitments-2-focus_area").select_option("Dialog")
    page.locator("#id_focus_areas").fill("Trygga kvällar\nDialog med boende")
    page.get_by_role("button", name="Kontrollera").last.click()
    assert "Uppgifterna är kontrollerade" in page.content()
    assert page.locator("#id_commitments-2-focus_area").input_value() == (
        "Dialog med boende"
    )
    page.get_by_role("button", name="Skapa utkast").click()
    page.wait_for_url(re.compile(r"/personal/lofte/\d+/andra/$"))
    commitments = Promise.objects.get().commitments.order_by("position")
    assert [c.focus_area.title if c.focus_area else None for c in commitments] == [
        "Trygga kvällar",
        None,
        "Dialog med boende",
    ]


_CUTS_A_WORD = """() => [...document.querySelectorAll('[data-review-source] mark[id]')]
  .filter(mark => {
    const text = document.querySelector('[data-review-source]').textContent;
    const range = document.createRange();
    range.setStart(document.querySelector('[data-review-source]'), 0);
    range.setEndBefore(mark);
    const start = range.toString().length;
    const end = start + mark.textContent.length;
    const word = /[\\p{L}\\p{N}]/u;
    return (start > 0 && word.test(text[start - 1]) && word.test(text[start]))
      || (word.test(text[end - 1] || '') && word.test(text[end] || ''));
  }).map(mark => mark.id)"""


@pytest.mark.django_db(transaction=True)
def test_a_keyboard_user_reaches_each_mark_and_hears_what_it_is(
    live_server, page, settings, tmp_path, kommun_editor, kalmar, lpo_kalmar
):
    settings.MEDIA_ROOT = tmp_path / "media"
    url = _uploaded_review(live_server, kommun_editor, kalmar, "\n\n".join(PARAGRAPHS))
    _log_in(page, live_server, "kommun_editor")
    page.goto(url)
    source = page.locator("[data-review-source]")
    assert page.evaluate(_CUTS_A_WORD) == []
    # Tab from the text region lands on the first mark, which says what it is.
    source.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    first_id = source.locator("mark[id]").first.get_attribute("id")
    assert focused == first_id
    label = page.locator("[data-mark-label]")
    assert label.inner_text() == source.locator(f"#{first_id}").get_attribute("title")
    # The list of marks: a named link per mark, opened and followed by keyboard.
    summary = page.locator(".mark-index summary")
    summary.focus()
    page.keyboard.press("Enter")
    links = page.locator("[data-mark-link]")
    assert links.count() == source.locator("mark[id]").count()
    commitment = page.get_by_role("link", name=re.compile(r"^Åtagande 2 – ”hålla"))
    commitment.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'span-commitments-1'")
    assert "Åtagande 2" in label.inner_text()
    assert "is-active" in (
        source.locator("#span-commitments-1").get_attribute("class") or ""
    )
    assert _serious_violations(page) == []
