"""The evaluation's forms: they validate input; the services check the rest."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.enums import Module
from academy.forms import DateInput, TimeInput, local_datetime
from academy.models import Session
from evaluation.enums import CHOICE_KINDS, Likert, QuestionKind, SurveyKind
from evaluation.models import CertificateRule, Question, Survey
from evaluation.services.answers import TEXT_LIMIT


class SurveyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SurveyKind.choices)
    title_es = forms.CharField(
        label=_("Title in Spanish"), max_length=200, required=False
    )
    title_en = forms.CharField(
        label=_("Title in English"), max_length=200, required=False
    )
    introduction_es = forms.CharField(
        label=_("Introduction in Spanish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    introduction_en = forms.CharField(
        label=_("Introduction in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    opens_time = forms.TimeField(label=_("at"), widget=TimeInput(), initial="08:00")
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput())
    closes_time = forms.TimeField(label=_("at"), widget=TimeInput(), initial="23:59")
    anonymous = forms.BooleanField(
        label=_("Anonymous"),
        required=False,
        help_text=Survey._meta.get_field("anonymous").help_text,
    )

    def __init__(self, *args, convening, survey: Survey | None = None, **kwargs):
        self.convening = convening
        zone = convening.zone
        if survey is not None and "initial" not in kwargs:
            opens = timezone.localtime(survey.opens_at, zone)
            closes = timezone.localtime(survey.closes_at, zone)
            kwargs["initial"] = {
                "kind": survey.kind,
                "title_es": survey.title_es,
                "title_en": survey.title_en,
                "introduction_es": survey.introduction_es,
                "introduction_en": survey.introduction_en,
                "opens_on": opens.date(),
                "opens_time": opens.time(),
                "closes_on": closes.date(),
                "closes_time": closes.time(),
                "anonymous": survey.anonymous,
            }
        super().__init__(*args, **kwargs)
        self.fields["opens_on"].help_text = _("Local time in %(zone)s.") % {
            "zone": convening.time_zone
        }

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("title_es") or cleaned.get("title_en")):
            self.add_error(
                "title_es", _("Give the survey a title in Spanish or in English.")
            )
        zone = self.convening.zone
        parts = [
            cleaned.get(n)
            for n in ("opens_on", "opens_time", "closes_on", "closes_time")
        ]
        if None in parts:
            return cleaned
        cleaned["opens_at"] = local_datetime(parts[0], parts[1], zone)
        cleaned["closes_at"] = local_datetime(parts[2], parts[3], zone)
        for moment, field in (("opens_at", "opens_time"), ("closes_at", "closes_time")):
            if cleaned[moment] is None:
                self.add_error(field, _("This time does not exist on that day."))
        if None in (cleaned["opens_at"], cleaned["closes_at"]):
            return cleaned
        if cleaned["closes_at"] <= cleaned["opens_at"]:
            self.add_error("closes_on", _("A survey closes after it opens."))
        return cleaned

    def service_data(self) -> dict:
        names = ["kind", "title_es", "title_en", "introduction_es", "introduction_en"]
        data = {name: self.cleaned_data[name].strip() for name in names}
        data.update(
            opens_at=self.cleaned_data["opens_at"],
            closes_at=self.cleaned_data["closes_at"],
            anonymous=self.cleaned_data["anonymous"],
        )
        return data


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    text_es = forms.CharField(
        label=_("Question in Spanish"), max_length=500, required=False
    )
    text_en = forms.CharField(
        label=_("Question in English"), max_length=500, required=False
    )
    help_text_es = forms.CharField(
        label=_("Explanation in Spanish"), max_length=300, required=False
    )
    help_text_en = forms.CharField(
        label=_("Explanation in English"), max_length=300, required=False
    )
    required = forms.BooleanField(
        label=_("An answer is required"), required=False, initial=True
    )
    session = forms.ModelChoiceField(
        label=_("About the session"),
        queryset=Session.objects.none(),
        required=False,
        help_text=_("For session feedback: its answers count for that session."),
    )
    module = forms.ChoiceField(
        label=_("Academy module"),
        choices=[("", "—"), *Module.choices],
        required=False,
        help_text=_(
            "Knowledge gain is compared per module (the session's when left empty)."
        ),
    )

    def __init__(
        self, *args, survey: Survey, question: Question | None = None, **kwargs
    ):
        if question is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(question, name)
                for name in (
                    "kind",
                    "text_es",
                    "text_en",
                    "help_text_es",
                    "help_text_en",
                    "required",
                    "module",
                )
            } | {"session": question.session_id}
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = survey.convening.sessions.order_by(
            "starts_at"
        )

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text_es") or cleaned.get("text_en")):
            self.add_error("text_es", _("Write the question in Spanish or in English."))
        return cleaned

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("text_es", "text_en", "help_text_es", "help_text_en"):
            data[name] = data[name].strip()
        return data


class ChoiceForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text_es = forms.CharField(
        label=_("Option in Spanish"), max_length=300, required=False
    )
    text_en = forms.CharField(
        label=_("Option in English"), max_length=300, required=False
    )
    is_correct = forms.BooleanField(label=_("Correct answer"), required=False)


def choices_formset(
    *, data=None, question: Question | None = None
) -> forms.BaseFormSet:
    """The options' rows: the question's own and a few empty ones to add."""
    initial = []
    if question is not None:
        initial = [
            {
                "id": c.pk,
                "text_es": c.text_es,
                "text_en": c.text_en,
                "is_correct": c.is_correct,
            }
            for c in question.choices.all()
        ]
    blank = max(2, 5 - len(initial))
    formset = forms.formset_factory(
        ChoiceForm, extra=blank, max_num=20, absolute_max=20
    )
    return formset(data=data, initial=initial, prefix="choices")


def choices_from(formset) -> list[dict]:
    """The options kept, in order: a row with no text in either language is
    dropped (an existing option so emptied is removed)."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data.get("text_es", "").strip()
        or form.cleaned_data.get("text_en", "").strip()
    ]


class CopyForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Survey to copy"), queryset=Survey.objects.none(), empty_label=None
    )

    def __init__(self, *args, surveys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = Survey.objects.filter(
            pk__in=[s.pk for s in surveys]
        )
        self.fields["source"].label_from_instance = lambda s: (
            f"{s.convening.name} — {s.title}"
        )


def _radios():
    return forms.RadioSelect(attrs={"class": "form-check-input"})


def answer_field(question: Question) -> forms.Field:
    """The field a person answers ``question`` with (required is checked on
    submitting, so answers can be saved one at a time)."""
    common = {
        "label": question.text,
        "help_text": question.help_text,
        "required": False,
    }
    if question.kind == QuestionKind.LIKERT:
        return forms.TypedChoiceField(
            choices=Likert.choices, coerce=int, widget=_radios(), **common
        )
    if question.kind in CHOICE_KINDS:
        choices = [(c.pk, c.text) for c in question.choices.all()]
        if question.kind == QuestionKind.SINGLE:
            return forms.ChoiceField(choices=choices, widget=_radios(), **common)
        return forms.MultipleChoiceField(
            choices=choices,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            **common,
        )
    return forms.CharField(
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(
            attrs={"rows": 3, "maxlength": TEXT_LIMIT, "class": "form-control"}
        ),
        **common,
    )


class AnswersForm(forms.Form):
    """Every question of a survey, one field each (``q<id>``)."""

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = answer_field(question)

    def answers(self) -> dict:
        return {q: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class CertificateRuleForm(forms.ModelForm):
    class Meta:
        model = CertificateRule
        fields = [
            "min_attendance_percent",
            "required_sessions",
            "require_post_assessment",
            "signatory_name",
            "signatory_title",
        ]
        widgets = {"required_sessions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, convening, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["required_sessions"].queryset = convening.sessions.order_by(
            "starts_at"
        )
        self.fields["required_sessions"].required = False
        self.fields["min_attendance_percent"].widget.attrs.update(min=0, max=100)

    def service_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (
                "min_attendance_percent",
                "require_post_assessment",
                "signatory_name",
                "signatory_title",
            )
        }


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it revoked?"),
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
