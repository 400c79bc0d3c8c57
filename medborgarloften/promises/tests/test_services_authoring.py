"""Creating and editing whole promises: all or nothing, with a revision."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from medborgarloften.promises.exchange import promise_to_record
from medborgarloften.promises.models import (
    Commitment,
    FocusArea,
    Promise,
    Revision,
    Signatory,
)
from medborgarloften.promises.services import (
    CommitmentRow,
    FocusAreaRow,
    PromiseFields,
    SignatoryRow,
    promise_create,
    promise_update,
)


def _rows(promise: Promise):
    """The promise's current rows as the form would send them back unchanged."""
    focus = list(promise.focus_areas.order_by("position"))
    focus_index = {fa.pk: i for i, fa in enumerate(focus)}
    return (
        [
            FocusAreaRow(
                id=fa.pk,
                title=fa.title,
                description=fa.description,
                themes=fa.themes,
                areas=list(fa.areas.all()),
            )
            for fa in focus
        ],
        [
            CommitmentRow(
                id=c.pk,
                text=c.text,
                focus_area=focus_index.get(c.focus_area_id),
                responsible=c.responsible,
                themes=c.themes,
                areas=list(c.areas.all()),
                other_parties=list(c.other_parties.all()),
                target_quantity=c.target_quantity,
                target_unit=c.target_unit,
                target_per=c.target_per,
                target_deadline=c.target_deadline,
            )
            for c in promise.commitments.order_by("position")
        ],
        [
            SignatoryRow(
                id=s.pk,
                name=s.name,
                title=s.title,
                organisation=s.organisation,
                signed_on=s.signed_on,
            )
            for s in promise.signatories.order_by("position")
        ],
    )


def _fields(promise: Promise, **changes) -> PromiseFields:
    values = {
        "title": promise.title,
        "parties": list(promise.parties.all()),
        "period_start": promise.period_start,
        "period_end": promise.period_end,
        "situation_summary": promise.situation_summary,
        "evidence_sources": promise.evidence_sources,
        "themes": promise.themes,
        "follow_up_text": promise.follow_up_text,
        "reports_per_period": promise.reports_per_period,
        "report_audience": promise.report_audience,
    }
    values.update(changes)
    return PromiseFields(**values)


def test_it_creates_a_draft_with_all_rows_and_a_revision(kalmar_promise, kalmar):
    promise = kalmar_promise
    assert promise.status == "draft"
    assert set(promise.parties.all()) >= {kalmar}
    commitments = list(promise.commitments.order_by("position"))
    assert [c.text[:6] for c in commitments] == ["Polise", "Kommun"]
    assert commitments[0].focus_area.title == "Trygg utemiljö i Berga"
    assert commitments[0].measurable
    assert commitments[1].focus_area is None
    assert promise.signatories.get().name == "Anna Andersson"
    revision = promise.revisions.get()
    assert revision.action == Revision.Action.CREATED
    assert revision.before is None
    assert revision.after == promise_to_record(promise)


def test_it_lets_a_kommun_editor_create_a_promise_of_their_kommun(
    kommun_editor, kalmar, lpo_kalmar
):
    promise = promise_create(
        actor=kommun_editor,
        fields=PromiseFields(title="Nytt löfte", parties=[kalmar, lpo_kalmar]),
    )
    assert promise.revisions.get().actor == kommun_editor


def test_it_refuses_a_party_set_without_the_editors_organisation(
    kommun_editor, nybro, lpo_nybro
):
    with pytest.raises(ValidationError) as exc:
        promise_create(
            actor=kommun_editor,
            fields=PromiseFields(title="Nybros löfte", parties=[nybro, lpo_nybro]),
        )
    assert "parties" in exc.value.message_dict
    assert not Promise.objects.exists()


def test_it_refuses_creation_by_a_viewer(kommun_viewer, kalmar):
    with pytest.raises(PermissionDenied):
        promise_create(
            actor=kommun_viewer, fields=PromiseFields(title="X", parties=[kalmar])
        )


def test_it_requires_a_kommun_among_the_parties(polis_editor, lpo_kalmar):
    with pytest.raises(ValidationError) as exc:
        promise_create(
            actor=polis_editor,
            fields=PromiseFields(title="Bara polisen", parties=[lpo_kalmar]),
        )
    assert "kommun" in exc.value.message_dict["parties"][0]


def test_it_reports_every_bad_row_at_once_and_saves_nothing(
    kommun_editor, kalmar, lpo_kalmar
):
    with pytest.raises(ValidationError) as exc:
        promise_create(
            actor=kommun_editor,
            fields=PromiseFields(
                title="Felaktigt",
                parties=[kalmar, lpo_kalmar],
                period_start=date(2025, 12, 31),
                period_end=date(2025, 1, 1),
            ),
            focus_areas=[FocusAreaRow(title="")],
            commitments=[
                CommitmentRow(text="Bra åtagande."),
                CommitmentRow(text="  "),
                CommitmentRow(text="Negativt", target_quantity=0),
                CommitmentRow(text="Fel fokus", focus_area=3),
            ],
            signatories=[SignatoryRow(name="")],
        )
    errors = exc.value.message_dict
    assert set(errors) == {
        "period_end",
        "focus_areas.0.title",
        "commitments.1.text",
        "commitments.2.target_quantity",
        "commitments.3.focus_area",
        "signatories.0.name",
    }
    assert "Period till" in errors["period_end"][0]
    assert not Promise.objects.exists()
    assert not Commitment.objects.exists()
    assert not Revision.objects.exists()


def test_it_refuses_areas_of_another_kommun(
    kommun_editor, kalmar, lpo_kalmar, area_nybro
):
    with pytest.raises(ValidationError) as exc:
        promise_create(
            actor=kommun_editor,
            fields=PromiseFields(title="Kalmar", parties=[kalmar, lpo_kalmar]),
            commitments=[CommitmentRow(text="Något", areas=[area_nybro])],
        )
    assert "Centrum" in exc.value.message_dict["commitments.0.areas"][0]


def test_it_updates_in_place_and_records_before_and_after(
    kalmar_promise, kommun_editor
):
    promise = kalmar_promise
    focus, commitments, signatories = _rows(promise)
    first_id = commitments[0].id
    commitments = [
        CommitmentRow(**{**commitments[0].__dict__, "target_quantity": 50}),
        commitments[1],
        CommitmentRow(
            text="Ett tredje åtagande.", focus_area=0, responsible=["kommun"]
        ),
    ]
    promise_update(
        actor=kommun_editor,
        promise=promise,
        fields=_fields(promise, title="Medborgarlöfte Kalmar 2025–2026"),
        focus_areas=focus,
        commitments=commitments,
        signatories=signatories,
    )
    promise.refresh_from_db()
    assert promise.title == "Medborgarlöfte Kalmar 2025–2026"
    assert Commitment.objects.get(pk=first_id).target_quantity == 50
    assert promise.commitments.count() == 3
    revision = promise.revisions.filter(action=Revision.Action.UPDATED).get()
    assert revision.actor == kommun_editor
    assert revision.before["title"] == "Medborgarlöfte Kalmar 2025"
    assert revision.after["title"] == "Medborgarlöfte Kalmar 2025–2026"
    assert revision.before["commitments"][0]["target"]["quantity"] == 40
    assert revision.after["commitments"][0]["target"]["quantity"] == 50
    assert "Titel" in revision.summary and "Åtagande" in revision.summary


def test_it_records_no_revision_when_nothing_changed(kalmar_promise, kommun_editor):
    focus, commitments, signatories = _rows(kalmar_promise)
    promise_update(
        actor=kommun_editor,
        promise=kalmar_promise,
        fields=_fields(kalmar_promise),
        focus_areas=focus,
        commitments=commitments,
        signatories=signatories,
    )
    assert kalmar_promise.revisions.count() == 1


def test_it_removes_rows_left_out_and_reorders_the_rest(kalmar_promise, superuser):
    focus, commitments, signatories = _rows(kalmar_promise)
    promise_update(
        actor=superuser,
        promise=kalmar_promise,
        fields=_fields(kalmar_promise),
        focus_areas=[],
        commitments=[
            commitments[1],
            CommitmentRow(**{**commitments[0].__dict__, "focus_area": None}),
        ],
        signatories=[],
    )
    texts = list(kalmar_promise.commitments.values_list("text", flat=True))
    assert texts[0].startswith("Kommunen") and texts[1].startswith("Polisen")
    assert not FocusArea.objects.filter(promise=kalmar_promise).exists()
    assert not Signatory.objects.filter(promise=kalmar_promise).exists()


def test_it_ties_a_commitment_to_a_focus_area_created_in_the_same_save(
    kalmar_promise, superuser
):
    focus, commitments, signatories = _rows(kalmar_promise)
    promise_update(
        actor=superuser,
        promise=kalmar_promise,
        fields=_fields(kalmar_promise),
        focus_areas=[FocusAreaRow(title="Nytt fokus"), *focus],
        commitments=[CommitmentRow(**{**commitments[1].__dict__, "focus_area": 0})],
        signatories=signatories,
    )
    commitment = kalmar_promise.commitments.get()
    assert commitment.focus_area.title == "Nytt fokus"
    assert list(kalmar_promise.focus_areas.values_list("title", flat=True)) == [
        "Nytt fokus",
        "Trygg utemiljö i Berga",
    ]


def test_it_refuses_an_editor_of_another_kommun_and_changes_nothing(
    kalmar_promise, other_kommun_editor, nybro, kalmar
):
    before = promise_to_record(kalmar_promise)
    focus, commitments, signatories = _rows(kalmar_promise)
    with pytest.raises(PermissionDenied):
        promise_update(
            actor=other_kommun_editor,
            promise=kalmar_promise,
            fields=_fields(kalmar_promise, title="Kapat", parties=[kalmar, nybro]),
            focus_areas=focus,
            commitments=commitments,
            signatories=signatories,
        )
    kalmar_promise.refresh_from_db()
    assert promise_to_record(kalmar_promise) == before
    assert kalmar_promise.revisions.count() == 1


def test_it_refuses_rows_of_another_promise(kalmar_promise, nybro_promise, superuser):
    foreign = nybro_promise.commitments.get()
    focus, commitments, signatories = _rows(kalmar_promise)
    with pytest.raises(ValidationError) as exc:
        promise_update(
            actor=superuser,
            promise=kalmar_promise,
            fields=_fields(kalmar_promise),
            focus_areas=focus,
            commitments=[*commitments, CommitmentRow(id=foreign.pk, text="Stulen")],
            signatories=signatories,
        )
    assert "commitments.2.text" in exc.value.message_dict
    foreign.refresh_from_db()
    assert foreign.promise == nybro_promise
    assert foreign.text == "Kommunen ordnar trygghetsvandringar."


def test_it_keeps_a_commitment_with_follow_up_from_being_removed(
    kalmar_promise, superuser
):
    from medborgarloften.followup.models import Activity

    focus, commitments, signatories = _rows(kalmar_promise)
    Activity.objects.create(
        commitment_id=commitments[0].id, date=date(2025, 3, 1), kind="patrullering"
    )
    with pytest.raises(ValidationError) as exc:
        promise_update(
            actor=superuser,
            promise=kalmar_promise,
            fields=_fields(kalmar_promise),
            focus_areas=focus,
            commitments=commitments[1:],
            signatories=signatories,
        )
    assert "uppföljning" in exc.value.message_dict["__all__"][0]
    assert kalmar_promise.commitments.count() == 2
