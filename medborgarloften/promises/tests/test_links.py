"""The promise and the commitment a row belongs to are one declaration each
(``promise_link``, ``commitment_link``)."""

from __future__ import annotations

from django.db import models

from medborgarloften.promises.models import (
    Commitment,
    CommitmentVersion,
    PartyRequest,
    Promise,
)


def test_party_requests_and_versions_go_with_their_promise_and_commitment() -> None:
    to_promise = PartyRequest._meta.get_field("promise")
    to_commitment = CommitmentVersion._meta.get_field("commitment")
    assert (to_promise.related_model, to_commitment.related_model) == (
        Promise,
        Commitment,
    )
    for field in (to_promise, to_commitment):
        assert (field.null, field.remote_field.on_delete) == (False, models.CASCADE)
    assert to_promise.verbose_name == "medborgarlöfte"
    assert to_commitment.verbose_name == "åtagande"
