"""The agenda page: who sees it, in the convening's time zone and the reader's
language, with the organizer's actions and double bookings."""

import datetime

import pytest
from django.urls import reverse

from tests import factories
from tests.academy.pages import page_text
from tests.factories import grow_delegations, session_at

# The agenda page
# ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["organizer", "facilitator", "bolivia_member"])
def test_agenda_members_of_the_convening_see_it(client, request, role, opening):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("academy:agenda", args=[opening.convening_id]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Opening plenary" in content
    assert "Results-oriented roadmap design" in content
    assert "Room A" in content
    assert "Fabio Facil" in content
    assert "Welcome; goals of the Academy." in content


@pytest.mark.parametrize("role", ["other_organizer", "other_facilitator"])
def test_agenda_staff_of_another_convening_get_404(client, request, role, opening):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("academy:agenda", args=[opening.convening_id]))

    assert response.status_code == 404


def test_agenda_someone_without_a_role_gets_404(client, opening):
    client.force_login(factories.UserFactory())

    response = client.get(reverse("academy:agenda", args=[opening.convening_id]))

    assert response.status_code == 404


def test_agenda_anonymous_is_sent_to_sign_in(client, opening):
    url = reverse("academy:agenda", args=[opening.convening_id])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


def test_agenda_shows_times_and_days_in_the_convenings_time_zone(
    client, bolivia_member, convening
):
    # 23:30 in Panama on the 24th is 04:30 UTC on the 25th.
    session_at(convening, 24, 23, 30, hours=0.5, title="Late networking")
    session_at(convening, 25, 8, title="Morning check-in")
    client.force_login(bolivia_member)

    response = client.get(reverse("academy:agenda", args=[convening.pk]))

    days = response.context["agenda"].days
    assert [day.date for day in days] == [
        datetime.date(2025, 6, 24),
        datetime.date(2025, 6, 25),
    ]
    assert [session.title for session in days[0].sessions] == ["Late networking"]
    content = page_text(response)
    assert "23:30–00:00" in content
    assert "08:00–09:00" in content
    assert "Tuesday 24 June 2025" in content
    assert "All times are local times of the convening (America/Panama)." in content


def test_agenda_writes_days_as_spanish_readers_write_them(
    client, bolivia_member, convening, opening
):
    bolivia_member.preferred_language = "es"
    bolivia_member.save()
    client.force_login(bolivia_member)

    content = page_text(client.get(reverse("academy:agenda", args=[convening.pk])))

    assert "martes 24 de junio de 2025" in content


def test_agenda_participant_sees_no_organizer_actions(client, bolivia_member, opening):
    client.force_login(bolivia_member)

    content = client.get(reverse("academy:agenda", args=[opening.convening_id])).content

    assert reverse("academy:session_update", args=[opening.pk]).encode() not in content
    assert reverse("academy:session_delete", args=[opening.pk]).encode() not in content
    assert reverse("academy:roll_call", args=[opening.pk]).encode() not in content
    assert reverse(
        "academy:session_create", args=[opening.convening_id]
    ).encode() not in (content)


def test_agenda_organizer_sees_actions_inline(client, organizer, opening):
    client.force_login(organizer)

    content = client.get(reverse("academy:agenda", args=[opening.convening_id])).content

    assert reverse("academy:session_update", args=[opening.pk]).encode() in content
    assert reverse("academy:session_delete", args=[opening.pk]).encode() in content
    assert reverse("academy:roll_call", args=[opening.pk]).encode() in content
    assert (
        reverse("academy:session_create", args=[opening.convening_id]).encode()
        in content
    )


def test_agenda_facilitator_gets_roll_call_but_not_edit(client, facilitator, opening):
    client.force_login(facilitator)

    content = client.get(reverse("academy:agenda", args=[opening.convening_id])).content

    assert reverse("academy:roll_call", args=[opening.pk]).encode() in content
    assert reverse("academy:session_update", args=[opening.pk]).encode() not in content


def test_agenda_empty_state_for_organizer(client, organizer, convening):
    client.force_login(organizer)

    response = client.get(reverse("academy:agenda", args=[convening.pk]))

    assert "No sessions on the agenda yet — add the first one." in (
        response.content.decode()
    )


def test_agenda_warns_organizer_of_double_bookings(
    client, organizer, facilitator, opening
):
    clash = session_at(opening.convening, 24, 10, title="Parallel lab", room="Hall")
    clash.facilitators.set([facilitator])
    client.force_login(organizer)

    content = client.get(reverse("academy:agenda", args=[opening.convening_id])).content

    text = content.decode()
    assert "1 session shares" not in text
    assert "2 sessions share a room or a facilitator" in text
    assert "Fabio Facil also facilitates “Parallel lab” at the same time." in text
    assert "Fabio Facil also facilitates “Opening plenary” at the same time." in text


@pytest.mark.parametrize(
    ("sessions", "delegations"), [(10, 4), (60, 100)], ids=["small", "large"]
)
def test_agenda_query_count_is_constant(
    client,
    organizer,
    facilitator,
    convening,
    sessions,
    delegations,
    django_assert_max_num_queries,
):
    grow_delegations(convening, delegations, 1)
    for number in range(sessions):
        session = session_at(
            convening, 24 + number % 3, 8 + number % 10, room=f"Room {number % 4}"
        )
        session.facilitators.set([facilitator, organizer])
    client.force_login(organizer)

    with django_assert_max_num_queries(9):
        response = client.get(reverse("academy:agenda", args=[convening.pk]))

    assert response.status_code == 200
    assert response.context["agenda"].session_count == sessions
