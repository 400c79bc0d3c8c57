"""Linking a case to a commitment: the coordinator picks "Åtagande N" as the
promise numbers it (1..n, as on the follow-up page and in the activity import),
never an internal id."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from medborgarloften.promises.models import Commitment, Promise

from ..models import Case, CaseSource
from ..services import case_create
from .conftest import KALMAR_POINT

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(kalmar):
    return case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme="trygghet_offentlig_miljo",
        text="Mörkt vid gångtunneln.",
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
    )


@pytest.fixture
def second_promise(kalmar):
    """A promise whose commitments' ids are not their numbers: an older promise
    took the low ids first."""
    older = Promise.objects.create(
        title="Äldre löfte",
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2024, 12, 31),
    )
    for i in range(4):
        Commitment.objects.create(promise=older, text=f"Gammalt åtagande {i}")
    newer = Promise.objects.create(
        title="Nytt löfte",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    newer.parties.add(kalmar)
    for i in range(3):
        Commitment.objects.create(
            promise=newer, text=f"Nytt åtagande nummer {i + 1}", position=i
        )
    return newer


def test_the_form_lists_the_commitments_numbered_as_in_the_promise(
    client, case, kommun_editor, second_promise
):
    client.force_login(kommun_editor)
    body = client.get(reverse("cases:staff_detail", args=[case.pk])).content.decode()
    third = second_promise.commitments.all()[2]
    assert f'<option value="{third.pk}">Åtagande 3 – Nytt åtagande nummer 3' in body
    # the other kommun's (here: no party) promise is not offered
    assert "Gammalt åtagande" not in body


def test_choosing_aatagande_2_links_the_promises_second_commitment(
    client, case, kommun_editor, second_promise
):
    second = second_promise.commitments.all()[1]
    client.force_login(kommun_editor)
    url = reverse("cases:staff_detail", args=[case.pk])
    response = client.post(url, {"action": "link", "commitment": str(second.pk)})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.commitment == second


def test_a_commitment_outside_the_list_is_refused_with_a_message(
    client, case, kommun_editor, second_promise
):
    foreign = Commitment.objects.filter(promise__title="Äldre löfte").first()
    client.force_login(kommun_editor)
    url = reverse("cases:staff_detail", args=[case.pk])
    response = client.post(url, {"action": "link", "commitment": str(foreign.pk)})
    assert response.status_code == 400
    assert "Välj ett av löftets åtaganden i listan." in response.content.decode()
    assert Case.objects.get(pk=case.pk).commitment is None


def test_nothing_chosen_says_what_to_choose(client, case, kommun_editor):
    client.force_login(kommun_editor)
    url = reverse("cases:staff_detail", args=[case.pk])
    response = client.post(url, {"action": "link"})
    assert "Välj en aktivitet eller ett åtagande." in response.content.decode()


def test_the_open_data_gives_the_commitments_number_beside_its_id(
    client, case, kommun_editor, second_promise
):
    from ..handling import case_link
    from ..services import case_moderate

    third = second_promise.commitments.all()[2]
    case_link(actor=kommun_editor, case=case, commitment=third)
    case_moderate(actor=kommun_editor, case=case, publish=True)
    rows = client.get(f"/api/v1/cases?kommun={case.kommun.code}").json()["data"]
    row = next(r for r in rows if r["id"] == case.pk)
    assert (row["commitment_id"], row["commitment_number"]) == (third.pk, 3)
    csv = client.get("/api/v1/cases.csv").content.decode()
    assert "commitment_number" in csv.splitlines()[0]
