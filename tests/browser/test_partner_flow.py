"""A partner reports its own commitment in a real browser: Kalmarhem's reporter
signs in, opens "Våra åtaganden", reports "Hälften eller mer" with an activity, and
the public promise page shows both as Kalmarhem's."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from medborgarloften.accounts.models import Membership, User
from medborgarloften.places.models import Organisation, OrganisationKind
from medborgarloften.promises.models import Commitment, Promise

PASSWORD = "test-losenord-123"


@pytest.fixture
def lighting(kalmar, lpo_kalmar):
    today = dt.date.today()
    promise = Promise.objects.create(
        title="Tryggare Berga",
        period_start=today - dt.timedelta(days=200),
        period_end=today + dt.timedelta(days=400),
        status="published",
    )
    promise.parties.add(kalmar, lpo_kalmar)
    kalmarhem = Organisation.objects.create(
        kind=OrganisationKind.BOSTADSBOLAG, name="Kalmarhem"
    )
    commitment = Commitment.objects.create(
        promise=promise,
        text="Kalmarhem byter belysningen i trapphusen i Berga.",
        responsible=["annan"],
    )
    commitment.other_parties.add(kalmarhem)
    Commitment.objects.create(
        promise=promise,
        text="Polisen patrullerar i Berga på kvällarna.",
        responsible=["polis"],
        position=1,
    )
    user = User.objects.create_user(username="kalmarhem", password=PASSWORD)
    Membership.objects.create(user=user, organisation=kalmarhem, role="reporter")
    return commitment


@pytest.mark.django_db(transaction=True)
def test_a_partner_reports_half_or_more_and_the_public_page_shows_it_as_theirs(
    live_server, page, lighting
):
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kalmarhem")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    # A member of a partner only lands on its own commitments, not the promise list.
    page.wait_for_url(re.compile(r"/personal/uppfoljning/vara-ataganden/$"))
    page.get_by_role("link", name="Våra åtaganden").click()
    # Only its own commitment, not the police's.
    assert page.get_by_text("Polisen patrullerar").count() == 0
    page.get_by_role("link", name=re.compile("Kalmarhem byter belysningen")).click()

    page.get_by_label("Hälften eller mer").check()
    page.get_by_label("Kommentar").fill("Fyra av åtta trapphus har ny belysning.")
    page.get_by_role("button", name="Rapportera läget").click()
    page.get_by_text("Läget är rapporterat.").wait_for()

    page.get_by_label(re.compile("^Vad gjordes")).fill("Byte av belysning")
    page.get_by_label("Antal").fill("4")
    page.get_by_role("button", name="Spara aktiviteten").click()
    page.get_by_text("Aktiviteten är sparad.").wait_for()

    page.goto(f"{live_server.url}/lofte/{lighting.promise.uid}/")
    commitments = page.locator(".commitment-list")
    assert "Rapporterat av Kalmarhem" in commitments.inner_text()
    assert "Hälften eller mer" in commitments.inner_text()
    assert "Fyra av åtta trapphus har ny belysning." in commitments.inner_text()
    body = page.locator("main").inner_text()
    assert re.search(r"Utförd av\s+Kalmarhem", body)
    assert "Byte av belysning" in body
