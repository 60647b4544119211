"""Changes to participants: membership of a person in a delegation.

Organizers add people by e-mail. A new e-mail creates an account without a
usable password (the invitation lets the person set one). An account that is
already in use elsewhere keeps its own name, e-mail and language: an organizer of
one convening must not be able to change the login of someone who belongs to
another convening.
"""

import logging
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError

from academy.models import Convening, ConveningRole, Delegation, Participant
from academy.services import attendance_changed
from accounts.addresses import email_normalize
from accounts.models import User
from participants.models import Invitation

logger = logging.getLogger(__name__)


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
    base_url: str = "",
) -> Participant:
    """Add a person to a delegation.

    Side effects: creates the person's account (no usable password) when the
    e-mail is new; an existing account keeps its own name and language, and,
    when its holder already uses it, is told by e-mail after the commit
    (``base_url`` is the site's address for the sign-in link). Refuses a person
    who is already in a delegation of the same convening. An account nobody has
    used yet is only a placeholder: its invitation links work only for the
    address they were sent to, so no organizer can take it over.
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
    participant = Participant.objects.create(
        user=user,
        delegation=delegation,
        sector=sector,
        organization=organization,
        position=position,
    )
    _memberships_announce(participants=[participant], base_url=base_url)
    return participant


def _memberships_announce(*, participants, base_url: str) -> None:
    """After the commit, tell each person who already uses their account that
    they joined a delegation (participants.membership_emails)."""
    in_use = [
        participant.pk
        for participant in participants
        if participant.user.last_login is not None
    ]
    if not in_use or not base_url:
        return
    from participants.tasks import membership_added_email_send

    def queue():
        for participant_id in in_use:
            try:
                membership_added_email_send.apply_async(
                    kwargs={"participant_id": participant_id, "base_url": base_url}
                )
            except OperationalError:
                logger.warning("Membership e-mail %s lost: no broker", participant_id)

    transaction.on_commit(queue, robust=True)


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
    them as focal point of the one they leave. A new e-mail address revokes every
    open invitation of the account (the links went to the old address; the
    returned participant's ``invitations_revoked`` says how many) and leaves the
    account without a usable password.
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
        if "email" in changes:
            # Links sent to the old address stop working (the invitation belongs
            # to the address it was sent to), and no password set through one
            # of them survives: the new address's holder sets it.
            user.set_unusable_password()
            changes["password"] = user.password
            revoked = Invitation.objects.filter(
                participant__user=user,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
            ).update(revoked_at=timezone.now())
            participant.invitations_revoked = revoked
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
    membership (invitations, attendance) is deleted with it, and the
    convening's attendance revision bumped.
    """
    attendance_changed(convening_id=participant.convening_id)
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
    *, convening: Convening, people: list[NewParticipant], base_url: str = ""
) -> BulkResult:
    """Add many people to the convening's delegations in a few queries.

    The caller has validated the rows (see participants.imports). Side effects:
    creates accounts (no usable password) for new e-mails; existing accounts keep
    their name and language. A person already in the convening makes the database
    refuse the whole batch (IntegrityError), so nothing is half-imported.
    People who already use their account are told by e-mail after the commit.
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
    _memberships_announce(participants=participants, base_url=base_url)
    return BulkResult(participants=participants, accounts_created=len(new_users))
