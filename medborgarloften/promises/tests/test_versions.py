"""Issue 18: the wording a commitment was adopted with is never overwritten — an
edit of its text or target adds a version."""

from __future__ import annotations

import dataclasses

import pytest

from medborgarloften.promises.draft import TargetDraft
from medborgarloften.promises.models import CommitmentVersion
from medborgarloften.promises.services import promise_write
from medborgarloften.promises.tests.test_writer import _draft


@pytest.mark.django_db
def test_it_keeps_the_original_wording_when_a_target_is_edited(
    kalmar, lpo_kalmar, kommun_editor
):
    draft = _draft(kalmar, lpo_kalmar)
    promise = promise_write(actor=kommun_editor, draft=draft)
    patrols, lights = promise.commitments.order_by("position", "pk")
    assert [v.number for v in CommitmentVersion.objects.filter(commitment=patrols)] == [
        1
    ]
    first = CommitmentVersion.objects.get(commitment=patrols)
    assert (first.text, first.target_quantity) == ("Polisen patrullerar i Berga.", 40)
    assert first.target_display == "minst 40 kvällar per år"

    edited = dataclasses.replace(
        draft,
        commitments=[
            dataclasses.replace(
                draft.commitments[0],
                id=patrols.pk,
                target=TargetDraft(quantity=20, unit="kvällar", per="år"),
            ),
            dataclasses.replace(draft.commitments[1], id=lights.pk),
        ],
    )
    promise_write(actor=kommun_editor, draft=edited, promise=promise)
    versions = list(CommitmentVersion.objects.filter(commitment=patrols))
    assert [(v.number, v.target_quantity) for v in versions] == [(1, 40), (2, 20)]
    assert versions[1].revision is not None
    assert versions[1].actor == kommun_editor
    # the commitment whose wording did not change keeps its one version
    assert CommitmentVersion.objects.filter(commitment=lights).count() == 1
    # saving the same again adds nothing
    promise_write(actor=kommun_editor, draft=edited, promise=promise)
    assert CommitmentVersion.objects.filter(commitment=patrols).count() == 2
