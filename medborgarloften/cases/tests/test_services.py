from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from medborgarloften.situation.models import (
    Dialogue,
    DialogueFinding,
    Survey,
    SurveyKind,
    WalkPoint,
)

from ..models import Case, CaseEvent, CaseSource, CaseStatus, Moderation
from ..services import (
    case_create,
    case_from_dialogue_finding,
    case_from_walk_point,
    case_merge,
    case_moderate,
)
from .conftest import KALMAR_POINT, jpeg_with_gps

pytestmark = pytest.mark.django_db


def _report(kalmar, **kwargs):
    values = {
        "kommun": kalmar,
        "source": CaseSource.FORM,
        "theme": "trygghet_offentlig_miljo",
        "text": "Mörkt i gångtunneln vid busshållplatsen.",
        "latitude": KALMAR_POINT[0],
        "longitude": KALMAR_POINT[1],
    }
    values.update(kwargs)
    return case_create(**values)


def test_it_routes_by_theme_and_area_to_the_most_specific_rule(
    kalmar, berga, rules, bostadsbolag, gatukontoret
):
    case = _report(kalmar)
    assert case.area == berga  # found from the point
    assert case.owner == bostadsbolag
    assert case.status == CaseStatus.ROUTED
    assert case.due_on is not None
    other = _report(kalmar, theme="trafik")
    assert other.owner == gatukontoret


def test_it_routes_to_the_kommun_without_a_rule(kalmar):
    assert _report(kalmar).owner == kalmar


def test_it_refuses_a_point_outside_the_kommun_and_saves_nothing(kalmar):
    with pytest.raises(ValidationError) as exc:
        _report(kalmar, latitude=59.33, longitude=18.07)
    assert "position" in exc.value.message_dict
    assert not Case.objects.exists()


def test_it_refuses_an_unknown_theme_and_empty_text(kalmar):
    with pytest.raises(ValidationError) as exc:
        _report(kalmar, theme="okänt", text="  ")
    assert set(exc.value.message_dict) == {"theme", "text"}


def test_it_strips_exif_and_gps_from_the_photo(kalmar, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = jpeg_with_gps()
    assert Image.open(upload).getexif()  # the upload carries a GPS block
    upload.seek(0)
    case = _report(kalmar, photo=upload)
    assert "IMG_0001" not in case.photo.name and len(case.photo.name) > 30
    with case.photo.open("rb") as stored:
        image = Image.open(stored)
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info


def test_it_refuses_a_file_that_is_not_a_picture(kalmar):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.jpg", b"%PDF-1.4 not a picture")
    with pytest.raises(ValidationError) as exc:
        _report(kalmar, photo=fake)
    assert "photo" in exc.value.message_dict
    assert not Case.objects.exists()


def test_it_makes_one_case_from_a_walk_point(kalmar, kommun_editor):
    survey = Survey.objects.create(
        kommun=kalmar,
        kind=SurveyKind.VANDRING,
        title="Vandring",
        year=2026,
        token="t1",
        closes_on=dt.date(2030, 1, 1),
    )
    point = WalkPoint.objects.create(
        survey=survey,
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
        reasons=["belysning"],
        comment="Lampan är trasig.",
        submitted_on=dt.date(2026, 11, 1),
    )
    case = case_from_walk_point(actor=kommun_editor, point=point)
    assert case.source == CaseSource.WALK
    assert case.theme == "trygghet_offentlig_miljo"
    assert case.text == "Lampan är trasig."
    assert case_from_walk_point(actor=kommun_editor, point=point) == case
    assert Case.objects.count() == 1


def test_it_makes_a_case_from_a_dialogue_note(kalmar, kommun_editor, berga):
    dialogue = Dialogue.objects.create(
        kommun=kalmar, kind="medborgardialog", held_on=dt.date(2026, 10, 1)
    )
    finding = DialogueFinding.objects.create(
        dialogue=dialogue, text="Buskörning på torget.", theme="trafik", area=berga
    )
    case = case_from_dialogue_finding(actor=kommun_editor, finding=finding)
    assert (case.source, case.theme, case.area) == (
        CaseSource.DIALOGUE,
        "trafik",
        berga,
    )


def test_another_kommuns_editor_cannot_turn_our_walk_point_into_a_case(
    kalmar, other_kommun_editor
):
    dialogue = Dialogue.objects.create(
        kommun=kalmar, kind="medborgardialog", held_on=dt.date(2026, 10, 1)
    )
    finding = DialogueFinding.objects.create(
        dialogue=dialogue, text="Klotter.", theme="skadegorelse"
    )
    with pytest.raises(PermissionDenied):
        case_from_dialogue_finding(actor=other_kommun_editor, finding=finding)


def test_moderation_screens_personnummer_and_phone_numbers(kalmar, kommun_editor):
    case = _report(
        kalmar, text="Ring mig på 070-123 45 67, jag är 19811224-1234. Mörkt här."
    )
    case_moderate(actor=kommun_editor, case=case, publish=True)
    case.refresh_from_db()
    assert case.moderation == Moderation.PUBLIC
    assert "070" not in case.public_text
    assert "1234" not in case.public_text
    assert "Mörkt här." in case.public_text


def test_merging_closes_the_duplicate_and_keeps_it_off_the_public_list(
    kalmar, kommun_editor
):
    first = _report(kalmar)
    second = _report(kalmar, text="Samma tunnel, fortfarande mörkt.")
    from ..selectors import nearby_duplicates, public_cases

    assert nearby_duplicates(second) == [first]
    case_merge(actor=kommun_editor, case=second, into=first)
    second.refresh_from_db()
    assert second.duplicate_of == first
    assert second.status == CaseStatus.CLOSED
    for case in (first, second):
        case_moderate(actor=kommun_editor, case=case, publish=True)
    assert list(public_cases(kalmar)) == [first]
    assert CaseEvent.objects.filter(action="merged").count() == 1


def test_a_far_away_case_is_no_duplicate(kalmar):
    first = _report(kalmar)
    second = _report(kalmar, latitude=KALMAR_POINT[0] + 0.01)
    from ..selectors import nearby_duplicates

    assert nearby_duplicates(second) == []
    assert first.pk != second.pk
