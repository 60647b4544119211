"""Organizers add, move and delete sessions in the convening's local time;
nobody else can."""

import datetime

import pytest
from django.urls import reverse

from academy.enums import Module
from academy.models import Attendance, Session
from tests.academy.pages import page_text
from tests.factories import panama, session_at

# Adding a session
# ------------------------------------------------------------------------------


def _form(**overrides):
    data = {
        "title_en": "Theory of change clinic",
        "module": Module.THEORY_OF_CHANGE,
        "date": "2025-06-25",
        "start_time": "14:00",
        "end_time": "15:30",
        "room": "Room B",
        "description_en": "Bring your draft.",
    }
    data.update(overrides)
    return data


def test_session_create_organizer_adds_a_session_in_local_time(
    client, organizer, facilitator, convening
):
    client.force_login(organizer)

    response = client.post(
        reverse("academy:session_create", args=[convening.pk]),
        _form(facilitators=[facilitator.pk]),
    )

    session = Session.objects.get()
    assert response.status_code == 302
    assert response.url == f"/convenings/{convening.pk}/agenda/#session-{session.pk}"
    assert session.title == "Theory of change clinic"
    assert session.starts_at == datetime.datetime(2025, 6, 25, 19, tzinfo=datetime.UTC)
    assert session.ends_at == datetime.datetime(
        2025, 6, 25, 20, 30, tzinfo=datetime.UTC
    )
    assert list(session.facilitators.all()) == [facilitator]
    followed = client.get(response.url)
    assert "The session was added to the agenda." in followed.content.decode()
    assert "14:00–15:30" in page_text(followed)


def test_session_create_form_shows_the_convening_zone(client, organizer, convening):
    client.force_login(organizer)

    response = client.get(reverse("academy:session_create", args=[convening.pk]))

    assert response.status_code == 200
    assert "Local time in America/Panama." in response.content.decode()


def test_session_create_refuses_an_end_before_the_start(client, organizer, convening):
    client.force_login(organizer)

    response = client.post(
        reverse("academy:session_create", args=[convening.pk]),
        _form(start_time="15:00", end_time="14:00"),
    )

    assert response.status_code == 200
    assert "The session must end after it starts." in response.content.decode()
    assert Session.objects.count() == 0


def test_session_create_refuses_a_day_outside_the_convening(
    client, organizer, convening
):
    client.force_login(organizer)

    response = client.post(
        reverse("academy:session_create", args=[convening.pk]), _form(date="2025-07-10")
    )

    assert (
        "A session must start on one of the convening&#x27;s days: "
        "from June 24, 2025 to June 26, 2025."
    ) in response.content.decode()
    assert Session.objects.count() == 0


def test_session_form_states_the_rule_in_the_reader_s_language(
    client, organizer, convening
):
    """The help text, the check and its message say the same dates, in the
    reader's format, never as ISO dates."""
    organizer.preferred_language = "es"
    organizer.save()
    client.force_login(organizer)
    url = reverse("academy:session_create", args=[convening.pk])
    rule = (
        "Una sesión debe empezar en uno de los días de la convocatoria: "
        "del 24 de junio de 2025 al 26 de junio de 2025."
    )

    form = page_text(client.get(url))
    refused = page_text(client.post(url, _form(date="2025-06-27")))

    assert rule in form
    assert refused.count(rule) == 2  # the help text and the error
    assert "2025-06" not in form
    assert Session.objects.count() == 0


def test_session_create_refuses_a_facilitator_of_another_convening(
    client, organizer, convening, other_facilitator
):
    client.force_login(organizer)

    response = client.post(
        reverse("academy:session_create", args=[convening.pk]),
        _form(facilitators=[other_facilitator.pk]),
    )

    assert response.status_code == 200
    assert Session.objects.count() == 0


def test_session_create_warns_of_a_room_booked_twice_and_saves(
    client, organizer, opening
):
    client.force_login(organizer)

    response = client.post(
        reverse("academy:session_create", args=[opening.convening_id]),
        _form(
            title_en="Side meeting",
            date="2025-06-24",
            start_time="10:00",
            room="Room A",
        ),
        follow=True,
    )

    assert Session.objects.count() == 2
    content = response.content.decode()
    assert "The session was added to the agenda." in content
    assert "Room A is also booked for “Opening plenary” at the same time." in content


def test_session_create_warns_of_a_facilitator_booked_twice_and_saves(
    client, organizer, facilitator, opening
):
    client.force_login(organizer)

    response = client.post(
        reverse("academy:session_create", args=[opening.convening_id]),
        _form(
            title_en="Side meeting",
            date="2025-06-24",
            start_time="09:30",
            end_time="10:00",
            room="Room Z",
            facilitators=[facilitator.pk],
        ),
        follow=True,
    )

    assert Session.objects.count() == 2
    assert "Fabio Facil also facilitates “Opening plenary” at the same time." in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    "role", ["facilitator", "bolivia_member", "other_organizer", "other_facilitator"]
)
def test_session_create_refuses_everyone_but_the_organizer(
    client, request, role, convening
):
    client.force_login(request.getfixturevalue(role))
    url = reverse("academy:session_create", args=[convening.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, _form()).status_code == 404
    assert Session.objects.count() == 0


def test_session_create_anonymous_is_sent_to_sign_in(client, convening):
    response = client.post(
        reverse("academy:session_create", args=[convening.pk]), _form()
    )

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert Session.objects.count() == 0


# Editing and deleting
# ------------------------------------------------------------------------------


def test_session_update_form_shows_local_times(client, organizer, opening):
    client.force_login(organizer)

    response = client.get(reverse("academy:session_update", args=[opening.pk]))

    form = response.context["form"]
    assert form["date"].value() == datetime.date(2025, 6, 24)
    assert form["start_time"].value() == datetime.time(9, 0)
    assert form["end_time"].value() == datetime.time(10, 30)
    content = response.content.decode()
    assert 'value="09:00"' in content
    assert 'value="10:30"' in content


def test_session_update_organizer_moves_a_session(client, organizer, opening):
    client.force_login(organizer)

    response = client.post(
        reverse("academy:session_update", args=[opening.pk]),
        _form(
            title_en="Opening", date="2025-06-24", start_time="08:00", end_time="09:00"
        ),
    )

    opening.refresh_from_db()
    assert response.status_code == 302
    assert opening.title == "Opening"
    assert opening.starts_at == panama(24, 8)
    assert list(opening.facilitators.all()) == []


def test_session_update_form_shows_the_double_booking(client, organizer, opening):
    session_at(opening.convening, 24, 10, title="Parallel lab", room="Room A")
    client.force_login(organizer)

    response = client.get(reverse("academy:session_update", args=[opening.pk]))

    content = response.content.decode()
    assert "This session is double-booked." in content
    assert "Room A is also booked for “Parallel lab” at the same time." in content


@pytest.mark.parametrize(
    "role", ["facilitator", "bolivia_member", "other_organizer", "other_facilitator"]
)
def test_session_update_and_delete_refuse_everyone_but_the_organizer(
    client, request, role, opening
):
    client.force_login(request.getfixturevalue(role))

    assert (
        client.get(reverse("academy:session_update", args=[opening.pk])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("academy:session_update", args=[opening.pk]),
            _form(title_en="Hijacked"),
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("academy:session_delete", args=[opening.pk])).status_code
        == 404
    )
    assert (
        client.post(reverse("academy:session_delete", args=[opening.pk])).status_code
        == 404
    )
    opening.refresh_from_db()
    assert opening.title == "Opening plenary"


def test_session_update_and_delete_anonymous_is_sent_to_sign_in(client, opening):
    for name in ("academy:session_update", "academy:session_delete"):
        response = client.post(reverse(name, args=[opening.pk]))
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")
    assert Session.objects.filter(pk=opening.pk).exists()


def test_session_delete_confirms_then_deletes(
    client, organizer, opening, bolivia_participant
):
    Attendance.objects.create(
        session=opening, participant=bolivia_participant, status="present"
    )
    client.force_login(organizer)
    url = reverse("academy:session_delete", args=[opening.pk])

    page = client.get(url)
    response = client.post(url)

    assert "The attendance marked for this session (1 person) will be deleted too." in (
        page.content.decode()
    )
    assert response.status_code == 302
    assert response.url == f"/convenings/{opening.convening_id}/agenda/"
    assert Session.objects.count() == 0
    assert Attendance.objects.count() == 0
