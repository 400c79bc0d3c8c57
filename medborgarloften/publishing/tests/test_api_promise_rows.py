"""The API list's promise rows, built from plain values (api/promise_rows.py, issue
#20 item 1), say what the models say: parties, the police area, themes gathered from
the promise, its focus areas and commitments, and the commitment counts."""

from __future__ import annotations

import datetime as dt

from medborgarloften.promises.models import Commitment, FocusArea, Promise
from medborgarloften.vocabulary import THEMES

from .test_views import _promise


def test_it_lists_a_promise_as_its_models_describe_it(
    client, superuser, kalmar, lpo_kalmar
):
    promise = _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Tryggare Kalmar",
        commitments=4,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2027, 12, 31),
    )
    Promise.objects.filter(pk=promise.pk).update(themes=["trafik"])
    FocusArea.objects.filter(promise=promise, position=0).update(themes=["narkotika"])
    first, second, *_ = promise.commitments.order_by("position")
    Commitment.objects.filter(pk=first.pk).update(themes=["vald", "narkotika"])
    # Not measurable: no quantity, no period, no deadline.
    Commitment.objects.filter(pk=second.pk).update(
        target_quantity=None, target_per="", target_deadline=None
    )

    response = client.get("/api/v1/promises")

    assert response.status_code == 200
    (row,) = response.json()["data"]
    commitments = list(Commitment.objects.filter(promise=promise))
    assert row["id"] == str(promise.uid)
    assert row["title"] == "Tryggare Kalmar"
    assert row["kommun_codes"] == ["0880"]
    assert row["kommun_names"] == ["Kalmar"]
    assert row["police_area"] == "Lokalpolisområde Kalmar"
    assert row["themes"] == [t for t in THEMES if t in {"trafik", "narkotika", "vald"}]
    assert row["commitment_count"] == len(commitments) == 4
    assert row["measurable_commitment_count"] == sum(c.measurable for c in commitments)
    assert row["measurable_commitment_count"] == 3
    assert row["period_start"] == "2025-01-01"
    assert row["html_url"] == f"http://testserver/lofte/{promise.uid}/"
    assert row["url"] == f"http://testserver/api/v1/promises/{promise.uid}"
