import datetime
import zoneinfo

import pytest

from academy.forms import SessionForm
from tests import factories

pytestmark = pytest.mark.usefixtures("english")


def _data(**overrides):
    data = {
        "title_en": "Localization",
        "module": "localization",
        "date": "2025-03-30",
        "start_time": "09:00",
        "end_time": "10:00",
    }
    data.update(overrides)
    return data


def _madrid(db):
    return factories.ConveningFactory(
        time_zone="Europe/Madrid",
        start_date=datetime.date(2025, 3, 29),
        end_date=datetime.date(2025, 3, 31),
    )


def test_session_form_turns_local_times_into_aware_datetimes(db):
    convening = _madrid(db)
    form = SessionForm(_data(), convening=convening)

    assert form.is_valid(), form.errors
    madrid = zoneinfo.ZoneInfo("Europe/Madrid")
    assert form.service_arguments()["starts_at"] == datetime.datetime(
        2025, 3, 30, 9, tzinfo=madrid
    )
    # Summer time began at 02:00 that morning: 09:00 in Madrid is 07:00 UTC.
    assert form.service_arguments()["starts_at"] == datetime.datetime(
        2025, 3, 30, 7, tzinfo=datetime.UTC
    )


def test_session_form_refuses_a_time_the_clock_skips(db):
    convening = _madrid(db)
    form = SessionForm(_data(start_time="02:30", end_time="04:00"), convening=convening)

    assert form.errors == {"start_time": ["This time does not exist on that day."]}


def test_session_form_refuses_an_end_equal_to_the_start(db):
    convening = _madrid(db)
    form = SessionForm(_data(end_time="09:00"), convening=convening)

    assert form.errors == {"end_time": ["The session must end after it starts."]}


def test_session_form_collapses_spaces_in_the_room(db):
    convening = _madrid(db)
    form = SessionForm(_data(room="  Room   A "), convening=convening)

    assert form.is_valid()
    assert form.service_arguments()["room"] == "Room A"


def test_session_form_offers_only_the_convenings_staff(
    convening, organizer, facilitator, other_facilitator, bolivia_member
):
    form = SessionForm(convening=convening)

    assert list(form.fields["facilitators"].queryset) == [facilitator, organizer]
