"""The promise form's kommuner: a list of checkboxes, the ticked ones first, that a
search box narrows (with JavaScript) and that scrolls whole without it; keyboard
only, at a desktop's and a phone's width."""

from __future__ import annotations

import pytest

from tests.browser.test_promise_flow import _log_in, _serious_violations

#: Invented kommuner, enough for the list to scroll.
NAMES = [
    f"{stem}{end}"
    for stem in ("Ek", "Björk", "Lind", "Ask")
    for end in ("by", "sjö", "hult", "torp", "vik", "dal", "näs", "holm")
]


@pytest.fixture
def many_kommuner(county_kalmar):
    from medborgarloften.places.models import Organisation, OrganisationKind

    return [
        Organisation.objects.create(
            kind=OrganisationKind.KOMMUN,
            code=f"9{i:03d}",
            name=name,
            county=county_kalmar,
        )
        for i, name in enumerate(NAMES)
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", [(1366, 900), (390, 844)])
def test_a_keyboard_user_finds_and_ticks_a_kommun_by_typing(
    live_server, browser, kommun_editor, kalmar, lpo_kalmar, many_kommuner, size
):
    context = browser.new_context(
        locale="sv-SE",
        viewport={"width": size[0], "height": size[1]},
        is_mobile=size[0] < 500,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        _log_in(page, live_server, "kommun_editor")
        page.goto(f"{live_server.url}/personal/lofte/nytt/")
        group = page.get_by_role("group", name="Kommuner")
        boxes = group.get_by_role("checkbox")
        # No 290-row select: checkboxes, the editor's own kommun ticked and first.
        assert page.locator("select#id_kommuner").count() == 0
        assert boxes.count() == len(NAMES) + 1
        assert boxes.first.is_checked()
        assert (
            group.locator("[data-choice-list] label")
            .first.inner_text()
            .startswith("Kalmar")
        )

        search = page.get_by_label("Sök kommun")
        search.focus()
        page.keyboard.type("hult")
        visible = group.locator("[data-choice-list] label:visible")
        names = [label.inner_text().strip() for label in visible.all()]
        # The matches, and the ticked kommun that always stays in view.
        assert names[0].startswith("Kalmar")
        assert sorted(names[1:]) == sorted(f"{n} kommun" for n in NAMES if "hult" in n)
        status = page.locator("[data-choice-filter-status]")
        page.wait_for_function(
            "() => document.querySelector('[data-choice-filter-status]')"
            ".textContent.includes('visas')"
        )
        assert f"av {len(NAMES) + 1}" in status.inner_text()
        # Enter in the search box does not send the form.
        page.keyboard.press("Enter")
        assert page.url.endswith("/personal/lofte/nytt/")
        # Tab to the first match and tick it with the space bar.
        page.keyboard.press("Tab")  # Kalmar (ticked)
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        ticked = page.evaluate("document.activeElement.closest('label').textContent")
        assert "hult" in ticked
        # Clearing the search shows every kommun again; both ticks are kept.
        search.fill("")
        assert (
            group.locator("[data-choice-list] label:visible").count() == len(NAMES) + 1
        )
        assert group.locator("input:checked").count() == 2
        assert _serious_violations(page) == []
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_whole_list_is_there_to_tick(
    live_server, browser, kommun_editor, kalmar, lpo_kalmar, many_kommuner
):
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    try:
        page = context.new_page()
        _log_in(page, live_server, "kommun_editor")
        page.goto(f"{live_server.url}/personal/lofte/nytt/")
        # The search box needs JavaScript, so it is not offered without it.
        assert not page.locator("[data-choice-filter]").is_visible()
        group = page.get_by_role("group", name="Kommuner")
        assert group.get_by_role("checkbox").count() == len(NAMES) + 1
        box = group.get_by_role("checkbox", name=NAMES[5])
        box.scroll_into_view_if_needed()
        box.check()
        assert box.is_checked()
    finally:
        context.close()


@pytest.fixture
def every_kommun(county_kalmar):
    """Enough invented kommuner for the long-list behaviour (more than 50)."""
    from medborgarloften.places.models import Organisation, OrganisationKind

    stems = ("Ek", "Björk", "Lind", "Ask", "Alm", "Gran", "Tall", "Rönn")
    ends = ("by", "sjö", "hult", "torp", "vik", "dal", "näs", "holm")
    return [
        Organisation.objects.create(
            kind=OrganisationKind.KOMMUN,
            code=f"8{i:03d}",
            name=f"{stem}{end}",
            county=county_kalmar,
        )
        for i, (stem, end) in enumerate((s, e) for s in stems for e in ends)
    ]


@pytest.mark.django_db(transaction=True)
def test_a_list_of_every_kommun_shows_the_ticked_until_asked_for_more(
    live_server, browser, kommun_editor, kalmar, lpo_kalmar, every_kommun
):
    # The new-user session counted 291 Tab stops to pass the kommun list.
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        _log_in(page, live_server, "kommun_editor")
        page.goto(f"{live_server.url}/personal/lofte/nytt/")
        group = page.get_by_role("group", name="Kommuner")
        visible = group.locator("[data-choice-list] label:visible")
        assert visible.count() == 1 and visible.first.inner_text().startswith("Kalmar")
        page.wait_for_function(
            "() => document.querySelector('[data-choice-filter-status]')"
            ".textContent.includes('De valda visas')"
        )
        total = len(every_kommun) + 1
        show_all = page.get_by_role("button", name=f"Visa alla {total}")
        # From the search box the keyboard passes the list in three steps.
        page.get_by_label("Sök kommun").focus()
        page.keyboard.press("Tab")
        assert (
            page.evaluate("document.activeElement.textContent") == f"Visa alla {total}"
        )
        page.keyboard.press("Tab")
        assert (
            page.evaluate("document.activeElement.closest('label').textContent")
            .strip()
            .startswith("Kalmar")
        )
        page.keyboard.press("Tab")
        assert (
            page.evaluate("document.activeElement.closest('[data-choice-list]')")
            is None
        )
        # Typing finds any kommun; a tick stays in view when the search is cleared.
        search = page.get_by_label("Sök kommun")
        search.fill("gransjö")
        assert [n.strip() for n in visible.all_inner_texts()][1:] == ["Gransjö kommun"]
        group.get_by_role("checkbox", name="Gransjö").check()
        search.fill("")
        assert visible.count() == 2
        # "Visa alla" shows the whole list.
        show_all.click()
        assert visible.count() == total
        assert not show_all.is_visible()
        assert _serious_violations(page) == []
    finally:
        context.close()
