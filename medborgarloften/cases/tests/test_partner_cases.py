"""A partner is also an owner: Kalmarhem, routed Berga's cases and named partner on
a commitment, sees and changes only its own cases and its own commitment."""

from __future__ import annotations

from django.urls import reverse

from medborgarloften.followup.models import PartnerReport
from medborgarloften.promises.models import Commitment

from ..models import CaseSource
from ..services import case_create
from .conftest import KALMAR_POINT


def _case(kalmar, theme: str, text: str):
    return case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme=theme,
        text=text,
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
    )


def test_a_partner_sees_and_changes_only_its_own_cases_and_commitments(
    client, kalmar, rules, bostadsbolag, owner_user, commitment, promise
):
    ours = _case(kalmar, "trygghet_offentlig_miljo", "Trasig lampa i porten")
    theirs = _case(kalmar, "trafik", "Bilar kör för fort")
    assert ours.owner == bostadsbolag and theirs.owner != bostadsbolag
    lighting = Commitment.objects.create(
        promise=promise,
        text="Kalmarhem byter belysningen i trapphusen.",
        responsible=["annan"],
        position=1,
    )
    lighting.other_parties.add(bostadsbolag)

    client.force_login(owner_user)
    listing = client.get(reverse("cases:staff_list")).content.decode()
    assert "Trasig lampa i porten" in listing
    assert "Bilar kör för fort" not in listing
    url = reverse("cases:staff_detail", args=[theirs.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "answer", "answer": "x"}).status_code == 404

    mine = reverse("followup:partner_commitment", args=[lighting.pk])
    kommuns = reverse("followup:partner_commitment", args=[commitment.pk])
    assert client.get(mine).status_code == 200
    assert client.get(kommuns).status_code == 403
    data = {
        "action": "status",
        "status-organisation": bostadsbolag.pk,
        "status-status": "done",
        "status-reported_on": "2026-05-01",
    }
    assert client.post(kommuns, data).status_code == 403
    assert not PartnerReport.objects.exists()
