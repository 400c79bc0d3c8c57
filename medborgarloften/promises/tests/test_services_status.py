"""Status changes: allowed transitions, dates stamped, the baseline frozen at adoption."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from medborgarloften.promises.models import PromiseStatus
from medborgarloften.promises.services import promise_set_status
from medborgarloften.situation.models import BaselineValue, ObservationCategory
from medborgarloften.situation.services import observation_create


def _observe(kommun, area, when: dt.datetime, n: int) -> None:
    for _ in range(n):
        observation_create(
            kommun=kommun,
            category=ObservationCategory.SKADEGORELSE,
            area=area,
            observed_at=when,
            text="Krossad ruta vid busshållplatsen.",
        )


def test_it_refuses_a_transition_the_workflow_does_not_allow(
    kalmar_promise, kommun_editor
):
    with pytest.raises(ValidationError) as error:
        promise_set_status(
            actor=kommun_editor, promise=kalmar_promise, status=PromiseStatus.CLOSED
        )
    assert "status" in error.value.message_dict
    kalmar_promise.refresh_from_db()
    assert kalmar_promise.status == PromiseStatus.DRAFT


def test_it_publishes_a_draft_only_after_adopting_it(kalmar_promise, kommun_editor):
    with pytest.raises(ValidationError) as error:
        promise_set_status(
            actor=kommun_editor, promise=kalmar_promise, status=PromiseStatus.PUBLISHED
        )
    assert "status" in error.value.message_dict
    kalmar_promise.refresh_from_db()
    assert kalmar_promise.status == PromiseStatus.DRAFT
    assert kalmar_promise.published_at is None

    adopted = promise_set_status(
        actor=kommun_editor, promise=kalmar_promise, status=PromiseStatus.ADOPTED
    )
    published = promise_set_status(
        actor=kommun_editor, promise=adopted, status=PromiseStatus.PUBLISHED
    )
    assert published.status == PromiseStatus.PUBLISHED
    assert published.adopted_on is not None


def test_it_freezes_the_baseline_when_the_promise_is_adopted(
    kalmar_promise, kommun_editor, kalmar, areas_kalmar
):
    when = dt.datetime(2024, 10, 1, 21, tzinfo=dt.UTC)
    _observe(kalmar, areas_kalmar[0], when, 6)
    promise = promise_set_status(
        actor=kommun_editor, promise=kalmar_promise, status=PromiseStatus.ADOPTED
    )
    frozen = list(BaselineValue.objects.filter(promise=promise))
    assert frozen, "adoption should freeze the lägesbild behind the focus areas"
    snapshot = sorted((b.key, b.value) for b in frozen)

    # Later reports and status changes never move the baseline.
    _observe(kalmar, areas_kalmar[0], when, 10)
    promise_set_status(
        actor=kommun_editor, promise=promise, status=PromiseStatus.PUBLISHED
    )
    again = sorted(
        (b.key, b.value) for b in BaselineValue.objects.filter(promise=promise)
    )
    assert again == snapshot
