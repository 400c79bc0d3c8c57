"""The keys to a promise and to a commitment are the very fields the models spelled
out before, so the migrations see no change."""

from __future__ import annotations

from django.db import models

from medborgarloften.promises.models import Commitment, CommitmentVersion, Promise
from medborgarloften.promises.models.links import commitment_link, promise_link


def _same_field(a: models.Field, b: models.Field) -> bool:
    return a.deconstruct()[1:] == b.deconstruct()[1:]


def test_promise_link_is_a_required_key_that_goes_with_its_promise() -> None:
    explicit = models.ForeignKey(
        "promises.Promise",
        verbose_name="medborgarlöfte",
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    assert _same_field(promise_link("evaluations"), explicit)
    assert not _same_field(promise_link("others"), explicit)


def test_commitment_link_is_a_required_key_that_goes_with_its_commitment() -> None:
    explicit = models.ForeignKey(
        "promises.Commitment",
        verbose_name="åtagande",
        on_delete=models.CASCADE,
        related_name="activities",
    )
    assert _same_field(commitment_link("activities"), explicit)
    field = CommitmentVersion._meta.get_field("commitment")
    assert field.related_model is Commitment
    assert not field.null
    assert Commitment._meta.get_field("promise").related_model is Promise
