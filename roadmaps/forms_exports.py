from django import forms
from django.utils.translation import gettext_lazy as _

from common.enums import Language


class ExportRequestForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=Language.choices,
        widget=forms.RadioSelect,
    )
