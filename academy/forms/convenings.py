"""A convening's form (with its time zone, and what a change of zone does to the
sessions) and the form that lets someone create convenings. They validate
only; academy.services makes the changes."""

import json

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from academy.forms.widgets import DateInput
from academy.models import Convening, Organization
from academy.selectors.agenda import time_zone_change_preview
from academy.services import (
    organizations_for_convening,
)
from academy.time_zones import country_time_zone, country_time_zones, time_zone_choices
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
            "city_es",
            "city_en",
            "country",
            "venue_es",
            "venue_en",
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
            "city_es": _("City in Spanish"),
            "city_en": _("City in English"),
            "venue_es": _("Venue in Spanish"),
            "venue_en": _("Venue in English"),
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
        if not (cleaned.get("city_es") or cleaned.get("city_en")):
            self.add_error("city_es", _("Give the city in Spanish or in English."))
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
            "city_es": data["city_es"] or "",
            "city_en": data["city_en"] or "",
            "country": data["country"],
            "venue_es": data["venue_es"] or "",
            "venue_en": data["venue_en"] or "",
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


class ConveningCreatorForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Of an existing account: add the person to a team first."),
    )


class EditionCopyForm(forms.ModelForm):
    """A new edition made from an earlier one: what differs (its name, number,
    start and place); the rest comes from the earlier edition."""

    class Meta:
        model = Convening
        fields = [
            "name_es",
            "name_en",
            "edition",
            "start_date",
            "city_es",
            "city_en",
            "venue_es",
            "venue_en",
        ]
        labels = ConveningForm.Meta.labels
        widgets = {"start_date": DateInput()}
        help_texts = {
            "start_date": _(
                "The agenda moves with it: each session keeps its local time, the "
                "same number of days after the start."
            )
        }

    def names(self) -> dict:
        names = ("name_es", "name_en", "city_es", "city_en", "venue_es", "venue_en")
        return {name: self.cleaned_data[name] or "" for name in names}
