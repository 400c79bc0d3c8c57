"""Must-show for issue 19: a resident on a phone reports an unsafe place with a
photo → the routed owner answers → the coordinator links the case to an activity
and publishes it → "Du sa – vi gjorde" shows it, and the resident's e-mail with the
answer arrives (locmem mail backend)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from PIL import Image

from medborgarloften.accounts.models import Membership, User
from medborgarloften.cases.models import Case, RoutingRule
from medborgarloften.followup.services import activity_create
from medborgarloften.places.models import Area, Organisation, OrganisationKind
from medborgarloften.promises.models import Commitment, Promise

BERGA = {
    "type": "Polygon",
    "coordinates": [
        [[16.30, 56.64], [16.40, 56.64], [16.40, 56.69], [16.30, 56.69], [16.30, 56.64]]
    ],
}


def _log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def _photo(tmp_path):
    image = Image.new("RGB", (64, 48), (30, 30, 60))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (56.0, 39.0, 48.0), 3: "E", 4: (16.0, 21.0, 24.0)}
    path = tmp_path / "IMG_2001.jpg"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.django_db(transaction=True)
def test_a_reported_place_gets_an_owner_an_answer_and_a_public_outcome(
    live_server, phone_page, kalmar, lpo_kalmar, kommun_editor, tmp_path, settings
):
    settings.PUBLIC_SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    berga = Area.objects.create(kommun=kalmar, name="Berga", geometry=BERGA)
    kalmarhem = Organisation.objects.create(
        kind=OrganisationKind.BOSTADSBOLAG, name="Kalmarhem"
    )
    owner = User.objects.create_user(username="kalmarhem", password="x" * 12)
    Membership.objects.create(user=owner, organisation=kalmarhem, role="reporter")
    promise = Promise.objects.create(
        title="Tryggare Kalmar",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2027, 12, 31),
        status="published",
    )
    promise.parties.add(kalmar, lpo_kalmar)
    commitment = Commitment.objects.create(
        promise=promise, text="Bättre belysning.", responsible=["kommun"]
    )
    activity = activity_create(
        commitment=commitment, date=dt.date(2026, 11, 20), kind="ny belysning"
    )

    # 0. The coordinator routes Berga's safety cases to Kalmarhem, and writes an
    # answer template, on the cases' staff pages.
    page = phone_page
    _log_in(page, live_server, kommun_editor)
    page.goto(f"{live_server.url}/personal/arenden/")
    page.get_by_role("link", name=re.compile("^Fördelningsregler för Kalmar")).click()
    page.get_by_role("link", name="Ny fördelningsregel").click()
    page.get_by_label("Tema").select_option("trygghet_offentlig_miljo")
    page.get_by_label("Område").select_option(label="Berga")
    page.get_by_label("Ansvarig").select_option(label="Kalmarhem")
    page.get_by_label("Dagar att svara").fill("7")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Fördelningsregeln är sparad.").wait_for()
    rule = RoutingRule.objects.get()
    assert (rule.area, rule.owner, rule.days) == (berga, kalmarhem, 7)
    page.get_by_role("link", name="Svarsmallar").click()
    page.get_by_role("link", name="Ny svarsmall").click()
    page.get_by_label("Rubrik").fill("Åtgärdat")
    page.get_by_label("Text").fill("Vi har satt upp ny belysning i tunneln.")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Svarsmallen är sparad.").wait_for()
    page.context.clear_cookies()

    # 1. The resident, on a phone.
    page.goto(f"{live_server.url}/tyck-till/{kalmar.code}/")
    page.get_by_label("Vad gäller det?").select_option("trygghet_offentlig_miljo")
    page.get_by_role("button", name="Markera kartans mitt").click()
    assert page.locator("#id_latitude").input_value()
    page.get_by_label("Eller välj ett område").select_option(label="Berga")
    page.get_by_label("Beskriv platsen och vad som känns otryggt").fill(
        "Gångtunneln vid skolan är helt mörk. Ring mig: 070-123 45 67."
    )
    page.get_by_label(re.compile("^Foto")).set_input_files(str(_photo(tmp_path)))
    page.get_by_label(re.compile("^Din e-post")).fill("boende@example.org")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the form scrolls sideways on a phone ({width}px)"
    page.get_by_role("button", name="Skicka").click()
    page.get_by_role("heading", name="Tack, vi har tagit emot det").wait_for()
    case = Case.objects.get()
    assert case.owner == kalmarhem and case.photo
    confirm = re.search(r"http\S+/bekrafta/\S+", mail.outbox[0].body).group(0)
    page.goto(confirm)
    page.get_by_role("button", name="Bekräfta adressen").click()
    page.get_by_text("Adressen är bekräftad").wait_for()

    # 2. The routed owner answers.
    _log_in(page, live_server, owner)
    page.goto(f"{live_server.url}/personal/arenden/")
    # each row's title is the link (the list is a card per case on a phone)
    page.get_by_role("link", name=re.compile("^Gångtunneln vid skolan")).click()
    # Choosing the template fills the answer (case-answer.js).
    page.get_by_label("Svarsmall").select_option(label="Åtgärdat")
    answer = page.get_by_label("Svar", exact=True)
    assert answer.input_value() == "Vi har satt upp ny belysning i tunneln."
    page.get_by_role("button", name="Svara").click()
    page.get_by_text("Besvarad").first.wait_for()

    # 3. The coordinator links it to the activity and publishes it.
    _log_in(page, live_server, kommun_editor)
    page.goto(f"{live_server.url}/personal/arenden/{case.pk}/")
    page.get_by_label("Aktivitet (valfritt)").select_option(str(activity.pk))
    page.get_by_role("button", name="Koppla").click()
    page.get_by_label("Granskning", exact=True).select_option("1")
    page.get_by_label("Fotot får visas").check()
    page.get_by_role("button", name="Spara granskningen").click()
    page.get_by_text("Publicerad").first.wait_for()

    # 4. The public page shows it, screened; the resident's mail arrived.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/du-sa-vi-gjorde/{kalmar.code}/")
    body = page.locator("main").inner_text()
    assert "Gångtunneln vid skolan är helt mörk." in body
    assert "070-123" not in body
    assert "Vi har satt upp ny belysning i tunneln." in body
    assert "Blev aktiviteten ny belysning" in body
    answer_mail = mail.outbox[-1]
    assert answer_mail.to == ["boende@example.org"]
    assert "Vi har satt upp ny belysning i tunneln." in answer_mail.body
    case.refresh_from_db()
    assert case.email == ""
