"""A session of the agenda, and a roll-call mark. Organizers type local times of
the convening (a date, a start and an end time); the form turns them into aware
datetimes."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.enums import AttendanceStatus, Module
from academy.forms.widgets import DateInput, TimeInput, local_datetime
from academy.models import Convening, Session
from academy.selectors.agenda import facilitator_choices
from academy.services import (
    convening_days_text,
    session_day_problem,
)
from accounts.models import User


class FacilitatorField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class SessionForm(forms.Form):
    title_es = forms.CharField(
        label=_("Title in Spanish"), max_length=200, required=False
    )
    title_en = forms.CharField(
        label=_("Title in English"), max_length=200, required=False
    )
    module = forms.ChoiceField(label=_("Module"), choices=Module.choices)
    date = forms.DateField(label=_("Day"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    room = forms.CharField(label=_("Room"), max_length=120, required=False)
    facilitators = FacilitatorField(
        label=_("Facilitators"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description_es = forms.CharField(
        label=_("Short description in Spanish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description_en = forms.CharField(
        label=_("Short description in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, convening: Convening, session: Session = None, **kw):
        self.convening = convening
        if session is not None and "initial" not in kw:
            zone = convening.zone
            start = timezone.localtime(session.starts_at, zone)
            end = timezone.localtime(session.ends_at, zone)
            kw["initial"] = {
                "title_es": session.title_es,
                "title_en": session.title_en,
                "module": session.module,
                "date": start.date(),
                "start_time": start.time(),
                "end_time": end.time(),
                "room": session.room,
                "facilitators": list(session.facilitators.all()),
                "description_es": session.description_es,
                "description_en": session.description_en,
            }
        super().__init__(*args, **kw)
        self.fields["facilitators"].queryset = facilitator_choices(convening=convening)
        self.fields["date"].help_text = convening_days_text(convening=convening)
        self.fields["start_time"].help_text = _("Local time in %(zone)s.") % {
            "zone": convening.time_zone
        }

    def clean_date(self):
        day = self.cleaned_data["date"]
        problem = session_day_problem(convening=self.convening, day=day)
        if problem:
            raise forms.ValidationError(problem)
        return day

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("title_es") or cleaned.get("title_en")):
            self.add_error(
                "title_es", _("Give the session a title in Spanish or in English.")
            )
        day = cleaned.get("date")
        start = cleaned.get("start_time")
        end = cleaned.get("end_time")
        if day is None or start is None or end is None:
            return cleaned
        zone = self.convening.zone
        starts_at = local_datetime(day, start, zone)
        ends_at = local_datetime(day, end, zone)
        if starts_at is None:
            self.add_error("start_time", _("This time does not exist on that day."))
        if ends_at is None:
            self.add_error("end_time", _("This time does not exist on that day."))
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("end_time", _("The session must end after it starts."))
        cleaned["starts_at"] = starts_at
        cleaned["ends_at"] = ends_at
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title_es": data["title_es"],
            "title_en": data["title_en"],
            "module": data["module"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "room": " ".join(data["room"].split()),
            "description_es": data["description_es"],
            "description_en": data["description_en"],
            "facilitators": list(data["facilitators"]),
        }


class AttendanceMarkForm(forms.Form):
    status = forms.ChoiceField(choices=AttendanceStatus.choices)
