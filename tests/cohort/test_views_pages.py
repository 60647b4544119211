"""Who sees which convening and delegation page (DESIGN.md, 'Who may do what')."""

import pytest


def test_delegation_page_participant_of_bolivia_gets_404_on_ecuador(
    client, bolivia_member, ecuador
):
    client.force_login(bolivia_member)

    response = client.get(ecuador.get_absolute_url())

    assert response.status_code == 404


def test_delegation_page_member_sees_own_delegation(client, bolivia_member, bolivia):
    client.force_login(bolivia_member)

    response = client.get(bolivia.get_absolute_url())

    assert response.status_code == 200
    assert "Delegation of Bolivia" in response.content.decode()


@pytest.mark.parametrize("who", ["organizer", "facilitator"])
def test_delegation_page_convening_staff_see_it(client, request, who, ecuador):
    client.force_login(request.getfixturevalue(who))

    assert client.get(ecuador.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("who", ["other_organizer", "other_facilitator"])
def test_delegation_page_staff_of_another_convening_get_404(
    client, request, who, ecuador
):
    client.force_login(request.getfixturevalue(who))

    assert client.get(ecuador.get_absolute_url()).status_code == 404


def test_delegation_page_anonymous_is_sent_to_sign_in(client, ecuador):
    response = client.get(ecuador.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_convening_page_other_participant_sees_list_but_cannot_open_delegation(
    client, bolivia_member, convening, ecuador
):
    client.force_login(bolivia_member)

    response = client.get(convening.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert "Ecuador" in content
    assert ecuador.get_absolute_url() not in content


@pytest.mark.parametrize("who", ["other_organizer", "other_facilitator"])
def test_convening_page_staff_of_another_convening_get_404(
    client, request, who, convening
):
    client.force_login(request.getfixturevalue(who))

    assert client.get(convening.get_absolute_url()).status_code == 404


def _mark_everyone_present(convening, delegation):
    from academy.models import Attendance
    from tests.factories import SessionFactory

    session = SessionFactory(convening=convening)
    for member in delegation.members.all():
        Attendance.objects.create(session=session, participant=member, status="present")


def test_delegation_page_member_sees_only_own_attendance(
    client, convening, bolivia, bolivia_member
):
    from tests.factories import ParticipantFactory

    colleague = ParticipantFactory(
        delegation=bolivia, user__full_name="Carla Colleague"
    )
    _mark_everyone_present(convening, bolivia)
    client.force_login(bolivia_member)

    response = client.get(bolivia.get_absolute_url())

    own = bolivia_member.memberships.get()
    assert list(response.context["attendance_rates"]) == [own.pk]
    assert colleague.pk not in response.context["attendance_rates"]
    assert "100%" in response.content.decode()


def test_delegation_page_staff_see_everyones_attendance(
    client, convening, bolivia, bolivia_member, facilitator
):
    from tests.factories import ParticipantFactory

    ParticipantFactory(delegation=bolivia)
    _mark_everyone_present(convening, bolivia)
    client.force_login(facilitator)

    response = client.get(bolivia.get_absolute_url())

    assert len(response.context["attendance_rates"]) == 2
    assert response.content.decode().count("(1 of 1)") == 2


def test_members_see_the_e_mail_addresses_of_their_own_delegation_only(
    client, bolivia, ecuador, bolivia_member
):
    from tests.factories import ParticipantFactory

    colleague = ParticipantFactory(delegation=bolivia, user__email="carla@test.org")
    ParticipantFactory(delegation=ecuador, user__email="elena@test.org")
    client.force_login(bolivia_member)

    own = client.get(bolivia.get_absolute_url()).content.decode()
    other = client.get(ecuador.get_absolute_url())

    assert f'href="mailto:{colleague.user.email}"' in own
    assert "Invitation" not in own  # invitation states stay with the staff
    assert other.status_code == 404
