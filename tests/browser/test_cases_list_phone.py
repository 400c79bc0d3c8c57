"""The coordinator's cases list on a 390 px phone (new-user tester: the table was
636 px wide, Status and "Svar senast" off screen, the only tap target the small
case number): one card per case, nothing sideways, the title is the link."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client

from medborgarloften.cases.services import case_create
from medborgarloften.places.models import Organisation, OrganisationKind


def _log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.django_db(transaction=True)
def test_the_cases_list_fits_a_phone_and_the_title_is_the_link(
    live_server, browser, kalmar, kommun_editor
):
    owner = Organisation.objects.create(
        kind=OrganisationKind.FORVALTNING,
        name="Samhällsbyggnadsförvaltningen, gatu- och parkavdelningen",
    )
    from medborgarloften.cases.models import RoutingRule

    RoutingRule.objects.create(kommun=kalmar, owner=owner, days=14)
    for n in range(3):
        case_create(
            kommun=kalmar,
            source="form",
            theme="trygghet_offentlig_miljo",
            text=f"Gångtunneln under järnvägen vid Norra vägen är mörk ({n}); "
            "belysningen har varit trasig i flera veckor och folk går runt.",
        )
    context = browser.new_context(
        locale="sv-SE", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    try:
        _log_in(page, live_server, kommun_editor)
        page.goto(f"{live_server.url}/personal/arenden/")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the cases list scrolls sideways ({width}px)"
        link = page.get_by_role("link", name="Gångtunneln under järnvägen").first
        box = link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert box["height"] >= 20, "the title is a real tap target"
        for label in ("Status", "Svar senast"):
            cell = page.locator(f'td[data-label="{label}"]').first
            cell_box = cell.bounding_box()
            assert cell_box and cell_box["x"] + cell_box["width"] <= 390, label
        assert (
            "Hos ansvarig" in page.locator('td[data-label="Status"]').first.inner_text()
        )
        link.click()
        page.get_by_role("heading", name="Ärende").first.wait_for()
    finally:
        context.close()
