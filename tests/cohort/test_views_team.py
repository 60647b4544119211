"""Organizers run the team in the browser (cohort/views/team.py, academy/team.py):
co-organizers and facilitators added, told by e-mail and removed, facilitators
assigned to delegations, the right to create convenings given and taken back;
every change recorded with who made it."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from academy.enums import Role, TeamAction
from academy.models import ConveningRole, TeamChange
from accounts.models import User
from tests import factories


@pytest.fixture(autouse=True)
def _emails_in_process(in_process_tasks):
    """E-mails are sent in this process, whatever CELERY_BROKER_URL says."""


def _team_url(convening):
    return reverse("cohort:convening_team", args=[convening.pk])


def test_organizer_adds_a_new_facilitator_who_gets_a_link_to_choose_a_password(
    client, organizer, convening, django_capture_on_commit_callbacks
):
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _team_url(convening),
            {
                "email": " Fara.Nueva@Example.org ",
                "full_name": "Fara Nueva",
                "role": "facilitator",
                "language": "es",
            },
            follow=True,
        )

    page = response.content.decode()
    assert "Fara Nueva is now facilitator; an e-mail tells them." in page
    person = User.objects.get(email="fara.nueva@example.org")
    assert not person.has_usable_password()
    assert ConveningRole.objects.filter(
        convening=convening, user=person, role=Role.FACILITATOR
    ).exists()
    change = TeamChange.objects.get(person=person)
    assert (change.action, change.role, change.changed_by) == (
        TeamAction.ADDED,
        Role.FACILITATOR,
        organizer,
    )
    (message,) = mail.outbox
    assert message.to == ["fara.nueva@example.org"]
    with translation.override("es"):
        assert message.subject == (
            f"{Role.FACILITATOR.label} de {convening.name} en NAP Academy"
        )
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)
    # The link lets the holder of the address choose the password.
    chosen = client.get(link, follow=True)
    assert chosen.status_code == 200
    assert "new_password1" in chosen.content.decode()


def test_an_account_in_use_is_told_it_was_added_and_keeps_its_name(
    client, organizer, convening, other_facilitator, django_capture_on_commit_callbacks
):
    other_facilitator.last_login = other_facilitator.date_joined
    other_facilitator.preferred_language = "en"
    other_facilitator.save()
    name = other_facilitator.full_name
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _team_url(convening),
            {
                "email": other_facilitator.email.upper(),
                "full_name": "Another Name",
                "role": "organizer",
                "language": "es",
            },
        )

    other_facilitator.refresh_from_db()
    assert other_facilitator.full_name == name
    assert ConveningRole.objects.filter(
        convening=convening, user=other_facilitator, role=Role.ORGANIZER
    ).exists()
    (message,) = mail.outbox
    assert message.subject == f"Organizer of {convening.name} on NAP Academy"
    assert "Sign in with your usual password:" in message.body
    assert "/accounts/reset/" not in message.body


def test_the_same_role_twice_is_refused_in_place(client, organizer, convening):
    client.force_login(organizer)

    response = client.post(
        _team_url(convening),
        {
            "email": organizer.email,
            "full_name": "",
            "role": "organizer",
            "language": "es",
        },
    )

    assert response.status_code == 200
    assert "This person is already in the team with this role." in (
        response.content.decode()
    )
    assert not TeamChange.objects.exists()


def test_the_team_page_shows_who_holds_which_role_and_what_changed(
    client, organizer, facilitator, convening, bolivia
):
    from academy.team import delegation_facilitators_set

    delegation_facilitators_set(
        delegation=bolivia, facilitators=[facilitator], changed_by=organizer
    )
    client.force_login(organizer)

    page = re.sub(r"\s+", " ", client.get(_team_url(convening)).content.decode())

    assert f"{facilitator.full_name}<span" in page
    assert "<td>Facilitator</td> <td>Bolivia</td>" in page
    assert (
        f"{facilitator.full_name} assigned to a delegation (facilitator): Bolivia · "
        f"by {organizer.full_name}"
    ) in page


def test_removing_a_facilitator_unassigns_their_delegations_and_is_recorded(
    client, organizer, facilitator, convening, bolivia
):
    bolivia.facilitators.add(facilitator)
    role = ConveningRole.objects.get(user=facilitator, convening=convening)
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:convening_team_remove", args=[convening.pk, role.pk]),
        follow=True,
    )

    assert f"{facilitator.full_name} is no longer facilitator." in (
        response.content.decode()
    )
    assert not ConveningRole.objects.filter(pk=role.pk).exists()
    assert not bolivia.facilitators.exists()
    assert list(
        TeamChange.objects.order_by("pk").values_list("action", "changed_by")
    ) == [
        (TeamAction.UNASSIGNED, organizer.pk),
        (TeamAction.REMOVED, organizer.pk),
    ]
    # Without the role, the roll call is closed to them.
    client.force_login(facilitator)
    session = factories.SessionFactory(convening=convening)
    assert client.get(f"/sessions/{session.pk}/roll-call/").status_code == 404


def test_the_last_organizer_cannot_be_removed(client, organizer, convening):
    role = ConveningRole.objects.get(user=organizer, convening=convening)
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:convening_team_remove", args=[convening.pk, role.pk]),
        follow=True,
    )

    assert "A convening keeps at least one organizer: add another one first." in (
        response.content.decode()
    )
    assert ConveningRole.objects.filter(pk=role.pk).exists()


def test_a_facilitator_is_assigned_to_delegations_on_the_delegation_form(
    client, organizer, facilitator, convening, bolivia
):
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:delegation_update", args=[bolivia.pk]),
        {
            "country": "BO",
            "nap_status": "none",
            "facilitators": [facilitator.pk],
            "notes": "",
        },
    )

    assert response.status_code == 302
    assert list(bolivia.facilitators.all()) == [facilitator]
    assert TeamChange.objects.get().delegation == bolivia


def test_a_facilitator_of_another_convening_cannot_be_assigned(
    client, organizer, other_facilitator, bolivia
):
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:delegation_update", args=[bolivia.pk]),
        {
            "country": "BO",
            "nap_status": "none",
            "facilitators": [other_facilitator.pk],
        },
    )

    assert response.status_code == 200
    assert not bolivia.facilitators.exists()


@pytest.mark.parametrize("who", ["facilitator", "bolivia_member", "other_organizer"])
def test_only_the_convening_s_organizers_manage_its_team(
    client, request, who, convening
):
    client.force_login(request.getfixturevalue(who))

    assert client.get(_team_url(convening)).status_code == 404


# Who may create convenings
# ------------------------------------------------------------------------------


def test_an_organizer_lets_a_co_organizer_create_convenings(
    client, organizer, other_organizer, convening
):
    client.force_login(organizer)
    assert client.get(reverse("cohort:convening_create")).status_code == 404

    response = client.post(
        reverse("cohort:convening_creators"),
        {"email": other_organizer.email.upper()},
        follow=True,
    )

    assert f"{other_organizer.full_name} may now create convenings." in (
        response.content.decode()
    )
    client.force_login(User.objects.get(pk=other_organizer.pk))
    home = client.get("/").content.decode()
    assert "New convening" in home
    assert client.get(reverse("cohort:convening_create")).status_code == 200
    assert TeamChange.objects.get().action == TeamAction.CREATOR_GRANTED

    client.force_login(organizer)
    client.post(reverse("cohort:convening_creator_revoke", args=[other_organizer.pk]))
    client.force_login(User.objects.get(pk=other_organizer.pk))
    assert client.get(reverse("cohort:convening_create")).status_code == 404


def test_creation_is_given_to_existing_accounts_only(client, organizer, convening):
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:convening_creators"), {"email": "nobody@example.org"}
    )

    assert "No account uses this address" in response.content.decode()


@pytest.mark.parametrize("who", ["facilitator", "bolivia_member"])
def test_people_who_organize_nothing_cannot_give_the_right(client, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("cohort:convening_creators")).status_code == 404
