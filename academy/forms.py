"""Forms for organizers: convenings, delegations, sessions and attendance marks.
They validate only; the services in academy/services.py make the changes.

In the session form organizers type local times of the convening (a date, a
start and an end time); the form turns them into aware datetimes."""

import datetime
import json

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from academy.enums import AttendanceStatus, Module, NapStatus, Role, Sector
from academy.models import Convening, Delegation, Organization, Session
from academy.selectors.agenda import facilitator_choices, time_zone_change_preview
from academy.services import (
    convening_days_text,
    organizations_for_convening,
    session_day_problem,
)
from academy.time_zones import country_time_zone, country_time_zones, time_zone_choices
from accounts.models import User
from common.enums import Language


def _time_zone_choices():
    return [("", _("The host country's time zone")), *time_zone_choices()]


class SessionTimes(models.TextChoices):
    """What happens to the sessions when the convening's time zone changes."""

    LOCAL = (
        "local",
        _(
            "Keep their local times: a session at 09:00 stays at 09:00 in the new "
            "time zone (usual when the zone was wrong)"
        ),
    )
    MOMENTS = (
        "moments",
        _(
            "Keep their moments: a session at 09:00 shows at the same moment's local "
            "time in the new time zone"
        ),
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ConveningForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=_time_zone_choices,
        required=False,
        help_text=_(
            "Session times are shown in this time zone. Left empty, the host "
            "country's zone is used."
        ),
    )
    # Asked only when the zone of a convening with sessions changes.
    session_times = forms.ChoiceField(
        label=_("The sessions' times"),
        choices=SessionTimes.choices,
        initial=SessionTimes.LOCAL,
        widget=forms.RadioSelect,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    co_organizers = forms.ModelMultipleChoiceField(
        label=_("Co-organizing organizations"),
        queryset=Organization.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_organizations = forms.CharField(
        label=_("Other co-organizing organizations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One name per line, for organizations not in the list above."),
    )

    class Meta:
        model = Convening
        fields = [
            "name_es",
            "name_en",
            "edition",
            "city",
            "country",
            "venue",
            "start_date",
            "end_date",
            "time_zone",
            "languages",
            "co_organizers",
            "new_organizations",
            "description_es",
            "description_en",
        ]
        labels = {
            "name_es": _("Name in Spanish"),
            "name_en": _("Name in English"),
            "description_es": _("Description in Spanish"),
            "description_en": _("Description in English"),
        }
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description_es": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_new_organizations(self):
        names = []
        for line in self.cleaned_data["new_organizations"].splitlines():
            name = " ".join(line.split())
            if not name:
                continue
            if len(name) > 200:
                raise forms.ValidationError(
                    _("An organization name has at most 200 characters.")
                )
            names.append(name)
        return names

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Another convening's own organizations are none of this one's business.
        self.fields["co_organizers"].queryset = organizations_for_convening(
            convening=self.instance if self.instance.pk else None
        )
        self.zone_change = None  # the preview of a zone change to confirm
        self.fields["time_zone"].widget.attrs.update(
            {
                "data-country-zones": json.dumps(country_time_zones()),
                "data-filter-label": _("Search time zones"),
            }
        )
        if not self._zone_changes_sessions():
            del self.fields["session_times"]
        elif not self.data.get("session_times"):
            # Shown chosen the usual way the first time it is asked.
            self.data = self.data.copy()
            self.data["session_times"] = SessionTimes.LOCAL

    def _zone_changes_sessions(self) -> bool:
        """Whether this POST changes the zone of a convening that has sessions."""
        convening = self.instance
        return bool(
            self.is_bound
            and convening.pk
            and self.data.get("time_zone")
            and self.data.get("time_zone") != convening.time_zone
            and convening.sessions.exists()
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("time_zone") and cleaned.get("country"):
            zone = country_time_zone(str(cleaned["country"]))
            if zone is None:
                self.add_error("time_zone", _("Choose the convening's time zone."))
            cleaned["time_zone"] = zone
        if "session_times" in self.fields and cleaned.get("time_zone"):
            self.zone_change = time_zone_change_preview(
                convening=self.instance, time_zone=cleaned["time_zone"]
            )
            # Asked once, with what changes shown: saved on the next POST.
            if self.data.get("zone_change_seen") != cleaned["time_zone"]:
                self.add_error(
                    "session_times",
                    _(
                        "The time zone changes: see below what happens to the "
                        "sessions, choose, and save again."
                    ),
                )
            elif not cleaned.get("session_times"):
                self.add_error("session_times", _("Choose what happens to them."))
        if not (cleaned.get("name_es") or cleaned.get("name_en")):
            self.add_error(
                "name_es", _("Give the convening a name in Spanish or in English.")
            )
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The convening cannot end before it starts."))
        return cleaned

    def service_arguments(self):
        """The cleaned values, named as convening_create/convening_update take them."""
        data = self.cleaned_data
        return {
            "name_es": data["name_es"] or "",
            "name_en": data["name_en"] or "",
            "edition": data["edition"],
            "city": data["city"],
            "country": data["country"],
            "venue": data["venue"],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "time_zone": data["time_zone"],
            "languages": data["languages"],
            "description_es": data["description_es"] or "",
            "description_en": data["description_en"] or "",
            "co_organizers": list(data["co_organizers"]),
            "new_organization_names": data["new_organizations"],
            **(
                {"keep_local_times": data["session_times"] == SessionTimes.LOCAL}
                if "session_times" in self.fields
                else {}
            ),
        }

    def _post_clean(self):
        # The service assigns the fields and runs the model validation itself.
        pass


class DelegationCreateForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), choices=())
    nap_status = forms.ChoiceField(
        label=_("NAP status"), choices=NapStatus.choices, initial=NapStatus.NONE
    )
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
    """A new delegation, and who its focal point is: the first member."""

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

    field_order = ["country", "nap_status", "focal_point", "facilitators", "notes"]

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


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class FacilitatorField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


def _local_datetime(day, time, zone):
    """The aware datetime for a wall-clock time, or None when the clock skips it
    (the hour lost when daylight-saving time starts)."""
    moment = datetime.datetime.combine(day, time).replace(tzinfo=zone)
    round_trip = moment.astimezone(datetime.UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return None
    return moment


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
        starts_at = _local_datetime(day, start, zone)
        ends_at = _local_datetime(day, end, zone)
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


class ConveningCreatorForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Of an existing account: add the person to a team first."),
    )
