"""Personal data: forget a person on request, blank old free text by retention."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from medborgarloften.accounts.models import ExternalIdentity, Membership, User
from medborgarloften.publishing.models import Subscription
from medborgarloften.situation.models import Observation
from medborgarloften.situation.services.observations import observation_create


@pytest.fixture
def anna(kommun_editor, kalmar):
    kommun_editor.first_name, kommun_editor.last_name = "Anna", "Lindqvist"
    kommun_editor.email = "anna.lindqvist@kalmar.example"
    kommun_editor.save()
    Subscription.objects.create(
        email="Anna.Lindqvist@kalmar.example",
        kommun=kalmar,
        requested_at=timezone.now(),
    )
    return kommun_editor


def _observe(kalmar, text: str, when: dt.datetime) -> Observation:
    return observation_create(
        kommun=kalmar, category="klotter", observed_at=when, text=text
    )


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_forgets_a_person_by_email_and_keeps_the_record(anna, kalmar):
    note = _observe(
        kalmar,
        "Anna Lindqvist såg klotter, ring anna.lindqvist@kalmar.example",
        timezone.now() - dt.timedelta(days=2),
    )
    other = _observe(kalmar, "Klotter vid busshållplatsen", timezone.now())
    ExternalIdentity.objects.create(
        user=anna, issuer="https://login.example/kalmar", subject="entra-123"
    )
    text = _run("forget", "--email", "anna.lindqvist@kalmar.example")

    anna.refresh_from_db()
    assert anna.username == f"borttagen-{anna.pk}"
    assert (anna.first_name, anna.last_name, anna.email) == ("", "", "")
    assert not anna.is_active and not anna.has_usable_password()
    assert not Membership.objects.filter(user=anna).exists()
    assert not ExternalIdentity.objects.filter(user=anna).exists()
    assert not Subscription.objects.exists()
    note.refresh_from_db()
    assert note.text == "[borttaget] såg klotter, ring [borttaget]"
    assert Observation.objects.get(pk=other.pk).text == "Klotter vid busshållplatsen"
    assert "kommun_editor" in text
    assert "situation.observation.text: 1" in text


@pytest.mark.django_db
def test_a_dry_run_reports_and_changes_nothing(anna):
    text = _run("forget", "--user", "kommun_editor", "--dry-run")
    assert "inget sparat" in text
    assert "accounts.user (anonymiserade / anonymised): 1" in text
    assert User.objects.get(pk=anna.pk).email == "anna.lindqvist@kalmar.example"
    assert Subscription.objects.count() == 1


@pytest.mark.django_db
def test_it_redacts_a_signatory_by_name(kalmar):
    from medborgarloften.promises.models import Promise, Signatory

    promise = Promise.objects.create(title="Medborgarlöfte Kalmar 2026")
    Signatory.objects.create(promise=promise, name="Per Holm", title="Kommundirektör")
    text = _run("forget", "--name", "per holm")
    signatory = Signatory.objects.get()
    assert signatory.name == "[borttaget]" and signatory.title == "Kommundirektör"
    assert "promises.signatory: 1" in text


@pytest.mark.parametrize(
    ("args", "words"),
    [([], "--email"), (["--name", "Bo"], "minst 4 tecken")],
)
@pytest.mark.django_db
def test_it_refuses_a_request_that_names_no_one(args, words):
    with pytest.raises(CommandError, match=words):
        call_command("forget", *args, stdout=io.StringIO())


@pytest.mark.django_db
def test_it_blanks_observation_text_older_than_the_retention(kalmar, settings):
    settings.OBSERVATION_TEXT_RETENTION_DAYS = "30"
    old = _observe(kalmar, "Gammal text", timezone.now() - dt.timedelta(days=40))
    new = _observe(kalmar, "Ny text", timezone.now() - dt.timedelta(days=5))

    assert "1 tömda" in _run("purgetext", "--dry-run")
    old.refresh_from_db()
    assert old.text == "Gammal text"

    assert "situation.observation.text: 1 tömda" in _run("purgetext")
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.text == "" and old.category == "klotter"
    assert new.text == "Ny text"
    assert "situation.observation.text: 1 tömda" in _run("purgetext", "--days", "0")


@pytest.mark.django_db
def test_it_keeps_text_when_no_retention_is_set(kalmar, settings):
    settings.OBSERVATION_TEXT_RETENTION_DAYS = None
    settings.SURVEY_TEXT_RETENTION_DAYS = None
    old = _observe(kalmar, "Gammal text", timezone.now() - dt.timedelta(days=4000))
    assert "Ingen lagringstid" in _run("purgetext")
    old.refresh_from_db()
    assert old.text == "Gammal text"


@pytest.mark.django_db
def test_it_blanks_old_survey_free_text_and_redacts_a_name_in_it(kalmar, settings):
    from medborgarloften.situation.models import SurveyAnswer, SurveyResponse
    from medborgarloften.situation.surveys.services import (
        survey_create,
        survey_publish,
        survey_response_submit,
    )

    settings.SURVEY_TEXT_RETENTION_DAYS = "30"
    today = timezone.localdate()
    survey = survey_publish(
        survey=survey_create(
            kommun=kalmar,
            title="Enkät",
            year=today.year,
            closes_on=today + dt.timedelta(days=30),
            text_questions=["Vad vill du säga?"],
        )
    )
    question = survey.questions.get()
    old, new = (
        survey_response_submit(survey=survey, answers={}, texts={question.pk: text})
        for text in ("Gammalt svar", "Grannen Kalle Svensson stökar")
    )
    SurveyResponse.objects.filter(pk=old.pk).update(
        submitted_on=today - dt.timedelta(days=40)
    )
    assert "situation.surveyanswer.text: 1 tömda" in _run("purgetext")
    texts = dict(SurveyAnswer.objects.values_list("response_id", "text"))
    assert texts == {old.pk: "", new.pk: "Grannen Kalle Svensson stökar"}
    _run("forget", "--name", "Kalle Svensson")
    assert SurveyAnswer.objects.get(response=new).text == "Grannen [borttaget] stökar"
