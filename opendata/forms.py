from django import forms

from opendata.models import DataSharing, ExportSettings


class SharingForm(forms.ModelForm):
    class Meta:
        model = DataSharing
        fields = ["share_results"]


class ExportSettingsForm(forms.ModelForm):
    class Meta:
        model = ExportSettings
        fields = ["include_internal_notes"]
