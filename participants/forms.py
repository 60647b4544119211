"""Forms for organizers: one participant at a time, and the import upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from academy.enums import Sector
from academy.models import Participant
from accounts.addresses import email_normalize
from common.enums import Language
from participants import imports


class ParticipantForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    delegation = forms.ModelChoiceField(label=_("Delegation"), queryset=None)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    organization = forms.CharField(
        label=_("Organization"), max_length=200, required=False
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=Language.choices,
        help_text=_("Invitations and e-mails go out in this language."),
    )

    def __init__(self, *args, convening, participant=None, account_editable=True, **kw):
        super().__init__(*args, **kw)
        self.convening = convening
        self.participant = participant
        self.fields["delegation"].queryset = convening.delegations.all()
        self.fields["delegation"].label_from_instance = lambda delegation: (
            delegation.country.name
        )
        if participant is None:
            self.fields["email"].help_text = _(
                "If this address already has an account, the person keeps their "
                "own name and language."
            )
        elif not account_editable:
            for name in ("full_name", "email", "preferred_language"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "This person already uses their account: only they can change it."
                )

    def clean_email(self):
        email = email_normalize(self.cleaned_data["email"])
        taken = Participant.objects.filter(
            convening=self.convening, user__email__iexact=email
        ).select_related("user", "delegation")
        if self.participant is not None:
            taken = taken.exclude(pk=self.participant.pk)
        membership = taken.first()
        if membership is not None:
            raise forms.ValidationError(
                _(
                    "%(name)s is already a member of the delegation of %(country)s "
                    "in this convening."
                ),
                params={
                    "name": membership.user.full_name or membership.user.email,
                    "country": membership.delegation.country.name,
                },
            )
        return email


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("At most 2 MB and 5,000 participants."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    existing = forms.ChoiceField(
        label=_("People already in this convening"),
        choices=[
            ("skip", _("Skip them: leave them as they are")),
            (
                "update",
                _("Update their details (delegation, sector, organization, position)"),
            ),
            ("refuse", _("Treat them as mistakes: import nothing while any is listed")),
        ],
        initial="skip",
        required=False,  # a form sent without it (a script) skips them
        widget=forms.RadioSelect,
        help_text=_(
            "For a second import of the master list. The preview says which rows "
            "add, update or skip someone. Names and languages stay as each person's "
            "account holds them."
        ),
    )

    def clean_existing(self):
        return self.cleaned_data["existing"] or "skip"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            imports.upload_check(upload)
        except imports.ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload
