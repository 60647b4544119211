from django import forms
from django.utils.translation import gettext_lazy as _

from common.enums import Language
from roadmaps.enums import ExportBundle

BOTH = f"{Language.SPANISH},{Language.ENGLISH}"


class ExportRequestForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=[*Language.choices, (BOTH, _("Both"))],
        widget=forms.RadioSelect,
    )
    bundle = forms.ChoiceField(
        label=_("Both languages as"),
        choices=ExportBundle.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=ExportBundle.PDF,
    )

    def clean_bundle(self):
        return self.cleaned_data.get("bundle") or ExportBundle.PDF
