"""Keep every wording of a commitment: after the writer saved a promise, a
commitment whose text or target differs from its latest version gets a new one."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from medborgarloften.lib.access import recorded_actor

from ..models import Commitment, CommitmentVersion, Promise, Revision

__all__ = ["commitment_versions_record"]


def _wording(commitment: Commitment) -> tuple[object, ...]:
    return (
        commitment.text,
        commitment.target_quantity,
        commitment.target_unit,
        commitment.target_per,
        commitment.target_deadline,
    )


def _swedish_target(commitment: Commitment) -> str:
    with translation.override("sv"):
        return commitment.target_display()


def commitment_versions_record(
    *,
    promise: Promise,
    actor: Any = None,
    source: str = "",
    revision: Revision | None = None,
) -> list[CommitmentVersion]:
    """A new version for each commitment of ``promise`` whose wording changed (or
    that has none yet); the earlier versions stay as they were."""
    commitments = list(promise.commitments.all())
    latest: dict[int, CommitmentVersion] = {}
    for version in CommitmentVersion.objects.filter(
        commitment__in=commitments
    ).order_by("commitment_id", "number"):
        latest[version.commitment_id] = version
    new = []
    for commitment in commitments:
        last = latest.get(commitment.pk)
        if last is not None and last.wording() == _wording(commitment):
            continue
        new.append(
            CommitmentVersion(
                commitment=commitment,
                number=last.number + 1 if last else 1,
                text=commitment.text,
                target_quantity=commitment.target_quantity,
                target_unit=commitment.target_unit,
                target_per=commitment.target_per,
                target_deadline=commitment.target_deadline,
                # Kept as the promise's own (Swedish) wording, whoever saved it.
                target_display=_swedish_target(commitment)[:300],
                actor=recorded_actor(actor),
                source=source[:300],
                revision=revision,
            )
        )
    return CommitmentVersion.objects.bulk_create(new)
