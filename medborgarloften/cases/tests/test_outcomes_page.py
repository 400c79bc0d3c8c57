"""'Du sa – vi gjorde': the area filter offers only areas with something published,
and answers are signed with the organisation's proper name (new-user tester)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..handling import case_answer
from ..models import Case
from ..notify import case_answered_notify
from ..services import case_create, case_moderate

pytestmark = pytest.mark.django_db


def _case(kalmar, area, text):
    return case_create(
        kommun=kalmar, source="form", theme="trafik", text=text, area=area
    )


def test_the_area_filter_offers_only_areas_with_published_cases(
    client, kalmar, berga, kommun_editor
):
    from medborgarloften.places.models import Area

    norrliden = Area.objects.create(kommun=kalmar, name="Norrliden")
    Area.objects.create(kommun=kalmar, name="Funkabo")  # nothing at all
    shown = _case(kalmar, berga, "Bilar kör fort på Bergavägen.")
    case_moderate(actor=kommun_editor, case=shown, publish=True)
    _case(kalmar, norrliden, "Väntar på granskning.")
    hidden = _case(kalmar, norrliden, "Visas inte.")
    case_moderate(actor=kommun_editor, case=hidden, publish=False)
    body = client.get(reverse("cases:public", args=[kalmar.code])).content.decode()
    assert f'<option value="{berga.pk}"' in body
    assert "Norrliden" not in body and "Funkabo" not in body


def test_answers_are_signed_with_the_organisations_proper_name(
    client, kalmar, kommun_editor, mailoutbox
):
    case = _case(kalmar, None, "Farligt övergångsställe vid skolan.")
    case_moderate(actor=kommun_editor, case=case, publish=True)
    case_answer(actor=kommun_editor, case=case, answer="Vi målar om övergången.")
    body = client.get(reverse("cases:public", args=[kalmar.code])).content.decode()
    assert "(Kalmar kommun)" in body
    assert "(Kalmar)" not in body
    Case.objects.filter(pk=case.pk).update(
        email="boende@example.org", email_confirmed=True
    )
    assert case_answered_notify(case_id=case.pk)
    assert "Kalmar kommun har svarat" in mailoutbox[-1].body
