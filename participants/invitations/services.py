"""Changing invitations: invite one participant or everyone not yet invited,
resend, accept, ask for a new link.

A link works once, until it expires (``settings.INVITATION_MAX_AGE_DAYS``, 14 days
by default) or a newer invitation replaces it. E-mails are handed to the worker
only after the transaction commits, so a rolled-back invitation never reaches
anyone.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError

from academy.models import Participant
from accounts.models import User
from participants.invitations.emails import failure_reason, invitation_email_failed
from participants.invitations.selectors import invitation_check_open
from participants.invitations.states import (
    REQUEST_COOLDOWN,
    InvitationError,
    invitation_max_age,
)
from participants.models import Invitation

logger = logging.getLogger(__name__)


def _invitations_create(*, participants, sent_by, now) -> list[Invitation]:
    """A new invitation for each participant, in two queries: their open
    invitations are revoked first (one open invitation per participant). Each
    one's e-mail counts as queued from now on."""
    Invitation.objects.filter(
        participant__in=participants, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    addresses = dict(
        Participant.objects.filter(
            pk__in=[participant.pk for participant in participants]
        ).values_list("pk", "user__email")
    )
    return Invitation.objects.bulk_create(
        [
            Invitation(
                participant=participant,
                email=addresses[participant.pk],
                sent_by=sent_by,
                sent_at=now,
                expires_at=now + invitation_max_age(),
                email_queued_at=now,
            )
            for participant in participants
        ]
    )


@transaction.atomic
def invitation_send(
    *, participant: Participant, sent_by: User | None, base_url: str
) -> Invitation:
    """Invite one participant, or invite them again.

    Side effects: revokes the participant's open invitations (their links stop
    working); after commit, queues the e-mail of the new link, sent by the worker
    in the participant's language. Raises InvitationError when the participant
    has already accepted.
    """
    participant = Participant.objects.select_for_update(of=("self",)).get(
        pk=participant.pk
    )
    if Invitation.objects.filter(
        participant=participant, accepted_at__isnull=False
    ).exists():
        raise InvitationError(
            _("This person has already accepted the invitation and can sign in.")
        )
    [invitation] = _invitations_create(
        participants=[participant], sent_by=sent_by, now=timezone.now()
    )
    _emails_after_commit(invitations=[invitation], base_url=base_url)
    return invitation


@transaction.atomic
def invitation_send_all(
    *, convening, sent_by: User | None, base_url: str
) -> list[Invitation]:
    """Invite every participant of the convening who has never been invited.

    Participants with a pending, expired or accepted invitation are left alone
    (resend those one by one). Side effects: after commit, one e-mail queued per
    new invitation, each sent in its recipient's language.
    """
    # Lock the convening's participants so a concurrent single invitation waits.
    list(
        Participant.objects.select_for_update()
        .filter(convening=convening)
        .values_list("pk", flat=True)
    )
    never_invited = Participant.objects.filter(convening=convening).exclude(
        pk__in=Invitation.objects.filter(participant__convening=convening).values(
            "participant_id"
        )
    )
    invitations = _invitations_create(
        participants=list(never_invited), sent_by=sent_by, now=timezone.now()
    )
    _emails_after_commit(invitations=invitations, base_url=base_url)
    return invitations


@transaction.atomic
def invitation_resend_undelivered(
    *, convening, sent_by: User | None, base_url: str
) -> list[Invitation]:
    """Invite again everyone of the convening whose e-mail was not delivered.

    Side effects: as invitation_send for each (the undelivered link is revoked,
    a new one queued after commit).
    """
    undelivered = Invitation.objects.filter(
        participant__convening=convening,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        email_failed_at__isnull=False,
    )
    participants = list(
        Participant.objects.select_for_update(of=("self",))
        .filter(pk__in=undelivered.values("participant_id"))
        .order_by("pk")
    )
    invitations = _invitations_create(
        participants=participants, sent_by=sent_by, now=timezone.now()
    )
    _emails_after_commit(invitations=invitations, base_url=base_url)
    return invitations


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """The invited person chose a password (already validated by the form).

    Side effects: sets the password; marks the invitation accepted, so its link
    stops working. Raises LinkUnusable if the link was used or replaced meanwhile.
    """
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("participant__user")
        .get(pk=invitation.pk)
    )
    now = timezone.now()
    invitation_check_open(invitation=invitation, now=now)
    user = invitation.participant.user
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def invitation_request_new(*, email: str, base_url: str) -> int:
    """Someone whose link expired or was used asks for a new one.

    A fresh invitation goes to each membership of that address that was invited
    and has not accepted, unless a link went out in the last REQUEST_COOLDOWN.
    Everyone else gets nothing, and the caller answers the same in every case so
    addresses cannot be probed. Side effects: as invitation_send for each one.
    Returns how many invitations were made.
    """
    participants = list(
        Participant.objects.select_for_update(of=("self",)).filter(
            user__email__iexact=email.strip(), user__is_active=True
        )
    )
    if not participants:
        return 0
    live = list(
        Invitation.objects.filter(participant__in=participants, revoked_at__isnull=True)
    )
    accepted = {i.participant_id for i in live if i.accepted_at is not None}
    newest = {}
    for invitation in live:
        if invitation.accepted_at is None:
            newest[invitation.participant_id] = invitation
    now = timezone.now()
    due = [
        participant
        for participant in participants
        if participant.pk not in accepted
        and participant.pk in newest
        and newest[participant.pk].sent_at <= now - REQUEST_COOLDOWN
    ]
    created = _invitations_create(participants=due, sent_by=None, now=now)
    _emails_after_commit(invitations=created, base_url=base_url)
    return len(created)


def _emails_after_commit(*, invitations, base_url):
    if not invitations:
        return
    invitation_ids = [invitation.pk for invitation in invitations]

    def queue():
        invitation_emails_queue(invitation_ids=invitation_ids, base_url=base_url)

    # robust: whatever goes wrong while queueing, the invitations are saved.
    transaction.on_commit(queue, robust=True)


def invitation_emails_queue(*, invitation_ids: list[int], base_url: str) -> int:
    """Hand each invitation's e-mail to the worker, one task per invitation
    (called once the invitations are committed). Returns how many were queued.

    Side effects: with no broker configured the tasks run here and now. An
    e-mail the queue cannot take (the broker is down) is recorded as not
    delivered at once, so the organizer sees it and sends it again.
    """
    from participants.tasks import invitation_email_send

    queued = 0
    for invitation_id in invitation_ids:
        try:
            invitation_email_send.apply_async(
                kwargs={"invitation_id": invitation_id, "base_url": base_url}
            )
        except OperationalError as error:
            logger.warning(
                "Invitation %s not queued: broker unreachable", invitation_id
            )
            invitation_email_failed(
                invitation_id=invitation_id, reason=failure_reason(error)
            )
        else:
            queued += 1
    return queued
