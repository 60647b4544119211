"""Uploading a logo for the covers of a convening's reports."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class LogoForm(forms.Form):
    file = forms.FileField(
        label=_("Logo file"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".svg,.png,image/svg+xml,image/png"}
        ),
    )
    name_es = forms.CharField(
        label=_("Organization, in Spanish"), max_length=200, required=False
    )
    name_en = forms.CharField(
        label=_("Organization, in English"), max_length=200, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "An SVG or a PNG of at most %(size)s KB, on a transparent or white "
            "background. The name is what a screen reader says for the logo."
        ) % {"size": settings.LOGO_MAX_KB}

    def content(self) -> bytes:
        upload = self.cleaned_data["file"]
        # One more byte than allowed is enough for the service to refuse it.
        return upload.read(settings.LOGO_MAX_KB * 1024 + 1)
