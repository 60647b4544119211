"""Someone to add to a convening's team."""

from django import forms
from django.utils.translation import gettext_lazy as _

from academy.enums import Role
from common.enums import Language


class TeamMemberForm(forms.Form):
    """Someone to add to a convening's team."""

    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        required=False,
        help_text=_("For a new account; an existing account keeps its own name."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Role.choices, initial=Role.FACILITATOR
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mail"),
        choices=Language.choices,
        initial=Language.SPANISH,
        help_text=_("For a new account; an existing account keeps its own."),
    )
