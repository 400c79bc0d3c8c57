"""The answer form's fields for place questions: per question a point (hidden
latitude and longitude the map fills in), an area and the place in words, and the
map that sets them (places.maps, the same component as the walk)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.forms import optional_choice
from medborgarloften.places.models import Area

from ..models import Survey
from .place_questions import PLACE_TEXT_MAX, PlaceAnswer, place_question_map


def add_place_fields(
    form: forms.Form, survey: Survey, questions: list[Any]
) -> dict[int, dict[str, Any]]:
    """Four optional fields per place question, named p<id>_lat/_lon/_area/_text;
    returns each question's map configuration."""
    if not questions:
        return {}
    areas = list(Area.objects.filter(kommun=survey.kommun).order_by("name"))
    maps = {}
    for question in questions:
        prefix = f"p{question.pk}"
        form.fields[f"{prefix}_lat"] = forms.FloatField(
            required=False, widget=forms.HiddenInput
        )
        form.fields[f"{prefix}_lon"] = forms.FloatField(
            required=False, widget=forms.HiddenInput
        )
        form.fields[f"{prefix}_area"] = optional_choice(
            _("Eller välj ett område"),
            Area.objects.filter(kommun=survey.kommun).order_by("name"),
            _("– Inget område valt –"),
        )
        form.fields[f"{prefix}_text"] = forms.CharField(
            label=_("Eller beskriv platsen med ord"),
            required=False,
            max_length=PLACE_TEXT_MAX,
        )
        maps[question.pk] = place_question_map(
            survey=survey, question=question, areas=areas, prefix=prefix
        )
    return maps


def place_items(form: Any) -> list[dict[str, Any]]:
    """What the template draws per place question: its text, map and fields."""
    return [
        {
            "question": q,
            "map_id": f"plats-{q.pk}-karta",
            "config": form.place_maps[q.pk],
            "hidden": [form[f"p{q.pk}_lat"], form[f"p{q.pk}_lon"]],
            "fields": [form[f"p{q.pk}_area"], form[f"p{q.pk}_text"]],
        }
        for q in form.place_questions
    ]


def place_answers(form: Any) -> dict[int, PlaceAnswer]:
    data = form.cleaned_data
    return {
        q.pk: PlaceAnswer(
            latitude=data.get(f"p{q.pk}_lat"),
            longitude=data.get(f"p{q.pk}_lon"),
            area=data.get(f"p{q.pk}_area"),
            text=data.get(f"p{q.pk}_text") or "",
        )
        for q in form.place_questions
    }
