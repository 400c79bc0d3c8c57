"""Kalmar with a housing company that owns Berga's cases, a promise with a walk
commitment and an activity, and a resident's point in central Kalmar."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from medborgarloften.accounts.models import Membership, User
from medborgarloften.followup.services.activities import activity_create
from medborgarloften.places.models import Area, Organisation, OrganisationKind
from medborgarloften.promises.models import Commitment, Promise

from ..models import RoutingRule

#: Inside Kalmar kommun (Stortorget).
KALMAR_POINT = (56.6634, 16.3568)
BERGA_SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[16.35, 56.66], [16.37, 56.66], [16.37, 56.67], [16.35, 56.67], [16.35, 56.66]]
    ],
}


def member(username: str, organisation: Organisation, role: str) -> User:
    user = User.objects.create_user(
        username=username,
        password="test-losenord-123",
        email=f"{username}@example.org",
    )
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def berga(kalmar):
    return Area.objects.get_or_create(
        kommun=kalmar, name="Berga", defaults={"geometry": BERGA_SQUARE}
    )[0]


@pytest.fixture
def bostadsbolag(db):
    return Organisation.objects.create(
        kind=OrganisationKind.BOSTADSBOLAG, name="Kalmarhem"
    )


@pytest.fixture
def gatukontoret(db):
    return Organisation.objects.create(
        kind=OrganisationKind.FORVALTNING, name="Samhällsbyggnadskontoret Kalmar"
    )


@pytest.fixture
def owner_user(bostadsbolag):
    return member("kalmarhem_handlaggare", bostadsbolag, "reporter")


@pytest.fixture
def other_owner_user(gatukontoret):
    return member("gatukontoret_handlaggare", gatukontoret, "editor")


@pytest.fixture
def rules(kalmar, berga, bostadsbolag, gatukontoret):
    RoutingRule.objects.create(kommun=kalmar, owner=gatukontoret, days=10)
    RoutingRule.objects.create(
        kommun=kalmar,
        theme="trygghet_offentlig_miljo",
        area=berga,
        owner=bostadsbolag,
        days=7,
    )


@pytest.fixture
def promise(kalmar, lpo_kalmar):
    promise = Promise.objects.create(
        title="Tryggare Kalmar 2026–2027",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2027, 12, 31),
        status="published",
    )
    promise.parties.add(kalmar, lpo_kalmar)
    return promise


@pytest.fixture
def commitment(promise):
    return Commitment.objects.create(
        promise=promise,
        text="Kommunen förbättrar belysningen på otrygga platser.",
        responsible=["kommun"],
        position=0,
    )


@pytest.fixture
def activity(commitment, kommun_editor):
    return activity_create(
        commitment=commitment,
        date=dt.date(2026, 11, 20),
        kind="ny belysning",
        actor=kommun_editor,
    )


def jpeg_with_gps(size: tuple[int, int] = (40, 30)) -> SimpleUploadedFile:
    """A small JPEG carrying an EXIF block with a GPS position and a camera."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Telefonmärke"  # Make
    exif[0x8825] = {1: "N", 2: (56.0, 39.0, 48.0), 3: "E", 4: (16.0, 21.0, 24.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("IMG_0001.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def kalmar_handled(kalmar):
    """Kalmar with someone who handles its cases: only such a kommun takes reports
    through the form and Open311 (selectors.handles_reports)."""
    return member("kalmar_handlaggare", kalmar, "reporter")
