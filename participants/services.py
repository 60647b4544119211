"""Changes to participants: membership of a person in a delegation.

Organizers add people by e-mail. A new e-mail creates an account without a
usable password (the invitation lets the person set one). An account that is
already in use elsewhere keeps its own name, e-mail and language: an organizer of
one convening must not be able to change the login of someone who belongs to
another convening.
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from academy.models import Convening, ConveningRole, Delegation, Participant
from accounts.models import User


def email_normalize(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


def account_editable_by_organizers(*, user: User, convening: Convening) -> bool:
    """Whether the organizers of ``convening`` may change this account's name,
    e-mail and language: only while nobody has signed in with it and it belongs
    to this convening alone."""
    if user.is_staff or user.is_superuser or user.last_login is not None:
        return False
    if ConveningRole.objects.filter(user=user).exists():
        return False
    return not (
        Participant.objects.filter(user=user).exclude(convening=convening).exists()
    )


def _membership_taken_error(membership: Participant):
    return ValidationError(
        {
            "email": _(
                "%(name)s is already a member of the delegation of %(country)s "
                "in this convening."
            )
            % {
                "name": membership.user.full_name or membership.user.email,
                "country": membership.delegation.country.name,
            }
        }
    )


@transaction.atomic
def participant_create(
    *,
    delegation: Delegation,
    email: str,
    full_name: str,
    sector: str,
    organization: str = "",
    position: str = "",
    preferred_language: str = "es",
) -> Participant:
    """Add a person to a delegation.

    Side effects: creates the person's account (no usable password) when the
    e-mail is new; an existing account keeps its own name and language. Refuses a
    person who is already in a delegation of the same convening.
    """
    email = email_normalize(email)
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email,
            password=None,
            full_name=full_name,
            preferred_language=preferred_language,
        )
    else:
        membership = (
            Participant.objects.filter(user=user, convening_id=delegation.convening_id)
            .select_related("user", "delegation")
            .first()
        )
        if membership is not None:
            raise _membership_taken_error(membership)
    return Participant.objects.create(
        user=user,
        delegation=delegation,
        sector=sector,
        organization=organization,
        position=position,
    )


@transaction.atomic
def participant_update(
    *,
    participant: Participant,
    delegation: Delegation,
    sector: str,
    organization: str = "",
    position: str = "",
    email: str | None = None,
    full_name: str | None = None,
    preferred_language: str | None = None,
) -> Participant:
    """Change a membership, and the account's name, e-mail and language when the
    organizers may change them (see ``account_editable_by_organizers``).

    Side effects: moving the person to another delegation of the convening drops
    them as focal point of the one they leave.
    """
    if delegation.convening_id != participant.convening_id:
        raise ValidationError(
            {"delegation": _("Choose a delegation of the same convening.")}
        )
    user = participant.user
    changes = {}
    if email is not None and email_normalize(email) != user.email.lower():
        changes["email"] = email_normalize(email)
    if full_name is not None and full_name != user.full_name:
        changes["full_name"] = full_name
    if preferred_language is not None and preferred_language != (
        user.preferred_language
    ):
        changes["preferred_language"] = preferred_language
    if changes:
        if not account_editable_by_organizers(
            user=user, convening=participant.delegation.convening
        ):
            raise ValidationError(
                _(
                    "This person already uses their account: only they can change "
                    "their name, e-mail address and language."
                )
            )
        if (
            "email" in changes
            and User.objects.filter(email__iexact=changes["email"])
            .exclude(pk=user.pk)
            .exists()
        ):
            raise ValidationError(
                {"email": _("Another account already uses this e-mail address.")}
            )
        for field, value in changes.items():
            setattr(user, field, value)
        user.save(update_fields=list(changes))

    old_delegation = participant.delegation
    if old_delegation.pk != delegation.pk and old_delegation.focal_point_id == user.pk:
        old_delegation.focal_point = None
        old_delegation.save(update_fields=["focal_point"])
    participant.delegation = delegation
    participant.sector = sector
    participant.organization = organization
    participant.position = position
    participant.save()
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant) -> None:
    """Take a person out of their delegation.

    Side effects: the account stays (it may belong to other convenings); the
    person stops being the delegation's focal point; what hangs from the
    membership (invitations, attendance) is deleted with it.
    """
    delegation = participant.delegation
    if delegation.focal_point_id == participant.user_id:
        delegation.focal_point = None
        delegation.save(update_fields=["focal_point"])
    participant.delete()


@dataclass
class NewParticipant:
    email: str
    full_name: str
    preferred_language: str
    delegation_id: int
    sector: str
    organization: str = ""
    position: str = ""


@dataclass
class BulkResult:
    participants: list
    accounts_created: int


@transaction.atomic
def participants_bulk_create(
    *, convening: Convening, people: list[NewParticipant]
) -> BulkResult:
    """Add many people to the convening's delegations in a few queries.

    The caller has validated the rows (see participants.imports). Side effects:
    creates accounts (no usable password) for new e-mails; existing accounts keep
    their name and language. A person already in the convening makes the database
    refuse the whole batch (IntegrityError), so nothing is half-imported.
    """
    emails = [email_normalize(person.email) for person in people]
    users = {
        user.email.lower(): user
        for user in User.objects.annotate(email_lower=Lower("email")).filter(
            email_lower__in=emails
        )
    }
    new_users = [
        User(
            email=email,
            full_name=person.full_name,
            preferred_language=person.preferred_language,
            password=make_password(None),
        )
        for email, person in zip(emails, people, strict=True)
        if email not in users
    ]
    created = User.objects.bulk_create(new_users, batch_size=500)
    if any(user.pk is None for user in created):
        created = User.objects.filter(email__in=[user.email for user in new_users])
    users.update({user.email: user for user in created})
    participants = Participant.objects.bulk_create(
        [
            Participant(
                user=users[email],
                delegation_id=person.delegation_id,
                convening_id=convening.pk,
                sector=person.sector,
                organization=person.organization,
                position=person.position,
            )
            for email, person in zip(emails, people, strict=True)
        ],
        batch_size=500,
    )
    return BulkResult(participants=participants, accounts_created=len(new_users))
