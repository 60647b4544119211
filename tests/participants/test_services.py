import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from academy.enums import Role
from academy.models import Participant
from accounts.models import User
from participants import services
from tests import factories


def test_participant_create_makes_an_account_without_password(bolivia):
    participant = services.participant_create(
        delegation=bolivia,
        email=" Nueva@Example.org ",
        full_name="Nueva Persona",
        sector="government",
        organization="Cancillería",
        position="Directora",
        preferred_language="en",
    )

    user = participant.user
    assert (user.email, user.full_name, user.preferred_language) == (
        "nueva@example.org",
        "Nueva Persona",
        "en",
    )
    assert not user.has_usable_password()
    assert participant.convening_id == bolivia.convening_id
    assert (participant.organization, participant.position) == (
        "Cancillería",
        "Directora",
    )


def test_participant_create_reuses_an_account_and_keeps_its_name(bolivia):
    known = factories.ParticipantFactory(
        user__email="known@test.org", user__full_name="Known Person"
    ).user

    participant = services.participant_create(
        delegation=bolivia,
        email="KNOWN@test.org",
        full_name="Typed Differently",
        sector="civil_society",
    )

    assert participant.user == known
    known.refresh_from_db()
    assert known.full_name == "Known Person"
    assert known.memberships.count() == 2


def test_participant_create_refuses_a_person_of_another_delegation(
    bolivia, ecuador_member
):
    with pytest.raises(ValidationError) as error:
        services.participant_create(
            delegation=bolivia,
            email="ec@test.org",
            full_name="Elena",
            sector="government",
        )

    assert error.value.message_dict == {
        "email": [
            "Elena Ecuador is already a member of the delegation of Ecuador in "
            "this convening."
        ]
    }
    assert Participant.objects.filter(user=ecuador_member).count() == 1


def test_participant_update_moves_to_another_delegation_and_drops_focal_point(
    bolivia, ecuador, bolivia_member
):
    bolivia.focal_point = bolivia_member
    bolivia.save()
    participant = bolivia_member.memberships.get()

    services.participant_update(
        participant=participant,
        delegation=ecuador,
        sector="civil_society",
        organization="ONG",
        position="Directora",
    )

    participant.refresh_from_db()
    bolivia.refresh_from_db()
    assert (participant.delegation, participant.sector) == (ecuador, "civil_society")
    assert bolivia.focal_point is None


def test_participant_update_refuses_a_delegation_of_another_convening(
    bolivia_member,
):
    elsewhere = factories.DelegationFactory(country="PE")

    with pytest.raises(ValidationError):
        services.participant_update(
            participant=bolivia_member.memberships.get(),
            delegation=elsewhere,
            sector="government",
        )


def test_participant_update_changes_a_fresh_account(bolivia, bolivia_member):
    services.participant_update(
        participant=bolivia_member.memberships.get(),
        delegation=bolivia,
        sector="government",
        email="Berta.New@test.org",
        full_name="Berta B.",
        preferred_language="es",
    )

    bolivia_member.refresh_from_db()
    assert (
        bolivia_member.email,
        bolivia_member.full_name,
        bolivia_member.preferred_language,
    ) == ("berta.new@test.org", "Berta B.", "es")


@pytest.mark.parametrize("situation", ["signed_in", "other_convening", "staff_role"])
def test_participant_update_refuses_to_change_an_account_in_use(
    bolivia, bolivia_member, situation
):
    if situation == "signed_in":
        bolivia_member.last_login = timezone.now()
        bolivia_member.save()
    elif situation == "other_convening":
        factories.ParticipantFactory(user=bolivia_member)
    else:
        factories.RoleFactory(user=bolivia_member, role=Role.ORGANIZER)

    with pytest.raises(ValidationError):
        services.participant_update(
            participant=bolivia_member.memberships.filter(delegation=bolivia).get(),
            delegation=bolivia,
            sector="government",
            email="attacker@evil.test",
        )

    bolivia_member.refresh_from_db()
    assert bolivia_member.email == "bo@test.org"


def test_participant_update_refuses_an_e_mail_of_another_account(
    bolivia, bolivia_member
):
    factories.UserFactory(email="taken@test.org")

    with pytest.raises(ValidationError) as error:
        services.participant_update(
            participant=bolivia_member.memberships.get(),
            delegation=bolivia,
            sector="government",
            email="taken@test.org",
        )

    assert "email" in error.value.message_dict


def test_participant_remove_keeps_the_account_and_drops_focal_point(
    bolivia, bolivia_member
):
    bolivia.focal_point = bolivia_member
    bolivia.save()

    services.participant_remove(participant=bolivia_member.memberships.get())

    bolivia.refresh_from_db()
    assert bolivia.focal_point is None
    assert not Participant.objects.filter(user=bolivia_member).exists()
    assert User.objects.filter(pk=bolivia_member.pk).exists()


def test_participants_bulk_create_is_all_or_nothing(convening, bolivia, ecuador_member):
    users = User.objects.count()
    people = [
        services.NewParticipant(
            email="fresh@test.org",
            full_name="Fresh",
            preferred_language="es",
            delegation_id=bolivia.pk,
            sector="government",
        ),
        # Already in the convening: the database refuses the batch.
        services.NewParticipant(
            email="ec@test.org",
            full_name="Elena",
            preferred_language="es",
            delegation_id=bolivia.pk,
            sector="government",
        ),
    ]

    with pytest.raises(IntegrityError):
        services.participants_bulk_create(convening=convening, people=people)

    assert User.objects.count() == users
    assert not User.objects.filter(email="fresh@test.org").exists()
