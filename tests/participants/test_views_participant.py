"""Adding, editing and removing one participant: organizers only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.models import Participant
from accounts.models import User


def form(delegation, **changes):
    data = {
        "full_name": "Nora Nueva",
        "email": "nora@test.org",
        "delegation": delegation.pk,
        "sector": "civil_society",
        "organization": "Red de Mujeres",
        "position": "Coordinadora",
        "preferred_language": "es",
    }
    data.update(changes)
    return data


def test_participant_create_organizer_adds_a_new_person(
    client, organizer, convening, bolivia
):
    client.force_login(organizer)

    response = client.post(
        reverse("participants:participant_create", args=[convening.pk]), form(bolivia)
    )

    assert response.status_code == 302
    assert response.url == bolivia.get_absolute_url()
    participant = Participant.objects.get(user__email="nora@test.org")
    assert (participant.delegation, participant.sector, participant.position) == (
        bolivia,
        "civil_society",
        "Coordinadora",
    )
    page = client.get(response.url).content.decode()
    assert "Nora Nueva was added to the delegation of Bolivia." in page


def test_participant_create_add_another_comes_back_to_the_form(
    client, organizer, convening, bolivia
):
    client.force_login(organizer)

    response = client.post(
        reverse("participants:participant_create", args=[convening.pk]),
        {**form(bolivia), "add_another": "1"},
    )

    assert response.url == (
        reverse("participants:participant_create", args=[convening.pk])
        + f"?delegation={bolivia.pk}"
    )


def test_participant_create_form_preselects_the_delegation(
    client, organizer, convening, bolivia, ecuador
):
    client.force_login(organizer)

    response = client.get(
        reverse("participants:participant_create", args=[convening.pk])
        + f"?delegation={ecuador.pk}"
    )

    assert response.status_code == 200
    assert response.context["form"].initial["delegation"] == ecuador.pk


def test_participant_create_refuses_a_person_in_another_delegation(
    client, organizer, convening, bolivia, ecuador_member
):
    client.force_login(organizer)

    response = client.post(
        reverse("participants:participant_create", args=[convening.pk]),
        form(bolivia, email="EC@test.org"),
    )

    assert response.status_code == 200
    assert (
        "Elena Ecuador is already a member of the delegation of Ecuador in this "
        "convening." in response.content.decode()
    )
    assert ecuador_member.memberships.count() == 1


def test_participant_create_refuses_a_delegation_of_another_convening(
    client, organizer, convening, bolivia
):
    from tests import factories

    elsewhere = factories.DelegationFactory(country="PE")
    client.force_login(organizer)

    response = client.post(
        reverse("participants:participant_create", args=[convening.pk]), form(elsewhere)
    )

    assert response.status_code == 200
    assert not User.objects.filter(email="nora@test.org").exists()


@pytest.mark.parametrize(
    "who", ["other_organizer", "facilitator", "bolivia_member", "other_facilitator"]
)
def test_participant_create_refuses_who_does_not_organize(
    client, convening, bolivia, who, request
):
    client.force_login(request.getfixturevalue(who))
    url = reverse("participants:participant_create", args=[convening.pk])

    assert (
        client.get(url).status_code,
        client.post(url, form(bolivia)).status_code,
    ) == (
        404,
        404,
    )
    assert not User.objects.filter(email="nora@test.org").exists()


def test_participant_create_anonymous_goes_to_login(client, convening, bolivia):
    response = client.post(
        reverse("participants:participant_create", args=[convening.pk]), form(bolivia)
    )

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_participant_update_organizer_edits_membership_and_fresh_account(
    client, organizer, bolivia, ecuador, bolivia_member
):
    participant = bolivia_member.memberships.get()
    client.force_login(organizer)

    response = client.post(
        reverse("participants:participant_update", args=[participant.pk]),
        form(ecuador, email="berta@test.org", full_name="Berta B."),
    )

    assert response.status_code == 302
    participant.refresh_from_db()
    bolivia_member.refresh_from_db()
    assert participant.delegation == ecuador
    assert (bolivia_member.email, bolivia_member.full_name) == (
        "berta@test.org",
        "Berta B.",
    )


def test_participant_update_cannot_change_an_account_in_use(
    client, organizer, bolivia, bolivia_member
):
    bolivia_member.last_login = timezone.now()
    bolivia_member.save()
    participant = bolivia_member.memberships.get()
    client.force_login(organizer)

    page = client.get(reverse("participants:participant_update", args=[participant.pk]))
    response = client.post(
        reverse("participants:participant_update", args=[participant.pk]),
        form(bolivia, email="attacker@evil.test", position="Minister"),
    )

    assert "only they can change it" in page.content.decode()
    assert response.status_code == 302
    bolivia_member.refresh_from_db()
    participant.refresh_from_db()
    assert bolivia_member.email == "bo@test.org"
    assert participant.position == "Minister"


@pytest.mark.parametrize(
    "who", ["other_organizer", "facilitator", "bolivia_member", "ecuador_member"]
)
def test_participant_update_refuses_who_does_not_organize(
    client, bolivia, bolivia_member, who, request
):
    participant = bolivia_member.memberships.get()
    client.force_login(request.getfixturevalue(who))
    url = reverse("participants:participant_update", args=[participant.pk])

    get = client.get(url)
    post = client.post(url, form(bolivia, email="bo@test.org", position="Hacked"))

    assert (get.status_code, post.status_code) == (404, 404)
    participant.refresh_from_db()
    assert participant.position == "Adviser"


def test_participant_update_anonymous_goes_to_login(client, bolivia_member):
    participant = bolivia_member.memberships.get()

    response = client.get(
        reverse("participants:participant_update", args=[participant.pk])
    )

    assert response.status_code == 302


def test_participant_remove_asks_then_removes(
    client, organizer, bolivia, bolivia_member
):
    participant = bolivia_member.memberships.get()
    client.force_login(organizer)
    url = reverse("participants:participant_remove", args=[participant.pk])

    confirm = client.get(url)
    response = client.post(url)

    assert "Remove Berta Bolivia from the delegation of Bolivia?" in (
        confirm.content.decode()
    )
    assert response.status_code == 302
    assert response.url == bolivia.get_absolute_url()
    assert not Participant.objects.filter(pk=participant.pk).exists()
    assert User.objects.filter(pk=bolivia_member.pk).exists()


@pytest.mark.parametrize(
    "who", ["other_organizer", "facilitator", "bolivia_member", "ecuador_member"]
)
def test_participant_remove_refuses_who_does_not_organize(
    client, bolivia_member, who, request
):
    participant = bolivia_member.memberships.get()
    client.force_login(request.getfixturevalue(who))

    response = client.post(
        reverse("participants:participant_remove", args=[participant.pk])
    )

    assert response.status_code == 404
    assert Participant.objects.filter(pk=participant.pk).exists()


def test_participant_remove_anonymous_goes_to_login(client, bolivia_member):
    participant = bolivia_member.memberships.get()

    response = client.post(
        reverse("participants:participant_remove", args=[participant.pk])
    )

    assert response.status_code == 302
    assert Participant.objects.filter(pk=participant.pk).exists()


def test_an_account_in_use_added_to_another_convening_is_told_by_e_mail(
    client, organizer, convening, bolivia, django_capture_on_commit_callbacks
):
    """Reusing an account across convenings is fine, but never behind the back of
    the person who uses it; and the organizer is not told that person's name."""
    from django.core import mail

    from tests import factories

    elsewhere = factories.ParticipantFactory(
        user__email="ines@test.org",
        user__full_name="Inés Real",
        user__preferred_language="en",
        user__last_login=timezone.now(),
    ).user
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("participants:participant_create", args=[convening.pk]),
            form(bolivia, email="INES@test.org", full_name="Typed Name"),
            follow=True,
        )

    page = response.content.decode()
    assert "Typed Name was added to the delegation of Bolivia." in page
    assert Participant.objects.filter(user=elsewhere, delegation=bolivia).exists()
    (message,) = mail.outbox
    assert message.to == ["ines@test.org"]
    assert message.subject == f"You were added to {convening.name} — NAP Academy"
    assert "added you to the delegation of Bolivia" in message.body
    assert "http://testserver/accounts/login/" in message.body


def test_an_account_nobody_uses_yet_gets_no_such_e_mail(
    client, organizer, convening, bolivia, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tests import factories

    factories.ParticipantFactory(user__email="nadie@test.org", user__last_login=None)
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("participants:participant_create", args=[convening.pk]),
            form(bolivia, email="nadie@test.org"),
        )

    assert mail.outbox == []
