"""Forms for building, answering and moderating: they parse and label; the services
validate and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medborgarloften.lib.forms import (
    FreeTextField,
    checkboxes,
    field_of,
    optional_choice,
    text_area,
)
from medborgarloften.places.models import Area, Organisation

from ..models import QuestionKind, Survey, SurveyKind
from .bank import AGE_GROUPS, GENDERS, WALK_REASONS, bank, bank_text
from .place_fields import add_place_fields, place_answers, place_items
from .place_questions import PlaceAnswer
from .services import COMMENT_MAX
from .text_questions import TEXT_ANSWER_MAX


def _questions(label: Any, rows: int, help_text: Any) -> forms.CharField:
    """An optional textarea of ``rows`` rows where staff write their own questions,
    as ``help_text`` says."""
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class SurveyBuildForm(forms.Form):
    kind = forms.ChoiceField(label=_("Typ"), choices=SurveyKind.choices)
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    intro = text_area(Survey, "intro", _("Inledning till den som svarar"))
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    closes_on = forms.DateField(
        label=_("Sista svarsdag"), widget=forms.DateInput(attrs={"type": "date"})
    )
    bank_keys = forms.MultipleChoiceField(
        label=_("Frågor ur frågebanken"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    own_questions = _questions(
        _("Egna frågor"),
        6,
        _(
            "En fråga per stycke: frågan på första raden, sedan ett svarsalternativ "
            "per rad. Tom rad mellan frågorna."
        ),
    )
    place_questions = _questions(
        _("Platsfrågor"),
        2,
        _(
            "En fråga per rad, t.ex. Var känner du dig mest otrygg? Den som svarar "
            "markerar platsen på en karta, väljer ett område eller beskriver platsen "
            "med ord."
        ),
    )
    text_questions = _questions(
        _("Fritextfrågor"),
        2,
        _(
            "En fråga per rad, t.ex. Vad skulle göra dig tryggare där du bor? Den "
            "som svarar skriver med egna ord. Svaren visas bara för kommunens "
            "personal och kan göras till ärenden."
        ),
    )
    areas = checkboxes(_("Områden"), Area.objects.none())

    def __init__(self, *args: Any, kommun: Organisation, **kwargs: Any) -> None:
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {"year": today.year, "bank_keys": list(bank())},
        )
        super().__init__(*args, **kwargs)
        field_of(self, "bank_keys", forms.ChoiceField).choices = [
            (k, q.text) for k, q in bank().items()
        ]
        field_of(self, "areas", forms.ModelChoiceField).queryset = Area.objects.filter(
            kommun=kommun
        ).order_by("name")

    def clean_own_questions(self) -> list[tuple[str, list[str]]]:
        text = self.cleaned_data["own_questions"].replace("\r\n", "\n")
        blocks = [b.strip().splitlines() for b in text.split("\n\n") if b.strip()]
        return [(lines[0], lines[1:]) for lines in blocks]

    def clean_place_questions(self) -> list[str]:
        return _lines(self.cleaned_data["place_questions"])

    def clean_text_questions(self) -> list[str]:
        return _lines(self.cleaned_data["text_questions"])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class BackgroundMixin(forms.Form):
    area = optional_choice(_("Var bor du?"), Area.objects.none(), _("Vill inte svara"))
    gender = forms.ChoiceField(
        label=_("Är du kvinna eller man?"),
        required=False,
        choices=[("", _("Vill inte svara")), *GENDERS],
    )
    age_group = forms.ChoiceField(
        label=_("Hur gammal är du?"),
        required=False,
        choices=[("", _("Vill inte svara")), *AGE_GROUPS],
    )
    # The honeypot: hidden from people (and screen readers); scripts fill it in.
    website = forms.CharField(required=False, label=_("Lämna tomt"))


class SurveyAnswerForm(BackgroundMixin):
    """One radio group per question; every question may be skipped."""

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        self.place_questions = [
            q for q in self.questions if q.kind == QuestionKind.PLACE
        ]
        self.text_questions = [q for q in self.questions if q.kind == QuestionKind.TEXT]
        self.questions = [
            q
            for q in self.questions
            if q not in self.place_questions and q not in self.text_questions
        ]
        self.place_maps = add_place_fields(self, survey, self.place_questions)
        for question in self.text_questions:
            self.fields[f"t{question.pk}"] = FreeTextField(
                label=question.text,
                required=False,
                max_length=TEXT_ANSWER_MAX,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Skriv inte namn, personnummer eller telefonnummer."),
            )
        for question in self.questions:
            from_bank = bool(question.bank_key)
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=bank_text(question.text, from_bank=from_bank),
                help_text=bank_text(question.help_text, from_bank=from_bank),
                required=False,
                choices=[
                    (value, bank_text(label, from_bank=from_bank))
                    for value, label in question.options
                ],
                widget=forms.RadioSelect,
            )
        field_of(self, "area", forms.ModelChoiceField).queryset = survey.areas.order_by(
            "name"
        )
        if not survey.areas.exists():
            del self.fields["area"]
        # Background last, honeypot at the very end.
        order = [f"q{q.pk}" for q in self.questions]
        order += [n for n in self.fields if n.startswith("p")]
        order += [f"t{q.pk}" for q in self.text_questions]
        self.order_fields([*order, "area", "gender", "age_group", "website"])

    def question_fields(self) -> list[Any]:
        return [self[f"q{q.pk}"] for q in self.questions]

    def place_items(self) -> list[dict[str, Any]]:
        return place_items(self)

    def places(self) -> dict[int, PlaceAnswer]:
        return place_answers(self)

    def text_fields(self) -> list[Any]:
        return [self[f"t{q.pk}"] for q in self.text_questions]

    def texts(self) -> dict[int, str]:
        return {
            q.pk: self.cleaned_data.get(f"t{q.pk}") or ""
            for q in self.text_questions
            if self.cleaned_data.get(f"t{q.pk}")
        }

    def background_fields(self) -> list[Any]:
        return [self[n] for n in ("area", "gender", "age_group") if n in self.fields]

    def answers(self) -> dict[int, str]:
        return {
            q.pk: self.cleaned_data.get(f"q{q.pk}") or ""
            for q in self.questions
            if self.cleaned_data.get(f"q{q.pk}")
        }


class WalkPointForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        label=_("Varför känns platsen otrygg?"),
        choices=WALK_REASONS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Varför otryggt: välj minst ett skäl.")},
    )
    area = optional_choice(
        _("Eller välj ett område"), Area.objects.none(), _("– Inget område valt –")
    )
    place_text = forms.CharField(
        label=_("Eller beskriv platsen med ord"),
        required=False,
        max_length=200,
        help_text=_(
            "T.ex. gångtunneln under Norra vägen vid skolan. Använd det om kartan "
            "är svår att använda, eller om du inte vill markera en punkt."
        ),
        error_messages={
            "max_length": _(
                "Platsen med ord: högst %(limit_value)d tecken (du skrev "
                "%(show_value)d)."
            )
        },
    )
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    comment = FreeTextField(
        # "(valfritt)" is added by the field template (places/_field.html).
        label=_("Berätta mer"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _(
                "Kommentar: högst %(limit_value)d tecken (du skrev %(show_value)d)."
            )
        },
    )
    website = forms.CharField(required=False, label=_("Lämna tomt"))

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "area", forms.ModelChoiceField).queryset = survey.areas.order_by(
            "name"
        )
