"""docs/kom-igang.md in a real browser: a samordnare imports an existing promise, reviews
what was read, creates the draft, marks it adopted, publishes it and logs the first
activity — every page the guide shows, in the order it shows them.

Without ``KOM_IGANG_SCREENSHOTS`` the test only walks the steps and checks the pages;
with ``KOM_IGANG_SCREENSHOTS=1`` it also writes the guide's pictures:

    KOM_IGANG_SCREENSHOTS=1 .venv/bin/python -m pytest tests/browser/test_kom_igang.py

(PNG files in docs/img/kom-igang/, named as the guide names them).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from medborgarloften.accounts.models import Membership, User
from medborgarloften.places.models import Area
from medborgarloften.promises.models import Promise

PASSWORD = "test-losenord-123"
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "img" / "kom-igang"
GUIDE = IMAGES.parents[1] / "kom-igang.md"
SCREENSHOTS = os.environ.get("KOM_IGANG_SCREENSHOTS", "") not in ("", "0")
YEAR = dt.date.today().year

# An existing promise as a kommun publishes it: written for this test, in the genre.
TEXT = f"""Medborgarlöfte för Kalmar kommun {YEAR}–{YEAR + 1}

Lokalpolisområde Kalmar och Kalmar kommun har tagit fram lägesbilden utifrån
trygghetsmätningen och medborgardialoger. Boende i Berga känner sig otrygga kvällstid
kring centrumhuset och gångtunneln.

Polisen lovar att:
- genomföra minst sex trygghetsvandringar i Berga per år
- hålla en öppen polisträff i månaden i Berga centrum

Kommunen lovar att:
- se över belysningen i gångtunneln senast 30 juni {YEAR + 1}

Uppföljning sker två (2) gånger under perioden och redovisas för brottsförebyggande
rådet.

Anna Andersson
Kommunstyrelsens ordförande

Erik Berg
Lokalpolisområdeschef
"""


@pytest.fixture
def samordnare(kalmar, lpo_kalmar):
    """A coordinator who edits for both the kommun and its lokalpolisområde."""
    user = User.objects.create_user(
        username="samordnare", password=PASSWORD, first_name="Sara"
    )
    for organisation in (kalmar, lpo_kalmar):
        Membership.objects.create(user=user, organisation=organisation, role="editor")
    Area.objects.create(kommun=kalmar, name="Berga")
    return user


def _shot(page, name: str) -> None:
    """The guide's picture of this step (only when asked for)."""
    if SCREENSHOTS:
        IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(IMAGES / name), full_page=False)


def test_the_guide_names_every_picture_the_walk_takes():
    text = GUIDE.read_text(encoding="utf-8")
    named = re.findall(r"\(img/kom-igang/([\w-]+\.png)\)", text)
    assert named == STEPS, "docs/kom-igang.md and this test list the same pictures"


STEPS = [
    "01-importera.png",
    "02-granska.png",
    "03-utkast.png",
    "04-anta.png",
    "05-publicerat.png",
    "06-uppfoljning.png",
    "07-publika-sidan.png",
]


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_goes_from_import_to_follow_up(
    live_server, browser, settings, tmp_path, samordnare
):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = tmp_path / "medborgarlofte-kalmar.txt"
    upload.write_text(TEXT, encoding="utf-8")
    context = browser.new_context(
        locale="sv-SE", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(f"{live_server.url}/konto/logga-in/")
        page.get_by_label("Användarnamn").fill("samordnare")
        page.get_by_label("Lösenord").fill(PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(re.compile(r"/personal/$"))

        # 1. Import: upload the document.
        page.get_by_role("link", name="Importera").first.click()
        page.get_by_role("heading", name="Importera medborgarlöfte").wait_for()
        page.get_by_label("Kommun").select_option(label="Kalmar kommun")
        page.get_by_label("Fil", exact=True).set_input_files(str(upload))
        _shot(page, STEPS[0])
        page.get_by_role("button", name="Läs in och granska").click()

        # 2. Review what was read, beside the document's own text.
        page.wait_for_url(re.compile(r"/personal/import/\d+/$"))
        page.get_by_role("heading", name="Granska import").wait_for()
        assert page.locator("[data-review-source] mark").count() >= 5
        _shot(page, STEPS[1])
        page.get_by_role("button", name="Skapa utkast").click()

        # 3. The draft in the promise editor.
        page.wait_for_url(re.compile(r"/personal/lofte/\d+/andra/$"))
        assert "är skapat" in page.locator(".messages").inner_text()
        promise = Promise.objects.get()
        assert promise.status == "draft"
        assert promise.commitments.count() == 3
        _shot(page, STEPS[2])
        page.get_by_role("button", name="Spara", exact=True).last.click()
        page.wait_for_url(re.compile(r"/personal/lofte/\d+/$"))

        # 4. Adopted by the parties.
        page.get_by_role("link", name="Anta", exact=True).click()
        page.get_by_text("Status ändras från Utkast till Antaget.").wait_for()
        _shot(page, STEPS[3])
        page.get_by_role("button", name="Ja, anta").click()
        page.wait_for_url(re.compile(r"/personal/lofte/\d+/$"))
        assert Promise.objects.get().status == "adopted"

        # 5. Published: visible to everyone.
        page.get_by_role("link", name="Publicera").click()
        page.get_by_role("button", name="Ja, publicera").click()
        page.wait_for_url(re.compile(r"/personal/lofte/\d+/$"))
        assert Promise.objects.get().status == "published"
        _shot(page, STEPS[4])

        # 6. Follow-up: log what was done.
        page.goto(f"{live_server.url}/personal/uppfoljning/lofte/{promise.pk}/")
        page.get_by_role("link", name=re.compile("^Logga aktivitet")).first.click()
        page.get_by_label(re.compile("^Vad gjordes")).fill("Trygghetsvandring")
        page.get_by_label("Område").select_option(label="Berga")
        page.get_by_role("button", name="Spara aktiviteten").click()
        page.get_by_text("Aktiviteten är sparad.").wait_for()
        page.get_by_role("link", name="Tillbaka till uppföljningen").click()
        page.wait_for_url(re.compile(r"/personal/uppfoljning/lofte/\d+/$"))
        _shot(page, STEPS[5])

        # 7. What citizens see.
        page.goto(f"{live_server.url}/lofte/{promise.uid}/")
        page.get_by_role("heading", level=1).wait_for()
        assert "Trygghetsvandring" in page.content()
        _shot(page, STEPS[6])
    finally:
        context.close()
