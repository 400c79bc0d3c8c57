"""The free-text model fields: every save cleans, and no path stores more than the
field allows (issue #13 M5 and M7)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction

from medborgarloften.followup.models import Activity
from medborgarloften.lib.fields import (
    PlainCharField,
    PlainJSONField,
    PlainTextField,
    keeping_stored_lengths,
)
from medborgarloften.lib.migrations import clean_stored_text
from medborgarloften.promises.models import Commitment, Promise

WORD = "Vi gick i Berga\x0bTolv deltog\x0cNästa sida"


@pytest.fixture
def commitment(db, kalmar):
    promise = Promise.objects.create(title="Tryggare Kalmar")
    promise.parties.add(kalmar)
    return Commitment.objects.create(promise=promise, text="Trygghetsvandringar.")


def _activity(commitment, **kw):
    return Activity(
        commitment=commitment, date=dt.date(2025, 3, 1), kind="vandring", **kw
    )


def test_it_stores_words_line_breaks_as_line_ends_on_save(commitment):
    activity = _activity(commitment, description=WORD)
    activity.save()
    assert activity.description == "Vi gick i Berga\nTolv deltog\nNästa sida"
    activity.refresh_from_db()
    assert activity.description == "Vi gick i Berga\nTolv deltog\nNästa sida"


def test_it_makes_a_title_one_line_and_drops_nul(commitment):
    promise = commitment.promise
    promise.title = "Tryggare\x0bKalmar\x00"
    promise.save()
    promise.refresh_from_db()
    assert promise.title == "Tryggare Kalmar"


def test_it_cleans_on_bulk_create_and_queryset_update(commitment):
    Commitment.objects.bulk_create(
        [Commitment(promise=commitment.promise, text="Polisen\x0bpatrullerar.")]
    )
    assert Commitment.objects.filter(text="Polisen\npatrullerar.").exists()
    Commitment.objects.filter(pk=commitment.pk).update(text="Kommunen\x07 lovar.")
    commitment.refresh_from_db()
    assert commitment.text == "Kommunen lovar."


def test_it_cleans_every_string_in_a_json_field(commitment):
    activity = _activity(commitment, links=["https://kalmar.se/\x0bvandring"])
    activity.save()
    activity.refresh_from_db()
    assert activity.links == ["https://kalmar.se/\nvandring"]


def test_it_refuses_a_text_longer_than_its_field_and_saves_nothing(commitment):
    activity = _activity(commitment, description="x" * 4001)
    with pytest.raises(ValidationError) as caught, transaction.atomic():
        activity.save()
    assert caught.value.message_dict == {
        "description": ["Beskrivning: högst 4\u00a0000 tecken (texten har 4\u00a0001)."]
    }
    assert not Activity.objects.exists()
    _activity(commitment, description="x" * 4000).save()  # the limit itself is fine


def test_it_refuses_a_long_text_through_queryset_update_too(commitment):
    activity = _activity(commitment)
    activity.save()
    with pytest.raises(ValidationError) as caught, transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(description="x" * 9_000_000)
    assert list(caught.value.message_dict) == ["description"]
    activity.refresh_from_db()
    assert activity.description == ""


def test_it_refuses_too_many_links_and_too_long_a_link(commitment):
    with pytest.raises(ValidationError) as caught:
        _activity(
            commitment, links=[f"https://kalmar.se/{i}" for i in range(21)]
        ).save()
    assert caught.value.message_dict["links"] == ["Länkar: högst 20 (här finns 21)."]
    with pytest.raises(ValidationError) as caught, transaction.atomic():
        _activity(commitment, links=["https://kalmar.se/" + "x" * 2000]).save()
    assert "högst 2\u00a0000 tecken" in caught.value.message_dict["links"][0]


def test_full_clean_names_the_field_and_counts_the_cleaned_text(commitment):
    activity = _activity(commitment, description="\x00" * 10 + "x" * 4000)
    activity.full_clean(exclude=["commitment"])  # NUL is dropped before counting
    activity.description = "y" * 4001
    with pytest.raises(ValidationError) as caught:
        activity.full_clean(exclude=["commitment"])
    assert caught.value.message_dict["description"] == [
        "Beskrivning: högst 4\u00a0000 tecken (texten har 4\u00a0001)."
    ]


def test_a_restore_keeps_a_long_text_from_before_the_limits(commitment):
    activity = _activity(commitment)
    activity.save()
    with keeping_stored_lengths():
        Activity.objects.filter(pk=activity.pk).update(description="z\x0b" * 3000)
    activity.refresh_from_db()
    assert activity.description == "z\n" * 3000


def test_the_migration_cleans_text_stored_before_and_keeps_its_length(commitment):
    activity = _activity(commitment)
    activity.save()
    legacy = (
        "Vandring\x0bi Berga\x07" + "x" * 5000
    )  # too long today; no NUL (PostgreSQL never held one)
    with connection.cursor() as cursor:  # as a row written before the fields
        cursor.execute(
            "UPDATE followup_activity SET description = %s, kind = %s WHERE id = %s",
            [legacy, "Nat\x0btvandring", activity.pk],
        )
    # RunPython hands over a schema editor; the function only uses its connection.
    editor = SimpleNamespace(connection=connection)
    clean_stored_text({"followup.Activity": ["description", "kind"]})(apps, editor)
    activity.refresh_from_db()
    assert activity.description == "Vandring\ni Berga" + "x" * 5000
    assert activity.kind == "Nat tvandring"


# Text that is not typed by staff: machine output, codes, reader output whose offsets
# the extraction record points into, data from the police's API.
NOT_STAFF_TEXT = {
    "documents.SourceDocument.text",
    "documents.ExtractionRun.error",
    "documents.ImportJob.error",  # the reader's reason, like ExtractionRun.error
    "situation.PoliceEvent.summary",
}


def test_every_free_text_field_of_the_project_is_cleaned_and_bounded():
    unbounded = []
    for model in apps.get_models():
        if not model.__module__.startswith("medborgarloften."):
            continue
        for field in model._meta.get_fields():
            label = f"{model._meta.label}.{field.name}"
            free_text = (
                isinstance(field, models.TextField) and label not in NOT_STAFF_TEXT
            )
            if free_text and not (
                isinstance(field, PlainTextField) and field.max_length
            ):
                unbounded.append(label)
    assert unbounded == []


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("promises.Promise.title", PlainCharField),
        ("promises.Signatory.name", PlainCharField),
        ("followup.Activity.kind", PlainCharField),
        ("followup.Report.title", PlainCharField),
        ("situation.Survey.title", PlainCharField),
        ("situation.SurveyQuestion.options", PlainJSONField),
        ("places.Area.name", PlainCharField),
        ("places.Area.aliases", PlainJSONField),
    ],
)
def test_staff_names_and_titles_use_the_cleaning_fields(label, kind):
    app_model, name = label.rsplit(".", 1)
    assert isinstance(apps.get_model(app_model)._meta.get_field(name), kind)
