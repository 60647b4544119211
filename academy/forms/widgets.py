"""Date and time inputs as browsers show them, and the aware datetime of a
local date and time a form reads from them."""

import datetime

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def local_datetime(day, time, zone):
    """The aware datetime for a wall-clock time, or None when the clock skips it
    (the hour lost when daylight-saving time starts)."""
    moment = datetime.datetime.combine(day, time).replace(tzinfo=zone)
    round_trip = moment.astimezone(datetime.UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return None
    return moment
