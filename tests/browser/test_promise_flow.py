"""The whole coordinator flow in a real browser: log in, write a promise with two
commitments (added with the JS button), publish it through the confirmation page, and
read it as an anonymous visitor — who gets an accessible page, also on a phone."""

from __future__ import annotations

import re

import pytest

from medborgarloften.promises.models import Promise

PASSWORD = "test-losenord-123"


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
def test_it_takes_a_promise_from_login_to_the_public_page(
    live_server, browser, page, kommun_editor, kalmar, lpo_kalmar
):
    _log_in(page, live_server, "kommun_editor")
    page.get_by_role("link", name="Nytt medborgarlöfte").click()

    page.get_by_label("Titel (måste fyllas i)").fill("Tryggare centrum i Kalmar")
    page.get_by_label("Period från").fill("2025-01-01")
    page.get_by_label("Period till").fill("2026-12-31")
    page.locator("#id_situation_summary").fill(
        "Otrygghet kring busstationen kvällstid."
    )

    page.locator("#id_focus-0-title").fill("Kvällar vid busstationen")
    first = page.locator("#commitments-section [data-formset-item]").nth(0)
    first.locator("textarea[name$='-text']").fill(
        "Polisen patrullerar vid busstationen."
    )
    # The focus area typed above is offered at once, before anything is saved.
    first.locator("select[name$='-focus_area']").select_option(
        label="Kvällar vid busstationen"
    )
    first.get_by_label("Polisen").check()
    first.locator("input[name$='-target_quantity']").fill("40")
    first.locator("input[name$='-target_unit']").fill("kvällar")
    first.locator("select[name$='-target_per']").select_option("år")
    assert (
        "minst 40 kvällar per år" in first.locator("[data-target-preview]").inner_text()
    )

    page.get_by_role("button", name="Lägg till åtagande").click()
    rows = page.locator("#commitments-section [data-formset-item]")
    assert rows.count() == 2
    second = rows.nth(1)
    # The new row has focus on its first field and a number of its own.
    assert second.locator(":scope > legend").inner_text() == "Åtagande 2"
    page.keyboard.type("Kommunen ser över belysningen i parken.")
    second.get_by_label("Kommunen").check()

    page.locator("#id_signatories-0-name").fill("Anna Andersson")
    page.get_by_role("button", name="Spara", exact=True).last.click()

    page.wait_for_url(re.compile(r"/personal/lofte/\d+/$"))
    assert "är sparat" in page.locator(".messages").inner_text()

    page.get_by_role("link", name="Anta", exact=True).click()
    assert "Status ändras från Utkast till Antaget." in page.content()
    page.get_by_role("button", name="Ja, anta").click()
    page.wait_for_url(re.compile(r"/personal/lofte/\d+/$"))
    page.get_by_role("link", name="Publicera").click()
    assert "Status ändras från Antaget till Publicerat." in page.content()
    page.get_by_role("button", name="Ja, publicera").click()
    page.wait_for_url(re.compile(r"/personal/lofte/\d+/$"))
    assert "Publicerat" in page.locator(".lead .badge").inner_text()

    promise = Promise.objects.get()
    assert promise.status == "published"

    anonymous = browser.new_context(
        locale="sv-SE", viewport={"width": 360, "height": 740}
    )
    try:
        citizen = anonymous.new_page()
        citizen.goto(f"{live_server.url}/")
        citizen.get_by_role("link", name="Kalmar kommun").click()
        citizen.get_by_role("link", name="Tryggare centrum i Kalmar").click()
        assert citizen.url.endswith(f"/lofte/{promise.uid}/")
        commitments = citizen.locator(".commitment-text").all_inner_texts()
        assert commitments == [
            "Polisen patrullerar vid busstationen.",
            "Kommunen ser över belysningen i parken.",
        ]
        body = citizen.locator("main").inner_text()
        assert "Kvällar vid busstationen" in body
        assert "minst 40 kvällar per år" in body
        assert "Anna Andersson" in body
        # Readable at 360 px: nothing wider than the screen.
        assert citizen.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        assert _serious_violations(citizen) == []
    finally:
        anonymous.close()


@pytest.mark.django_db(transaction=True)
def test_it_reorders_removes_and_renames_rows_without_losing_input(
    live_server, page, kommun_editor, kalmar, lpo_kalmar
):
    _log_in(page, live_server, "kommun_editor")
    page.goto(f"{live_server.url}/personal/lofte/nytt/")
    page.get_by_label("Titel (måste fyllas i)").fill("Ordning och reda")
    page.locator("#id_focus-0-title").fill("Första namnet")

    page.locator("#id_commitments-0-text").fill("A: först skrivet")
    page.get_by_role("button", name="Lägg till åtagande").click()
    page.locator("#id_commitments-1-text").fill("B: sedan skrivet")
    page.locator("#id_commitments-1-focus_area").select_option(label="Första namnet")
    page.get_by_role("button", name="Lägg till åtagande").click()
    page.locator("#id_commitments-2-text").fill("C: tas bort")

    # Renaming the focus area renames the choice that was made.
    page.locator("#id_focus-0-title").fill("Nytt namn")
    selected = page.locator("#id_commitments-1-focus_area option:checked")
    assert selected.inner_text() == "Nytt namn"

    page.get_by_role("button", name="Flytta upp Åtagande 2").click()
    legends = page.locator("#commitments-section [data-formset-item] > legend")
    assert legends.all_inner_texts()[:2] == ["Åtagande 1", "Åtagande 2"]
    assert page.locator("#id_commitments-1-text").input_value() == "B: sedan skrivet"
    page.get_by_text("Ta bort Åtagande 3").click()

    page.get_by_role("button", name="Spara", exact=True).last.click()
    page.wait_for_url(re.compile(r"/personal/lofte/\d+/$"))
    promise = Promise.objects.get()
    commitments = list(promise.commitments.select_related("focus_area"))
    assert [c.text for c in commitments] == ["B: sedan skrivet", "A: först skrivet"]
    assert commitments[0].focus_area.title == "Nytt namn"


@pytest.mark.django_db(transaction=True)
def test_it_adds_rows_without_javascript(
    browser, live_server, kommun_editor, kalmar, lpo_kalmar
):
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    try:
        page = context.new_page()
        _log_in(page, live_server, "kommun_editor")
        page.goto(f"{live_server.url}/personal/lofte/nytt/")
        page.get_by_label("Titel (måste fyllas i)").fill("Utan JavaScript")
        page.locator("#id_commitments-0-text").fill("Första åtagandet")
        page.get_by_role("button", name="Lägg till rader – åtaganden").click()
        # The page comes back with what was typed and one more row.
        assert page.get_by_label("Titel (måste fyllas i)").input_value() == (
            "Utan JavaScript"
        )
        page.locator("#id_commitments-1-text").fill("Andra åtagandet")
        page.get_by_role("button", name="Spara", exact=True).last.click()
        page.wait_for_url(re.compile(r"/personal/lofte/\d+/$"))
        texts = list(Promise.objects.get().commitments.values_list("text", flat=True))
        assert texts == ["Första åtagandet", "Andra åtagandet"]
    finally:
        context.close()
