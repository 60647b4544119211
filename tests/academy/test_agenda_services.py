import datetime

import pytest
from django.core.exceptions import ValidationError

from academy import services
from academy.enums import AttendanceStatus, Module, Role
from academy.models import Attendance, Session
from academy.selectors import agenda
from tests import factories
from tests.factories import panama, session_at

pytestmark = pytest.mark.usefixtures("english")


def _create(convening, **overrides):
    arguments = {
        "convening": convening,
        "title_en": "Gender budgeting lab",
        "module": Module.GENDER_BUDGETING,
        "starts_at": panama(25, 14),
        "ends_at": panama(25, 15, 30),
        "room": "Room B",
        "description_en": "Costing activities.",
        "facilitators": [],
    }
    arguments.update(overrides)
    return services.session_create(**arguments)


def test_session_create_stores_aware_times_and_facilitators(
    convening, facilitator, organizer
):
    session = _create(convening, facilitators=[facilitator, organizer])

    session.refresh_from_db()
    assert session.starts_at == datetime.datetime(
        2025, 6, 25, 19, 0, tzinfo=datetime.UTC
    )
    assert session.ends_at == datetime.datetime(
        2025, 6, 25, 20, 30, tzinfo=datetime.UTC
    )
    assert set(session.facilitators.all()) == {facilitator, organizer}


def test_session_create_refuses_an_end_before_the_start(convening):
    with pytest.raises(ValidationError) as error:
        _create(convening, starts_at=panama(25, 14), ends_at=panama(25, 13))

    assert error.value.message_dict == {
        "ends_at": ["The session must end after it starts."]
    }
    assert Session.objects.count() == 0


def test_session_create_refuses_a_day_far_from_the_convening(convening):
    with pytest.raises(ValidationError) as error:
        _create(convening, starts_at=panama(20, 9), ends_at=panama(20, 10))

    assert error.value.message_dict == {
        "starts_at": [
            "A session must start on one of the convening's days: "
            "from June 24, 2025 to June 26, 2025."
        ]
    }


@pytest.mark.parametrize("day", [23, 27])
def test_session_create_refuses_the_day_before_and_the_day_after(convening, day):
    """One rule, as the form's help text says it: no day of margin."""
    with pytest.raises(ValidationError) as error:
        _create(convening, starts_at=panama(day, 19), ends_at=panama(day, 21))

    assert list(error.value.message_dict) == ["starts_at"]
    assert Session.objects.count() == 0


@pytest.mark.parametrize("day", [24, 26])
def test_session_create_allows_the_first_and_the_last_day(convening, day):
    session = _create(convening, starts_at=panama(day, 19), ends_at=panama(day, 21))

    assert session.pk is not None


def test_session_create_refuses_a_facilitator_of_another_convening(
    convening, other_facilitator
):
    with pytest.raises(ValidationError) as error:
        _create(convening, facilitators=[other_facilitator])

    assert list(error.value.message_dict) == ["facilitators"]
    assert Session.objects.count() == 0


def test_session_update_changes_fields_and_keeps_attendance(
    opening, bolivia_participant, organizer
):
    Attendance.objects.create(
        session=opening,
        participant=bolivia_participant,
        status=AttendanceStatus.PRESENT,
        marked_by=organizer,
    )

    services.session_update(
        session=opening,
        title_en="Opening plenary (moved)",
        module=Module.STRATEGIC_DESIGN,
        starts_at=panama(24, 10),
        ends_at=panama(24, 11),
        room="Room C",
        description_en="",
        facilitators=[organizer],
    )

    opening.refresh_from_db()
    assert opening.title == "Opening plenary (moved)"
    assert opening.room == "Room C"
    assert list(opening.facilitators.all()) == [organizer]
    assert opening.attendances.count() == 1


def test_session_delete_removes_its_attendance(opening, bolivia_participant, organizer):
    Attendance.objects.create(
        session=opening,
        participant=bolivia_participant,
        status=AttendanceStatus.ABSENT,
        marked_by=organizer,
    )

    services.session_delete(session=opening)

    assert Session.objects.count() == 0
    assert Attendance.objects.count() == 0


def test_facilitator_choices_are_the_convenings_staff(
    convening, organizer, facilitator, other_facilitator, bolivia_member
):
    assert list(agenda.facilitator_choices(convening=convening)) == [
        facilitator,
        organizer,
    ]


# Double bookings
# ------------------------------------------------------------------------------


def test_session_conflicts_finds_a_room_booked_twice(convening):
    first = session_at(convening, 24, 9, hours=2, room="Room A", title="First")
    second = session_at(convening, 24, 10, room="room  a", title="Second")

    conflicts = agenda.session_conflicts(convening=convening)

    assert [(c.kind, c.other) for c in conflicts[first.pk]] == [("room", second)]
    assert [(c.kind, c.other) for c in conflicts[second.pk]] == [("room", first)]
    assert conflicts[first.pk][0].message == (
        "Room A is also booked for “Second” at the same time."
    )


def test_session_conflicts_finds_a_facilitator_booked_twice(convening, facilitator):
    first = session_at(convening, 24, 9, room="Room A", title="First")
    second = session_at(convening, 24, 9, 30, room="Room B", title="Second")
    first.facilitators.set([facilitator])
    second.facilitators.set([facilitator])

    conflicts = agenda.session_conflicts(convening=convening)

    assert [(c.kind, c.facilitator) for c in conflicts[first.pk]] == [
        ("facilitator", facilitator)
    ]
    assert conflicts[second.pk][0].message == (
        "Fabio Facil also facilitates “First” at the same time."
    )


def test_session_conflicts_ignores_back_to_back_and_separate_bookings(
    convening, facilitator
):
    first = session_at(convening, 24, 9, room="Room A")
    next_one = session_at(convening, 24, 10, room="Room A")
    elsewhere = session_at(convening, 24, 9, room="Room B")
    no_room = session_at(convening, 24, 9, room="")
    also_no_room = session_at(convening, 24, 9, room="")
    first.facilitators.set([facilitator])
    next_one.facilitators.set([facilitator])

    conflicts = agenda.session_conflicts(convening=convening)

    assert conflicts == {
        first.pk: [],
        next_one.pk: [],
        elsewhere.pk: [],
        no_room.pk: [],
        also_no_room.pk: [],
    }


def test_session_conflicts_ignore_other_convenings(convening, facilitator):
    mine = session_at(convening, 24, 9, room="Room A")
    other_convening = factories.ConveningFactory()
    factories.RoleFactory(
        convening=other_convening, user=facilitator, role=Role.FACILITATOR
    )
    session_at(other_convening, 24, 9, room="Room A")

    assert agenda.session_conflicts(convening=convening) == {mine.pk: []}


def test_session_conflicts_report_every_overlap_of_a_long_session(convening):
    long_one = session_at(convening, 24, 9, hours=4, room="Hall")
    overlapping = [session_at(convening, 24, hour, room="Hall") for hour in (9, 11, 12)]

    conflicts = agenda.session_conflicts(convening=convening)

    assert [c.other for c in conflicts[long_one.pk]] == overlapping


@pytest.mark.parametrize("sessions", [10, 60])
def test_session_conflicts_query_count_is_constant(
    convening, facilitator, sessions, django_assert_num_queries
):
    for number in range(sessions):
        session = session_at(convening, 24 + number % 3, 8 + number % 10, room="Hall")
        session.facilitators.set([facilitator])

    with django_assert_num_queries(2):
        conflicts = agenda.session_conflicts(convening=convening)

    assert len(conflicts) == sessions
