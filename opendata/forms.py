from django import forms
from django.utils.translation import gettext_lazy as _

from academy.forms import DateInput
from opendata.models import DataSharing, ExchangeRate, ExportSettings


class SharingForm(forms.ModelForm):
    class Meta:
        model = DataSharing
        fields = ["share_results", "share_with_cohort"]


class ExportSettingsForm(forms.ModelForm):
    class Meta:
        model = ExportSettings
        fields = ["include_internal_notes"]


class CurrencyForm(forms.ModelForm):
    class Meta:
        model = ExportSettings
        fields = ["common_currency"]


class RateForm(forms.ModelForm):
    class Meta:
        model = ExchangeRate
        fields = ["currency", "rate", "as_of"]
        widgets = {"as_of": DateInput()}

    def clean_currency(self):
        return self.cleaned_data["currency"].upper()


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        help_text=_("For example: the ministry's dashboard, a research project."),
    )
