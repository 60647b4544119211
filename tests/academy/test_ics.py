import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

from academy import services
from academy.enums import Module
from tests import factories
from tests.factories import panama, session_at


def _download(client, convening):
    response = client.get(reverse("academy:agenda_ics", args=[convening.pk]))
    assert response.status_code == 200
    return response, icalendar.Calendar.from_ical(response.content)


def test_agenda_ics_has_one_event_per_session_at_the_right_instant(
    client, bolivia_member, convening, opening
):
    session_at(convening, 24, 23, 30, hours=0.5, title="Late networking", room="")
    client.force_login(bolivia_member)

    response, calendar = _download(client, convening)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="agenda-{convening.pk}.ics"'
    )
    events = calendar.events
    assert len(events) == 2
    first, second = events
    assert first.start == datetime.datetime(2025, 6, 24, 14, tzinfo=datetime.UTC)
    assert first.end == datetime.datetime(2025, 6, 24, 15, 30, tzinfo=datetime.UTC)
    assert first.start.tzinfo.key == "America/Panama"
    assert second.start == datetime.datetime(2025, 6, 25, 4, 30, tzinfo=datetime.UTC)
    assert [zone.tz_name for zone in calendar.timezones] == ["America/Panama"]


def test_agenda_ics_events_carry_title_room_and_description(
    client, bolivia_member, convening, opening
):
    opening.title = "Opening, plenary; day 1"
    opening.save()
    client.force_login(bolivia_member)

    _response, calendar = _download(client, convening)

    event = calendar.events[0]
    assert str(event["summary"]) == "Opening, plenary; day 1"
    # Where to go, as a calendar app maps it: room, venue, city and country.
    assert str(event["location"]) == "Room A · Conference centre · Panama City, Panama"
    assert str(event["description"]) == (
        "Results-oriented roadmap design\n"
        "Facilitators: Fabio Facil\n\n"
        "Welcome; goals of the Academy."
    )
    assert str(event["uid"]) == f"session-{opening.pk}@nap-academy"


def test_agenda_ics_location_is_the_venue_when_the_session_has_no_room(
    client, bolivia_member, convening, opening
):
    opening.room = ""
    opening.save()
    bolivia_member.preferred_language = "es"
    bolivia_member.save()
    client.force_login(bolivia_member)

    _response, calendar = _download(client, convening)

    assert str(calendar.events[0]["location"]) == (
        "Conference centre · Panama City, Panamá"
    )


def test_agenda_ics_uid_is_stable_when_a_session_moves(
    client, organizer, convening, opening
):
    client.force_login(organizer)
    _response, before = _download(client, convening)

    services.session_update(
        session=opening,
        title_en="Opening (moved)",
        module=Module.ROADMAP_DESIGN,
        starts_at=panama(25, 9),
        ends_at=panama(25, 10),
    )
    _response, after = _download(client, convening)

    assert str(after.events[0]["uid"]) == str(before.events[0]["uid"])
    assert after.events[0].start == panama(25, 9)


def test_agenda_ics_uses_the_convenings_zone(client, organizer):
    convening = factories.ConveningFactory(time_zone="Europe/Madrid")
    factories.RoleFactory(convening=convening, user=organizer)
    madrid = zoneinfo.ZoneInfo("Europe/Madrid")
    factories.SessionFactory(
        convening=convening,
        starts_at=datetime.datetime(2025, 6, 24, 9, tzinfo=madrid),
        ends_at=datetime.datetime(2025, 6, 24, 10, tzinfo=madrid),
    )
    client.force_login(organizer)

    _response, calendar = _download(client, convening)

    assert calendar.events[0].start == datetime.datetime(
        2025, 6, 24, 7, tzinfo=datetime.UTC
    )
    assert b"DTSTART;TZID=Europe/Madrid:20250624T090000" in calendar.to_ical()


def test_agenda_ics_of_an_empty_agenda_has_no_event(client, organizer, convening):
    client.force_login(organizer)

    _response, calendar = _download(client, convening)

    assert calendar.events == []


@pytest.mark.parametrize("role", ["other_organizer", "other_facilitator"])
def test_agenda_ics_refuses_another_convenings_staff(client, request, role, opening):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("academy:agenda_ics", args=[opening.convening_id]))

    assert response.status_code == 404


def test_agenda_ics_anonymous_is_sent_to_sign_in(client, opening):
    response = client.get(reverse("academy:agenda_ics", args=[opening.convening_id]))

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("sessions", [10, 60])
def test_agenda_ics_query_count_is_constant(
    client, organizer, facilitator, convening, sessions, django_assert_max_num_queries
):
    for number in range(sessions):
        session = session_at(convening, 24 + number % 3, 8 + number % 10)
        session.facilitators.set([facilitator])
    client.force_login(organizer)

    with django_assert_max_num_queries(9):
        _response, calendar = _download(client, convening)

    assert len(calendar.events) == sessions
