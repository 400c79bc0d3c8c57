"""Forms of the lägesbild and åtgärdsplan pages. They parse; the services save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medborgarloften.followup.models import ManualStatus
from medborgarloften.lib.forms import (
    checkboxes,
    free_text,
    optional_choice,
    text_area,
)
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Commitment
from medborgarloften.situation.models import CauseAnalysis

from .figures import figure_choices
from .models import (
    ActionPlan,
    Cause,
    Goal,
    Measure,
    MeasureKind,
    Problem,
    SectionKind,
    SituationReport,
    SituationSection,
)

_DATE = {"type": "date"}


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs=_DATE)
    )


class _AnalysisChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.focus_area)


class _CauseChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.problem.number}: {obj.text[:80]}"


class _CommitmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.promise}: {obj.text[:80]}"


class ReportForm(forms.Form):
    title = free_text(SituationReport, "title", label=_("Titel"))
    year = forms.IntegerField(label=_("Statistikår"), min_value=2000, max_value=2100)
    summary = text_area(SituationReport, "summary", _("Sammanfattning"))
    crime_text = text_area(
        SituationReport,
        "crime_text",
        _("Brottsligheten i kommunen"),
        rows=6,
        help_text=_("Kommentar till siffrorna: omfattning, var, vilka som drabbas."),
    )
    analysis = text_area(
        SituationReport,
        "analysis",
        _("Analys"),
        rows=6,
        help_text=_(
            "Vad brottsligheten och den andra informationen betyder "
            "tillsammans. Krävs för att anta lägesbilden."
        ),
    )
    revision_months = forms.IntegerField(
        label=_("Revideras var (månader)"), min_value=1, max_value=60, initial=12
    )


class SectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Del"), choices=SectionKind.choices)
    heading = free_text(SituationSection, "heading", label=_("Rubrik"))
    text = text_area(SituationSection, "text", _("Text"), rows=5, required=True)
    sources = text_area(
        SituationSection,
        "sources",
        _("Källor"),
        rows=2,
        help_text=_("En källa per rad."),
    )


class DecisionForm(forms.Form):
    adopted_on = _date(_("Beslutsdatum"))
    decision_body = forms.CharField(
        label=_("Beslutande organ"),
        max_length=200,
        help_text=_("T.ex. kommunstyrelsen eller kommunfullmäktige."),
    )
    diarienummer = forms.CharField(label=_("Diarienummer"), max_length=60)


class PlanAdoptForm(DecisionForm):
    overlap_confirmed = forms.BooleanField(
        label=_("Jag vet att planen överlappar en antagen plan, och båda ska gälla."),
        required=False,
    )


class DecisionCorrectForm(DecisionForm):
    """Correct an adopted document's decision details; the reason is recorded."""

    reason = forms.CharField(
        label=_("Skäl till rättelsen"),
        max_length=500,
        help_text=_("Sparas tillsammans med vad beslutet sa före och efter."),
    )


class MeasureStatusForm(forms.Form):
    """Report how a measure is going (the follow-up's statuses)."""

    status = forms.ChoiceField(label=_("Status"), choices=ManualStatus.choices)
    note = forms.CharField(
        label=_("Kommentar"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PlanForm(forms.Form):
    title = free_text(ActionPlan, "title", label=_("Titel"))
    situation_report = forms.ModelChoiceField(
        label=_("Bygger på lägesbilden"),
        queryset=SituationReport.objects.none(),
        empty_label=_("– Välj lägesbild –"),
    )
    period_start = _date(_("Gäller från"))
    period_end = _date(_("Gäller till"))
    parties = checkboxes(_("Andra parter"), Organisation.objects.none())
    follow_up = text_area(ActionPlan, "follow_up", _("Så följs planen upp"))

    def __init__(self, *args: Any, kommun: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["situation_report"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = SituationReport.objects.filter(kommun=kommun)
        parties = self.fields["parties"]
        assert isinstance(parties, forms.ModelMultipleChoiceField)
        parties.queryset = Organisation.objects.filter(serves=kommun).order_by("name")


class ProblemForm(forms.Form):
    title = free_text(Problem, "title", label=_("Problem"))
    description = text_area(Problem, "description", _("Beskrivning"))
    sections = checkboxes(_("Syns i avsnitten"), SituationSection.objects.none())
    figure_keys = forms.MultipleChoiceField(
        label=_("Syns i siffrorna"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, plan: ActionPlan, figures: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        sections = self.fields["sections"]
        assert isinstance(sections, forms.ModelMultipleChoiceField)
        sections.queryset = SituationSection.objects.filter(
            report=plan.situation_report_id
        )
        keys = self.fields["figure_keys"]
        assert isinstance(keys, forms.MultipleChoiceField)
        keys.choices = figure_choices(figures)
        if not figures:  # a lägesbild without figures: nothing to tick
            del self.fields["figure_keys"]


class CauseForm(forms.Form):
    problem = forms.ModelChoiceField(
        label=_("Problem"),
        queryset=Problem.objects.none(),
        empty_label=_("– Välj problem –"),
    )
    text = text_area(
        Cause,
        "text",
        _("Trolig orsak"),
        rows=2,
        help_text=_("Tomt: orsakerna i den valda orsaksanalysen."),
    )
    cause_analysis = _AnalysisChoice(
        label=_("Från orsaksanalysen"),
        required=False,
        queryset=CauseAnalysis.objects.none(),
        empty_label=_("– Inte från orsaksanalysen –"),
    )

    def __init__(self, *args: Any, plan: ActionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        problem = self.fields["problem"]
        assert isinstance(problem, forms.ModelChoiceField)
        problem.queryset = Problem.objects.filter(plan=plan)
        analysis = self.fields["cause_analysis"]
        assert isinstance(analysis, forms.ModelChoiceField)
        analysis.queryset = CauseAnalysis.objects.filter(
            focus_area__promise__parties=plan.kommun_id
        ).select_related("focus_area")


class MeasureForm(forms.Form):
    title = free_text(Measure, "title", label=_("Åtgärd"))
    kind = forms.ChoiceField(label=_("Typ"), choices=MeasureKind.choices)
    causes = _CauseChoice(
        label=_("Verkar på orsakerna"),
        required=False,
        queryset=Cause.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    description = text_area(Measure, "description", _("Beskrivning"), rows=2)
    responsible = optional_choice(
        _("Ansvarig organisation"),
        Organisation.objects.none(),
        _("– Ingen organisation –"),
    )
    responsible_role = free_text(
        Measure, "responsible_role", label=_("Ansvarig roll"), required=False
    )
    starts_on = _date(_("Från"), required=False)
    ends_on = _date(_("Till"), required=False)
    follow_up = text_area(Measure, "follow_up", _("Så följs den upp"), rows=2)

    def __init__(self, *args: Any, plan: ActionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        causes = self.fields["causes"]
        assert isinstance(causes, forms.ModelMultipleChoiceField)
        causes.queryset = Cause.objects.filter(problem__plan=plan).select_related(
            "problem"
        )
        responsible = self.fields["responsible"]
        assert isinstance(responsible, forms.ModelChoiceField)
        responsible.queryset = Organisation.objects.filter(
            pk=plan.kommun_id
        ) | Organisation.objects.filter(serves=plan.kommun_id)


class GoalForm(forms.Form):
    text = free_text(Goal, "text", label=_("Mål"))
    indicator = free_text(Goal, "indicator", label=_("Indikator"))
    baseline = free_text(Goal, "baseline", label=_("Utgångsvärde"))
    target = free_text(Goal, "target", label=_("Målvärde"))
    due_on = _date(_("Ska nås senast"))


class GoalAddForm(GoalForm):
    measure = forms.ModelChoiceField(
        label=_("Åtgärd"),
        queryset=Measure.objects.none(),
        empty_label=_("– Välj åtgärd –"),
    )

    field_order = ["measure"]

    def __init__(self, *args: Any, plan: ActionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        measure = self.fields["measure"]
        assert isinstance(measure, forms.ModelChoiceField)
        measure.queryset = Measure.objects.filter(plan=plan)


class GoalReviseForm(GoalForm):
    reason = free_text(Goal, "reason", label=_("Skäl till ändringen"))


class LinkForm(forms.Form):
    commitment = _CommitmentChoice(
        label=_("Åtagande i medborgarlöftet"),
        queryset=Commitment.objects.none(),
        empty_label=_("– Välj åtagande –"),
    )
    measure = forms.ModelChoiceField(
        label=_("Genomför åtgärden"),
        queryset=Measure.objects.none(),
        empty_label=_("– Välj åtgärd –"),
    )

    def __init__(
        self, *args: Any, plan: ActionPlan, commitments: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        commitment = self.fields["commitment"]
        assert isinstance(commitment, forms.ModelChoiceField)
        commitment.queryset = commitments
        measure = self.fields["measure"]
        assert isinstance(measure, forms.ModelChoiceField)
        measure.queryset = Measure.objects.filter(plan=plan)
