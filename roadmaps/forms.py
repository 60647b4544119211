"""Forms of the roadmap editor: one small form per item. They only validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.numbers import LocalizedDecimalField
from roadmaps.enums import Dimension, Section, StatusTransition
from roadmaps.models import (
    Activity,
    Coordination,
    Indicator,
    Milestone,
    Outcome,
    Output,
    Pillar,
    ReferenceIndicator,
    Roadmap,
    Territory,
)
from roadmaps.references import references_for_roadmap

EMPTY_STATEMENT = _("The statement cannot be empty.")


def _rows(count):
    return forms.Textarea(attrs={"rows": count})


class VersionedForm(forms.ModelForm):
    """An edit carries the version it was based on (hidden)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, roadmap=None, **kwargs):
        # The roadmap an added item goes into (an edited one knows its own).
        self.roadmap = roadmap
        super().__init__(*args, **kwargs)

    def changes(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "version"
        }


class ContextForm(VersionedForm):
    class Meta:
        model = Roadmap
        fields = ["context_analysis", "plan_start_year", "plan_end_year"]
        widgets = {"context_analysis": _rows(8)}


class TheoryOfChangeForm(VersionedForm):
    class Meta:
        model = Roadmap
        fields = ["toc_if", "toc_then", "toc_because"]
        widgets = {name: _rows(4) for name in fields}
        labels = {
            "toc_if": _("If …"),
            "toc_then": _("then …"),
            "toc_because": _("because …"),
        }


class PillarForm(VersionedForm):
    class Meta:
        model = Pillar
        fields = ["name", "description"]
        widgets = {"description": _rows(2)}


class OutcomeForm(VersionedForm):
    class Meta:
        model = Outcome
        fields = ["statement", "assumptions"]
        widgets = {"statement": _rows(2), "assumptions": _rows(2)}
        error_messages = {"statement": {"required": EMPTY_STATEMENT}}


class OutputForm(OutcomeForm):
    class Meta(OutcomeForm.Meta):
        model = Output


class IndicatorForm(VersionedForm):
    dimensions = forms.MultipleChoiceField(
        label=_("Disaggregated by"),
        choices=Dimension.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The values are reported for each category of these."),
    )

    class Meta:
        model = Indicator
        fields = [
            "statement",
            "reference",
            "measure",
            "ascending",
            "cumulative",
            "unit",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "means_of_verification",
            "frequency",
            "responsible_institution",
            "dimensions",
            "disaggregation",
        ]
        widgets = {"statement": _rows(2), "means_of_verification": _rows(2)}
        error_messages = {"statement": {"required": EMPTY_STATEMENT}}
        field_classes = {
            "baseline_value": LocalizedDecimalField,
            "target_value": LocalizedDecimalField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        roadmap_id = self.roadmap.pk if self.roadmap else self.instance.roadmap_id
        field = self.fields["reference"]
        field.queryset = references_for_roadmap(roadmap_id=roadmap_id)
        field.empty_label = _("None")


class ActivityForm(VersionedForm):
    class Meta:
        model = Activity
        fields = [
            "statement",
            "lead_institution",
            "partners",
            "civil_society_role",
            "start_quarter",
            "end_quarter",
            "cost",
            "currency",
            "funding_source",
            "funding_status",
        ]
        widgets = {
            "statement": _rows(2),
            "partners": _rows(2),
            "civil_society_role": _rows(2),
            "start_quarter": forms.TextInput(attrs={"placeholder": "2025-Q3"}),
            "end_quarter": forms.TextInput(attrs={"placeholder": "2026-Q2"}),
        }
        error_messages = {"statement": {"required": EMPTY_STATEMENT}}
        field_classes = {"cost": LocalizedDecimalField}

    def clean_currency(self):
        return self.cleaned_data["currency"].strip().upper()


class CoordinationForm(VersionedForm):
    class Meta:
        model = Coordination
        fields = [
            "lead_institution",
            "coordination_body",
            "members",
            "civil_society_seats",
            "meeting_frequency",
        ]
        widgets = {"members": _rows(3)}


class TerritoryForm(VersionedForm):
    class Meta:
        model = Territory
        fields = ["name", "level", "local_actors", "local_actions"]
        widgets = {"local_actors": _rows(2), "local_actions": _rows(3)}


class MilestoneForm(VersionedForm):
    class Meta:
        model = Milestone
        fields = ["kind", "planned_date", "status", "notes"]
        widgets = {
            "planned_date": forms.DateInput(attrs={"type": "date"}),
            "notes": _rows(2),
        }


def create_form(form_class):
    """The same form without the version, for adding an item."""
    return type(
        f"New{form_class.__name__}",
        (form_class,),
        {"version": None, "changes": lambda self: dict(self.cleaned_data)},
    )


FORMS = {
    "context": ContextForm,
    "theory-of-change": TheoryOfChangeForm,
    "pillar": PillarForm,
    "outcome": OutcomeForm,
    "output": OutputForm,
    "indicator": IndicatorForm,
    "activity": ActivityForm,
    "coordination": CoordinationForm,
    "territory": TerritoryForm,
    "milestone": MilestoneForm,
}


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        widget=_rows(2),
        error_messages={"required": _("Write a comment first.")},
    )
    section = forms.ChoiceField(choices=Section.choices, widget=forms.HiddenInput)
    about = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)


class StatusForm(forms.Form):
    transition = forms.ChoiceField(choices=StatusTransition.choices)


class ReparentForm(forms.Form):
    """Where to move an item: one of the roadmap's living parents of the kinds it
    can sit under, as ``kind-pk`` (roadmaps.services.item_reparent)."""

    parent = forms.ChoiceField(label=_("Move under"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = choices


class ReferenceForm(forms.ModelForm):
    """An organizer's own reference indicator, titled in both languages."""

    class Meta:
        model = ReferenceIndicator
        fields = ["code", "title_es", "title_en", "source"]
        labels = {
            "title_es": _("Title in Spanish"),
            "title_en": _("Title in English"),
        }

    def clean(self):
        cleaned = super().clean()
        if (
            not (cleaned.get("title_es") or "").strip()
            and not (cleaned.get("title_en") or "").strip()
        ):
            self.add_error("title_es", _("Give the title in at least one language."))
        return cleaned
