from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ..handling import case_answer, case_close, case_hand_on, case_link
from ..models import Case, CaseSource, CaseStatus
from ..notify import email_confirm, email_confirmation_send, email_delete
from ..services import case_create
from .conftest import KALMAR_POINT

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(kalmar, berga, rules):
    return case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme="trygghet_offentlig_miljo",
        text="Trasig lampa i porten.",
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
        email="boende@example.org",
    )


def _link(body: str, word: str) -> str:
    return next(u for u in re.findall(r"https?://\S+", body) if word in u)


def test_the_owner_answers_its_own_case(case, owner_user):
    case_answer(actor=owner_user, case=case, answer="Lampan är lagad.")
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED


def test_another_owner_neither_sees_nor_changes_the_case(case, other_owner_user):
    from ..selectors import cases_for_user

    assert case not in cases_for_user(other_owner_user)
    with pytest.raises(PermissionDenied):
        case_answer(actor=other_owner_user, case=case, answer="Inte vår.")
    with pytest.raises(PermissionDenied):
        case_close(actor=other_owner_user, case=case, reason="Inte vår.")


def test_a_viewer_of_the_owner_cannot_answer(case, bostadsbolag):
    from .conftest import member

    viewer = member("kalmarhem_lasare", bostadsbolag, "viewer")
    with pytest.raises(PermissionDenied):
        case_answer(actor=viewer, case=case, answer="Svar.")


def test_handing_on_gives_the_case_to_the_new_owner(
    case, owner_user, other_owner_user, gatukontoret
):
    case_hand_on(actor=owner_user, case=case, owner=gatukontoret, note="Gatubelysning")
    case.refresh_from_db()
    assert case.owner == gatukontoret
    case_answer(actor=other_owner_user, case=case, answer="Vi byter armaturen.")
    with pytest.raises(PermissionDenied):
        case_answer(actor=owner_user, case=case, answer="Igen.")


def test_closing_needs_a_reason(case, owner_user):
    with pytest.raises(ValidationError):
        case_close(actor=owner_user, case=case, reason=" ")
    case_close(actor=owner_user, case=case, reason="Marken är inte vår.")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_only_the_coordinator_links_to_an_activity(
    case, owner_user, kommun_editor, activity
):
    with pytest.raises(PermissionDenied):
        case_link(actor=owner_user, case=case, activity=activity)
    case_link(actor=kommun_editor, case=case, activity=activity)
    case.refresh_from_db()
    assert (case.activity, case.commitment) == (activity, activity.commitment)


def test_it_refuses_a_commitment_of_another_kommuns_promise(
    case, kommun_editor, commitment, nybro
):
    commitment.promise.parties.remove(case.kommun)
    commitment.promise.parties.add(nybro)
    with pytest.raises(ValidationError):
        case_link(actor=kommun_editor, case=case, commitment=commitment)


def test_no_mail_reaches_an_unconfirmed_address(case, owner_user):
    case_answer(actor=owner_user, case=case, answer="Lagad.")
    assert mail.outbox == []


def test_double_opt_in_then_the_answer_is_mailed_and_the_address_erased(
    case, owner_user, django_capture_on_commit_callbacks
):
    email_confirmation_send(case=case)
    assert len(mail.outbox) == 1
    assert email_confirm(token=_link(mail.outbox[0].body, "bekrafta").split("/")[-2])
    with django_capture_on_commit_callbacks(execute=True):
        case_answer(actor=owner_user, case=case, answer="Lampan är lagad.")
    assert mail.outbox[-1].to == ["boende@example.org"]
    assert "Lampan är lagad." in mail.outbox[-1].body
    case.refresh_from_db()
    assert case.email == "" and case.notified_at is not None


def test_the_resident_deletes_the_address(case):
    email_confirmation_send(case=case)
    token = _link(mail.outbox[0].body, "radera").split("/")[-2]
    assert email_delete(token=token)
    assert Case.objects.get(pk=case.pk).email == ""
    assert not email_delete(token=token)  # the link is spent


def test_overdue_cases_remind_their_owner_once_a_day(case, owner_user):
    import datetime as dt

    from ..notify import overdue_remind

    later = case.due_on + dt.timedelta(days=1)
    assert overdue_remind(today=later) == 1
    assert mail.outbox[-1].to == [owner_user.email]
    assert f"#{case.pk}" in mail.outbox[-1].body
    assert overdue_remind(today=later) == 0


def test_the_casereminders_command_counts_without_sending(case):
    import datetime as dt
    import io

    from django.core.management import call_command

    out = io.StringIO()
    later = (case.due_on + dt.timedelta(days=3)).isoformat()
    call_command("casereminders", "--dry-run", "--today", later, stdout=out)
    assert "overdue cases: 1" in out.getvalue()
    assert mail.outbox == []
