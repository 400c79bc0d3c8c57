"""'Koppla till aktivitet eller åtagande' (new-user tester: ~100 activities in mixed
order, three promises' commitments all "Åtagande 1 …" without the promise's name):
grouped by promise under its name, activities newest first, only the case's
kommun and its current or recent promises."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from medborgarloften.followup.models import Activity
from medborgarloften.places.models import Area, Organisation, OrganisationKind
from medborgarloften.promises.models import Commitment, Promise

from ..selectors import link_choices
from ..services import case_create

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
Y = TODAY.year
CURRENT = f"Trygg stad ({Y}–{Y + 1})"
RECENT = f"Trygg stad ({Y - 2}–{Y - 1})"


def _promise(kommun, title, start, end):
    promise = Promise.objects.create(title=title, period_start=start, period_end=end)
    promise.parties.add(kommun)
    commitment = Commitment.objects.create(promise=promise, text=f"Första i {title}")
    return promise, commitment


@pytest.fixture
def three_promises(kalmar):
    current = _promise(kalmar, "Trygg stad", dt.date(Y, 1, 1), dt.date(Y + 1, 12, 31))
    recent = _promise(
        kalmar, "Trygg stad", dt.date(Y - 2, 1, 1), dt.date(Y - 1, 12, 31)
    )
    old = _promise(
        kalmar, "Gammalt löfte", dt.date(Y - 7, 1, 1), dt.date(Y - 6, 12, 31)
    )
    return current, recent, old


def test_commitments_are_grouped_under_the_promise_name_current_and_recent_only(
    kalmar, three_promises
):
    commitments, _activities = link_choices(kalmar.pk, today=TODAY)
    assert [label for label, _options in commitments] == [CURRENT, RECENT]
    assert all(
        text.startswith("Åtagande 1 – ")
        for _l, opts in commitments
        for _v, text in opts
    )


def test_activities_newest_first_in_the_kommun_only(kalmar, three_promises):
    (current, c1), (_recent, c2), (_old, c3) = three_promises
    nybro = Organisation.objects.create(
        kind=OrganisationKind.KOMMUN, name="Nybro", code="0881"
    )
    nybro_area = Area.objects.create(kommun=nybro, name="Nybro centrum")
    current.parties.add(nybro)
    Activity.objects.create(commitment=c1, date=dt.date(Y, 3, 1), kind="mars")
    Activity.objects.create(commitment=c1, date=dt.date(Y, 11, 1), kind="november")
    Activity.objects.create(commitment=c1, date=dt.date(Y, 6, 1), kind="juni")
    Activity.objects.create(
        commitment=c1, date=dt.date(Y, 7, 1), kind="i Nybro", area=nybro_area
    )
    Activity.objects.create(
        commitment=c1, date=dt.date(Y, 8, 1), kind="av Nybro", organisation=nybro
    )
    Activity.objects.create(commitment=c2, date=dt.date(Y - 1, 5, 1), kind="förra")
    Activity.objects.create(commitment=c3, date=dt.date(Y - 6, 5, 1), kind="gammal")
    _commitments, activities = link_choices(kalmar.pk, today=TODAY)
    groups = {label: [text for _v, text in opts] for label, opts in activities}
    assert list(groups) == [CURRENT, RECENT]
    kinds = [re.sub(r"^\S+ (\S+).*", r"\1", t) for t in groups[CURRENT]]
    assert kinds == ["november", "juni", "mars"]
    assert groups[RECENT] == [f"{Y - 1}-05-01 förra (Åtagande 1)"]


def test_the_case_page_shows_optgroups_named_by_promise(
    client, kalmar, kommun_editor, three_promises
):
    case = case_create(kommun=kalmar, source="form", theme="annat", text="Skräp.")
    client.force_login(kommun_editor)
    body = client.get(reverse("cases:staff_detail", args=[case.pk])).content.decode()
    assert f'<optgroup label="{CURRENT}">' in body
    assert "Gammalt löfte" not in body
