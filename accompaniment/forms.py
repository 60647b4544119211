"""The follow-up's forms: they validate input; the services check the rest."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from academy.enums import Module, Role
from academy.forms import DateInput
from academy.models import ConveningRole, Participant
from accompaniment.models import (
    ActionItem,
    Engagement,
    FollowUpSettings,
    IndicatorUpdate,
)
from accounts.models import User
from common.numbers import LocalizedDecimalField
from roadmaps.enums import Dimension, Measure
from roadmaps.models import Milestone
from roadmaps.selectors import roadmap_item_index


class EngagementForm(forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Topics (Academy modules)"),
        choices=Module.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    roadmap_items = forms.MultipleChoiceField(
        label=_("Roadmap items it concerns"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Engagement
        fields = [
            "kind",
            "status",
            "starts_on",
            "ends_on",
            "modality",
            "place",
            "topics",
            "facilitators",
            "participants",
            "summary",
            "agreements",
            "visibility",
            "roadmap_items",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "facilitators": forms.CheckboxSelectMultiple,
            "participants": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "agreements": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = User.objects.filter(
            pk__in=ConveningRole.objects.filter(
                convening_id=delegation.convening_id,
                role__in=[Role.FACILITATOR, Role.ORGANIZER],
            ).values("user_id")
        ).order_by("full_name")
        self.fields["participants"].queryset = (
            Participant.objects.filter(delegation=delegation)
            .select_related("user")
            .order_by("user__full_name")
        )
        self.fields["participants"].label_from_instance = lambda p: p.user.full_name
        self.fields["roadmap_items"].choices = [
            (key, f"{item.code} {Truncator(str(item)).chars(70)}")
            for key, item in roadmap_item_index(roadmap=delegation.roadmap).items()
        ]
        self.fields["facilitators"].label_from_instance = lambda u: u.full_name
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def _post_clean(self):
        # The service assigns the fields and validates the model itself.
        pass

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **{
                name: data[name]
                for name in self.Meta.fields
                if name
                not in (
                    "facilitators",
                    "participants",
                )
            },
            "place": data["place"] or "",
            "facilitators": list(data["facilitators"]),
            "participants": list(data["participants"]),
            "base_version": data.get("version"),
        }


class ActionItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ActionItem
        fields = [
            "title",
            "engagement",
            "owner_side",
            "owner",
            "due_on",
            "status",
            "visibility",
        ]
        widgets = {"due_on": DateInput(), "visibility": forms.RadioSelect}

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = delegation.engagements.order_by(
            "-starts_on"
        )
        self.fields["engagement"].empty_label = _("(agreed on its own)")
        members = Participant.objects.filter(delegation=delegation).values("user_id")
        staff = ConveningRole.objects.filter(
            convening_id=delegation.convening_id,
            role__in=[Role.FACILITATOR, Role.ORGANIZER],
        ).values("user_id")
        self.fields["owner"].queryset = User.objects.filter(
            Q(pk__in=members) | Q(pk__in=staff)
        ).order_by("full_name")
        self.fields["owner"].label_from_instance = lambda u: u.full_name
        self.fields["owner"].empty_label = _("(nobody named yet)")
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def _post_clean(self):
        pass

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in self.Meta.fields},
            "base_version": data.get("version"),
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A PDF, an office document or a picture, at most %(size)s MB."
        ) % {"size": settings.ATTACHMENT_MAX_MB}

    def content(self) -> bytes:
        # One byte more than allowed is enough for the service to refuse it.
        limit = settings.ATTACHMENT_MAX_MB * 1024 * 1024 + 1
        return self.cleaned_data["file"].read(limit)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionItem._meta.get_field("status").choices)
    version = forms.IntegerField(required=False)


class FollowUpSettingsForm(forms.ModelForm):
    class Meta:
        model = FollowUpSettings
        fields = ["quiet_days", "due_soon_days"]


class MilestoneTrackForm(forms.ModelForm):
    """Where a stage of the NAP path stands (its kind is in the URL)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Milestone
        fields = [
            "status",
            "planned_date",
            "revised_date",
            "achieved_date",
            "legal_instrument",
            "evidence_url",
            "notes",
        ]
        widgets = {
            "planned_date": DateInput,
            "revised_date": DateInput,
            "achieved_date": DateInput,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, roadmap, kind, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's clean() compares with the other stages of this roadmap.
        self.instance.roadmap = roadmap
        self.instance.kind = kind
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class IndicatorUpdateForm(forms.ModelForm):
    """A delegation's update for a period: the fields its indicator's measure
    takes, and a value per category of the dimensions it is broken down by
    (fields ``category_<id>``, grouped by dimension in ``category_groups``)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = IndicatorUpdate
        fields = ["value", "numerator", "denominator", "as_of", "narrative"]
        widgets = {"as_of": DateInput, "narrative": forms.Textarea(attrs={"rows": 4})}
        field_classes = {
            "value": LocalizedDecimalField,
            "numerator": LocalizedDecimalField,
            "denominator": LocalizedDecimalField,
        }

    def __init__(self, *args, indicator, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["evidence_url"] = forms.URLField(
            label=_("Evidence (link)"),
            required=False,
            max_length=500,
            assume_scheme="https",
            initial=self.instance.evidence_url if self.instance.pk else "",
        )
        if indicator.measure == Measure.QUALITATIVE:
            for name in ("value", "numerator", "denominator"):
                del self.fields[name]
            self.fields["narrative"].required = True
            self.fields["narrative"].help_text = _(
                "A qualitative indicator: say what changed, with its evidence."
            )
        elif indicator.measure != Measure.PERCENTAGE:
            del self.fields["numerator"], self.fields["denominator"]
        else:
            self.fields["value"].help_text = _(
                "The percentage, or leave it empty and give the numerator and the "
                "denominator."
            )
        if "value" in self.fields and indicator.unit:
            self.fields["value"].label = _("Value (%(unit)s)") % {
                "unit": indicator.unit
            }
        self.fields["as_of"].initial = timezone.localdate()
        known = {}
        if self.instance.pk:
            known = {v.category_id: v.value for v in self.instance.values.all()}
            if not self.is_bound:
                self.initial["version"] = self.instance.version
        self.category_groups = []
        for dimension in indicator.dimensions:
            names = []
            for category in categories:
                if category.dimension != dimension:
                    continue
                name = f"category_{category.pk}"
                self.fields[name] = LocalizedDecimalField(
                    label=category.label,
                    required=False,
                    min_value=0,
                    initial=known.get(category.pk),
                )
                names.append(name)
            self.category_groups.append((Dimension(dimension).label, names))

    def category_fields(self):
        """[(dimension label, [bound fields])] for the template."""
        return [
            (label, [self[name] for name in names])
            for label, names in self.category_groups
        ]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "value": data.get("value"),
            "numerator": data.get("numerator"),
            "denominator": data.get("denominator"),
            "narrative": data.get("narrative", ""),
            "as_of": data["as_of"],
            "evidence_url": data.get("evidence_url", ""),
        }

    def category_values(self) -> dict:
        return {
            int(name.removeprefix("category_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("category_") and value is not None
        }


class UpdateReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("return", _("Return for correction"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the delegation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to return it: say what to correct."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class PeriodTargetForm(forms.Form):
    target_value = LocalizedDecimalField(label=_("Target"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class BaselineForm(forms.Form):
    baseline_value = LocalizedDecimalField(label=_("Baseline value"), required=False)
    baseline_year = forms.IntegerField(
        label=_("Baseline year"), required=False, min_value=1900, max_value=2100
    )
    reason = forms.CharField(
        label=_("Why it changes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the indicator's history."),
    )
