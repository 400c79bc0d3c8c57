"""promise_write, the one writer: every rule, permissions before any write, one
revision per save, and the same promise from the editor, the loader and the review."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.draft import (
    AreaRef,
    CommitmentDraft,
    FocusAreaDraft,
    Lifecycle,
    OrganisationRef,
    PromiseDraft,
    SignatoryDraft,
    TargetDraft,
    parse_row_path,
    row_path,
)
from medborgarloften.promises.exchange import promise_to_record
from medborgarloften.promises.models import Promise, Revision
from medborgarloften.promises.services import (
    NOT_OWN_PARTY,
    promise_create,
    promise_load_record,
    promise_write,
)
from medborgarloften.promises.tests.test_forms import _management, _query


def _draft(kalmar, lpo_kalmar, areas=(), **changes) -> PromiseDraft:
    draft = PromiseDraft(
        title="Medborgarlöfte Kalmar 2031",
        parties=[OrganisationRef.of(kalmar), OrganisationRef.of(lpo_kalmar)],
        period_start=dt.date(2031, 1, 1),
        period_end=dt.date(2031, 12, 31),
        situation_summary="Otrygghet kring Berga centrum.",
        themes=["trygghet_offentlig_miljo"],
        follow_up_text="Följs upp i rådet.",
        focus_areas=[FocusAreaDraft(title="Trygg utemiljö")],
        commitments=[
            CommitmentDraft(
                text="Polisen patrullerar i Berga.",
                focus_area=0,
                responsible=["polis"],
                areas=[AreaRef.of(a) for a in areas],
                target=TargetDraft(quantity=40, unit="kvällar", per="år"),
            ),
            CommitmentDraft(
                text="Kommunen ser över belysningen.", responsible=["kommun"]
            ),
        ],
        signatories=[
            SignatoryDraft(
                name="Anna Andersson",
                title="Ordförande",
                organisation=OrganisationRef.of(kalmar),
                organisation_name="Kalmar kommun",
            )
        ],
    )
    return dataclasses.replace(draft, **changes)


def _writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_the_draft_module_imports_nothing_from_django():
    import ast
    import inspect

    from medborgarloften.promises import draft

    tree = ast.parse(inspect.getsource(draft))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [None])
    ]
    assert not [m for m in imported if m and m.split(".")[0] == "django"]
    assert row_path("commitments", 2, "text") == "commitments.2.text"
    assert parse_row_path("commitments.2.text") == ("commitments", 2, "text")
    assert parse_row_path("title") is None


def test_it_saves_a_whole_promise_and_records_one_revision(
    kalmar, lpo_kalmar, kommun_editor
):
    promise = promise_write(
        actor=kommun_editor, draft=_draft(kalmar, lpo_kalmar), source="test"
    )
    # The police unit the kommun's editor does not edit for is asked to accept.
    assert list(promise.parties.all()) == [kalmar]
    assert [r.organisation for r in promise.party_requests.all()] == [lpo_kalmar]
    assert [c.text for c in promise.commitments.order_by("position")] == [
        "Polisen patrullerar i Berga.",
        "Kommunen ser över belysningen.",
    ]
    assert promise.commitments.get(position=0).focus_area.title == "Trygg utemiljö"
    revision = promise.revisions.get()
    assert "Lokalpolisområde Kalmar" in revision.summary
    assert (revision.action, revision.actor, revision.source) == (
        Revision.Action.CREATED,
        kommun_editor,
        "test",
    )
    assert revision.after == promise_to_record(promise)


def test_it_records_one_revision_per_save_and_none_for_a_save_that_changes_nothing(
    kalmar, lpo_kalmar, kommun_editor
):
    draft = _draft(kalmar, lpo_kalmar)
    promise = promise_write(actor=kommun_editor, draft=draft)
    rows = {
        "focus_areas": [
            dataclasses.replace(draft.focus_areas[0], id=fa.pk)
            for fa in promise.focus_areas.order_by("position")
        ],
        "commitments": [
            dataclasses.replace(row, id=c.pk)
            for row, c in zip(
                draft.commitments, promise.commitments.order_by("position"), strict=True
            )
        ],
        "signatories": [
            dataclasses.replace(draft.signatories[0], id=s.pk)
            for s in promise.signatories.all()
        ],
    }
    same = dataclasses.replace(draft, **rows)
    promise_write(actor=kommun_editor, promise=promise, draft=same)
    assert promise.revisions.count() == 1

    promise_write(
        actor=kommun_editor,
        promise=promise,
        draft=dataclasses.replace(same, title="Nytt namn"),
    )
    assert promise.revisions.count() == 2
    assert promise.revisions.latest("pk").action == Revision.Action.UPDATED

    promise_write(
        actor=None,
        promise=promise,
        draft=same,
        action=Revision.Action.LOADED,
        summary="Ersatt",
    )
    assert promise.revisions.count() == 3


def test_rows_keep_their_ids_and_rows_left_out_are_removed(
    kalmar, lpo_kalmar, kommun_editor
):
    draft = _draft(kalmar, lpo_kalmar)
    promise = promise_write(actor=kommun_editor, draft=draft)
    first = promise.commitments.get(position=0)
    promise_write(
        actor=kommun_editor,
        promise=promise,
        draft=dataclasses.replace(
            draft,
            focus_areas=[],
            commitments=[
                dataclasses.replace(
                    draft.commitments[0], id=first.pk, text="Ny text", focus_area=None
                )
            ],
        ),
    )
    assert list(promise.commitments.values_list("pk", "text")) == [
        (first.pk, "Ny text")
    ]
    assert not promise.focus_areas.exists()


@pytest.mark.parametrize(
    ("case", "key"),
    [
        ("no title", "title"),
        ("no kommun", "parties"),
        ("period ends first", "period_end"),
        ("commitment without text", "commitments.1.text"),
        ("target of zero", "commitments.0.target_quantity"),
        ("no such focus area", "commitments.0.focus_area"),
        ("focus area twice", "focus_areas.1.title"),
        ("focus area without title", "focus_areas.0.title"),
        ("signatory without name", "signatories.0.name"),
        ("area of another kommun", "commitments.0.areas"),
        ("stale commitment", "commitments.0.text"),
        ("unknown organisation", "parties.2"),
        ("title too long", "title"),
    ],
)
def test_it_enforces_every_rule_and_reports_each_at_its_path_saving_nothing(
    case, key, kalmar, lpo_kalmar, nybro, kommun_editor, superuser
):
    other_area = Area.objects.create(kommun=nybro, name="Centrum")
    base = _draft(kalmar, lpo_kalmar)
    c0, c1 = base.commitments
    changes = {
        "no title": {"title": "  "},
        "no kommun": {"parties": [OrganisationRef.of(lpo_kalmar)]},
        "period ends first": {"period_end": dt.date(2030, 1, 1)},
        "commitment without text": {
            "commitments": [c0, dataclasses.replace(c1, text=" ")]
        },
        "target of zero": {
            "commitments": [dataclasses.replace(c0, target=TargetDraft(quantity=0)), c1]
        },
        "no such focus area": {
            "commitments": [dataclasses.replace(c0, focus_area=3), c1]
        },
        "focus area twice": {
            "focus_areas": [FocusAreaDraft(title="A"), FocusAreaDraft(title="A")]
        },
        "focus area without title": {"focus_areas": [FocusAreaDraft(title="")]},
        "signatory without name": {"signatories": [SignatoryDraft(name="")]},
        "area of another kommun": {
            "commitments": [
                dataclasses.replace(c0, areas=[AreaRef.of(other_area)]),
                c1,
            ]
        },
        "stale commitment": {"commitments": [dataclasses.replace(c0, id=999_999), c1]},
        "unknown organisation": {
            "parties": [*base.parties, OrganisationRef(id=999_999)]
        },
        "title too long": {"title": "x" * 301},
    }[case]
    before = Revision.objects.count()
    with pytest.raises(ValidationError) as info:
        promise_write(actor=superuser, draft=dataclasses.replace(base, **changes))
    assert key in info.value.message_dict, info.value.message_dict
    assert not Promise.objects.exists()
    assert Revision.objects.count() == before


def test_it_keeps_a_commitment_with_follow_up_from_being_removed(
    kalmar, lpo_kalmar, kommun_editor
):
    from medborgarloften.followup.models import Activity

    draft = _draft(kalmar, lpo_kalmar)
    promise = promise_write(actor=kommun_editor, draft=draft)
    kept = promise.commitments.get(position=1)
    Activity.objects.create(
        commitment=promise.commitments.get(position=0),
        date=dt.date(2031, 3, 1),
        kind="patrull",
    )
    with pytest.raises(ValidationError) as info:
        promise_write(
            actor=kommun_editor,
            promise=promise,
            draft=dataclasses.replace(
                draft,
                commitments=[dataclasses.replace(draft.commitments[1], id=kept.pk)],
            ),
        )
    assert "uppföljning" in info.value.message_dict["__all__"][0]
    assert promise.commitments.count() == 2
    assert promise.revisions.count() == 1


def test_it_refuses_an_actor_who_may_not_create_before_writing_anything(
    kalmar, lpo_kalmar, kommun_viewer
):
    draft = _draft(kalmar, lpo_kalmar, places=[AreaRef(name="Nyområdet")])
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(PermissionDenied),
    ):
        promise_write(actor=kommun_viewer, draft=draft)
    assert _writes(queries.captured_queries) == []
    assert not Promise.objects.exists()
    assert not Area.objects.exists()


def test_it_refuses_a_promise_without_the_actors_own_party_before_writing(
    kalmar, nybro, other_kommun_editor
):
    draft = PromiseDraft(
        title="Kalmars löfte",
        parties=[OrganisationRef.of(kalmar)],
        places=[AreaRef(name="Berga")],
        commitments=[CommitmentDraft(text="Något", areas=[AreaRef(name="Berga")])],
    )
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(ValidationError) as info,
    ):
        promise_write(actor=other_kommun_editor, draft=draft)
    assert _writes(queries.captured_queries) == []
    assert [e.code for e in info.value.error_dict["parties"]] == [NOT_OWN_PARTY]
    assert not Promise.objects.exists()
    assert not Area.objects.exists()


def test_it_refuses_an_editor_of_another_kommun_before_changing_anything(
    kalmar, lpo_kalmar, kommun_editor, other_kommun_editor
):
    draft = _draft(kalmar, lpo_kalmar)
    promise = promise_write(actor=kommun_editor, draft=draft)
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(PermissionDenied),
    ):
        promise_write(
            actor=other_kommun_editor,
            promise=promise,
            draft=dataclasses.replace(draft, title="Kapad"),
        )
    assert _writes(queries.captured_queries) == []
    promise.refresh_from_db()
    assert promise.title == "Medborgarlöfte Kalmar 2031"


def test_it_creates_new_areas_by_name_in_the_first_kommun_after_the_checks(
    kalmar, lpo_kalmar, kommun_editor
):
    berga = Area.objects.create(kommun=kalmar, name="Berga")
    draft = _draft(
        kalmar,
        lpo_kalmar,
        places=[AreaRef(name="Norrliden"), AreaRef.of(berga)],
        commitments=[
            CommitmentDraft(text="Något", areas=[AreaRef(name="norrliden")]),
        ],
    )
    promise = promise_write(actor=kommun_editor, draft=draft)
    norrliden = Area.objects.get(name="Norrliden")
    assert norrliden.kommun == kalmar
    assert set(promise.areas.all()) == {norrliden, berga}
    assert list(promise.commitments.get().areas.all()) == [norrliden]


def test_a_load_sets_status_and_its_dates_the_editor_leaves_them(
    kalmar, lpo_kalmar, kommun_editor
):
    draft = _draft(
        kalmar,
        lpo_kalmar,
        lifecycle=Lifecycle(status="adopted", adopted_on=dt.date(2031, 2, 1)),
    )
    promise = promise_write(actor=None, draft=draft, action=Revision.Action.LOADED)
    assert (promise.status, promise.adopted_on) == ("adopted", dt.date(2031, 2, 1))
    promise = promise_write(
        actor=kommun_editor,
        promise=promise,
        draft=dataclasses.replace(draft, lifecycle=None, title="Ändrad"),
    )
    assert (promise.status, promise.adopted_on) == ("adopted", dt.date(2031, 2, 1))


# --- The three ways in give the same promise -----------------------------------------


def _comparable(promise: Promise) -> dict:
    record = promise_to_record(promise)
    for key in ("id", "status", "source_url", "published_at", "adopted_on"):
        record.pop(key, None)
    return record


RECORD = {
    "id": "dokument-lika",
    "title": "Medborgarlöfte Kalmar 2031",
    "municipalities": ["Kalmar"],
    "police_area": "Lokalpolisområde Kalmar",
    "period": {"start": "2031-01-01", "end": "2031-12-31", "text": None},
    "situation_summary": "Otrygghet kring Berga centrum.",
    "focus_areas": ["Trygg utemiljö"],
    "themes": ["trygghet_offentlig_miljo"],
    "places": [],
    "evidence_sources": ["trygghetsmatning"],
    "commitments": [
        {
            "text": "Polisen patrullerar i Berga.",
            "responsible": ["polis"],
            "measurable": True,
            "target": {
                "quantity": 40,
                "unit": "kvällar",
                "per": "år",
                "deadline": None,
            },
            "places": ["Berga"],
            "focus_area": "Trygg utemiljö",
        },
        {
            "text": "Kommunen ser över belysningen.",
            "responsible": ["kommun"],
            "measurable": False,
            "target": None,
            "places": [],
            "focus_area": None,
        },
    ],
    "follow_up": {"text": "Följs upp i rådet.", "reports_per_period": 2},
    "signatories": [
        {"name": "Anna Andersson", "title": "Ordförande", "organisation": "Kalmar"}
    ],
}


def _through_the_loader() -> Promise:
    return promise_load_record(record=RECORD, source="test")


def _through_the_editor(user, kalmar, lpo_kalmar, berga) -> Promise:
    from medborgarloften.promises.forms import PromiseEditor

    data = _query(
        {
            "title": RECORD["title"],
            "kommuner": str(kalmar.pk),
            "police": str(lpo_kalmar.pk),
            "period_start": "2031-01-01",
            "period_end": "2031-12-31",
            "situation_summary": RECORD["situation_summary"],
            "themes": "trygghet_offentlig_miljo",
            "evidence_sources": "trygghetsmatning",
            "follow_up_text": "Följs upp i rådet.",
            "reports_per_period": "2",
            **_management("focus", 1),
            "focus-0-title": "Trygg utemiljö",
            **_management("commitments", 2),
            "commitments-0-text": "Polisen patrullerar i Berga.",
            "commitments-0-responsible": "polis",
            "commitments-0-focus_area": "0",
            "commitments-0-areas": str(berga.pk),
            "commitments-0-target_quantity": "40",
            "commitments-0-target_unit": "kvällar",
            "commitments-0-target_per": "år",
            "commitments-1-text": "Kommunen ser över belysningen.",
            "commitments-1-responsible": "kommun",
            **_management("signatories", 1),
            "signatories-0-name": "Anna Andersson",
            "signatories-0-title": "Ordförande",
            "signatories-0-organisation": str(kalmar.pk),
            "signatories-0-organisation_name": "Kalmar",
        }
    )
    editor = PromiseEditor(user=user, data=data)
    assert editor.is_valid(), editor.error_summary()
    return promise_create(actor=user, **editor.service_input())


def _through_the_review(user, kalmar) -> Promise:
    from medborgarloften.documents.forms import ReviewEditor
    from medborgarloften.documents.services import (
        document_store,
        extraction_run_create,
        extraction_run_draft_create,
    )

    document, _created = document_store(
        data="Medborgarlöfte Kalmar 2031".encode(),
        text="Medborgarlöfte",
        kommun=kalmar,
        write_file=False,
    )
    run = extraction_run_create(document=document, record=RECORD)
    data = _query(
        {
            "title": RECORD["title"],
            "municipalities": "Kalmar",
            "police_area": "Lokalpolisområde Kalmar",
            "period_start": "2031-01-01",
            "period_end": "2031-12-31",
            "situation_summary": RECORD["situation_summary"],
            "focus_areas": "Trygg utemiljö",
            "themes": "trygghet_offentlig_miljo",
            "evidence_sources": "trygghetsmatning",
            "follow_up_text": "Följs upp i rådet.",
            "reports_per_period": "2",
            **_management("commitments", 2),
            "commitments-0-text": "Polisen patrullerar i Berga.",
            "commitments-0-responsible": "polis",
            "commitments-0-focus_area": "Trygg utemiljö",
            "commitments-0-places": "Berga",
            "commitments-0-target_quantity": "40",
            "commitments-0-target_unit": "kvällar",
            "commitments-0-target_per": "år",
            "commitments-1-text": "Kommunen ser över belysningen.",
            "commitments-1-responsible": "kommun",
            **_management("signatories", 1),
            "signatories-0-name": "Anna Andersson",
            "signatories-0-title": "Ordförande",
            "signatories-0-organisation": "Kalmar",
        }
    )
    editor = ReviewEditor(run=run, data=data)
    assert editor.is_valid(), editor.error_summary
    return extraction_run_draft_create(
        run=run, draft=editor.reviewed_draft(), actor=user
    )


def test_the_editor_the_loader_and_the_review_save_the_same_promise(
    kalmar, lpo_kalmar, superuser
):
    """The operator's load, a national admin's edit and review (who speak for both
    parties, so nobody is asked) give one and the same record."""
    berga = Area.objects.create(kommun=kalmar, name="Berga")
    organisations = Organisation.objects.count()
    saved = [
        _through_the_loader(),
        _through_the_editor(superuser, kalmar, lpo_kalmar, berga),
        _through_the_review(superuser, kalmar),
    ]
    loaded, edited, reviewed = (_comparable(p) for p in saved)
    assert edited == loaded
    assert reviewed == loaded
    assert loaded["commitments"][0]["places"] == ["Berga"]
    assert Organisation.objects.count() == organisations  # none made on the way
    assert Area.objects.count() == 1
    assert [p.revisions.count() for p in saved] == [1, 1, 1]


def test_the_loader_makes_new_organisations_only_after_the_writers_checks(
    kalmar, lpo_kalmar, other_kommun_editor
):
    record = {
        **RECORD,
        "police_area": "Lokalpolisområde Öland",
        "parties": [{"kind": "annan", "name": "Föreningen Trygga Kalmar"}],
    }
    organisations = Organisation.objects.count()
    with pytest.raises(ValidationError, match="egen organisation"):
        promise_load_record(
            record=record,
            actor=other_kommun_editor,
            source="test",
            create_missing_police_area=True,
        )
    assert Organisation.objects.count() == organisations
    assert not Area.objects.exists()


def test_a_new_party_named_twice_is_made_once_and_signs(kalmar, lpo_kalmar):
    record = {
        **RECORD,
        "parties": [{"kind": "annan", "name": "Föreningen Trygga Kalmar"}],
        "commitments": [
            {**RECORD["commitments"][0], "other_parties": ["Föreningen Trygga Kalmar"]}
        ],
        "signatories": [
            {"name": "Bo Ek", "title": None, "organisation": "Föreningen Trygga Kalmar"}
        ],
    }
    promise = promise_load_record(record=record, source="test")
    new = Organisation.objects.get(name="Föreningen Trygga Kalmar")
    assert new in promise.parties.all()
    assert list(promise.commitments.get().other_parties.all()) == [new]
    assert promise.signatories.get().organisation == new
    assert Area.objects.get().name == "Berga"  # the commitment's new place


def test_a_command_writes_on_the_operators_authority_naming_its_user(
    kalmar, lpo_kalmar, other_kommun_editor
):
    promise = promise_load_record(
        record=RECORD, actor=other_kommun_editor, source="fil", as_operator=True
    )
    revision = promise.revisions.get()
    assert revision.actor == other_kommun_editor
    assert revision.action == Revision.Action.LOADED
