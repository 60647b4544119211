"""Adding and editing a delegation. They validate only."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from academy.enums import NapStatus, Role, Sector
from academy.models import Delegation
from accounts.models import User
from common.enums import Language


class DelegationCreateForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), choices=())
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, convening, delegation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.convening = convening
        self.delegation = delegation
        self.fields["country"].choices = [("", "---------"), *countries]

    def clean_country(self):
        country = self.cleaned_data["country"]
        taken = Delegation.objects.filter(convening=self.convening, country=country)
        if self.delegation is not None:
            taken = taken.exclude(pk=self.delegation.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("This convening already has a delegation of %(country)s."),
                params={"country": countries.name(country)},
            )
        return country


class DelegationRegisterForm(DelegationCreateForm):
    """A new delegation, where its NAP stands, and who its focal point is: the
    first member."""

    nap_status = forms.ChoiceField(
        label=_("Where its NAP stands today"),
        choices=NapStatus.choices,
        initial=NapStatus.NONE,
        help_text=_(
            "Sets the first stages of its NAP path; from then on the NAP status "
            "follows the milestones."
        ),
    )

    focal_point_name = forms.CharField(
        label=_("Focal point's full name"), max_length=200, required=False
    )
    focal_point_email = forms.EmailField(
        label=_("Focal point's e-mail address"),
        required=False,
        help_text=_(
            "Optional. The focal point becomes the delegation's first member; "
            "invite them from the delegation page."
        ),
    )
    focal_point_sector = forms.ChoiceField(
        label=_("Focal point's sector"),
        choices=Sector.choices,
        initial=Sector.GOVERNMENT,
        required=False,
    )
    focal_point_language = forms.ChoiceField(
        label=_("Focal point's language"),
        choices=Language.choices,
        initial=Language.SPANISH,
        required=False,
    )

    field_order = [
        "country",
        "nap_status",
        "focal_point_name",
        "focal_point_email",
        "focal_point_sector",
        "focal_point_language",
        "notes",
    ]

    def clean(self):
        cleaned = super().clean()
        name = " ".join(cleaned.get("focal_point_name", "").split())
        email = cleaned.get("focal_point_email", "")
        if email and not name:
            self.add_error("focal_point_name", _("Give the focal point's name."))
        if name and not email and "focal_point_email" not in self.errors:
            self.add_error(
                "focal_point_email", _("Give the focal point's e-mail address.")
            )
        cleaned["focal_point_name"] = name
        return cleaned

    def focal_point(self) -> dict | None:
        """The focal point's details for the service, or None."""
        data = self.cleaned_data
        if not data.get("focal_point_email"):
            return None
        return {
            "email": data["focal_point_email"],
            "full_name": data["focal_point_name"],
            "sector": data["focal_point_sector"] or Sector.GOVERNMENT,
            "preferred_language": data["focal_point_language"] or Language.SPANISH,
        }


class DelegationForm(DelegationCreateForm):
    focal_point = forms.ModelChoiceField(
        label=_("Focal point"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("One of the delegation's members."),
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators who accompany it"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Facilitators of the convening; add them on the team page."),
    )

    field_order = ["country", "focal_point", "facilitators", "notes"]

    def __init__(self, *args, convening, delegation, **kwargs):
        super().__init__(*args, convening=convening, delegation=delegation, **kwargs)
        self.fields["focal_point"].queryset = User.objects.filter(
            memberships__delegation=delegation
        ).order_by("full_name")
        self.fields["focal_point"].label_from_instance = lambda user: user.full_name
        facilitators = self.fields["facilitators"]
        facilitators.queryset = User.objects.filter(
            roles__convening=convening, roles__role=Role.FACILITATOR
        ).order_by("full_name", "email")
        facilitators.label_from_instance = lambda user: user.full_name or user.email
